// SpreadsheetApp of the local Workspace: Spreadsheet, Sheet, Range, builders and Ui over the in-memory model.
import { parseA1, quoteSheetName, splitSheetName, toA1 } from './a1';
import { displayValue } from './formats';
import type { Host, MenuItem } from './host';
import { unwrap } from './expose';
import {
  type Bounds, type Cell, type CellValue, type ConditionalRuleData, type DeveloperMetadataData, type ProtectionData, type ValidationData,
  DEFAULT_GRID, SheetModel, SpreadsheetModel, interpretInput, overlaps, protectionsOf,
} from './spreadsheet-model';
import { SheetCharts } from './charts';

export const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';

const PROTECTED_EDIT_ERROR = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

function enumOf<T extends string>(...names: T[]): Record<T, T> {
  return Object.fromEntries(names.map((n) => [n, n])) as Record<T, T>;
}

export const ProtectionType = enumOf('RANGE', 'SHEET');
export const DataValidationCriteria = enumOf(
  'DATE_AFTER', 'DATE_BEFORE', 'DATE_BETWEEN', 'DATE_EQUAL_TO', 'DATE_IS_VALID_DATE', 'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER', 'DATE_ON_OR_BEFORE', 'NUMBER_BETWEEN', 'NUMBER_EQUAL_TO', 'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO', 'NUMBER_LESS_THAN', 'NUMBER_LESS_THAN_OR_EQUAL_TO', 'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO', 'TEXT_CONTAINS', 'TEXT_DOES_NOT_CONTAIN', 'TEXT_EQUAL_TO', 'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL', 'VALUE_IN_LIST', 'VALUE_IN_RANGE', 'CUSTOM_FORMULA', 'CHECKBOX',
);
export const BooleanCriteria = enumOf(
  'CELL_EMPTY', 'CELL_NOT_EMPTY', 'DATE_AFTER', 'DATE_BEFORE', 'DATE_EQUAL_TO', 'NUMBER_BETWEEN', 'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN', 'NUMBER_GREATER_THAN_OR_EQUAL_TO', 'NUMBER_LESS_THAN', 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN', 'NUMBER_NOT_EQUAL_TO', 'TEXT_CONTAINS', 'TEXT_DOES_NOT_CONTAIN', 'TEXT_ENDS_WITH',
  'TEXT_EQUAL_TO', 'TEXT_STARTS_WITH', 'CUSTOM_FORMULA',
);
export const DeveloperMetadataVisibility = enumOf('DOCUMENT', 'PROJECT');
export const DeveloperMetadataLocationType = enumOf('SPREADSHEET', 'SHEET', 'ROW', 'COLUMN');
export const ButtonSet = enumOf('OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL');
export const Button = enumOf('CLOSE', 'OK', 'CANCEL', 'YES', 'NO');
export const WrapStrategy = enumOf('WRAP', 'OVERFLOW', 'CLIP');

function cloneValue(value: CellValue): CellValue {
  return value instanceof Date ? new Date(value.getTime()) : value;
}

/** Apps Script's "Range not found" for unparseable or unknown A1 notation. */
function rangeNotFound(): Error {
  return new Error('Range not found');
}

export class SpreadsheetAppService {
  readonly ProtectionType = ProtectionType;
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly BooleanCriteria = BooleanCriteria;
  readonly WrapStrategy = WrapStrategy;
  readonly DeveloperMetadataVisibility = DeveloperMetadataVisibility;
  readonly DeveloperMetadataLocationType = DeveloperMetadataLocationType;

  constructor(private readonly host: Host) {}

  getActiveSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet | null {
    this.host.requireAuthorization('SpreadsheetApp.getActiveSpreadsheet');
    this.host.requireScope('SpreadsheetApp.getActiveSpreadsheet', ['spreadsheets.currentonly', 'spreadsheets']);
    if (!this.host.activeSpreadsheetId) return null;
    return spreadsheetFor(this.host, this.host.activeSpreadsheetId);
  }

  getActive(): GoogleAppsScript.Spreadsheet.Spreadsheet | null {
    return this.getActiveSpreadsheet();
  }

  getActiveSheet(): GoogleAppsScript.Spreadsheet.Sheet | null {
    const ss = this.getActiveSpreadsheet();
    return ss ? ss.getActiveSheet() : null;
  }

  openById(id: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this.host.requireAuthorization('SpreadsheetApp.openById');
    // spreadsheets.currentonly covers only the document the add-on runs in, reached through getActiveSpreadsheet().
    this.host.requireScope('SpreadsheetApp.openById', ['spreadsheets']);
    this.host.openFile(id, SPREADSHEET_MIME, 'SpreadsheetApp');
    return spreadsheetFor(this.host, id);
  }

  create(name: string, rows?: number, columns?: number): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this.host.requireAuthorization('SpreadsheetApp.create');
    this.host.requireScope('SpreadsheetApp.create', ['spreadsheets']);
    const model = createSpreadsheetModel(this.host, name);
    if (rows) model.sheets[0].maxRows = rows;
    if (columns) model.sheets[0].maxColumns = columns;
    const limit = model.limitProblem();
    if (limit) { this.host.files.delete(model.id); throw new Error(limit); }
    return spreadsheetFor(this.host, model.id);
  }

  flush(): void {
    // Writes apply at once in the local model; the call is still counted, as it costs time in Apps Script.
  }

  /**
   * "Cannot call SpreadsheetApp.getUi() from this context." in a run with no editor open: time-driven
   * and form-submit trigger runs (the text as public issue threads quote it, e.g.
   * github.com/davepar/gcalendarsync/issues/93 for a time-based run). Google's reference for getUi says a
   * script reaches the UI only of an open instance of the spreadsheet; a trigger run has none.
   */
  getUi(): GoogleAppsScript.Base.Ui {
    if (!this.host.uiAvailable) throw new Error('Cannot call SpreadsheetApp.getUi() from this context.');
    return this.host.wrap('Ui', new UiImpl(this.host)) as unknown as GoogleAppsScript.Base.Ui;
  }

  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this.host.wrap('DataValidationBuilder', new DataValidationBuilderImpl(this.host)) as unknown as GoogleAppsScript.Spreadsheet.DataValidationBuilder;
  }

  newConditionalFormatRule(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    return this.host.wrap('ConditionalFormatRuleBuilder', new ConditionalFormatRuleBuilderImpl(this.host)) as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
  }
}

/** Creates a spreadsheet file owned by the active user and returns its model. */
export function createSpreadsheetModel(host: Host, name: string): SpreadsheetModel {
  const id = host.newId();
  const model = new SpreadsheetModel(id, name, host.timeZone);
  host.addFile({ id, name, mimeType: SPREADSHEET_MIME, owner: host.activeUser, content: model });
  return model;
}

export function spreadsheetModel(host: Host, id: string): SpreadsheetModel {
  const file = host.files.get(id);
  if (!file || file.mimeType !== SPREADSHEET_MIME) throw new Error(`No spreadsheet with id ${id}`);
  return file.content as SpreadsheetModel;
}

export function spreadsheetFor(host: Host, id: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return host.wrap('Spreadsheet', new SpreadsheetImpl(host, spreadsheetModel(host, id))) as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
}

function sheetFor(host: Host, ss: SpreadsheetModel, sheet: SheetModel): GoogleAppsScript.Spreadsheet.Sheet {
  return host.wrap('Sheet', new SheetImpl(host, ss, sheet)) as unknown as GoogleAppsScript.Spreadsheet.Sheet;
}

function rangeFor(host: Host, ss: SpreadsheetModel, sheet: SheetModel, b: Bounds): GoogleAppsScript.Spreadsheet.Range {
  return host.wrap('Range', new RangeImpl(host, ss, sheet, b)) as unknown as GoogleAppsScript.Spreadsheet.Range;
}

