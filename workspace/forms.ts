// FormApp of the local Workspace: forms, items, responses, the linked responses sheet, and the form-submit triggers a person's answer fires.
import type { Host } from './host';
import { unwrap } from './expose';
import { displayValue } from './formats';
import { spreadsheetFor, spreadsheetModel, SPREADSHEET_MIME } from './spreadsheet';
import type { SheetModel, SpreadsheetModel } from './spreadsheet-model';
import type { TriggerData } from './script';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const FORM_MIME = 'application/vnd.google-apps.form';
export const FORMS_SCOPE = 'https://www.googleapis.com/auth/forms';

/** FormApp.ItemType (the kinds the local Workspace models; others fail loudly when added). */
export const ItemType = {
  CHECKBOX: 'CHECKBOX', DATE: 'DATE', GRID: 'GRID', LIST: 'LIST', MULTIPLE_CHOICE: 'MULTIPLE_CHOICE',
  PAGE_BREAK: 'PAGE_BREAK', PARAGRAPH_TEXT: 'PARAGRAPH_TEXT', SCALE: 'SCALE', SECTION_HEADER: 'SECTION_HEADER', TEXT: 'TEXT',
} as const;
export type ItemTypeName = keyof typeof ItemType;

export const DestinationType = { SPREADSHEET: 'SPREADSHEET' } as const;
export const EmailCollectionType = { DO_NOT_COLLECT: 'DO_NOT_COLLECT', VERIFIED: 'VERIFIED', RESPONDER_INPUT: 'RESPONDER_INPUT' } as const;
type EmailCollection = keyof typeof EmailCollectionType;

/** How the responses sheet shows times and dates (a US-English spreadsheet's defaults, as Forms writes them). */
export const TIMESTAMP_FORMAT = 'm/d/yyyy h:mm:ss';

/**
 * Forms made by a script start unpublished from this moment: "Forms created with the API after March
 * 31, 2026 will have an unpublished state by default" (developers.google.com/workspace/forms/release-notes);
 * the guide gives June 30, 2026 (developers.google.com/workspace/forms/api/guides/api-changes-to-google-forms).
 * Google does not say whether FormApp.create counts as the API; the stricter reading is that it does,
 * from the earlier date.
 */
export const UNPUBLISHED_BY_DEFAULT_FROM = Date.UTC(2026, 3, 1);

/** Google's FormApp.openById text when a form is missing, in the trash, or not shared with the user: one text for all three (public issue threads quote it). */
export const FORM_NOT_REACHABLE = 'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';
export const DATE_ANSWER_FORMAT = 'm/d/yyyy';

export interface ItemData {
  id: number;
  type: ItemTypeName;
  title: string;
  helpText: string;
  required: boolean;
  choices: string[];
  lowerBound: number;
  upperBound: number;
  leftLabel: string;
  rightLabel: string;
  rows: string[];
  columns: string[];
}

/** One answer: text, checked boxes or grid answers (one per row, '' for an unanswered row). */
export type StoredAnswer = string | string[];

export interface ResponseData {
  id: string;
  timestamp: Date;
  email: string;
  answers: Map<number, StoredAnswer>;
}

/** A column of the responses sheet: the question (and grid row) it holds; kept when the question is deleted. */
interface DestinationColumn {
  itemId: number;
  /** Grid questions: the row index this column holds. */
  row?: number;
}

export class FormModel {
  title: string;
  description = '';
  items: ItemData[] = [];
  responses: ResponseData[] = [];
  emailCollection: EmailCollection = 'DO_NOT_COLLECT';
  requireLogin = false;
  limitOneResponsePerUser = false;
  progressBar = false;
  confirmationMessage = '';
  acceptingResponses = true;
  /**
   * Published and visible to responders (Forms API PublishState.isPublished). While unpublished a
   * form accepts no answers: "If is_published is set to false, [isAcceptingResponses] is forced to
   * false" (developers.google.com/workspace/forms/api/reference/rest/v1/forms#publishstate).
   */
  published = true;
  allowResponseEdits = false;
  destinationId: string | null = null;
  destinationSheetId: number | null = null;
  /** Columns 2… of the responses sheet (column 1 is Timestamp). */
  destinationColumns: DestinationColumn[] = [];
  readonly publishedId: string;
  private nextItemId = 1000000000;

  constructor(readonly id: string, title: string, host: Host) {
    this.title = title;
    this.publishedId = `1FAIpQL${host.newId(49)}`;
  }

  newItemId(): number {
    this.nextItemId += 7919;
    return this.nextItemId;
  }

  item(id: number): ItemData | undefined {
    return this.items.find((i) => i.id === id);
  }
}

/** Items that collect an answer (section headers and page breaks do not). */
export function isQuestion(item: ItemData): boolean {
  return item.type !== 'SECTION_HEADER' && item.type !== 'PAGE_BREAK';
}

/** The header Google writes for a question's column: the title, or "Title [Row]" for each grid row. */
function columnHeader(item: ItemData, row?: number): string {
  return row === undefined ? item.title : `${item.title} [${item.rows[row]}]`;
}

export function formModel(host: Host, id: string): FormModel {
  const file = host.files.get(id);
  if (!file || file.mimeType !== FORM_MIME) throw new Error(`No form with id ${id}`);
  return file.content as FormModel;
}

