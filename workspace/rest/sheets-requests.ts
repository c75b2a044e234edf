// Sheets v4 batchUpdate requests over the in-memory spreadsheet: sheets, dimensions, cells, validation, conditional formats and protected ranges.
//
// Each request kind follows its entry in the batchUpdate reference
// (developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request): field names, defaults
// and replies. Errors read "Invalid requests[i].kind: …" as Google's do (e.g.
// "Invalid requests[0].updateCells: At least one field must be listed in 'fields'…",
// theoephraim/node-google-spreadsheet#308); where Google documents a rule but not its message, the
// rule is enforced with our own wording after that prefix.
import type { DriveFile, Host } from '../host';
import { canEditProtection } from '../spreadsheet';
import {
  type Bounds, type Cell, type ConditionalRuleData, type DeveloperMetadataData, type ProtectionData, type SheetModel, type SpreadsheetModel, protectionsOf,
} from '../spreadsheet-model';
import { badRequest, notImplemented, objectBody } from './http';
import {
  applyCellData, bool, cellMask, colorStyleToHex, colorToHex, conditionOf, enumValue, gridRange, gridRangeOf, hexToColor, int32, list, message,
  readCellData, readCondition, readValidation, sheetOf, text,
} from './sheets-cells';
import { checkProtections, exceedsGrid, type Target } from './values';
import { CHART_REQUEST_FIELDS, runChartRequest } from './sheets-charts';

/** Every request type of spreadsheets.batchUpdate (Schema$Request), so a real but unmodelled one says so. */
const KNOWN_REQUESTS = new Set(('addBanding addChart addConditionalFormatRule addDataSource addDimensionGroup addFilterView addNamedRange '
  + 'addProtectedRange addSheet addSlicer addTable appendCells appendDimension autoFill autoResizeDimensions cancelDataSourceRefresh '
  + 'clearBasicFilter copyPaste createDeveloperMetadata cutPaste deleteBanding deleteConditionalFormatRule deleteDataSource '
  + 'deleteDeveloperMetadata deleteDimension deleteDimensionGroup deleteDuplicates deleteEmbeddedObject deleteFilterView '
  + 'deleteNamedRange deleteProtectedRange deleteRange deleteSheet deleteTable duplicateFilterView duplicateSheet findReplace '
  + 'insertDimension insertRange mergeCells moveDimension pasteData randomizeRange refreshDataSource repeatCell setBasicFilter '
  + 'setDataValidation sortRange textToColumns trimWhitespace unmergeCells updateBanding updateBorders updateCells updateChartSpec '
  + 'updateConditionalFormatRule updateDataSource updateDeveloperMetadata updateDimensionGroup updateDimensionProperties '
  + 'updateEmbeddedObjectBorder updateEmbeddedObjectPosition updateFilterView updateNamedRange updateProtectedRange '
  + 'updateSheetProperties updateSlicerSpec updateSpreadsheetProperties updateTable').split(' '));

const PROTECTED_EDIT_ERROR = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

/** What one request did: its reply and the cells it touched (the ledger's work measure). */
export interface RequestResult {
  reply: Record<string, unknown>;
  cells: number;
}

export interface BatchContext {
  host: Host;
  ss: SpreadsheetModel;
  file: DriveFile;
}

// --- Sheet properties (SheetProperties, AddSheetRequest, UpdateSheetPropertiesRequest)

/** SheetProperties as the API returns them: zero counts and false flags are left out. */
export function sheetProperties(ss: SpreadsheetModel, sheet: SheetModel): Record<string, unknown> {
  const grid: Record<string, unknown> = { rowCount: sheet.maxRows, columnCount: sheet.maxColumns };
  if (sheet.frozenRows) grid.frozenRowCount = sheet.frozenRows;
  if (sheet.frozenColumns) grid.frozenColumnCount = sheet.frozenColumns;
  const properties: Record<string, unknown> = {
    sheetId: sheet.id, title: sheet.name, index: ss.sheets.indexOf(sheet), sheetType: 'GRID', gridProperties: grid,
  };
  if (sheet.hidden) properties.hidden = true;
  if (sheet.tabColor) properties.tabColorStyle = { rgbColor: hexToColor(sheet.tabColor) };
  return properties;
}

export function checkTimeZone(timeZone: unknown, where: string): string {
  if (typeof timeZone !== 'string') throw badRequest(`Invalid value at '${where}'`);
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw badRequest(`Invalid ${where}: ${timeZone}`);
  }
  return timeZone;
}

export function positiveInteger(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw badRequest(`Invalid value at '${where}', ${JSON.stringify(value)}`);
  return value;
}

const SHEET_FIELDS = ['title', 'index', 'hidden', 'tabColor', 'tabColorStyle', 'gridProperties.rowCount', 'gridProperties.columnCount', 'gridProperties.frozenRowCount', 'gridProperties.frozenColumnCount'];