function protectionFor(host: Host, ss: SpreadsheetModel, data: ProtectionData): GoogleAppsScript.Spreadsheet.Protection {
  return host.wrap('Protection', new ProtectionImpl(host, ss, data)) as unknown as GoogleAppsScript.Spreadsheet.Protection;
}

/** Whether the active user may edit under a protection: owners and listed editors may; warning-only lets everyone. */
export function canEditProtection(host: Host, ss: SpreadsheetModel, p: ProtectionData): boolean {
  if (p.warningOnly) return true;
  const owner = host.files.get(ss.id)?.owner;
  return host.activeUser === owner || p.editors.has(host.activeUser);
}

/**
 * A new protection's editors are the spreadsheet's, and follow its sharing until the script changes
 * the list by addEditor(s), removeEditor(s) or setDomainEdit: until then the sheet or range is in
 * effect unprotected (Sheet.protect and Range.protect, developers.google.com/apps-script/reference/spreadsheet/sheet#protect
 * and /range#protect; the Protection class sample therefore adds the current user, removes the
 * other editors and turns domain edit off). Host.mirrorSpreadsheetEditors keeps them in step;
 * ProtectionImpl's editor methods end the mirroring.
 */
function newProtectionEditors(host: Host, ss: SpreadsheetModel): Set<string> {
  const file = host.files.get(ss.id);
  return new Set(file ? host.editorsOf(file) : [host.activeUser]);
}

/** An email or a User, as Protection's editor methods accept either. */
function emailOf(user: unknown): string {
  if (typeof user === 'string') return user;
  const inner = unwrap(user) as { getEmail?: () => string } | null;
  if (inner && typeof inner.getEmail === 'function') return inner.getEmail();
  throw new Error('Invalid argument: emailAddress');
}

/** A person who may only view or comment changes nothing in the spreadsheet (Drive roles: drive/api/guides/ref-roles). */
function requireFileWrite(host: Host, ss: SpreadsheetModel): void {
  const file = host.files.get(ss.id);
  if (file) host.requireWrite(file);
}

function checkEditable(host: Host, ss: SpreadsheetModel, sheet: SheetModel, b: Bounds): void {
  requireFileWrite(host, ss);
  for (const p of protectionsOf(sheet)) {
    const area = p.bounds ?? { row: 1, column: 1, numRows: sheet.maxRows, numColumns: sheet.maxColumns };
    if (!overlaps(area, b)) continue;
    if (p.type === 'SHEET' && p.unprotected.some((u) => u.row <= b.row && u.column <= b.column
      && u.row + u.numRows >= b.row + b.numRows && u.column + u.numColumns >= b.column + b.numColumns)) continue;
    if (!canEditProtection(host, ss, p)) throw new Error(PROTECTED_EDIT_ERROR);
  }
}

class SpreadsheetImpl {
  constructor(private readonly host: Host, readonly _model: SpreadsheetModel) {}

  getId(): string { return this._model.id; }
  getName(): string { return this._model.name; }
  rename(name: string): void {
    this._model.name = name;
    const file = this.host.files.get(this._model.id);
    if (file) file.name = name;
  }
  getUrl(): string { return `https://docs.google.com/spreadsheets/d/${this._model.id}/edit`; }
  getSpreadsheetTimeZone(): string { return this._model.timeZone; }
  setSpreadsheetTimeZone(timeZone: string): void {
    try { new Intl.DateTimeFormat('en-US', { timeZone }); } catch { throw new Error(`Invalid argument: timeZone "${timeZone}"`); }
    this._model.timeZone = timeZone;
  }
  getSpreadsheetLocale(): string { return this._model.locale; }
  setSpreadsheetLocale(locale: string): void { this._model.locale = locale; }
  getOwner(): GoogleAppsScript.Base.User | null {
    const email = this.host.files.get(this._model.id)?.owner ?? '';
    return userFor(this.host, email);
  }
  getEditors(): GoogleAppsScript.Base.User[] {
    const file = this.host.files.get(this._model.id);
    if (!file) return [];
    return [file.owner, ...file.editors].map((e) => userFor(this.host, e));
  }
  addEditor(email: string): this {
    this.host.share(this._model.id, emailOf(email), 'editor');
    return this;
  }
  addViewer(email: string): this {
    this.host.share(this._model.id, emailOf(email), 'viewer');
    return this;
  }
  addEditors(emails: string[]): this {
    for (const email of emails) this.host.share(this._model.id, emailOf(email), 'editor');
    return this;
  }
  removeEditor(email: string): this {
    this.host.unshare(this._model.id, emailOf(email), 'editor');
    return this;
  }
  removeViewer(email: string): this {
    // Removing a viewer who is an editor has no effect (Spreadsheet.removeViewer reference).
    this.host.unshare(this._model.id, emailOf(email), 'reader');
    return this;
  }
  getViewers(): GoogleAppsScript.Base.User[] {
    const file = this.host.files.get(this._model.id);
    if (!file) return [];
    return [...(file.readers ?? new Map<string, string>()).keys()].map((e) => userFor(this.host, e));
  }