// ---------------------------------------------------------------------------------------------
// The responses sheet, written the way Forms writes it (on Google's side: no ledger calls)

function destinationSheet(host: Host, form: FormModel): { ss: SpreadsheetModel; sheet: SheetModel } | null {
  if (!form.destinationId || form.destinationSheetId === null) return null;
  const file = host.files.get(form.destinationId);
  if (!file || file.trashed) return null;
  const ss = file.content as SpreadsheetModel;
  const sheet = ss.sheetById(form.destinationSheetId);
  return sheet ? { ss, sheet } : null;
}

function writeCell(sheet: SheetModel, row: number, column: number, value: string | number | Date, format?: string): void {
  if (column > sheet.maxColumns) sheet.maxColumns = column;
  if (row > sheet.maxRows) sheet.maxRows = row;
  const cell = sheet.ensureCell(row, column);
  cell.value = value;
  delete cell.formula;
  if (format) cell.format = format;
}

/**
 * Keeps the header row in step with the form: a new question (or grid row) gets a column at the end,
 * a renamed one gets its header renamed, a deleted one keeps its column and answers.
 */
export function syncDestinationHeader(host: Host, form: FormModel): void {
  const target = destinationSheet(host, form);
  if (!target) return;
  const { sheet } = target;
  if (sheet.cell(1, 1)?.value !== 'Timestamp') writeCell(sheet, 1, 1, 'Timestamp');
  for (const item of form.items.filter(isQuestion)) {
    const rows = item.type === 'GRID' ? item.rows.map((_, i) => i) : [undefined];
    for (const row of rows) {
      let index = form.destinationColumns.findIndex((c) => c.itemId === item.id && c.row === row);
      if (index < 0) {
        form.destinationColumns.push({ itemId: item.id, row });
        index = form.destinationColumns.length - 1;
      }
      const header = columnHeader(item, row);
      if (sheet.cell(1, index + 2)?.value !== header) writeCell(sheet, 1, index + 2, header);
    }
  }
}

/** Appends one response as Forms does; returns its row number. */
function appendResponseRow(host: Host, form: FormModel, response: ResponseData): number | null {
  const target = destinationSheet(host, form);
  if (!target) return null;
  syncDestinationHeader(host, form);
  const { ss, sheet } = target;
  const row = sheet.lastRow() + 1;
  writeCell(sheet, row, 1, new Date(response.timestamp.getTime()), TIMESTAMP_FORMAT);
  form.destinationColumns.forEach((column, i) => {
    const item = form.item(column.itemId);
    const answer = response.answers.get(column.itemId);
    if (!item || answer === undefined) return;
    const at = i + 2;
    if (column.row !== undefined) {
      const text = Array.isArray(answer) ? answer[column.row] ?? '' : '';
      if (text !== '') writeCell(sheet, row, at, text);
      return;
    }
    if (Array.isArray(answer)) {
      if (answer.length) writeCell(sheet, row, at, answer.join(', '));
      return;
    }
    if (answer === '') return;
    if (item.type === 'SCALE') writeCell(sheet, row, at, Number(answer));
    else if (item.type === 'DATE') {
      const [y, m, d] = answer.split('-').map(Number);
      writeCell(sheet, row, at, zonedMidnight(ss.timeZone, y, m, d), DATE_ANSWER_FORMAT);
    } else writeCell(sheet, row, at, answer);
  });
  return row;
}

function zonedMidnight(timeZone: string, y: number, m: number, d: number): Date {
  // A date answer is a date cell: midnight of that day in the spreadsheet's zone.
  const guess = Date.UTC(y, m - 1, d);
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
    .formatToParts(new Date(guess));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const shown = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'));
  return new Date(guess - (shown - guess));
}

// ---------------------------------------------------------------------------------------------
// FormApp

export class FormAppService {
  readonly ItemType = ItemType;
  readonly DestinationType = DestinationType;
  readonly EmailCollectionType = EmailCollectionType;

  constructor(private readonly host: Host, private readonly scopes: () => readonly string[] | null = () => null) {}

  /** FormApp needs the forms scope in the manifest (forms.currentonly only reaches a form the script is bound to). */
  private requireScope(method: string): void {
    this.host.requireAuthorization(method);
    const scopes = this.scopes();
    if (scopes !== null && !scopes.includes(FORMS_SCOPE)) {
      throw new Error(`You do not have permission to call ${method}. Required permissions: ${FORMS_SCOPE}`);
    }
  }

  create(title: string): GoogleAppsScript.Forms.Form {
    this.requireScope('FormApp.create');
    if (typeof title !== 'string') throw new Error('The parameters (number) don\'t match the method signature for FormApp.create.');
    const id = this.host.newId();
    const model = new FormModel(id, title, this.host);
    if (this.host.now().getTime() >= UNPUBLISHED_BY_DEFAULT_FROM) {
      model.published = false;
      model.acceptingResponses = false;
    }
    this.host.addFile({ id, name: title, mimeType: FORM_MIME, owner: this.host.activeUser, content: model });
    return formFor(this.host, model);
  }

  openById(id: string): GoogleAppsScript.Forms.Form {
    this.requireScope('FormApp.openById');
    const file = this.host.files.get(id);
    if (!file || file.trashed || file.mimeType !== FORM_MIME) throw new Error(FORM_NOT_REACHABLE);
    try {
      this.host.openFile(id, FORM_MIME, 'FormApp');
    } catch {
      // FormApp does not tell "not shared with you" from "not there".
      throw new Error(FORM_NOT_REACHABLE);
    }
    return formFor(this.host, file.content as FormModel);
  }