function hasPath(object: Record<string, unknown>, path: string): boolean {
  let node: unknown = object;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

/**
 * Applies SheetProperties to a sheet. `only` is updateSheetProperties' field mask: a named field
 * left out of `properties` goes back to its default (unhidden, nothing frozen), as at Google.
 */
export function applySheetProperties(ss: SpreadsheetModel, sheet: SheetModel, properties: Record<string, unknown>, where: string, only: Set<string> | null): void {
  for (const key of Object.keys(properties)) {
    if (!['sheetId', 'title', 'index', 'hidden', 'tabColor', 'tabColorStyle', 'gridProperties', 'sheetType'].includes(key)) throw notImplemented(`${where}.${key}`);
  }
  if (properties.sheetType !== undefined && properties.sheetType !== 'GRID') throw notImplemented(`${where}.sheetType ${String(properties.sheetType)}`);
  const grid = objectBody(properties.gridProperties, `${where}.gridProperties`);
  for (const key of Object.keys(grid)) {
    if (!SHEET_FIELDS.includes(`gridProperties.${key}`)) throw notImplemented(`${where}.gridProperties.${key}`);
  }
  let fields: string[];
  if (only === null || only.has('*')) fields = SHEET_FIELDS.filter((field) => hasPath(properties, field));
  else {
    fields = [];
    for (const field of only) {
      const expanded = field === 'gridProperties' ? SHEET_FIELDS.filter((f) => f.startsWith('gridProperties.')) : [field];
      for (const f of expanded) {
        if (!SHEET_FIELDS.includes(f)) throw notImplemented(`${where} field ${f}`);
        fields.push(f);
      }
    }
  }
  for (const field of fields) {
    const value = field.startsWith('gridProperties.') ? grid[field.slice('gridProperties.'.length)] : properties[field];
    switch (field) {
      case 'title': {
        const title = String(value ?? '');
        if (!title.trim()) throw badRequest(`Invalid ${where}: The sheet name cannot be empty.`);
        if (ss.sheets.some((s) => s !== sheet && s.name.toLowerCase() === title.toLowerCase())) {
          throw badRequest(`Invalid ${where}: A sheet with the name "${title}" already exists. Please enter another name.`);
        }
        sheet.name = title;
        break;
      }
      case 'hidden':
        if (value === true && ss.sheets.filter((s) => s !== sheet && !s.hidden).length === 0) throw badRequest(`Invalid ${where}: You can't hide all the sheets in a document.`);
        sheet.hidden = value === true;
        break;
      case 'index': {
        const index = positiveInteger(value ?? 0, `${where}.index`);
        ss.sheets.splice(ss.sheets.indexOf(sheet), 1);
        ss.sheets.splice(Math.min(index, ss.sheets.length), 0, sheet);
        break;
      }
      // SheetProperties: "tabColor … Deprecated: Use tabColorStyle"; "If tabColor is also set, this field takes precedence."
      case 'tabColorStyle':
        if (value === undefined) { if (properties.tabColor === undefined) sheet.tabColor = null; }
        else sheet.tabColor = colorStyleToHex(value, `${where}.tabColorStyle`);
        break;
      case 'tabColor':
        if (properties.tabColorStyle !== undefined && fields.includes('tabColorStyle')) break;
        sheet.tabColor = value === undefined ? null : colorToHex(value, `${where}.tabColor`);
        break;
      case 'gridProperties.rowCount': sheet.maxRows = Math.max(1, positiveInteger(value, `${where}.${field}`)); break;
      case 'gridProperties.columnCount': sheet.maxColumns = Math.max(1, positiveInteger(value, `${where}.${field}`)); break;
      case 'gridProperties.frozenRowCount': sheet.frozenRows = positiveInteger(value ?? 0, `${where}.${field}`); break;
      case 'gridProperties.frozenColumnCount': sheet.frozenColumns = positiveInteger(value ?? 0, `${where}.${field}`); break;
      default: throw notImplemented(`${where} field ${field}`);
    }
  }
}

function newSheetName(ss: SpreadsheetModel): string {
  let n = ss.sheets.length + 1;
  while (ss.sheets.some((s) => s.name.toLowerCase() === `sheet${n}`)) n += 1;
  return `Sheet${n}`;
}

/** addSheet: a sheet with the given properties (a sheetId, if given, must be free). */
export function addSheet(ss: SpreadsheetModel, properties: Record<string, unknown>, where: string): SheetModel {
  const title = properties.title === undefined ? newSheetName(ss) : String(properties.title);
  if (ss.sheets.some((s) => s.name.toLowerCase() === title.toLowerCase())) {
    throw badRequest(`Invalid ${where}: A sheet with the name "${title}" already exists. Please enter another name.`);
  }
  if (properties.sheetId !== undefined) {
    const id = positiveInteger(properties.sheetId, `${where}.properties.sheetId`);
    if (ss.sheetById(id)) throw badRequest(`Invalid ${where}: Sheet with id ${id} already exists.`);
  }
  const sheet = ss.addSheet(title);
  if (properties.sheetId !== undefined) sheet.id = properties.sheetId as number;
  applySheetProperties(ss, sheet, { ...properties, title }, `${where}.properties`, null);
  return sheet;
}

// --- Dimensions (DimensionRange, DimensionProperties)

/** Sheets' default row height and column width in pixels (SpreadsheetApp's getRowHeight/getColumnWidth answer them too). */
export const DEFAULT_PIXEL_SIZE = { ROWS: 21, COLUMNS: 100 } as const;

interface Dimension {
  sheet: SheetModel;
  dimension: 'ROWS' | 'COLUMNS';
  /** 0-based, end-exclusive. */
  start: number;
  end: number;
}

function dimensionRange(ss: SpreadsheetModel, value: unknown, where: string, problem: string, bounded: boolean): Dimension {
  const range = message(value, where, ['sheetId', 'dimension', 'startIndex', 'endIndex']);
  const sheet = sheetOf(ss, range.sheetId, where, problem);
  const dimension = enumValue(range.dimension, `${where}.dimension`, ['ROWS', 'COLUMNS'] as const);
  const max = dimension === 'ROWS' ? sheet.maxRows : sheet.maxColumns;
  // InsertDimensionRequest: "Both the start and end indexes must be bounded."
  if (bounded && (range.startIndex === undefined || range.endIndex === undefined)) throw badRequest(`${problem}Both the start and end indexes must be bounded.`);
  const start = range.startIndex === undefined ? 0 : int32(range.startIndex, `${where}.startIndex`);
  const end = range.endIndex === undefined ? max : int32(range.endIndex, `${where}.endIndex`);
  if (start < 0 || start >= end) throw badRequest(`${problem}The range's start index must be at least 0 and less than its end index (${start}–${end}).`);
  return { sheet, dimension, start, end };
}

function lineSizes(sheet: SheetModel, dimension: 'ROWS' | 'COLUMNS'): Map<number, number> {
  return dimension === 'ROWS' ? sheet.rowHeights : sheet.columnWidths;
}

function lineHidden(sheet: SheetModel, dimension: 'ROWS' | 'COLUMNS'): Set<number> {
  return dimension === 'ROWS' ? sheet.hiddenRows : sheet.hiddenColumns;
}

function updateDimensionProperties(ss: SpreadsheetModel, args: Record<string, unknown>, where: string, problem: string): RequestResult {
  if (args.dataSourceSheetRange !== undefined) throw notImplemented(`${where}.dataSourceSheetRange`);
  const range = dimensionRange(ss, args.range, `${where}.range`, problem, false);
  const max = range.dimension === 'ROWS' ? range.sheet.maxRows : range.sheet.maxColumns;
  if (range.end > max) throw badRequest(`${problem}${exceedsGrid(dimensionTarget(range)).message}`);
  const properties = message(args.properties, `${where}.properties`, ['hiddenByFilter', 'hiddenByUser', 'pixelSize', 'developerMetadata', 'dataSourceColumnReference']);
  if (typeof args.fields !== 'string' || !args.fields.trim()) throw badRequest(`${problem}At least one field must be listed in 'fields'. (Use '*' to indicate all fields.)`);
  const fields = new Set<string>();
  for (const raw of args.fields.split(',')) {
    const field = raw.trim();
    if (field === '*') { fields.add('pixelSize'); fields.add('hiddenByUser'); continue; }
    // "hiddenByFilter: … This field is read-only."
    if (field === 'hiddenByFilter') throw badRequest(`${problem}hiddenByFilter is read-only.`);
    if (field === 'developerMetadata' || field === 'dataSourceColumnReference') throw notImplemented(`${where} field ${field}`);
    if (field !== 'pixelSize' && field !== 'hiddenByUser') throw badRequest(`${problem}Invalid field mask: '${field}' is not a field of DimensionProperties.`);
    fields.add(field);
  }
  const pixelSize = properties.pixelSize === undefined ? undefined : int32(properties.pixelSize, `${where}.properties.pixelSize`);
  if (pixelSize !== undefined && pixelSize < 0) throw badRequest(`${problem}pixelSize must be at least 0, found ${pixelSize}.`);
  const hidden = properties.hiddenByUser === undefined ? false : bool(properties.hiddenByUser, `${where}.properties.hiddenByUser`);
  const sizes = lineSizes(range.sheet, range.dimension);
  const hiddenLines = lineHidden(range.sheet, range.dimension);
  for (let line = range.start + 1; line <= range.end; line += 1) {
    if (fields.has('pixelSize')) {
      if (pixelSize === undefined) sizes.delete(line); else sizes.set(line, pixelSize);
    }
    if (fields.has('hiddenByUser')) {
      if (hidden) hiddenLines.add(line); else hiddenLines.delete(line);
    }
  }
  return { reply: {}, cells: 0 };
}

function dimensionTarget(range: Dimension): Target {
  return range.dimension === 'ROWS'
    ? { sheet: range.sheet, row: range.start + 1, column: 1, numRows: range.end - range.start, numColumns: range.sheet.maxColumns }
    : { sheet: range.sheet, row: 1, column: range.start + 1, numRows: range.sheet.maxRows, numColumns: range.end - range.start };
}

/** Formatting a new row or column takes from its neighbour; values, notes and validation do not. */
const FORMAT_KEYS = ['format', 'background', 'fontWeight', 'fontColor', 'wrap', 'wrapStrategy', 'horizontalAlignment'] as const;

function copyFormat(from: Cell | undefined, to: () => Cell): void {
  if (!from || !FORMAT_KEYS.some((key) => from[key] !== undefined)) return;
  const cell = to();
  for (const key of FORMAT_KEYS) if (from[key] !== undefined) (cell as unknown as Record<string, unknown>)[key] = from[key];
}

/**
 * insertDimension: "Whether dimension properties should be extended from the dimensions before or
 * after the newly inserted dimensions. True to inherit from the dimensions before (in which case the
 * start index must be greater than 0)". The reference's example is a background colour, so the new
 * lines take the neighbour's formats and pixel size; data validation is not carried (not documented).
 */
function insertDimension(ss: SpreadsheetModel, args: Record<string, unknown>, where: string, problem: string): RequestResult {
  const range = dimensionRange(ss, args.range, `${where}.range`, problem, true);
  const before = args.inheritFromBefore === undefined ? false : bool(args.inheritFromBefore, `${where}.inheritFromBefore`);
  const { sheet, dimension, start, end } = range;
  const max = dimension === 'ROWS' ? sheet.maxRows : sheet.maxColumns;
  if (start > max) throw badRequest(`${problem}The start index ${start} is past the end of the sheet (${max} ${dimension === 'ROWS' ? 'rows' : 'columns'}).`);
  if (before && start === 0) throw badRequest(`${problem}inheritFromBefore can only be true when the start index is greater than 0.`);
  const count = end - start;
  if (dimension === 'ROWS') sheet.insertRows(start, count); else sheet.insertColumns(start, count);
  // 1-based: the line before the new ones is `start`, the line after them `end + 1`.
  const source = before ? start : end + 1;
  const limit = dimension === 'ROWS' ? sheet.maxRows : sheet.maxColumns;
  if (source >= 1 && source <= limit) {
    const size = lineSizes(sheet, dimension).get(source);
    for (let line = start + 1; line <= end; line += 1) {
      if (size !== undefined) lineSizes(sheet, dimension).set(line, size);
      if (dimension === 'ROWS') {
        const cells = sheet.rows[source - 1] ?? [];
        cells.forEach((cell, c) => copyFormat(cell, () => sheet.ensureCell(line, c + 1)));
      } else {
        sheet.rows.forEach((cells, r) => cells && copyFormat(cells[source - 1], () => sheet.ensureCell(r + 1, line)));
      }
    }
  }
  return { reply: {}, cells: 0 };
}

// --- Cells (UpdateCellsRequest, RepeatCellRequest, SetDataValidationRequest)

function eachCellOf(target: Target, visit: (row: number, column: number) => void): void {
  for (let r = target.row; r < target.row + target.numRows; r += 1) {
    for (let c = target.column; c < target.column + target.numColumns; c += 1) visit(r, c);
  }
}

function updateCells(ctx: BatchContext, args: Record<string, unknown>, where: string, problem: string): RequestResult {
  const { ss, host } = ctx;
  if ((args.start === undefined) === (args.range === undefined)) throw badRequest(`${problem}Exactly one of start or range must be set.`);
  const mask = cellMask(args.fields, problem);
  const rows = list(args.rows, `${where}.rows`).map((row, r) => {
    const data = message(row, `${where}.rows[${r}]`, ['values']);
    return list(data.values, `${where}.rows[${r}].values`).map((cell, c) => readCellData(cell, `${where}.rows[${r}].values[${c}]`));
  });
  const height = rows.length;
  const width = Math.max(0, ...rows.map((row) => row.length));
  let target: Target;
  if (args.range !== undefined) {
    target = gridRange(ss, args.range, `${where}.range`, problem);
    if (height > target.numRows || width > target.numColumns) {
      throw badRequest(`${problem}The rows (${height} × ${width}) do not fit in the range (${target.numRows} × ${target.numColumns}).`);
    }
  } else {
    const start = message(args.start, `${where}.start`, ['sheetId', 'rowIndex', 'columnIndex']);
    const sheet = sheetOf(ss, start.sheetId, `${where}.start`, problem);
    const row = start.rowIndex === undefined ? 0 : int32(start.rowIndex, `${where}.start.rowIndex`);
    const column = start.columnIndex === undefined ? 0 : int32(start.columnIndex, `${where}.start.columnIndex`);
    if (row < 0 || column < 0) throw badRequest(`${problem}The start coordinate must not be negative.`);
    target = { sheet, row: row + 1, column: column + 1, numRows: Math.max(height, 1), numColumns: Math.max(width, 1) };
    if (height === 0 || width === 0) return { reply: {}, cells: 0 };
    if (target.row + target.numRows - 1 > sheet.maxRows || target.column + target.numColumns - 1 > sheet.maxColumns) {
      throw badRequest(`${problem}${exceedsGrid(target).message}`);
    }
  }
  checkProtections(host, ss, target);
  eachCellOf(target, (row, column) => {
    const data = rows[row - target.row]?.[column - target.column] ?? {};
    const existing = target.sheet.cell(row, column);
    if (!existing && Object.keys(data).length === 0) return;
    applyCellData(ss, existing ?? target.sheet.ensureCell(row, column), data, mask, `${where}.rows[${row - target.row}].values[${column - target.column}]`, problem);
  });
  return { reply: {}, cells: target.numRows * target.numColumns };
}

function repeatCell(ctx: BatchContext, args: Record<string, unknown>, where: string, problem: string): RequestResult {
  const { ss, host } = ctx;
  const target = gridRange(ss, args.range, `${where}.range`, problem);
  const mask = cellMask(args.fields, problem);
  const data = readCellData(args.cell, `${where}.cell`);
  checkProtections(host, ss, target);
  eachCellOf(target, (row, column) => {
    const existing = target.sheet.cell(row, column);
    if (!existing && Object.keys(data).length === 0) return;
    applyCellData(ss, existing ?? target.sheet.ensureCell(row, column), data, mask, `${where}.cell`, problem);
  });
  return { reply: {}, cells: target.numRows * target.numColumns };
}

/** setDataValidation: "If the rule is not set, any existing rule on the range is cleared". No filters are modelled, so filteredRowsIncluded changes nothing. */
function setDataValidation(ctx: BatchContext, args: Record<string, unknown>, where: string, problem: string): RequestResult {
  const { ss, host } = ctx;
  const target = gridRange(ss, args.range, `${where}.range`, problem);
  if (args.filteredRowsIncluded !== undefined) bool(args.filteredRowsIncluded, `${where}.filteredRowsIncluded`);
  const rule = args.rule === undefined ? undefined : readValidation(args.rule, `${where}.rule`, problem);
  checkProtections(host, ss, target);
  eachCellOf(target, (row, column) => {
    const existing = target.sheet.cell(row, column);
    if (rule) (existing ?? target.sheet.ensureCell(row, column)).validation = rule;
    else if (existing) delete existing.validation;
  });
  return { reply: {}, cells: target.numRows * target.numColumns };
}

// --- Conditional formats (ConditionalFormatRule, Add/DeleteConditionalFormatRuleRequest)

function readRuleFormat(value: unknown, where: string): Pick<ConditionalRuleData, 'background' | 'fontColor' | 'bold'> {
  const format = message(value, where, ['numberFormat', 'backgroundColor', 'backgroundColorStyle', 'borders', 'padding', 'horizontalAlignment',
    'verticalAlignment', 'wrapStrategy', 'textDirection', 'textFormat', 'hyperlinkDisplayType', 'textRotation']);
  for (const key of Object.keys(format)) if (!['backgroundColor', 'backgroundColorStyle', 'textFormat'].includes(key)) throw notImplemented(`${where}.${key}`);
  const textFormat = message(format.textFormat, `${where}.textFormat`, ['foregroundColor', 'foregroundColorStyle', 'fontFamily', 'fontSize', 'bold', 'italic', 'strikethrough', 'underline', 'link']);
  for (const key of Object.keys(textFormat)) if (!['bold', 'foregroundColor'].includes(key)) throw notImplemented(`${where}.textFormat.${key}`);
  let background: string | null = null;
  if (format.backgroundColorStyle !== undefined) {
    const style = message(format.backgroundColorStyle, `${where}.backgroundColorStyle`, ['rgbColor', 'themeColor']);
    if (style.themeColor !== undefined) throw notImplemented(`${where}.backgroundColorStyle.themeColor`);
    background = colorToHex(style.rgbColor, `${where}.backgroundColorStyle.rgbColor`);
  } else if (format.backgroundColor !== undefined) background = colorToHex(format.backgroundColor, `${where}.backgroundColor`);
  return {
    background,
    fontColor: textFormat.foregroundColor === undefined ? null : colorToHex(textFormat.foregroundColor, `${where}.textFormat.foregroundColor`),
    bold: textFormat.bold === undefined ? null : bool(textFormat.bold, `${where}.textFormat.bold`),
  };
}

export function conditionalFormatOf(rule: ConditionalRuleData): Record<string, unknown> {
  const format: Record<string, unknown> = {};
  if (rule.background) {
    format.backgroundColor = hexToColor(rule.background);
    format.backgroundColorStyle = { rgbColor: hexToColor(rule.background) };
  }
  const textFormat: Record<string, unknown> = {};
  if (rule.bold !== null) textFormat.bold = rule.bold;
  if (rule.fontColor) textFormat.foregroundColor = hexToColor(rule.fontColor);
  if (Object.keys(textFormat).length) format.textFormat = textFormat;
  return {
    ranges: rule.ranges.map((r) => gridRangeOf(r.sheetId, r.bounds)),
    booleanRule: { condition: conditionOf(rule.criteria, rule.args).condition, format },
  };
}

function addConditionalFormatRule(ss: SpreadsheetModel, args: Record<string, unknown>, where: string, problem: string): RequestResult {
  const rule = message(args.rule, `${where}.rule`, ['ranges', 'booleanRule', 'gradientRule']);
  if (rule.gradientRule !== undefined) throw notImplemented(`${where}.rule.gradientRule`);
  if (rule.booleanRule === undefined) throw badRequest(`${problem}A conditional format rule needs a booleanRule or a gradientRule.`);
  const ranges = list(rule.ranges, `${where}.rule.ranges`).map((range, i) => gridRange(ss, range, `${where}.rule.ranges[${i}]`, problem));
  if (ranges.length === 0) throw badRequest(`${problem}A conditional format rule needs at least one range.`);
  const sheet = ranges[0].sheet;
  // A sheet keeps its own rules (Sheet.conditionalFormats); the stricter reading is that one rule cannot span sheets.
  if (ranges.some((r) => r.sheet !== sheet)) throw badRequest(`${problem}All ranges of a conditional format rule must be on the same sheet.`);
  const booleanRule = message(rule.booleanRule, `${where}.rule.booleanRule`, ['condition', 'format']);
  const { criteria, args: values } = readCondition(booleanRule.condition, `${where}.rule.booleanRule.condition`, problem, 'conditional');
  const format = readRuleFormat(booleanRule.format, `${where}.rule.booleanRule.format`);
  const index = args.index === undefined ? 0 : int32(args.index, `${where}.index`);
  if (index < 0 || index > sheet.conditionalRules.length) {
    throw badRequest(`${problem}index ${index} is out of range: the sheet has ${sheet.conditionalRules.length} conditional format rules.`);
  }
  sheet.conditionalRules.splice(index, 0, {
    criteria, args: values, ...format,
    ranges: ranges.map((r) => ({ sheetId: sheet.id, bounds: { row: r.row, column: r.column, numRows: r.numRows, numColumns: r.numColumns } })),
  });
  return { reply: {}, cells: 0 };
}

function deleteConditionalFormatRule(ss: SpreadsheetModel, args: Record<string, unknown>, where: string, problem: string): RequestResult {
  const sheet = sheetOf(ss, args.sheetId, where, problem);
  const index = args.index === undefined ? 0 : int32(args.index, `${where}.index`);
  if (index < 0 || index >= sheet.conditionalRules.length) {
    throw badRequest(`${problem}No conditional format on sheet ${sheet.id} at index ${index}.`);
  }
  const [rule] = sheet.conditionalRules.splice(index, 1);
  return { reply: { deleteConditionalFormatRule: { rule: conditionalFormatOf(rule) } }, cells: 0 };
}

// --- Protected ranges (ProtectedRange, Add/Update/DeleteProtectedRangeRequest)

const PROTECTED_RANGE_FIELDS = ['protectedRangeId', 'range', 'namedRangeId', 'tableId', 'description', 'warningOnly', 'requestingUserCanEdit',
  'unprotectedRanges', 'editors'];

/** A protection as a ProtectedRange; "editors … is only visible to users with edit access to the protected range". */
export function protectedRangeOf(host: Host, ss: SpreadsheetModel, p: ProtectionData): Record<string, unknown> {
  const out: Record<string, unknown> = { protectedRangeId: p.id, range: gridRangeOf(p.sheetId, p.bounds) };
  if (p.description) out.description = p.description;
  if (p.warningOnly) out.warningOnly = true;
  const canEdit = canEditProtection(host, ss, p);
  out.requestingUserCanEdit = canEdit;
  if (p.unprotected.length) out.unprotectedRanges = p.unprotected.map((b) => gridRangeOf(p.sheetId, b));
  // "Editors are not supported with warning_only protection."
  if (canEdit && !p.warningOnly) {
    const editors: Record<string, unknown> = {};
    if (p.editors.size) editors.users = [...p.editors];
    if (p.domainEdit) editors.domainUsersCanEdit = true;
    out.editors = editors;
  }
  return out;
}

function readEditors(value: unknown, where: string): { users: Set<string>; domainEdit: boolean } {
  const editors = message(value, where, ['users', 'groups', 'domainUsersCanEdit']);
  if (list(editors.groups, `${where}.groups`).length) throw notImplemented(`${where}.groups`);
  return {
    users: new Set(list(editors.users, `${where}.users`).map((u, i) => text(u, `${where}.users[${i}]`))),
    domainEdit: editors.domainUsersCanEdit === undefined ? false : bool(editors.domainUsersCanEdit, `${where}.domainUsersCanEdit`),
  };
}

/** The protected area: a fully unbounded range (only sheetId) "is considered a protected sheet". */
function protectedArea(ss: SpreadsheetModel, value: unknown, where: string, problem: string): { sheet: SheetModel; bounds: Bounds | null } {
  const range = message(value, where, ['sheetId', 'startRowIndex', 'endRowIndex', 'startColumnIndex', 'endColumnIndex']);
  const unbounded = Object.keys(range).every((key) => key === 'sheetId');
  if (unbounded) return { sheet: sheetOf(ss, range.sheetId, where, problem), bounds: null };
  const target = gridRange(ss, range, where, problem);
  return { sheet: target.sheet, bounds: { row: target.row, column: target.column, numRows: target.numRows, numColumns: target.numColumns } };
}

function unprotectedRanges(ss: SpreadsheetModel, value: unknown, sheet: SheetModel, where: string, problem: string): Bounds[] {
  return list(value, where).map((range, i) => {
    const target = gridRange(ss, range, `${where}[${i}]`, problem);
    if (target.sheet !== sheet) throw badRequest(`${problem}Unprotected ranges must be on the protected sheet.`);
    return { row: target.row, column: target.column, numRows: target.numRows, numColumns: target.numColumns };
  });
}

function findProtection(ss: SpreadsheetModel, id: unknown, where: string, problem: string): ProtectionData {
  if (id === undefined) throw badRequest(`${problem}protectedRangeId must be set.`);
  const wanted = int32(id, where);
  const protection = ss.allProtections().find((p) => p.id === wanted);
  if (!protection) throw badRequest(`${problem}No protected range with id: ${wanted}`);
  return protection;
}

function requireEditableProtection(ctx: BatchContext, p: ProtectionData): void {
  const owner = ctx.file.owner;
  if (ctx.host.activeUser !== owner && !p.editors.has(ctx.host.activeUser)) throw badRequest(PROTECTED_EDIT_ERROR);
}

/**
 * addProtectedRange: "The protectedRangeId field is optional; if one is not set, an id will be
 * randomly generated. (It is an error to specify the ID of a range that already exists.)" Editors
 * left unset are the requesting user alone (as SpreadsheetApp's protect() here; the owner can always
 * edit); "if [warningOnly] is true, then editors are ignored".
 */
function addProtectedRange(ctx: BatchContext, args: Record<string, unknown>, where: string, problem: string): RequestResult {
  const { ss, host } = ctx;
  const at = `${where}.protectedRange`;
  const data = message(args.protectedRange, at, PROTECTED_RANGE_FIELDS);
  if (data.namedRangeId !== undefined) throw notImplemented(`${at}.namedRangeId`);
  if (data.tableId !== undefined) throw notImplemented(`${at}.tableId`);
  const { sheet, bounds } = protectedArea(ss, data.range, `${at}.range`, problem);
  if (data.protectedRangeId !== undefined) {
    const id = int32(data.protectedRangeId, `${at}.protectedRangeId`);
    if (ss.allProtections().some((p) => p.id === id)) throw badRequest(`${problem}A protected range with id ${id} already exists.`);
  }
  if (!bounds && protectionsOf(sheet).some((p) => p.type === 'SHEET')) throw badRequest(`${problem}The sheet "${sheet.name}" is already protected.`);
  const unprotected = unprotectedRanges(ss, data.unprotectedRanges, sheet, `${at}.unprotectedRanges`, problem);
  // "Unprotected ranges are only supported on protected sheets."
  if (bounds && unprotected.length) throw badRequest(`${problem}Unprotected ranges are only supported on protected sheets.`);
  const warningOnly = data.warningOnly === undefined ? false : bool(data.warningOnly, `${at}.warningOnly`);
  const editors = data.editors === undefined || warningOnly ? { users: new Set([host.activeUser]), domainEdit: false } : readEditors(data.editors, `${at}.editors`);
  const protection = ss.addProtection({
    type: bounds ? 'RANGE' : 'SHEET', sheetId: sheet.id, bounds,
    description: data.description === undefined ? '' : text(data.description, `${at}.description`),
    warningOnly, editors: editors.users, domainEdit: editors.domainEdit, unprotected,
  });
  if (data.protectedRangeId !== undefined) protection.id = data.protectedRangeId as number;
  return { reply: { addProtectedRange: { protectedRange: protectedRangeOf(host, ss, protection) } }, cells: 0 };
}

const PROTECTED_UPDATE_FIELDS = ['range', 'description', 'warningOnly', 'editors', 'editors.users', 'editors.domainUsersCanEdit', 'unprotectedRanges'];

/**
 * updateProtectedRange with its field mask. "If [warningOnly] is changed from true to false and the
 * editors field is not set (nor included in the field mask), then the editors will be set to all the
 * editors in the document."
 */
function updateProtectedRange(ctx: BatchContext, args: Record<string, unknown>, where: string, problem: string): RequestResult {
  const { ss, file } = ctx;
  const at = `${where}.protectedRange`;
  const data = message(args.protectedRange, at, PROTECTED_RANGE_FIELDS);
  const protection = findProtection(ss, data.protectedRangeId, `${at}.protectedRangeId`, problem);
  requireEditableProtection(ctx, protection);
  if (typeof args.fields !== 'string' || !args.fields.trim()) throw badRequest(`${problem}At least one field must be listed in 'fields'. (Use '*' to indicate all fields.)`);
  const fields = new Set<string>();
  for (const raw of args.fields.split(',')) {
    const field = raw.trim();
    if (field === '*') { PROTECTED_UPDATE_FIELDS.forEach((f) => fields.add(f)); continue; }
    if (field === 'namedRangeId' || field === 'tableId') throw notImplemented(`${where} field ${field}`);
    if (field === 'protectedRangeId' || field === 'requestingUserCanEdit') throw badRequest(`${problem}${field} is read-only.`);
    if (!PROTECTED_UPDATE_FIELDS.includes(field)) throw badRequest(`${problem}Invalid field mask: '${field}' is not a field of ProtectedRange.`);
    fields.add(field);
  }
  const sheet = ss.sheetById(protection.sheetId)!;
  if (fields.has('range')) {
    const area = protectedArea(ss, data.range ?? { sheetId: protection.sheetId }, `${at}.range`, problem);
    if (area.sheet !== sheet) throw notImplemented(`${where}: moving a protected range to another sheet`);
    protection.bounds = area.bounds;
    protection.type = area.bounds ? 'RANGE' : 'SHEET';
  }
  if (fields.has('description')) protection.description = data.description === undefined ? '' : text(data.description, `${at}.description`);
  const editorsNamed = fields.has('editors') || fields.has('editors.users') || fields.has('editors.domainUsersCanEdit');
  if (fields.has('warningOnly')) {
    const warningOnly = data.warningOnly === undefined ? false : bool(data.warningOnly, `${at}.warningOnly`);
    if (protection.warningOnly && !warningOnly && !editorsNamed && data.editors === undefined) {
      protection.editors = new Set([file.owner, ...file.editors]);
    }
    protection.warningOnly = warningOnly;
  }
  if (editorsNamed) {
    const editors = readEditors(data.editors, `${at}.editors`);
    if (fields.has('editors') || fields.has('editors.users')) protection.editors = editors.users;
    if (fields.has('editors') || fields.has('editors.domainUsersCanEdit')) protection.domainEdit = editors.domainEdit;
  }
  if (fields.has('unprotectedRanges')) {
    const unprotected = unprotectedRanges(ss, data.unprotectedRanges, sheet, `${at}.unprotectedRanges`, problem);
    if (protection.type === 'RANGE' && unprotected.length) throw badRequest(`${problem}Unprotected ranges are only supported on protected sheets.`);
    protection.unprotected = unprotected;
  }
  if (protection.type === 'RANGE' && protection.unprotected.length) throw badRequest(`${problem}Unprotected ranges are only supported on protected sheets.`);
  return { reply: {}, cells: 0 };
}

function deleteProtectedRange(ctx: BatchContext, args: Record<string, unknown>, where: string, problem: string): RequestResult {
  const protection = findProtection(ctx.ss, args.protectedRangeId, `${where}.protectedRangeId`, problem);
  requireEditableProtection(ctx, protection);
  const list = protectionsOf(ctx.ss.sheetById(protection.sheetId)!);
  list.splice(list.indexOf(protection), 1);
  return { reply: {}, cells: 0 };
}

// --- Developer metadata (DeveloperMetadata, Create/Update/DeleteDeveloperMetadataRequest, DataFilter)
//
// developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets.developerMetadata: a
// key, an optional value, a location and a visibility ("Developer metadata must always have a
// visibility specified"). Only the SPREADSHEET location is modelled (as in SpreadsheetApp here);
// sheet, row and column locations answer 501. A metadataId, when given, must be positive and free.

const METADATA_FIELDS = ['metadataId', 'metadataKey', 'metadataValue', 'location', 'visibility'];
const LOCATION_FIELDS = ['locationType', 'spreadsheet', 'sheetId', 'dimensionRange'];
const LOOKUP_FIELDS = ['locationType', 'metadataLocation', 'locationMatchingStrategy', 'metadataId', 'metadataKey', 'metadataValue', 'visibility'];

/** A piece of spreadsheet metadata as the API returns it. */
export function developerMetadataOf(data: DeveloperMetadataData): Record<string, unknown> {
  const out: Record<string, unknown> = {
    metadataId: data.id, metadataKey: data.key, location: { locationType: 'SPREADSHEET', spreadsheet: true }, visibility: data.visibility,
  };
  if (data.value !== null) out.metadataValue = data.value;
  return out;
}

function readLocation(value: unknown, where: string, problem: string): void {
  if (value === undefined) throw badRequest(`${problem}Developer metadata must have a location.`);
  const location = message(value, where, LOCATION_FIELDS);
  if (location.sheetId !== undefined || location.dimensionRange !== undefined) throw notImplemented(`${where}: developer metadata on a sheet, row or column`);
  if (location.locationType !== undefined && location.locationType !== 'SPREADSHEET') enumValue(location.locationType, `${where}.locationType`, ['SPREADSHEET'] as const);
  if (location.spreadsheet !== true) throw badRequest(`${problem}A developer metadata location must name the spreadsheet, a sheet or a dimension range.`);
}

function readVisibility(value: unknown, where: string, problem: string): DeveloperMetadataData['visibility'] {
  if (value === undefined || value === 'DEVELOPER_METADATA_VISIBILITY_UNSPECIFIED') throw badRequest(`${problem}Developer metadata must always have a visibility specified.`);
  return enumValue(value, where, ['DOCUMENT', 'PROJECT'] as const);
}

function readKey(value: unknown, where: string, problem: string): string {
  if (value === undefined || value === '') throw badRequest(`${problem}Developer metadata must have a metadataKey.`);
  return text(value, where);
}

function createDeveloperMetadata(ss: SpreadsheetModel, args: Record<string, unknown>, where: string, problem: string): RequestResult {
  const at = `${where}.developerMetadata`;
  const data = message(args.developerMetadata, at, METADATA_FIELDS);
  readLocation(data.location, `${at}.location`, problem);
  const key = readKey(data.metadataKey, `${at}.metadataKey`, problem);
  const visibility = readVisibility(data.visibility, `${at}.visibility`, problem);
  let id: number;
  if (data.metadataId !== undefined) {
    id = int32(data.metadataId, `${at}.metadataId`);
    if (id <= 0) throw badRequest(`${problem}metadataId must be positive, found ${id}.`);
    if (ss.developerMetadata.some((d) => d.id === id)) throw badRequest(`${problem}Developer metadata with id ${id} already exists.`);
  } else {
    id = ss.nextMetadataId;
  }
  ss.nextMetadataId = Math.max(ss.nextMetadataId, id + 1);
  const entry: DeveloperMetadataData = { id, key, value: data.metadataValue === undefined ? null : text(data.metadataValue, `${at}.metadataValue`), visibility };
  ss.developerMetadata.push(entry);
  return { reply: { createDeveloperMetadata: { developerMetadata: developerMetadataOf(entry) } }, cells: 0 };
}

/**
 * The spreadsheet metadata a DataFilter selects. Only developerMetadataLookup is modelled; its named
 * criteria must all match (DeveloperMetadataLookup: "the intersection of all the specified fields").
 */
function metadataMatching(ss: SpreadsheetModel, value: unknown, where: string, problem: string): DeveloperMetadataData[] {
  const filter = message(value, where, ['developerMetadataLookup', 'a1Range', 'gridRange']);
  if (filter.a1Range !== undefined || filter.gridRange !== undefined) throw notImplemented(`${where}: a data filter by range for developer metadata`);
  if (filter.developerMetadataLookup === undefined) throw badRequest(`${problem}A data filter must set developerMetadataLookup, a1Range or gridRange.`);
  const lookup = message(filter.developerMetadataLookup, `${where}.developerMetadataLookup`, LOOKUP_FIELDS);
  if (lookup.metadataLocation !== undefined || lookup.locationMatchingStrategy !== undefined) throw notImplemented(`${where}.developerMetadataLookup by location`);
  if (Object.keys(lookup).length === 0) throw badRequest(`${problem}A developer metadata lookup must name at least one criterion.`);
  const id = lookup.metadataId === undefined ? undefined : int32(lookup.metadataId, `${where}.developerMetadataLookup.metadataId`);
  const key = lookup.metadataKey === undefined ? undefined : text(lookup.metadataKey, `${where}.developerMetadataLookup.metadataKey`);
  const metadataValue = lookup.metadataValue === undefined ? undefined : text(lookup.metadataValue, `${where}.developerMetadataLookup.metadataValue`);
  const visibility = lookup.visibility === undefined ? undefined : enumValue(lookup.visibility, `${where}.developerMetadataLookup.visibility`, ['DOCUMENT', 'PROJECT'] as const);
  if (lookup.locationType !== undefined) enumValue(lookup.locationType, `${where}.developerMetadataLookup.locationType`, ['SPREADSHEET', 'SHEET', 'ROW', 'COLUMN'] as const);
  const spreadsheetOnly = lookup.locationType === undefined || lookup.locationType === 'SPREADSHEET';
  return ss.developerMetadata.filter((d) => spreadsheetOnly && (id === undefined || d.id === id) && (key === undefined || d.key === key)
    && (metadataValue === undefined || d.value === metadataValue) && (visibility === undefined || d.visibility === visibility));
}

/** updateDeveloperMetadata: every metadata the filters select takes the masked fields of `developerMetadata`. */
function updateDeveloperMetadata(ss: SpreadsheetModel, args: Record<string, unknown>, where: string, problem: string): RequestResult {
  const filters = list(args.dataFilters, `${where}.dataFilters`);
  if (filters.length === 0) throw badRequest(`${problem}At least one data filter must be specified.`);
  if (typeof args.fields !== 'string' || !args.fields.trim()) throw badRequest(`${problem}At least one field must be listed in 'fields'. (Use '*' to indicate all fields.)`);
  const at = `${where}.developerMetadata`;
  const data = message(args.developerMetadata, at, METADATA_FIELDS);
  const fields = new Set<string>();
  for (const raw of args.fields.split(',')) {
    const field = raw.trim();
    if (field === '*') { ['metadataKey', 'metadataValue', 'visibility', 'location'].forEach((f) => fields.add(f)); continue; }
    if (field === 'metadataId') throw badRequest(`${problem}metadataId cannot be updated.`);
    if (!METADATA_FIELDS.includes(field)) throw badRequest(`${problem}Invalid field mask: '${field}' is not a field of DeveloperMetadata.`);
    fields.add(field);
  }
  const matched = new Set<DeveloperMetadataData>();
  filters.forEach((f, i) => metadataMatching(ss, f, `${where}.dataFilters[${i}]`, problem).forEach((d) => matched.add(d)));
  if (fields.has('location')) readLocation(data.location, `${at}.location`, problem);
  const key = fields.has('metadataKey') ? readKey(data.metadataKey, `${at}.metadataKey`, problem) : undefined;
  const visibility = fields.has('visibility') ? readVisibility(data.visibility, `${at}.visibility`, problem) : undefined;
  const value = data.metadataValue === undefined ? null : text(data.metadataValue, `${at}.metadataValue`);
  for (const entry of matched) {
    if (key !== undefined) entry.key = key;
    if (visibility !== undefined) entry.visibility = visibility;
    if (fields.has('metadataValue')) entry.value = value;
  }
  return { reply: { updateDeveloperMetadata: { developerMetadata: [...matched].map(developerMetadataOf) } }, cells: 0 };
}

function deleteDeveloperMetadata(ss: SpreadsheetModel, args: Record<string, unknown>, where: string, problem: string): RequestResult {
  const matched = metadataMatching(ss, args.dataFilter, `${where}.dataFilter`, problem);
  ss.developerMetadata = ss.developerMetadata.filter((d) => !matched.includes(d));
  return { reply: { deleteDeveloperMetadata: { deletedDeveloperMetadata: matched.map(developerMetadataOf) } }, cells: 0 };
}

// --- One request

/** The fields each modelled request kind has (its reference entry); any other name is Google's JSON error. */
const REQUEST_FIELDS: Record<string, readonly string[]> = {
  addSheet: ['properties'],
  updateSheetProperties: ['properties', 'fields'],
  appendDimension: ['sheetId', 'dimension', 'length'],
  insertDimension: ['range', 'inheritFromBefore'],
  updateDimensionProperties: ['range', 'dataSourceSheetRange', 'properties', 'fields'],
  updateCells: ['rows', 'fields', 'start', 'range'],
  repeatCell: ['range', 'cell', 'fields'],
  setDataValidation: ['range', 'rule', 'filteredRowsIncluded'],
  addConditionalFormatRule: ['rule', 'index'],
  deleteConditionalFormatRule: ['index', 'sheetId'],
  addProtectedRange: ['protectedRange'],
  updateProtectedRange: ['protectedRange', 'fields'],
  deleteProtectedRange: ['protectedRangeId'],
  deleteSheet: ['sheetId'],
  updateSpreadsheetProperties: ['properties', 'fields'],
  createDeveloperMetadata: ['developerMetadata'],
  updateDeveloperMetadata: ['dataFilters', 'developerMetadata', 'fields'],
  deleteDeveloperMetadata: ['dataFilter'],
  ...CHART_REQUEST_FIELDS,
};

export function runRequest(ctx: BatchContext, request: unknown, i: number): RequestResult {
  const { ss, file } = ctx;
  const where = `requests[${i}]`;
  const body = objectBody(request, where);
  const kinds = Object.keys(body);
  for (const kind of kinds) {
    if (!KNOWN_REQUESTS.has(kind)) throw badRequest(`Invalid JSON payload received. Unknown name "${kind}" at '${where}': Cannot find field.`);
  }
  if (kinds.length !== 1) throw badRequest(`Invalid ${where}: exactly one kind of request must be set, found ${kinds.length}.`);
  const kind = kinds[0];
  const fields = REQUEST_FIELDS[kind];
  if (!fields) throw notImplemented(`${where}.${kind}`);
  const at = `${where}.${kind}`;
  const problem = `Invalid ${at}: `;
  const args = message(body[kind], at, fields);
  const none = (reply: Record<string, unknown> = {}): RequestResult => ({ reply, cells: 0 });
  switch (kind) {
    case 'addSheet': {
      const sheet = addSheet(ss, objectBody(args.properties, `${at}.properties`), at);
      return none({ addSheet: { properties: sheetProperties(ss, sheet) } });
    }
    case 'updateSheetProperties': {
      const properties = objectBody(args.properties, `${at}.properties`);
      if (typeof args.fields !== 'string' || !args.fields.trim()) throw badRequest(`${problem}You must specify which fields to update.`);
      const sheet = ss.sheetById(Number(properties.sheetId ?? 0));
      if (!sheet) throw badRequest(`${problem}No grid with id: ${String(properties.sheetId ?? 0)}`);
      const mask = new Set(args.fields.split(',').map((f) => f.trim()));
      applySheetProperties(ss, sheet, properties, `${at}.properties`, mask);
      return none();
    }
    case 'appendDimension': {
      // Rows or columns added at the end of a sheet (AppendDimensionRequest).
      const sheet = sheetOf(ss, args.sheetId, at, problem);
      const dimension = enumValue(args.dimension, `${at}.dimension`, ['ROWS', 'COLUMNS'] as const);
      const length = positiveInteger(args.length, `${at}.length`);
      if (length < 1) throw badRequest(`${problem}length must be at least 1.`);
      if (dimension === 'ROWS') sheet.insertRows(sheet.maxRows, length); else sheet.insertColumns(sheet.maxColumns, length);
      return none();
    }
    case 'insertDimension': return insertDimension(ss, args, at, problem);
    case 'updateDimensionProperties': return updateDimensionProperties(ss, args, at, problem);
    case 'updateCells': return updateCells(ctx, args, at, problem);
    case 'repeatCell': return repeatCell(ctx, args, at, problem);
    case 'setDataValidation': return setDataValidation(ctx, args, at, problem);
    case 'addConditionalFormatRule': return addConditionalFormatRule(ss, args, at, problem);
    case 'deleteConditionalFormatRule': return deleteConditionalFormatRule(ss, args, at, problem);
    case 'addProtectedRange': return addProtectedRange(ctx, args, at, problem);
    case 'updateProtectedRange': return updateProtectedRange(ctx, args, at, problem);
    case 'deleteProtectedRange': return deleteProtectedRange(ctx, args, at, problem);
    case 'createDeveloperMetadata': return createDeveloperMetadata(ss, args, at, problem);
    case 'updateDeveloperMetadata': return updateDeveloperMetadata(ss, args, at, problem);
    case 'deleteDeveloperMetadata': return deleteDeveloperMetadata(ss, args, at, problem);
    case 'addChart':
    case 'updateChartSpec':
    case 'deleteEmbeddedObject': return none(runChartRequest(ss, kind, args, at, problem));
    case 'deleteSheet': {
      const sheet = sheetOf(ss, args.sheetId, at, problem);
      if (ss.sheets.length === 1) throw badRequest(`${problem}You can't remove all the sheets in a document.`);
      ss.sheets = ss.sheets.filter((s) => s !== sheet);
      return none();
    }
    case 'updateSpreadsheetProperties': {
      const properties = objectBody(args.properties, `${at}.properties`);
      if (typeof args.fields !== 'string' || !args.fields.trim()) throw badRequest(`${problem}You must specify which fields to update.`);
      for (const field of args.fields.split(',').map((f) => f.trim())) {
        if (field === 'title' || (field === '*' && properties.title !== undefined)) { ss.name = String(properties.title ?? ''); file.name = ss.name; }
        else if (field === 'timeZone' || (field === '*' && properties.timeZone !== undefined)) ss.timeZone = checkTimeZone(properties.timeZone, `${at}.properties.timeZone`);
        else if (field === 'locale' || (field === '*' && properties.locale !== undefined)) ss.locale = String(properties.locale);
        else if (field !== '*') throw notImplemented(`${at} field ${field}`);
      }
      return none();
    }
    default:
      throw notImplemented(at);
  }
}