  getSheets(): GoogleAppsScript.Spreadsheet.Sheet[] {
    return this._model.sheets.map((s) => sheetFor(this.host, this._model, s));
  }
  getNumSheets(): number { return this._model.sheets.length; }
  getSheetByName(name: string): GoogleAppsScript.Spreadsheet.Sheet | null {
    const sheet = this._model.sheetByName(name);
    return sheet ? sheetFor(this.host, this._model, sheet) : null;
  }
  getSheetById(id: number): GoogleAppsScript.Spreadsheet.Sheet | null {
    const sheet = this._model.sheetById(id);
    return sheet ? sheetFor(this.host, this._model, sheet) : null;
  }
  getActiveSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    const sheet = this._model.sheetById(this._model.activeSheetId) ?? this._model.sheets[0];
    return sheetFor(this.host, this._model, sheet);
  }
  /**
   * "Returns the list of active ranges in the active sheet or null if there are no active ranges"
   * (developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getactiverangelist).
   */
  getActiveRangeList(): GoogleAppsScript.Spreadsheet.RangeList | null {
    const sheet = this._model.sheetById(this._model.activeSheetId);
    const ranges = this._model.activeRanges.filter((r) => sheet && r.sheetId === sheet.id);
    if (!sheet || !ranges.length) return null;
    const impls = ranges.map((r) => new RangeImpl(this.host, this._model, sheet, { ...r.bounds }));
    return this.host.wrap('RangeList', new RangeListImpl(this.host, impls)) as unknown as GoogleAppsScript.Spreadsheet.RangeList;
  }
  setActiveSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): GoogleAppsScript.Spreadsheet.Sheet {
    this._model.activeSheetId = (unwrap(sheet) as unknown as SheetImpl)._sheet.id;
    return sheet;
  }
  insertSheet(nameOrIndex?: string | number, maybeIndex?: number): GoogleAppsScript.Spreadsheet.Sheet {
    requireFileWrite(this.host, this._model);
    let name: string | undefined;
    let index: number | undefined;
    if (typeof nameOrIndex === 'string') { name = nameOrIndex; index = maybeIndex; } else index = nameOrIndex;
    if (!name) {
      let n = this._model.sheets.length + 1;
      while (this._model.sheetByName(`Sheet${n}`)) n += 1;
      name = `Sheet${n}`;
    }
    if (this._model.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    if (index !== undefined && (index < 0 || index > this._model.sheets.length)) throw new Error('Invalid argument: sheetIndex');
    const limit = this._model.growthProblem(null, DEFAULT_GRID.rows, DEFAULT_GRID.columns);
    if (limit) throw new Error(limit);
    const sheet = this._model.addSheet(name, index);
    this._model.activeSheetId = sheet.id;
    return sheetFor(this.host, this._model, sheet);
  }
  deleteSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): void {
    requireFileWrite(this.host, this._model);
    const model = (unwrap(sheet) as unknown as SheetImpl)._sheet;
    if (this._model.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this._model.sheets = this._model.sheets.filter((s) => s !== model);
  }
  getRange(a1: string): GoogleAppsScript.Spreadsheet.Range {
    const { sheetName } = splitSheetName(a1);
    const sheet = sheetName === undefined ? this._model.sheetById(this._model.activeSheetId) : this._model.sheetByName(sheetName);
    if (!sheet) throw rangeNotFound();
    return new SheetImpl(this.host, this._model, sheet).getRange(a1);
  }
  getRangeByName(name: string): GoogleAppsScript.Spreadsheet.Range | null {
    const named = this._model.namedRanges.get(name);
    const sheet = named && this._model.sheetById(named.sheetId);
    return named && sheet ? rangeFor(this.host, this._model, sheet, { ...named.bounds }) : null;
  }
  setNamedRange(name: string, range: GoogleAppsScript.Spreadsheet.Range): void {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name)) throw new Error(`Invalid argument: name "${name}"`);
    const r = unwrap(range) as unknown as RangeImpl;
    this._model.namedRanges.set(name, { sheetId: r._sheet.id, bounds: { ...r._bounds } });
  }
  removeNamedRange(name: string): void {
    if (!this._model.namedRanges.delete(name)) throw new Error(`Named range ${name} not found`);
  }
  getNamedRanges(): { getName(): string; getRange(): GoogleAppsScript.Spreadsheet.Range }[] {
    return [...this._model.namedRanges.keys()].map((name) => this.host.wrap('NamedRange', {
      getName: () => name,
      getRange: () => this.getRangeByName(name)!,
    }));
  }
  getProtections(type: string): GoogleAppsScript.Spreadsheet.Protection[] {
    return this._model.allProtections().filter((p) => p.type === type).map((p) => protectionFor(this.host, this._model, p));
  }
  toast(message: string, title = '', timeoutSeconds = 5): void {
    void timeoutSeconds;
    this.host.uiLog.push({ kind: 'toast', title, content: String(message) });
  }
  getFormUrl(): string | null {
    return this._model.formUrls[this._model.formUrls.length - 1] ?? null;
  }
  /**
   * Spreadsheet-level developer metadata: a key, an optional value and a visibility (DOCUMENT unless
   * given), kept in the file whatever its tabs are renamed to
   * (developers.google.com/apps-script/reference/spreadsheet/spreadsheet#addDeveloperMetadata(String,String);
   * developers.google.com/sheets/api/reference/rest/v4/spreadsheets.developerMetadata: "There may be
   * multiple metadata in a spreadsheet with the same key"). Sheet, row and column locations are not modelled.
   */
  addDeveloperMetadata(key: string, valueOrVisibility?: string, visibility?: string): this {
    if (typeof key !== 'string' || key === '') throw new Error('Invalid argument: key');
    const isVisibility = valueOrVisibility === 'DOCUMENT' || valueOrVisibility === 'PROJECT';
    const value = valueOrVisibility === undefined || isVisibility ? null : String(valueOrVisibility);
    const chosen = (isVisibility ? valueOrVisibility : visibility ?? 'DOCUMENT') as DeveloperMetadataData['visibility'];
    if (chosen !== 'DOCUMENT' && chosen !== 'PROJECT') throw new Error('Invalid argument: visibility');
    this._model.developerMetadata.push({ id: this._model.nextMetadataId++, key, value, visibility: chosen });
    return this;
  }
  /** The metadata on the spreadsheet itself (spreadsheet#getDeveloperMetadata()). */
  getDeveloperMetadata(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    return this._model.developerMetadata.map((data) => this.host.wrap('DeveloperMetadata', new DeveloperMetadataImpl(this.host, this._model, data)) as unknown as GoogleAppsScript.Spreadsheet.DeveloperMetadata);
  }
}

/** One piece of developer metadata (developers.google.com/apps-script/reference/spreadsheet/developer-metadata). */
class DeveloperMetadataImpl {
  constructor(private readonly host: Host, private readonly ss: SpreadsheetModel, private readonly data: DeveloperMetadataData) {}
  getId(): number { return this.data.id; }
  getKey(): string { return this.data.key; }
  /** "the value associated with this developer metadata, or null if this metadata has no value". */
  getValue(): string | null { return this.data.value; }
  getVisibility(): string { return this.data.visibility; }
  setKey(key: string): this {
    if (typeof key !== 'string' || key === '') throw new Error('Invalid argument: key');
    this.data.key = key;
    return this;
  }
  setValue(value: string): this { this.data.value = value === null ? null : String(value); return this; }
  setVisibility(visibility: string): this {
    if (visibility !== 'DOCUMENT' && visibility !== 'PROJECT') throw new Error('Invalid argument: visibility');
    this.data.visibility = visibility;
    return this;
  }
  getLocation(): GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation {
    return this.host.wrap('DeveloperMetadataLocation', {
      getLocationType: () => 'SPREADSHEET',
      getSpreadsheet: () => spreadsheetFor(this.host, this.ss.id),
    }) as unknown as GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation;
  }
  remove(): void {
    this.ss.developerMetadata = this.ss.developerMetadata.filter((d) => d !== this.data);
  }
}

class SheetImpl {
  constructor(private readonly host: Host, readonly _ss: SpreadsheetModel, readonly _sheet: SheetModel) {}

  private range(b: Bounds): GoogleAppsScript.Spreadsheet.Range {
    if (b.row < 1) throw new Error('The starting row of the range is too small.');
    if (b.column < 1) throw new Error('The starting column of the range is too small.');
    if (b.numRows < 1) throw new Error('The number of rows in the range must be at least 1.');
    if (b.numColumns < 1) throw new Error('The number of columns in the range must be at least 1.');
    if (b.row + b.numRows - 1 > this._sheet.maxRows || b.column + b.numColumns - 1 > this._sheet.maxColumns) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return rangeFor(this.host, this._ss, this._sheet, b);
  }