  /** Scripts bound to a spreadsheet have no active form. */
  getActiveForm(): GoogleAppsScript.Forms.Form | null {
    return null;
  }
}

export function formFor(host: Host, model: FormModel): GoogleAppsScript.Forms.Form {
  return host.wrap('Form', new FormImpl(host, model)) as unknown as GoogleAppsScript.Forms.Form;
}

function blankItem(form: FormModel, type: ItemTypeName): ItemData {
  return {
    id: form.newItemId(), type, title: '', helpText: '', required: false, choices: [],
    lowerBound: 1, upperBound: 5, leftLabel: '', rightLabel: '', rows: [], columns: [],
  };
}

const KIND_BY_TYPE: Record<ItemTypeName, string> = {
  CHECKBOX: 'CheckboxItem', DATE: 'DateItem', GRID: 'GridItem', LIST: 'ListItem', MULTIPLE_CHOICE: 'MultipleChoiceItem',
  PAGE_BREAK: 'PageBreakItem', PARAGRAPH_TEXT: 'ParagraphTextItem', SCALE: 'ScaleItem', SECTION_HEADER: 'SectionHeaderItem', TEXT: 'TextItem',
};

function typedItem(host: Host, form: FormModel, data: ItemData): unknown {
  const impl = (() => {
    switch (data.type) {
      case 'MULTIPLE_CHOICE': case 'LIST': case 'CHECKBOX': return new ChoiceItemImpl(host, form, data);
      case 'SCALE': return new ScaleItemImpl(host, form, data);
      case 'GRID': return new GridItemImpl(host, form, data);
      case 'TEXT': case 'PARAGRAPH_TEXT': case 'DATE': return new AnswerItemImpl(host, form, data);
      default: return new BaseItemImpl(host, form, data);
    }
  })();
  return host.wrap(KIND_BY_TYPE[data.type], impl);
}

function genericItem(host: Host, form: FormModel, data: ItemData): GoogleAppsScript.Forms.Item {
  return host.wrap('Item', new BaseItemImpl(host, form, data)) as unknown as GoogleAppsScript.Forms.Item;
}

function itemDataOf(form: FormModel, item: unknown): ItemData {
  const inner = unwrap(item) as { _data?: ItemData } | null;
  const data = inner && inner._data;
  if (!data || !form.items.includes(data)) throw new Error('Invalid argument: item (it is not an item of this form)');
  return data;
}

class FormImpl {
  constructor(private readonly host: Host, readonly _model: FormModel) {}

  private sync(): void { syncDestinationHeader(this.host, this._model); }
  private add(type: ItemTypeName): unknown {
    const data = blankItem(this._model, type);
    this._model.items.push(data);
    this.sync();
    return typedItem(this.host, this._model, data);
  }

  getId(): string { return this._model.id; }
  getTitle(): string { return this._model.title; }
  setTitle(title: string): this {
    this._model.title = String(title);
    const file = this.host.files.get(this._model.id);
    if (file) file.name = this._model.title;
    return this;
  }
  getDescription(): string { return this._model.description; }
  setDescription(description: string): this { this._model.description = String(description); return this; }
  getPublishedUrl(): string { return `https://docs.google.com/forms/d/e/${this._model.publishedId}/viewform`; }
  getEditUrl(): string { return `https://docs.google.com/forms/d/${this._model.id}/edit`; }
  getSummaryUrl(): string { return `https://docs.google.com/forms/d/${this._model.id}/viewanalytics`; }
  shortenFormUrl(url: string): string { return url; }

  setCollectEmail(collect: boolean): this {
    this._model.emailCollection = collect ? 'VERIFIED' : 'DO_NOT_COLLECT';
    return this;
  }
  collectsEmail(): boolean { return this._model.emailCollection !== 'DO_NOT_COLLECT'; }
  setEmailCollectionType(type: string): this {
    if (!(type in EmailCollectionType)) throw new Error(`Invalid argument: emailCollectionType ${type}`);
    this._model.emailCollection = type as EmailCollection;
    return this;
  }
  getEmailCollectionType(): string { return this._model.emailCollection; }
  setRequireLogin(requireLogin: boolean): this { this._model.requireLogin = !!requireLogin; return this; }
  requiresLogin(): boolean { return this._model.requireLogin; }
  setLimitOneResponsePerUser(limit: boolean): this { this._model.limitOneResponsePerUser = !!limit; return this; }
  hasLimitOneResponsePerUser(): boolean { return this._model.limitOneResponsePerUser; }
  setProgressBar(enabled: boolean): this { this._model.progressBar = !!enabled; return this; }
  hasProgressBar(): boolean { return this._model.progressBar; }
  setConfirmationMessage(message: string): this { this._model.confirmationMessage = String(message); return this; }
  getConfirmationMessage(): string { return this._model.confirmationMessage; }
  setAcceptingResponses(accepting: boolean): this { this._model.acceptingResponses = !!accepting; return this; }
  /** An unpublished form accepts nothing, whatever was set (PublishState: forced to false while unpublished). */
  isAcceptingResponses(): boolean { return this._model.published && this._model.acceptingResponses; }
  /**
   * developers.google.com/apps-script/reference/forms/form#setPublished(Boolean) and #isPublished().
   * Unpublishing stops responses (the Forms API forces isAcceptingResponses to false); publishing
   * again does not reopen them by itself — Google is silent there, and that is the stricter reading.
   */
  setPublished(published: boolean): this {
    if (typeof published !== 'boolean') throw new Error('The parameters (' + typeof published + ') don\'t match the method signature for FormApp.Form.setPublished.');
    this._model.published = published;
    if (!published) this._model.acceptingResponses = false;
    return this;
  }
  isPublished(): boolean { return this._model.published; }
  setAllowResponseEdits(allow: boolean): this { this._model.allowResponseEdits = !!allow; return this; }
  canEditResponse(): boolean { return this._model.allowResponseEdits; }

  /**
   * Links the form to a spreadsheet: Forms adds a "Form Responses N" tab at the front with a Timestamp
   * column and one column per question, and copies every response so far into it.
   */
  setDestination(type: string, id: string): this {
    if (type !== DestinationType.SPREADSHEET) throw new Error(`Invalid argument: type ${type}`);
    const file = this.host.files.get(id);
    if (!file || file.trashed || file.mimeType !== SPREADSHEET_MIME) throw new Error('Invalid argument: id (no spreadsheet with this ID)');
    this.host.openFile(id, SPREADSHEET_MIME, 'FormApp');
    const ss = spreadsheetModel(this.host, id);
    let n = 1;
    while (ss.sheetByName(`Form Responses ${n}`)) n += 1;
    const sheet = ss.addSheet(`Form Responses ${n}`, 0);
    const model = this._model;
    model.destinationId = id;
    model.destinationSheetId = sheet.id;
    model.destinationColumns = [];
    syncDestinationHeader(this.host, model);
    for (const response of model.responses) appendResponseRow(this.host, model, response);
    ss.formUrls.push(this.getPublishedUrl());
    return this;
  }
  getDestinationId(): string {
    if (!this._model.destinationId) throw new Error('The form currently has no response destination.');
    return this._model.destinationId;
  }
  getDestinationType(): string {
    if (!this._model.destinationId) throw new Error('The form currently has no response destination.');
    return DestinationType.SPREADSHEET;
  }
  removeDestination(): this {
    this._model.destinationId = null;
    this._model.destinationSheetId = null;
    this._model.destinationColumns = [];
    return this;
  }

  getItems(type?: string): GoogleAppsScript.Forms.Item[] {
    return this._model.items.filter((i) => type === undefined || i.type === type).map((i) => genericItem(this.host, this._model, i));
  }
  getItemById(id: number): GoogleAppsScript.Forms.Item | null {
    const data = this._model.item(Number(id));
    return data ? genericItem(this.host, this._model, data) : null;
  }
  deleteItem(indexOrItem: number | GoogleAppsScript.Forms.Item): void {
    const items = this._model.items;
    const index = typeof indexOrItem === 'number' ? indexOrItem : items.indexOf(itemDataOf(this._model, indexOrItem));
    if (!Number.isInteger(index) || index < 0 || index >= items.length) throw new Error(`Invalid argument: index ${String(indexOrItem)}`);
    items.splice(index, 1);
  }
  moveItem(from: number | GoogleAppsScript.Forms.Item, toIndex: number): unknown {
    const items = this._model.items;
    const index = typeof from === 'number' ? from : items.indexOf(itemDataOf(this._model, from));
    if (!Number.isInteger(index) || index < 0 || index >= items.length) throw new Error(`Invalid argument: from ${String(from)}`);
    if (!Number.isInteger(toIndex) || toIndex < 0 || toIndex >= items.length) throw new Error(`Invalid argument: toIndex ${toIndex}`);
    const [data] = items.splice(index, 1);
    items.splice(toIndex, 0, data);
    return genericItem(this.host, this._model, data);
  }

  addMultipleChoiceItem(): unknown { return this.add('MULTIPLE_CHOICE'); }
  addCheckboxItem(): unknown { return this.add('CHECKBOX'); }
  addListItem(): unknown { return this.add('LIST'); }
  addScaleItem(): unknown { return this.add('SCALE'); }
  addGridItem(): unknown { return this.add('GRID'); }
  addTextItem(): unknown { return this.add('TEXT'); }
  addParagraphTextItem(): unknown { return this.add('PARAGRAPH_TEXT'); }
  addDateItem(): unknown { return this.add('DATE'); }
  addSectionHeaderItem(): unknown { return this.add('SECTION_HEADER'); }
  addPageBreakItem(): unknown { return this.add('PAGE_BREAK'); }

  /**
   * Every response the form holds, or those "after a given date and time"
   * (developers.google.com/apps-script/reference/forms/form#getResponses(Date)); the page does not say
   * whether one at exactly that time is included, so the model includes it (callers must compare times
   * themselves either way). The form keeps its own responses: the responses tab is where Forms copies
   * them (Form.setDestination), so rows people delete there stay in the form until Form.deleteResponse.
   */
  getResponses(timestamp?: Date): GoogleAppsScript.Forms.FormResponse[] {
    return this._model.responses
      .filter((r) => !timestamp || r.timestamp.getTime() >= timestamp.getTime())
      .map((r) => responseFor(this.host, this._model, r));
  }
  getResponse(responseId: string): GoogleAppsScript.Forms.FormResponse {
    const response = this._model.responses.find((r) => r.id === responseId);
    if (!response) throw new Error(`No response with ID ${responseId} exists for this form.`);
    return responseFor(this.host, this._model, response);
  }
  /** A response built by script; submitting it stores it (and fills the responses sheet) but fires no trigger. */
  createResponse(): GoogleAppsScript.Forms.FormResponse {
    return this.host.wrap('FormResponse', new FormResponseImpl(this.host, this._model, null)) as unknown as GoogleAppsScript.Forms.FormResponse;
  }
}