  getName(): string { return this._sheet.name; }
  setName(name: string): this {
    requireFileWrite(this.host, this._ss);
    if (this._ss.sheets.some((s) => s !== this._sheet && s.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    this._sheet.name = name;
    return this;
  }
  getSheetId(): number { return this._sheet.id; }
  getIndex(): number { return this._ss.sheets.indexOf(this._sheet) + 1; }
  getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet { return spreadsheetFor(this.host, this._ss.id); }
  /**
   * "The URL for the form that sends its responses to this sheet, or null if this sheet has no associated
   * form" (developers.google.com/apps-script/reference/spreadsheet/sheet#getFormUrl()). A form in the
   * trash or deleted sends nothing here; Google does not say what the sheet reports then, and null is the
   * reading that never points at a form no one can open. The address carries the form's ID, as
   * FormApp.openByUrl takes it.
   */
  getFormUrl(): string | null {
    for (const file of this.host.files.values()) {
      const form = file.content as { destinationId?: string | null; destinationSheetId?: number | null } | null;
      if (file.mimeType !== 'application/vnd.google-apps.form' || file.trashed || !form) continue;
      if (form.destinationId === this._ss.id && form.destinationSheetId === this._sheet.id) return `https://docs.google.com/forms/d/${file.id}/viewform`;
    }
    return null;
  }
  getLastRow(): number { return this._sheet.lastRow(); }
  getLastColumn(): number { return this._sheet.lastColumn(); }
  getMaxRows(): number { return this._sheet.maxRows; }
  getMaxColumns(): number { return this._sheet.maxColumns; }

  getRange(a: string | number, column?: number, numRows?: number, numColumns?: number): GoogleAppsScript.Spreadsheet.Range {
    if (typeof a === 'number') {
      if (column === undefined) throw new Error('Exception: The parameters (number) don\'t match the method signature for SpreadsheetApp.Sheet.getRange.');
      return this.range({ row: a, column, numRows: numRows ?? 1, numColumns: numColumns ?? 1 });
    }
    const parsed = parseA1(a);
    if (!parsed) throw rangeNotFound();
    if (parsed.sheetName !== undefined && parsed.sheetName !== this._sheet.name) {
      const other = this._ss.sheetByName(parsed.sheetName);
      if (!other) throw rangeNotFound();
      return new SheetImpl(this.host, this._ss, other).getRange(a);
    }
    const bounds = {
      row: parsed.row,
      column: parsed.column,
      numRows: parsed.numRows ?? this._sheet.maxRows - parsed.row + 1,
      numColumns: parsed.numColumns ?? this._sheet.maxColumns - parsed.column + 1,
    };
    if (bounds.row + bounds.numRows - 1 > this._sheet.maxRows || bounds.column + bounds.numColumns - 1 > this._sheet.maxColumns) {
      throw rangeNotFound();
    }
    return this.range(bounds);
  }
  /** Several ranges of this sheet, so one call can format them all (Sheet.getRangeList). */
  getRangeList(a1Notations: string[]): GoogleAppsScript.Spreadsheet.RangeList {
    if (!Array.isArray(a1Notations) || a1Notations.length === 0) throw new Error('Invalid argument: a1Notations');
    const ranges = a1Notations.map((a1) => unwrap(this.getRange(a1)) as unknown as RangeImpl);
    return this.host.wrap('RangeList', new RangeListImpl(this.host, ranges)) as unknown as GoogleAppsScript.Spreadsheet.RangeList;
  }
  /**
   * The values from (startRow, startColumn), in one call. "A -1 value given as the row or column
   * position is equivalent to getting the very last row or column that has data in the sheet"
   * (developers.google.com/apps-script/reference/spreadsheet/sheet#getsheetvaluesstartrow,-startcolumn,-numrows,-numcolumns):
   * read here as a count of -1 reaching the last row or column with data, so a sheet with no data
   * gives no rows; any other count below 1 fails as getRange does.
   */
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): CellValue[][] {
    const rows = numRows === -1 ? this._sheet.lastRow() - startRow + 1 : numRows;
    const columns = numColumns === -1 ? this._sheet.lastColumn() - startColumn + 1 : numColumns;
    if ((numRows === -1 && rows < 1) || (numColumns === -1 && columns < 1)) return [];
    return (unwrap(this.range({ row: startRow, column: startColumn, numRows: rows, numColumns: columns })) as unknown as RangeImpl).getValues();
  }
  getDataRange(): GoogleAppsScript.Spreadsheet.Range {
    return this.range({ row: 1, column: 1, numRows: Math.max(1, this._sheet.lastRow()), numColumns: Math.max(1, this._sheet.lastColumn()) });
  }
  appendRow(values: unknown[]): this {
    if (!Array.isArray(values)) throw new Error('The parameters (String) don\'t match the method signature for SpreadsheetApp.Sheet.appendRow.');
    const row = this._sheet.lastRow() + 1;
    const limit = this._ss.growthProblem(this._sheet, Math.max(0, row - this._sheet.maxRows), Math.max(0, values.length - this._sheet.maxColumns));
    if (limit) throw new Error(limit);
    if (row > this._sheet.maxRows) this._sheet.maxRows = row;
    if (values.length > this._sheet.maxColumns) this._sheet.maxColumns = values.length;
    const b = { row, column: 1, numRows: 1, numColumns: Math.max(values.length, 1) };
    checkEditable(this.host, this._ss, this._sheet, b);
    writeValues(this._ss, this._sheet, b, [values], this.host.now());
    return this;
  }
  // insertRowsAfter/Before and deleteRows (developers.google.com/apps-script/reference/spreadsheet/sheet):
  // rows below move down or up, and ranges attached to cells (protections, merges, rules) move with them.
  insertRowsAfter(afterPosition: number, howMany: number): this {
    requireFileWrite(this.host, this._ss);
    if (afterPosition < 0 || afterPosition > this._sheet.maxRows) throw new Error('Those rows are out of bounds.');
    const limit = this._ss.growthProblem(this._sheet, howMany, 0);
    if (limit) throw new Error(limit);
    this._sheet.insertRows(afterPosition, howMany);
    return this;
  }
  insertRowAfter(afterPosition: number): this { return this.insertRowsAfter(afterPosition, 1); }
  insertRowsBefore(beforePosition: number, howMany: number): this { return this.insertRowsAfter(beforePosition - 1, howMany); }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    requireFileWrite(this.host, this._ss);
    if (afterPosition < 0 || afterPosition > this._sheet.maxColumns) throw new Error('Those columns are out of bounds.');
    const limit = this._ss.growthProblem(this._sheet, 0, howMany);
    if (limit) throw new Error(limit);
    this._sheet.insertColumns(afterPosition, howMany);
    return this;
  }
  insertColumnAfter(afterPosition: number): this { return this.insertColumnsAfter(afterPosition, 1); }
  insertColumnsBefore(beforePosition: number, howMany: number): this { return this.insertColumnsAfter(beforePosition - 1, howMany); }
  deleteRows(rowPosition: number, howMany: number): void {
    if (rowPosition < 1 || rowPosition + howMany - 1 > this._sheet.maxRows) throw new Error('Those rows are out of bounds.');
    if (howMany >= this._sheet.maxRows) throw new Error('You can\'t delete all the rows on the sheet.');
    checkEditable(this.host, this._ss, this._sheet, { row: rowPosition, column: 1, numRows: howMany, numColumns: this._sheet.maxColumns });
    this._sheet.deleteRows(rowPosition, howMany);
  }
  deleteRow(rowPosition: number): void { this.deleteRows(rowPosition, 1); }
  setFrozenRows(rows: number): void { this._sheet.frozenRows = rows; }
  getFrozenRows(): number { return this._sheet.frozenRows; }
  setFrozenColumns(columns: number): void { this._sheet.frozenColumns = columns; }
  getFrozenColumns(): number { return this._sheet.frozenColumns; }
  hideSheet(): this {
    if (this._ss.sheets.filter((s) => !s.hidden).length <= 1) throw new Error("You can't hide all the sheets in a document.");
    this._sheet.hidden = true;
    return this;
  }
  showSheet(): this { this._sheet.hidden = false; return this; }
  isSheetHidden(): boolean { return this._sheet.hidden; }
  setTabColor(color: string | null): this { this._sheet.tabColor = color; return this; }
  getTabColor(): string | null { return this._sheet.tabColor; }
  activate(): this { this._ss.activeSheetId = this._sheet.id; return this; }
  setColumnWidth(column: number, width: number): this { this._sheet.columnWidths.set(column, width); return this; }
  setColumnWidths(start: number, count: number, width: number): this {
    for (let c = start; c < start + count; c += 1) this._sheet.columnWidths.set(c, width);
    return this;
  }
  getColumnWidth(column: number): number { return this._sheet.columnWidths.get(column) ?? 100; }
  /** Sheets' default row height is 21 pixels (what getRowHeight answers for a row nobody resized). */
  getRowHeight(row: number): number { return this._sheet.rowHeights.get(row) ?? 21; }
  isRowHiddenByUser(row: number): boolean { return this._sheet.hiddenRows.has(row); }
  isColumnHiddenByUser(column: number): boolean { return this._sheet.hiddenColumns.has(column); }
  autoResizeColumns(start: number, count: number): this {
    for (let c = start; c < start + count; c += 1) {
      let widest = 4;
      for (const row of this._sheet.rows) {
        const cell = row?.[c - 1];
        if (cell) widest = Math.max(widest, String(cell.value).length);
      }
      this._sheet.columnWidths.set(c, Math.min(400, widest * 7 + 10));
    }
    return this;
  }
  clear(): this {
    checkEditable(this.host, this._ss, this._sheet, { row: 1, column: 1, numRows: this._sheet.maxRows, numColumns: this._sheet.maxColumns });
    this._sheet.rows = [];
    return this;
  }
  clearContents(): this {
    checkEditable(this.host, this._ss, this._sheet, { row: 1, column: 1, numRows: this._sheet.maxRows, numColumns: this._sheet.maxColumns });
    for (const row of this._sheet.rows) for (const cell of row ?? []) if (cell) { cell.value = ''; delete cell.formula; }
    return this;
  }
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    const existing = protectionsOf(this._sheet).find((p) => p.type === 'SHEET');
    if (existing) return protectionFor(this.host, this._ss, existing);
    const data = this._ss.addProtection({
      type: 'SHEET', sheetId: this._sheet.id, bounds: null, description: '', warningOnly: false,
      editors: newProtectionEditors(this.host, this._ss), domainEdit: false, unprotected: [], mirrorsEditors: true,
    });
    return protectionFor(this.host, this._ss, data);
  }
  getProtections(type: string): GoogleAppsScript.Spreadsheet.Protection[] {
    return protectionsOf(this._sheet).filter((p) => p.type === type).map((p) => protectionFor(this.host, this._ss, p));
  }
  setConditionalFormatRules(rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]): void {
    this._sheet.conditionalRules = rules.map((r) => {
      const data = (unwrap(r) as unknown as ConditionalFormatRuleImpl)._data;
      if (data.ranges.some((range) => range.sheetId !== this._sheet.id)) {
        throw new Error('Conditional format rule cannot reference a different sheet.');
      }
      return { ...data, ranges: data.ranges.map((range) => ({ sheetId: range.sheetId, bounds: { ...range.bounds } })) };
    });
  }
  getConditionalFormatRules(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
    return this._sheet.conditionalRules.map((data) => this.host.wrap('ConditionalFormatRule', new ConditionalFormatRuleImpl(this.host, this._ss, data)) as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRule);
  }
  // Embedded charts: modelled in charts.ts.
  private _charts(): SheetCharts {
    return new SheetCharts(this.host, this._ss, this._sheet, (sheet, b) => rangeFor(this.host, this._ss, sheet, b));
  }
  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder { return this._charts().newChart(); }
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void { this._charts().insertChart(chart); }
  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] { return this._charts().getCharts(); }
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void { this._charts().removeChart(chart); }
  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void { this._charts().updateChart(chart); }
}