class BaseItemImpl {
  constructor(protected readonly host: Host, protected readonly form: FormModel, readonly _data: ItemData) {}
  getId(): number { return this._data.id; }
  getIndex(): number { return this.form.items.indexOf(this._data); }
  getTitle(): string { return this._data.title; }
  setTitle(title: string): this {
    this._data.title = String(title);
    syncDestinationHeader(this.host, this.form);
    return this;
  }
  getHelpText(): string { return this._data.helpText; }
  setHelpText(text: string): this { this._data.helpText = String(text); return this; }
  getType(): string { return this._data.type; }
  private as(type: ItemTypeName): unknown {
    if (this._data.type !== type) throw new Error(`Invalid conversion for item type: ${this._data.type}.`);
    return typedItem(this.host, this.form, this._data);
  }
  asMultipleChoiceItem(): unknown { return this.as('MULTIPLE_CHOICE'); }
  asCheckboxItem(): unknown { return this.as('CHECKBOX'); }
  asListItem(): unknown { return this.as('LIST'); }
  asScaleItem(): unknown { return this.as('SCALE'); }
  asGridItem(): unknown { return this.as('GRID'); }
  asTextItem(): unknown { return this.as('TEXT'); }
  asParagraphTextItem(): unknown { return this.as('PARAGRAPH_TEXT'); }
  asDateItem(): unknown { return this.as('DATE'); }
  asSectionHeaderItem(): unknown { return this.as('SECTION_HEADER'); }
  asPageBreakItem(): unknown { return this.as('PAGE_BREAK'); }
}

/** Questions: what every answerable item adds to an item. */
abstract class QuestionItemImpl extends BaseItemImpl {
  setRequired(required: boolean): this { this._data.required = !!required; return this; }
  isRequired(): boolean { return this._data.required; }
  protected response(answer: StoredAnswer): GoogleAppsScript.Forms.ItemResponse {
    return this.host.wrap('ItemResponse', new ItemResponseImpl(this.host, this.form, this._data, answer)) as unknown as GoogleAppsScript.Forms.ItemResponse;
  }
}

class ChoiceItemImpl extends QuestionItemImpl {
  setChoiceValues(values: string[]): this {
    if (!Array.isArray(values)) throw new Error('Invalid argument: values');
    if (values.some((v) => String(v).trim() === '')) throw new Error('Invalid data updating form.');
    if (new Set(values.map(String)).size !== values.length) throw new Error('Invalid data updating form.');
    this._data.choices = values.map(String);
    return this;
  }
  getChoices(): unknown[] {
    return this._data.choices.map((value) => this.host.wrap('Choice', { getValue: () => value }));
  }
  showOtherOption(enabled: boolean): this {
    if (enabled) throw new Error('ROSE Tracker forms do not use an "Other" option; showOtherOption(true) is not implemented by the local Workspace');
    return this;
  }
  createResponse(response: string | string[]): GoogleAppsScript.Forms.ItemResponse {
    if (this._data.type === 'CHECKBOX') {
      if (!Array.isArray(response)) throw new Error('Invalid argument: responses (a checkbox response is a list of choices)');
      for (const r of response) if (!this._data.choices.includes(r)) throw new Error(`Invalid response submitted to item: ${r}`);
      return this.response(response.map(String));
    }
    if (typeof response !== 'string') throw new Error('Invalid argument: response');
    if (!this._data.choices.includes(response)) throw new Error(`Invalid response submitted to item: ${response}`);
    return this.response(response);
  }
}

class ScaleItemImpl extends QuestionItemImpl {
  setBounds(lower: number, upper: number): this {
    if ((lower !== 0 && lower !== 1) || !Number.isInteger(upper) || upper < 3 || upper > 10) {
      throw new Error('Invalid data updating form: the lower bound must be 0 or 1 and the upper bound from 3 to 10.');
    }
    this._data.lowerBound = lower;
    this._data.upperBound = upper;
    return this;
  }
  getLowerBound(): number { return this._data.lowerBound; }
  getUpperBound(): number { return this._data.upperBound; }
  setLabels(lower: string, upper: string): this { this._data.leftLabel = String(lower); this._data.rightLabel = String(upper); return this; }
  getLeftLabel(): string { return this._data.leftLabel; }
  getRightLabel(): string { return this._data.rightLabel; }
  createResponse(value: number): GoogleAppsScript.Forms.ItemResponse {
    if (!Number.isInteger(value) || value < this._data.lowerBound || value > this._data.upperBound) throw new Error(`Invalid response submitted to item: ${value}`);
    return this.response(String(value));
  }
}

class GridItemImpl extends QuestionItemImpl {
  setRows(rows: string[]): this {
    if (!Array.isArray(rows) || rows.length === 0) throw new Error('Invalid argument: rows');
    this._data.rows = rows.map(String);
    syncDestinationHeader(this.host, this.form);
    return this;
  }
  getRows(): string[] { return [...this._data.rows]; }
  setColumns(columns: string[]): this {
    if (!Array.isArray(columns) || columns.length === 0) throw new Error('Invalid argument: columns');
    this._data.columns = columns.map(String);
    return this;
  }
  getColumns(): string[] { return [...this._data.columns]; }
  createResponse(responses: string[]): GoogleAppsScript.Forms.ItemResponse {
    if (!Array.isArray(responses) || responses.length !== this._data.rows.length) throw new Error('Invalid argument: responses (one per row)');
    for (const r of responses) if (r !== null && r !== '' && !this._data.columns.includes(r)) throw new Error(`Invalid response submitted to item: ${r}`);
    return this.response(responses.map((r) => (r === null ? '' : String(r))));
  }
}

class AnswerItemImpl extends QuestionItemImpl {
  createResponse(response: string | Date): GoogleAppsScript.Forms.ItemResponse {
    if (this._data.type === 'DATE') {
      if (!(response instanceof Date) || Number.isNaN(response.getTime())) throw new Error('Invalid argument: response (a Date)');
      const iso = `${response.getFullYear()}-${String(response.getMonth() + 1).padStart(2, '0')}-${String(response.getDate()).padStart(2, '0')}`;
      return this.response(iso);
    }
    if (typeof response !== 'string') throw new Error('Invalid argument: response');
    return this.response(response);
  }
}

/**
 * developers.google.com/apps-script/reference/forms/item-response: getItem() is the question answered;
 * getResponse() is a String for most items, a String[] of the checked choices for a checkbox item, and
 * one String per row for a grid ('' for a row left unanswered). A date answer is kept as yyyy-mm-dd.
 */
class ItemResponseImpl {
  constructor(private readonly host: Host, private readonly form: FormModel, readonly _item: ItemData, readonly _answer: StoredAnswer) {}
  getItem(): GoogleAppsScript.Forms.Item { return genericItem(this.host, this.form, this._item); }
  getResponse(): StoredAnswer { return Array.isArray(this._answer) ? [...this._answer] : this._answer; }
}

function responseFor(host: Host, form: FormModel, data: ResponseData): GoogleAppsScript.Forms.FormResponse {
  return host.wrap('FormResponse', new FormResponseImpl(host, form, data)) as unknown as GoogleAppsScript.Forms.FormResponse;
}

/**
 * developers.google.com/apps-script/reference/forms/form-response: getId() (null until submitted),
 * getTimestamp() (when it was submitted), getItemResponses() (the answered items, in the form's order).
 */
class FormResponseImpl {
  private readonly pending = new Map<number, StoredAnswer>();
  constructor(private readonly host: Host, private readonly form: FormModel, private data: ResponseData | null) {}
  getId(): string | null { return this.data ? this.data.id : null; }
  getTimestamp(): Date | null { return this.data ? new Date(this.data.timestamp.getTime()) : null; }
  getRespondentEmail(): string { return this.data ? this.data.email : ''; }
  getEditResponseUrl(): string { return `https://docs.google.com/forms/d/e/${this.form.publishedId}/viewform?edit2=${this.data?.id ?? ''}`; }
  getItemResponses(): GoogleAppsScript.Forms.ItemResponse[] {
    const answers = this.data ? this.data.answers : this.pending;
    return this.form.items.filter((i) => answers.has(i.id)).map((i) => this.host.wrap('ItemResponse', new ItemResponseImpl(this.host, this.form, i, answers.get(i.id)!)) as unknown as GoogleAppsScript.Forms.ItemResponse);
  }
  getResponseForItem(item: GoogleAppsScript.Forms.Item): GoogleAppsScript.Forms.ItemResponse | null {
    const data = itemDataOf(this.form, item);
    const answers = this.data ? this.data.answers : this.pending;
    const answer = answers.get(data.id);
    return answer === undefined ? null : this.host.wrap('ItemResponse', new ItemResponseImpl(this.host, this.form, data, answer)) as unknown as GoogleAppsScript.Forms.ItemResponse;
  }
  withItemResponse(itemResponse: GoogleAppsScript.Forms.ItemResponse): this {
    if (this.data) throw new Error('This response has already been submitted.');
    const inner = unwrap(itemResponse) as unknown as ItemResponseImpl;
    this.pending.set(inner._item.id, inner._answer);
    return this;
  }
  submit(): this {
    if (this.data) throw new Error('This response has already been submitted.');
    this.data = storeResponse(this.host, this.form, this.pending, this.host.now(), '').response;
    return this;
  }
  /**
   * "Generates a URL for the form in which the answers are pre-filled based on the answers in this
   * form response" (developers.google.com/apps-script/reference/forms/form-response#toPrefilledUrl()).
   * Google's links take the form's published URL with usp=pp_url and one entry.<number>=<answer> per
   * answer; Google does not document how that number relates to the item's ID, so the model uses the
   * item ID and callers must treat the link as opaque. Only text answers are modelled.
   */
  toPrefilledUrl(): string {
    const answers = this.data ? this.data.answers : this.pending;
    const params = ['usp=pp_url'];
    for (const item of this.form.items) {
      const answer = answers.get(item.id);
      if (answer === undefined) continue;
      if (typeof answer !== 'string') throw new Error('The local Workspace models pre-filled links for text and single-choice answers only.');
      params.push(`entry.${item.id}=${encodeURIComponent(answer)}`);
    }
    return `https://docs.google.com/forms/d/e/${this.form.publishedId}/viewform?${params.join('&')}`;
  }
}