/** Writes a 2-D array the way setValues does, converting typed strings as Sheets would. */
function writeValues(ss: SpreadsheetModel, sheet: SheetModel, b: Bounds, values: unknown[][], now?: Date): void {
  for (let r = 0; r < b.numRows; r += 1) {
    for (let c = 0; c < b.numColumns; c += 1) {
      const existing = sheet.cell(b.row + r, b.column + c);
      const input = values[r][c];
      const result = interpretInput(input, existing?.format, ss.timeZone, { locale: ss.locale, now: now });
      if (!existing && result.value === '' && !result.formula) continue;
      const cell = existing ?? sheet.ensureCell(b.row + r, b.column + c);
      cell.value = result.value;
      if (result.formula) cell.formula = result.formula; else delete cell.formula;
      if (result.autoFormat && (!cell.format || cell.format === 'General')) cell.format = result.autoFormat;
    }
  }
}

function checkDimensions(values: unknown, b: Bounds): asserts values is unknown[][] {
  if (!Array.isArray(values) || values.some((row) => !Array.isArray(row))) {
    throw new Error("The parameters (" + (Array.isArray(values) ? 'number[]' : typeof values) + ") don't match the method signature for SpreadsheetApp.Range.setValues.");
  }
  if (values.length !== b.numRows) {
    throw new Error(`The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${b.numRows}.`);
  }
  for (const row of values as unknown[][]) {
    if (row.length !== b.numColumns) {
      throw new Error(`The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${b.numColumns}.`);
    }
  }
}

class RangeImpl {
  constructor(private readonly host: Host, readonly _ss: SpreadsheetModel, readonly _sheet: SheetModel, readonly _bounds: Bounds) {}

  private grid<T>(read: (cell: Cell | undefined) => T): T[][] {
    const out: T[][] = [];
    const b = this._bounds;
    for (let r = 0; r < b.numRows; r += 1) {
      const row: T[] = [];
      const source = this._sheet.rows[b.row + r - 1];
      for (let c = 0; c < b.numColumns; c += 1) row.push(read(source?.[b.column + c - 1]));
      out.push(row);
    }
    return out;
  }