/**
 * What a person sees on opening a pre-filled link (toPrefilledUrl): the form it belongs to and the
 * answers already filled in, by question title, for submitForm.
 */
export function prefilledForm(host: Host, url: string): { formId: string; answers: Record<string, string> } {
  const match = /^https:\/\/docs\.google\.com\/forms\/d\/e\/([\w-]+)\/viewform\?(.*)$/.exec(url);
  if (!match) throw new Error(`Not a pre-filled Google Forms link: ${url}`);
  const form = [...host.files.values()].filter((file) => file.mimeType === FORM_MIME && !file.trashed).map((file) => file.content as FormModel).find((model) => model.publishedId === match[1]);
  if (!form) throw new Error(`No form is published at ${url}`);
  const answers: Record<string, string> = {};
  for (const pair of match[2].split('&')) {
    const [key, value] = pair.split('=');
    const item = /^entry\.(\d+)$/.exec(key) ? form.item(Number(key.slice(6))) : undefined;
    if (item) answers[item.title] = decodeURIComponent(value ?? '');
  }
  return { formId: form.id, answers };
}

/** Stores a response and writes it to the responses sheet, as Forms does when anyone submits. */
function storeResponse(host: Host, form: FormModel, answers: Map<number, StoredAnswer>, at: Date, email: string): { response: ResponseData; row: number | null } {
  const response: ResponseData = { id: `2_ABaOnu${host.newId(40)}`, timestamp: new Date(at.getTime()), email, answers: new Map(answers) };
  form.responses.push(response);
  return { response, row: appendResponseRow(host, form, response) };
}

// ---------------------------------------------------------------------------------------------
// A person submitting the form on a phone, and the triggers that fires

/** What a person types: by question title; checkboxes as a list; grids as row label → column. */
export type PersonAnswers = Record<string, string | string[] | Record<string, string>>;

/** Google's spreadsheet form-submit event object (developers.google.com/apps-script/guides/triggers/events, "Form submit"). */
export interface SheetFormSubmitEvent {
  authMode: string;
  namedValues: Record<string, string[]>;
  range: GoogleAppsScript.Spreadsheet.Range;
  source: GoogleAppsScript.Spreadsheet.Spreadsheet;
  triggerUid: string;
  values: string[];
}