  private cellValue(cell: Cell | undefined, row: number, column: number): CellValue {
    if (!cell) return '';
    if (cell.formula) {
      const hyperlink = /^=HYPERLINK\(\s*"([^"]*)"\s*(?:[,;]\s*"([^"]*)"\s*)?\)$/i.exec(cell.formula);
      if (hyperlink) return hyperlink[2] ?? hyperlink[1];
      throw new Error(`The local Workspace does not evaluate formulas: ${quoteSheetName(this._sheet.name)}!${toA1(row, column)} holds ${cell.formula}`);
    }
    return cloneValue(cell.value);
  }

  private eachCell(visit: (cell: Cell, row: number, column: number) => void): void {
    const b = this._bounds;
    for (let r = b.row; r < b.row + b.numRows; r += 1) {
      for (let c = b.column; c < b.column + b.numColumns; c += 1) visit(this._sheet.ensureCell(r, c), r, c);
    }
  }

  private editable(): void {
    checkEditable(this.host, this._ss, this._sheet, this._bounds);
  }

  getValues(): CellValue[][] {
    const b = this._bounds;
    return this.grid((cell) => cell).map((row, r) => row.map((cell, c) => this.cellValue(cell, b.row + r, b.column + c)));
  }
  getValue(): CellValue { return this.cellValue(this._sheet.cell(this._bounds.row, this._bounds.column), this._bounds.row, this._bounds.column); }
  getDisplayValues(): string[][] {
    const b = this._bounds;
    return this.grid((cell) => cell).map((row, r) => row.map((cell, c) =>
      displayValue(this.cellValue(cell, b.row + r, b.column + c), cell?.format ?? 'General', this._ss.timeZone, this._ss.locale)));
  }
  getDisplayValue(): string { return this.getDisplayValues()[0][0]; }
  setValues(values: unknown[][]): this {
    checkDimensions(values, this._bounds);
    this.editable();
    writeValues(this._ss, this._sheet, this._bounds, values, this.host.now());
    return this;
  }
  setValue(value: unknown): this {
    this.editable();
    const b = this._bounds;
    writeValues(this._ss, this._sheet, b, Array.from({ length: b.numRows }, () => new Array<unknown>(b.numColumns).fill(value)), this.host.now());
    return this;
  }
  getFormulas(): string[][] { return this.grid((cell) => cell?.formula ?? ''); }
  getFormula(): string { return this.getFormulas()[0][0]; }
  setFormula(formula: string): this {
    this.editable();
    this.eachCell((cell) => { cell.formula = formula.startsWith('=') ? formula : `=${formula}`; cell.value = ''; });
    return this;
  }
  setFormulas(formulas: string[][]): this {
    checkDimensions(formulas, this._bounds);
    this.editable();
    this.eachCell((cell, r, c) => {
      const f = formulas[r - this._bounds.row][c - this._bounds.column];
      if (f) { cell.formula = f; cell.value = ''; } else { delete cell.formula; cell.value = ''; }
    });
    return this;
  }
  getNumberFormats(): string[][] { return this.grid((cell) => cell?.format ?? 'General'); }
  getNumberFormat(): string { return this.getNumberFormats()[0][0]; }
  setNumberFormat(format: string): this { this.eachCell((cell) => { cell.format = format; }); return this; }
  setNumberFormats(formats: string[][]): this {
    checkDimensions(formats, this._bounds);
    this.eachCell((cell, r, c) => { cell.format = formats[r - this._bounds.row][c - this._bounds.column]; });
    return this;
  }
  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): this {
    const data = rule ? (unwrap(rule) as unknown as DataValidationImpl)._data : undefined;
    // One copy shared by every cell of the range: a cell's rule is never changed in place, only replaced.
    const copy = data ? { ...data, args: [...data.args] } : undefined;
    this.eachCell((cell) => { if (copy) cell.validation = copy; else delete cell.validation; });
    return this;
  }
  setDataValidations(rules: (GoogleAppsScript.Spreadsheet.DataValidation | null)[][]): this {
    checkDimensions(rules, this._bounds);
    this.eachCell((cell, r, c) => {
      const rule = rules[r - this._bounds.row][c - this._bounds.column];
      if (rule) cell.validation = { ...(unwrap(rule) as unknown as DataValidationImpl)._data };
      else delete cell.validation;
    });
    return this;
  }
  clearDataValidations(): this { this.eachCell((cell) => { delete cell.validation; }); return this; }
  getDataValidation(): GoogleAppsScript.Spreadsheet.DataValidation | null { return this.getDataValidations()[0][0]; }
  getDataValidations(): (GoogleAppsScript.Spreadsheet.DataValidation | null)[][] {
    return this.grid((cell) => (cell?.validation
      ? this.host.wrap('DataValidation', new DataValidationImpl(this.host, cell.validation)) as unknown as GoogleAppsScript.Spreadsheet.DataValidation
      : null));
  }
  getA1Notation(): string {
    const b = this._bounds;
    return toA1(b.row, b.column, b.numRows, b.numColumns);
  }
  getRow(): number { return this._bounds.row; }
  getColumn(): number { return this._bounds.column; }
  getNumRows(): number { return this._bounds.numRows; }
  getNumColumns(): number { return this._bounds.numColumns; }
  getLastRow(): number { return this._bounds.row + this._bounds.numRows - 1; }
  getLastColumn(): number { return this._bounds.column + this._bounds.numColumns - 1; }
  getHeight(): number { return this._bounds.numRows; }
  getWidth(): number { return this._bounds.numColumns; }
  getSheet(): GoogleAppsScript.Spreadsheet.Sheet { return sheetFor(this.host, this._ss, this._sheet); }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): GoogleAppsScript.Spreadsheet.Range {
    return new SheetImpl(this.host, this._ss, this._sheet).getRange(
      this._bounds.row + rowOffset, this._bounds.column + columnOffset,
      numRows ?? this._bounds.numRows, numColumns ?? this._bounds.numColumns,
    );
  }
  isBlank(): boolean {
    return this.grid((cell) => cell).every((row) => row.every((cell) => !this._sheet.hasContent(cell)));
  }
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean }): this {
    this.editable();
    this.eachCell((cell) => {
      if (!options || options.contentsOnly || (!options.formatOnly && !options.validationsOnly)) { cell.value = ''; delete cell.formula; }
      if (!options || options.formatOnly) { delete cell.format; delete cell.background; delete cell.fontWeight; delete cell.fontColor; }
      if (!options || options.validationsOnly) delete cell.validation;
    });
    return this;
  }
  clearContent(): this { return this.clear({ contentsOnly: true }); }
  clearFormat(): this { return this.clear({ formatOnly: true }); }
  setBackground(color: string | null): this { this.eachCell((cell) => { if (color) cell.background = color; else delete cell.background; }); return this; }
  getBackground(): string { return this._sheet.cell(this._bounds.row, this._bounds.column)?.background ?? '#ffffff'; }
  setFontColor(color: string): this { this.eachCell((cell) => { cell.fontColor = color; }); return this; }
  setFontWeight(weight: string | null): this { this.eachCell((cell) => { cell.fontWeight = weight ?? 'normal'; }); return this; }
  setFontWeights(weights: (string | null)[][]): this {
    checkDimensions(weights, this._bounds);
    this.eachCell((cell, r, c) => { cell.fontWeight = weights[r - this._bounds.row][c - this._bounds.column] ?? 'normal'; });
    return this;
  }
  setBackgrounds(colors: (string | null)[][]): this {
    checkDimensions(colors, this._bounds);
    this.eachCell((cell, r, c) => {
      const color = colors[r - this._bounds.row][c - this._bounds.column];
      if (color) cell.background = color; else delete cell.background;
    });
    return this;
  }
  getFontWeight(): string { return this._sheet.cell(this._bounds.row, this._bounds.column)?.fontWeight ?? 'normal'; }
  setWrap(wrap: boolean): this { this.eachCell((cell) => { cell.wrap = wrap; delete cell.wrapStrategy; }); return this; }
  setHorizontalAlignment(alignment: string | null): this { this.eachCell((cell) => { cell.horizontalAlignment = alignment ?? 'general'; }); return this; }
  setNote(note: string | null): this { this.eachCell((cell) => { if (note) cell.note = note; else delete cell.note; }); return this; }
  setNotes(notes: (string | null)[][]): this {
    checkDimensions(notes, this._bounds);
    this.eachCell((cell, r, c) => {
      const note = notes[r - this._bounds.row][c - this._bounds.column];
      if (note) cell.note = note; else delete cell.note;
    });
    return this;
  }
  getNote(): string { return this._sheet.cell(this._bounds.row, this._bounds.column)?.note ?? ''; }
  getNotes(): string[][] { return this.grid((cell) => cell?.note ?? ''); }
  /** "Sets the specified range as the active range" and its sheet as the active sheet (reference/spreadsheet/range#activate). */
  activate(): this {
    this._ss.activeSheetId = this._sheet.id;
    this._ss.activeRanges = [{ sheetId: this._sheet.id, bounds: { ...this._bounds } }];
    return this;
  }
  merge(): this {
    this.editable();
    if (this._sheet.merges.some((m) => overlaps(m, this._bounds))) throw new Error('You must select all cells in a merged range to merge or unmerge them.');
    this._sheet.merges.push({ ...this._bounds });
    return this;
  }
  breakApart(): this {
    this._sheet.merges = this._sheet.merges.filter((m) => !overlaps(m, this._bounds));
    return this;
  }
  isPartOfMerge(): boolean { return this._sheet.merges.some((m) => overlaps(m, this._bounds)); }
  getMergedRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this._sheet.merges.filter((m) => overlaps(m, this._bounds)).map((m) => rangeFor(this.host, this._ss, this._sheet, { ...m }));
  }
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    const data = this._ss.addProtection({
      type: 'RANGE', sheetId: this._sheet.id, bounds: { ...this._bounds }, description: '', warningOnly: false,
      editors: newProtectionEditors(this.host, this._ss), domainEdit: false, unprotected: [], mirrorsEditors: true,
    });
    return protectionFor(this.host, this._ss, data);
  }
  /**
   * Range.sort (developers.google.com/apps-script/reference/spreadsheet/range#sortsortspecobj): sorts
   * the cells of the range by the given columns, numbered as on the sheet (`getRange('A1:C7').sort(2)`
   * sorts by column B); each row of the range moves whole, and cells outside the range (a header row
   * the range leaves out) stay where they are. Blank cells go last either way, as in Sheets.
   */
  sort(spec: number | { column: number; ascending?: boolean } | ({ column: number; ascending?: boolean } | number)[]): this {
    this.editable();
    const keys = (Array.isArray(spec) ? spec : [spec]).map((s) => (typeof s === 'number' ? { column: s, ascending: true } : { column: s.column, ascending: s.ascending !== false }));
    const b = this._bounds;
    for (const key of keys) {
      if (key.column < b.column || key.column >= b.column + b.numColumns) throw new Error('The sort column must be within the range.');
    }
    const rows = [];
    for (let r = 0; r < b.numRows; r += 1) {
      const source = this._sheet.rows[b.row + r - 1] ?? [];
      rows.push(source.slice(b.column - 1, b.column - 1 + b.numColumns));
    }
    const rank = (v: CellValue | undefined): [number, number | string] => {
      if (v === undefined || v === '') return [3, 0];
      if (typeof v === 'number') return [0, v];
      if (v instanceof Date) return [0, v.getTime()];
      if (typeof v === 'boolean') return [2, v ? 1 : 0];
      return [1, v.toLowerCase()];
    };
    rows.sort((x, y) => {
      for (const key of keys) {
        const [tx, vx] = rank(x[key.column - b.column]?.value);
        const [ty, vy] = rank(y[key.column - b.column]?.value);
        if (tx === 3 || ty === 3) { if (tx !== ty) return tx === 3 ? 1 : -1; continue; }
        const order = tx !== ty ? tx - ty : vx < vy ? -1 : vx > vy ? 1 : 0;
        if (order !== 0) return key.ascending ? order : -order;
      }
      return 0;
    });
    rows.forEach((cells, r) => {
      const target = (this._sheet.rows[b.row + r - 1] ??= []);
      for (let c = 0; c < b.numColumns; c += 1) target[b.column - 1 + c] = cells[c];
    });
    return this;
  }
}

/** RangeList: the same operation on several ranges of one sheet, as one call. */
class RangeListImpl {
  constructor(private readonly host: Host, private readonly ranges: RangeImpl[]) {}
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this.ranges.map((r) => rangeFor(this.host, r._ss, r._sheet, { ...r._bounds }));
  }
  setNumberFormat(format: string): this { this.ranges.forEach((r) => r.setNumberFormat(format)); return this; }
  setBackground(color: string | null): this { this.ranges.forEach((r) => r.setBackground(color)); return this; }
  setFontWeight(weight: string | null): this { this.ranges.forEach((r) => r.setFontWeight(weight)); return this; }
  setWrap(wrap: boolean): this { this.ranges.forEach((r) => r.setWrap(wrap)); return this; }
  clearContent(): this { this.ranges.forEach((r) => r.clearContent()); return this; }
  /** "Sets the value for each Range in the RangeList" (developers.google.com/apps-script/reference/spreadsheet/range-list#setvaluevalue): one call. */
  setValue(value: unknown): this { this.ranges.forEach((r) => r.setValue(value)); return this; }
  clearDataValidations(): this { this.ranges.forEach((r) => r.clearDataValidations()); return this; }
}

class ProtectionImpl {
  constructor(private readonly host: Host, private readonly ss: SpreadsheetModel, readonly _data: ProtectionData) {}
  getProtectionType(): string { return this._data.type; }
  getDescription(): string { return this._data.description; }
  setDescription(description: string): this { this._data.description = description; return this; }
  isWarningOnly(): boolean { return this._data.warningOnly; }
  setWarningOnly(warningOnly: boolean): this { this.requireEdit(); this._data.warningOnly = warningOnly; return this; }
  getEditors(): GoogleAppsScript.Base.User[] { return [...this._data.editors].map((e) => userFor(this.host, e)); }
  addEditor(email: unknown): this { return this.addEditors([email]); }
  addEditors(emails: unknown[]): this {
    this.requireEdit();
    this._data.mirrorsEditors = false;
    emails.forEach((e) => this._data.editors.add(emailOf(e)));
    return this;
  }
  removeEditor(email: unknown): this { return this.removeEditors([email]); }
  /** "Neither the owner of the spreadsheet nor the current user can be removed" (Protection.removeEditor). */
  removeEditors(emails: unknown[]): this {
    this.requireEdit();
    this._data.mirrorsEditors = false;
    const owner = this.host.files.get(this.ss.id)?.owner;
    emails.map(emailOf).filter((e) => e !== owner && e !== this.host.activeUser).forEach((e) => this._data.editors.delete(e));
    return this;
  }
  canEdit(): boolean { return canEditProtection(this.host, this.ss, this._data); }
  canDomainEdit(): boolean { return this._data.domainEdit; }
  setDomainEdit(editable: boolean): this { this.requireEdit(); this._data.mirrorsEditors = false; this._data.domainEdit = editable; return this; }
  getRange(): GoogleAppsScript.Spreadsheet.Range {
    const sheet = this.ss.sheetById(this._data.sheetId)!;
    const b = this._data.bounds ?? { row: 1, column: 1, numRows: sheet.maxRows, numColumns: sheet.maxColumns };
    return rangeFor(this.host, this.ss, sheet, { ...b });
  }
  setUnprotectedRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]): this {
    if (this._data.type !== 'SHEET') throw new Error('Unprotected ranges can only be set on sheet protections.');
    this._data.unprotected = ranges.map((r) => ({ ...(unwrap(r) as unknown as RangeImpl)._bounds }));
    return this;
  }
  getUnprotectedRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    const sheet = this.ss.sheetById(this._data.sheetId)!;
    return this._data.unprotected.map((b) => rangeFor(this.host, this.ss, sheet, { ...b }));
  }
  remove(): void {
    this.requireEdit();
    const sheet = this.ss.sheetById(this._data.sheetId)!;
    const list = protectionsOf(sheet);
    list.splice(list.indexOf(this._data), 1);
  }
  private requireEdit(): void {
    const owner = this.host.files.get(this.ss.id)?.owner;
    if (this.host.activeUser !== owner && !this._data.editors.has(this.host.activeUser)) throw new Error(PROTECTED_EDIT_ERROR);
  }
}

function userFor(host: Host, email: string): GoogleAppsScript.Base.User {
  return host.wrap('User', { getEmail: () => email }) as unknown as GoogleAppsScript.Base.User;
}

class DataValidationImpl {
  constructor(private readonly host: Host, readonly _data: ValidationData) {}
  getCriteriaType(): string { return this._data.criteria; }
  getCriteriaValues(): unknown[] { return [...this._data.args]; }
  getAllowInvalid(): boolean { return this._data.allowInvalid; }
  getHelpText(): string | null { return this._data.helpText || null; }
  copy(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    const builder = new DataValidationBuilderImpl(this.host);
    builder._data = { ...this._data, args: [...this._data.args] };
    return this.host.wrap('DataValidationBuilder', builder) as unknown as GoogleAppsScript.Spreadsheet.DataValidationBuilder;
  }
}

class DataValidationBuilderImpl {
  _data: ValidationData = { criteria: '', args: [], allowInvalid: true, helpText: '' };
  constructor(private readonly host: Host) {}
  private set(criteria: string, args: unknown[]): this { this._data = { ...this._data, criteria, args }; return this; }
  requireValueInList(values: string[], showDropdown = true): this {
    if (!Array.isArray(values) || values.length === 0) throw new Error('Invalid argument: values');
    if (values.length > 500) throw new Error('The data validation rule has more than 500 items in its list.');
    return this.set('VALUE_IN_LIST', [values.map(String), showDropdown]);
  }
  requireValueInRange(range: GoogleAppsScript.Spreadsheet.Range, showDropdown = true): this {
    const r = unwrap(range) as unknown as RangeImpl;
    return this.set('VALUE_IN_RANGE', [`${quoteSheetName(r._sheet.name)}!${r.getA1Notation()}`, showDropdown]);
  }
  requireCheckbox(checked?: unknown, unchecked?: unknown): this { return this.set('CHECKBOX', checked === undefined ? [] : [checked, unchecked]); }
  requireDate(): this { return this.set('DATE_IS_VALID_DATE', []); }
  requireDateOnOrAfter(date: Date): this { return this.set('DATE_ON_OR_AFTER', [date]); }
  requireNumberBetween(start: number, end: number): this { return this.set('NUMBER_BETWEEN', [start, end]); }
  requireNumberGreaterThanOrEqualTo(n: number): this { return this.set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]); }
  requireNumberGreaterThan(n: number): this { return this.set('NUMBER_GREATER_THAN', [n]); }
  requireTextIsEmail(): this { return this.set('TEXT_IS_VALID_EMAIL', []); }
  requireTextIsUrl(): this { return this.set('TEXT_IS_VALID_URL', []); }
  requireFormulaSatisfied(formula: string): this { return this.set('CUSTOM_FORMULA', [formula]); }
  withCriteria(criteria: string, args: unknown[]): this { return this.set(String(criteria), args); }
  setAllowInvalid(allowInvalid: boolean): this { this._data.allowInvalid = allowInvalid; return this; }
  setHelpText(text: string): this { this._data.helpText = text; return this; }
  getCriteriaType(): string { return this._data.criteria; }
  getCriteriaValues(): unknown[] { return [...this._data.args]; }
  build(): GoogleAppsScript.Spreadsheet.DataValidation {
    if (!this._data.criteria) throw new Error('Data validation rule needs a criterion.');
    return this.host.wrap('DataValidation', new DataValidationImpl(this.host, { ...this._data, args: [...this._data.args] })) as unknown as GoogleAppsScript.Spreadsheet.DataValidation;
  }
}