/** The add-on as the Workspace reaches it to fire triggers (set by AddOn.load). */
export interface TriggerRunner {
  call<T = unknown>(name: string, args?: unknown[], options?: { authMode?: 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION'; user?: string; timeLimitMs?: number | null; ui?: boolean }): T;
}

export interface TriggerRun {
  triggerUid: string;
  handlerFunction: string;
  /** The error the execution ended with; Google sends add-ons no failure email, so it is only recorded. */
  error?: string;
}

export interface Submission {
  responseId: string;
  /** Row of the response in the responses sheet (null when the form has no destination). */
  row: number | null;
  /** The spreadsheet trigger event (one per trigger fired), for firing it again. */
  event: SheetFormSubmitEvent | null;
  runs: TriggerRun[];
}

/** What the Workspace gives these functions: its host, its triggers, and the loaded add-on. */
export interface FormsWorkspace {
  host: Host;
  addon: TriggerRunner | null;
  triggers: { triggers: TriggerData[] };
  triggersFor(eventType: TriggerData['eventType'], sourceId?: string): TriggerData[];
}

function answersFromPerson(form: FormModel, person: PersonAnswers): Map<number, StoredAnswer> {
  const answers = new Map<number, StoredAnswer>();
  const questions = form.items.filter(isQuestion);
  for (const title of Object.keys(person)) {
    const item = questions.find((q) => q.title === title);
    if (!item) throw new Error(`The form "${form.title}" has no question titled "${title}"`);
    const given = person[title];
    if (item.type === 'GRID') {
      if (typeof given !== 'object' || Array.isArray(given)) throw new Error(`"${title}" is a grid: answer with { row: column }`);
      for (const row of Object.keys(given)) if (!item.rows.includes(row)) throw new Error(`"${title}" has no row "${row}"`);
      answers.set(item.id, item.rows.map((row) => given[row] ?? ''));
    } else if (item.type === 'CHECKBOX') {
      if (!Array.isArray(given)) throw new Error(`"${title}" is a checkbox question: answer with a list`);
      answers.set(item.id, given.map(String));
    } else {
      if (typeof given !== 'string') throw new Error(`"${title}" takes one answer as text`);
      answers.set(item.id, given);
    }
  }
  // A form on a phone will not send without its required answers; a test that wants a gap uses a non-required item.
  return answers;
}

/** The spreadsheet event for a row of the responses sheet, with the values as the sheet shows them. */
function sheetEvent(host: Host, ss: SpreadsheetModel, sheet: SheetModel, row: number, triggerUid: string, blank: boolean): SheetFormSubmitEvent {
  const width = sheet.lastColumn();
  const namedValues: Record<string, string[]> = {};
  const values: string[] = [];
  for (let c = 1; c <= width; c += 1) {
    const header = String(sheet.cell(1, c)?.value ?? '');
    const cell = sheet.cell(row, c);
    let shown = cell ? displayValue(cell.value, cell.format ?? 'General', ss.timeZone, ss.locale) : '';
    if (blank && c > 1) shown = '';
    values.push(shown);
    if (header) namedValues[header] = [shown];
  }
  // Built on Google's side: reaching the objects records no call of the add-on's.
  const source = spreadsheetFor(host, ss.id);
  const sheetObject = unwrap((unwrap(source) as unknown as Spreadsheet).getSheetByName(sheet.name)!);
  const range = sheetObject.getRange(row, 1, 1, Math.max(width, 1));
  return { authMode: 'FULL', namedValues, range, source, triggerUid, values };
}

function runTrigger(ws: FormsWorkspace, trigger: TriggerData, event: unknown, documentId: string): TriggerRun {
  if (!ws.addon) throw new Error('No add-on is loaded in this Workspace to receive the form-submit trigger (AddOn.load sets it).');
  const host = ws.host;
  const previous = host.activeSpreadsheetId;
  host.activeSpreadsheetId = documentId;
  try {
    ws.addon.call(trigger.handlerFunction, [event], { authMode: 'FULL', user: trigger.owner, ui: false });
    return { triggerUid: trigger.id, handlerFunction: trigger.handlerFunction };
  } catch (error) {
    return { triggerUid: trigger.id, handlerFunction: trigger.handlerFunction, error: (error as Error).message };
  } finally {
    host.activeSpreadsheetId = previous;
  }
}

/** Stores a person's submission and appends it to the responses sheet, without firing anything yet. */
export function recordSubmission(ws: FormsWorkspace, formId: string, person: PersonAnswers, at?: Date): { form: FormModel; response: ResponseData; row: number | null } {
  const form = formModel(ws.host, formId);
  // What a responder sees on an unpublished form is not documented; the form takes no answer either way.
  if (!form.published) throw new Error(`The form "${form.title}" is not published: it accepts no responses until its owner publishes it.`);
  if (!form.acceptingResponses) throw new Error(`The form "${form.title}" is no longer accepting responses.`);
  const { response, row } = storeResponse(ws.host, form, answersFromPerson(form, person), at ?? ws.host.now(), '');
  return { form, response, row };
}

/** The spreadsheet form-submit triggers for a recorded submission, with the event each one receives. */
export function eventsFor(ws: FormsWorkspace, form: FormModel, row: number | null): { trigger: TriggerData; event: SheetFormSubmitEvent }[] {
  const target = destinationSheet(ws.host, form);
  if (!target || row === null) return [];
  return ws.triggersFor('ON_FORM_SUBMIT', target.ss.id)
    .filter((t) => t.source === 'SPREADSHEETS')
    .map((trigger) => ({ trigger, event: sheetEvent(ws.host, target.ss, target.sheet, row, trigger.id, false) }));
}

/**
 * A person submits the form on a phone: the response is stored, Forms appends it to the responses
 * sheet, and then every installable form-submit trigger fires as its own execution — the
 * spreadsheet's (with namedValues, range, source, triggerUid, values) and the form's own.
 */
export function submitForm(ws: FormsWorkspace, formId: string, person: PersonAnswers, options: { at?: Date } = {}): Submission {
  const { form, response, row } = recordSubmission(ws, formId, person, options.at);
  const runs: TriggerRun[] = [];
  let lastEvent: SheetFormSubmitEvent | null = null;
  for (const { trigger, event } of eventsFor(ws, form, row)) {
    lastEvent = event;
    runs.push(runTrigger(ws, trigger, event, form.destinationId!));
  }
  for (const trigger of ws.triggersFor('ON_FORM_SUBMIT', form.id).filter((t) => t.source === 'FORMS')) {
    const event = { authMode: 'FULL', response: responseFor(ws.host, form, response), source: formFor(ws.host, form), triggerUid: trigger.id };
    runs.push(runTrigger(ws, trigger, event, trigger.documentId ?? form.destinationId ?? ''));
  }
  return { responseId: response.id, row, event: lastEvent, runs };
}

/**
 * The known duplicate delivery: the same submission's trigger fires again a few seconds later,
 * sometimes with every answer blank.
 */
export function fireFormSubmitAgain(ws: FormsWorkspace, event: SheetFormSubmitEvent, options: { blank?: boolean } = {}): TriggerRun {
  const trigger = ws.triggers.triggers.find((t) => t.id === event.triggerUid);
  if (!trigger) throw new Error(`No trigger ${event.triggerUid} to fire again (it was deleted).`);
  let again: SheetFormSubmitEvent = event;
  if (options.blank) {
    const namedValues: Record<string, string[]> = {};
    for (const key of Object.keys(event.namedValues)) namedValues[key] = [key === 'Timestamp' ? event.namedValues[key][0] : ''];
    again = { ...event, namedValues, values: event.values.map((v, i) => (i === 0 ? v : '')) };
  }
  return runTrigger(ws, trigger, again, (unwrap(event.source) as unknown as { _model: SpreadsheetModel })._model.id);
}

/** Registers FormApp with the Workspace (see registerServices in index.ts). */
export function formsServices(ws: { host: Host; scopes: readonly string[] | null }): Record<string, unknown> {
  return { FormApp: ws.host.wrap('FormApp', new FormAppService(ws.host, () => ws.scopes)) };
}