class ConditionalFormatRuleImpl {
  constructor(private readonly host: Host, private readonly ss: SpreadsheetModel | null, readonly _data: ConditionalRuleData) {}
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    const ss = this.ss;
    if (!ss) return [];
    return this._data.ranges.map((r) => rangeFor(this.host, ss, ss.sheetById(r.sheetId)!, { ...r.bounds }));
  }
  getBooleanCondition(): GoogleAppsScript.Spreadsheet.BooleanCondition {
    const data = this._data;
    return this.host.wrap('BooleanCondition', {
      getCriteriaType: () => data.criteria,
      getCriteriaValues: () => [...data.args],
      getBackground: () => data.background,
      getFontColor: () => data.fontColor,
      getBold: () => data.bold,
    }) as unknown as GoogleAppsScript.Spreadsheet.BooleanCondition;
  }
  copy(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    const builder = new ConditionalFormatRuleBuilderImpl(this.host);
    builder._data = { ...this._data, args: [...this._data.args], ranges: [...this._data.ranges] };
    builder._ss = this.ss;
    return this.host.wrap('ConditionalFormatRuleBuilder', builder) as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
  }
}

class ConditionalFormatRuleBuilderImpl {
  _data: ConditionalRuleData = { criteria: '', args: [], background: null, fontColor: null, bold: null, ranges: [] };
  _ss: SpreadsheetModel | null = null;
  constructor(private readonly host: Host) {}
  private when(criteria: string, args: unknown[]): this { this._data.criteria = criteria; this._data.args = args; return this; }
  whenFormulaSatisfied(formula: string): this {
    if (!formula.startsWith('=')) throw new Error('Invalid argument: formula');
    return this.when('CUSTOM_FORMULA', [formula]);
  }
  whenCellEmpty(): this { return this.when('CELL_EMPTY', []); }
  whenCellNotEmpty(): this { return this.when('CELL_NOT_EMPTY', []); }
  whenNumberLessThan(n: number): this { return this.when('NUMBER_LESS_THAN', [n]); }
  whenNumberGreaterThan(n: number): this { return this.when('NUMBER_GREATER_THAN', [n]); }
  whenTextEqualTo(text: string): this { return this.when('TEXT_EQUAL_TO', [text]); }
  whenTextContains(text: string): this { return this.when('TEXT_CONTAINS', [text]); }
  setBackground(color: string | null): this { this._data.background = color; return this; }
  setFontColor(color: string | null): this { this._data.fontColor = color; return this; }
  setBold(bold: boolean | null): this { this._data.bold = bold; return this; }
  setRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]): this {
    this._data.ranges = ranges.map((range) => {
      const r = unwrap(range) as unknown as RangeImpl;
      this._ss = r._ss;
      return { sheetId: r._sheet.id, bounds: { ...r._bounds } };
    });
    return this;
  }
  build(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule {
    if (!this._data.criteria) throw new Error('Conditional format rule needs a condition.');
    if (this._data.ranges.length === 0) throw new Error('Conditional format rule needs at least one range.');
    return this.host.wrap('ConditionalFormatRule', new ConditionalFormatRuleImpl(this.host, this._ss, {
      ...this._data, args: [...this._data.args], ranges: [...this._data.ranges],
    })) as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
  }
}

class MenuImpl {
  readonly _items: MenuItem[] = [];
  constructor(private readonly host: Host, readonly _title: string) {}
  addItem(caption: string, functionName: string): this {
    if (!caption || !functionName) throw new Error('Invalid argument: caption and functionName are required');
    this._items.push({ caption, functionName });
    return this;
  }
  addSeparator(): this { this._items.push({ caption: '', separator: true }); return this; }
  addSubMenu(menu: GoogleAppsScript.Base.Menu): this {
    const sub = unwrap(menu) as unknown as MenuImpl;
    this._items.push({ caption: sub._title, items: sub._items });
    return this;
  }
  addToUi(): void {
    const existing = this.host.menus.findIndex((m) => m.title === this._title);
    const menu = { title: this._title, items: this._items };
    if (existing >= 0) this.host.menus[existing] = menu; else this.host.menus.push(menu);
  }
}

/** The add-on's menu title is its name; the local Workspace uses the name the project was loaded with. */
export const ADDON_NAME = { value: 'ROSE Tracker' };

class UiImpl {
  readonly ButtonSet = ButtonSet;
  readonly Button = Button;
  constructor(private readonly host: Host) {}
  createAddonMenu(): GoogleAppsScript.Base.Menu {
    return this.host.wrap('Menu', new MenuImpl(this.host, ADDON_NAME.value)) as unknown as GoogleAppsScript.Base.Menu;
  }
  createMenu(caption: string): GoogleAppsScript.Base.Menu {
    return this.host.wrap('Menu', new MenuImpl(this.host, caption)) as unknown as GoogleAppsScript.Base.Menu;
  }
  alert(titleOrPrompt: string, prompt?: string, buttons?: string): string {
    this.host.requireAuthorization('Ui.alert');
    const title = prompt === undefined || (prompt in ButtonSet && buttons === undefined) ? '' : titleOrPrompt;
    const content = prompt === undefined || prompt in ButtonSet ? titleOrPrompt : prompt;
    this.host.uiLog.push({ kind: 'alert', title, content });
    return this.host.uiAnswers.shift()?.button ?? 'OK';
  }
  prompt(titleOrPrompt: string, prompt?: string, buttons?: string): GoogleAppsScript.Base.PromptResponse {
    this.host.requireAuthorization('Ui.prompt');
    void buttons;
    this.host.uiLog.push({ kind: 'prompt', title: prompt ? titleOrPrompt : '', content: prompt ?? titleOrPrompt });
    const answer = this.host.uiAnswers.shift() ?? { button: 'OK', text: '' };
    return this.host.wrap('PromptResponse', {
      getResponseText: () => answer.text ?? '',
      getSelectedButton: () => answer.button,
    }) as unknown as GoogleAppsScript.Base.PromptResponse;
  }
  showSidebar(output: GoogleAppsScript.HTML.HtmlOutput): void {
    this.host.requireAuthorization('Ui.showSidebar');
    const page = unwrap(output);
    this.host.uiLog.push({ kind: 'sidebar', title: page.getTitle(), content: page.getContent() });
  }
  showModalDialog(output: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.host.requireAuthorization('Ui.showModalDialog');
    const page = unwrap(output);
    this.host.uiLog.push({ kind: 'modalDialog', title, content: page.getContent(), width: page.getWidth(), height: page.getHeight() });
  }
  showModelessDialog(output: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.host.requireAuthorization('Ui.showModelessDialog');
    this.host.uiLog.push({ kind: 'modelessDialog', title, content: unwrap(output).getContent() });
  }
}
