// Sheets API v4 on loopback: spreadsheets.create/get/batchUpdate and the values methods, answered from the in-memory spreadsheets.
import type { DriveFile } from '../host';
import { SPREADSHEET_MIME, createSpreadsheetModel } from '../spreadsheet';
import type { SheetModel, SpreadsheetModel } from '../spreadsheet-model';
import { SCOPE, editorFile } from './access';
import { badRequest, booleanParam, enumParam, notImplemented, objectBody, type RestRequest, type Route } from './http';
import {
  DATE_TIME_RENDER_OPTIONS, MAJOR_DIMENSIONS, VALUE_INPUT_OPTIONS, VALUE_RENDER_OPTIONS, type MajorDimension, type RenderOptions,
  type UpdateValuesResult, type ValueInputOption, type WritePlan, a1Of, findTable, planClear, planWrite, readValueRange, resolveRange,
} from './values';

/** Scopes of the Sheets API methods (developers.google.com/sheets/api/scopes). */
const READ_SCOPES = [SCOPE.spreadsheets, SCOPE.spreadsheetsReadonly, SCOPE.drive, SCOPE.driveReadonly, SCOPE.driveFile];
const WRITE_SCOPES = [SCOPE.spreadsheets, SCOPE.drive, SCOPE.driveFile];
/** Scopes that reach every spreadsheet the user can open (drive.file reaches only the app's own). */
const BROAD_READ = [SCOPE.spreadsheets, SCOPE.spreadsheetsReadonly, SCOPE.drive, SCOPE.driveReadonly];
const BROAD_WRITE = [SCOPE.spreadsheets, SCOPE.drive];

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

function spreadsheetFile(request: RestRequest, write: boolean): { file: DriveFile; ss: SpreadsheetModel } {
  const file = editorFile(request.ws, request.caller, request.params.spreadsheetId, SPREADSHEET_MIME, write ? BROAD_WRITE : BROAD_READ);
  return { file, ss: file.content as SpreadsheetModel };
}

function hexToColor(hex: string): { red: number; green: number; blue: number } {
  const n = parseInt(hex.replace('#', ''), 16);
  return { red: ((n >> 16) & 255) / 255, green: ((n >> 8) & 255) / 255, blue: (n & 255) / 255 };
}

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

export function spreadsheetResource(ss: SpreadsheetModel, sheets = ss.sheets): Record<string, unknown> {
  const resource: Record<string, unknown> = {
    spreadsheetId: ss.id,
    properties: { title: ss.name, locale: ss.locale, autoRecalc: 'ON_CHANGE', timeZone: ss.timeZone },
    sheets: sheets.map((sheet) => ({ properties: sheetProperties(ss, sheet) })),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${ss.id}/edit`,
  };
  if (ss.namedRanges.size) {
    resource.namedRanges = [...ss.namedRanges].map(([name, { sheetId, bounds }]) => ({
      namedRangeId: name, name,
      range: { sheetId, startRowIndex: bounds.row - 1, endRowIndex: bounds.row - 1 + bounds.numRows, startColumnIndex: bounds.column - 1, endColumnIndex: bounds.column - 1 + bounds.numColumns },
    }));
  }
  return resource;
}

function checkTimeZone(timeZone: unknown, where: string): string {
  if (typeof timeZone !== 'string') throw badRequest(`Invalid value at '${where}'`);
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw badRequest(`Invalid ${where}: ${timeZone}`);
  }
  return timeZone;
}

function positiveInteger(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw badRequest(`Invalid value at '${where}', ${JSON.stringify(value)}`);
  return value;
}

const SHEET_FIELDS = ['title', 'index', 'hidden', 'gridProperties.rowCount', 'gridProperties.columnCount', 'gridProperties.frozenRowCount', 'gridProperties.frozenColumnCount'];

/**
 * Applies SheetProperties to a sheet. `only` is updateSheetProperties' field mask: a named field
 * left out of `properties` goes back to its default (unhidden, nothing frozen), as at Google.
 */
function applySheetProperties(ss: SpreadsheetModel, sheet: SheetModel, properties: Record<string, unknown>, where: string, only: Set<string> | null): void {
  for (const key of Object.keys(properties)) {
    if (!['sheetId', 'title', 'index', 'hidden', 'gridProperties', 'sheetType'].includes(key)) throw notImplemented(`${where}.${key}`);
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
      case 'gridProperties.rowCount': sheet.maxRows = Math.max(1, positiveInteger(value, `${where}.${field}`)); break;
      case 'gridProperties.columnCount': sheet.maxColumns = Math.max(1, positiveInteger(value, `${where}.${field}`)); break;
      case 'gridProperties.frozenRowCount': sheet.frozenRows = positiveInteger(value ?? 0, `${where}.${field}`); break;
      case 'gridProperties.frozenColumnCount': sheet.frozenColumns = positiveInteger(value ?? 0, `${where}.${field}`); break;
      default: throw notImplemented(`${where} field ${field}`);
    }
  }
}

function hasPath(object: Record<string, unknown>, path: string): boolean {
  let node: unknown = object;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

function newSheetName(ss: SpreadsheetModel): string {
  let n = ss.sheets.length + 1;
  while (ss.sheets.some((s) => s.name.toLowerCase() === `sheet${n}`)) n += 1;
  return `Sheet${n}`;
}

/** addSheet: a sheet with the given properties (a sheetId, if given, must be free). */
function addSheet(ss: SpreadsheetModel, properties: Record<string, unknown>, where: string): SheetModel {
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

interface Snapshot {
  sheets: SheetModel[];
  props: Map<SheetModel, Pick<SheetModel, 'id' | 'name' | 'maxRows' | 'maxColumns' | 'frozenRows' | 'frozenColumns' | 'hidden' | 'tabColor'>>;
  spreadsheet: Pick<SpreadsheetModel, 'name' | 'timeZone' | 'locale'>;
}

function snapshot(ss: SpreadsheetModel): Snapshot {
  return {
    sheets: [...ss.sheets],
    props: new Map(ss.sheets.map((s) => [s, {
      id: s.id, name: s.name, maxRows: s.maxRows, maxColumns: s.maxColumns, frozenRows: s.frozenRows, frozenColumns: s.frozenColumns, hidden: s.hidden, tabColor: s.tabColor,
    }])),
    spreadsheet: { name: ss.name, timeZone: ss.timeZone, locale: ss.locale },
  };
}

/** A batch applies whole or not at all (Sheets API: "if any request is not valid, no changes are applied"). */
function restore(ss: SpreadsheetModel, saved: Snapshot): void {
  ss.sheets = saved.sheets;
  for (const [sheet, props] of saved.props) Object.assign(sheet, props);
  Object.assign(ss, saved.spreadsheet);
}

function runRequest(ss: SpreadsheetModel, file: DriveFile, request: unknown, i: number): Record<string, unknown> {
  const where = `requests[${i}]`;
  const body = objectBody(request, where);
  const kinds = Object.keys(body);
  if (kinds.length !== 1) throw badRequest(`Invalid ${where}: exactly one kind of request must be set, found ${kinds.length}.`);
  const kind = kinds[0];
  if (!KNOWN_REQUESTS.has(kind)) throw badRequest(`Invalid JSON payload received. Unknown name "${kind}" at '${where}': Cannot find field.`);
  const args = objectBody(body[kind], `${where}.${kind}`);
  switch (kind) {
    case 'addSheet': {
      const sheet = addSheet(ss, objectBody(args.properties, `${where}.addSheet.properties`), `${where}.addSheet`);
      return { addSheet: { properties: sheetProperties(ss, sheet) } };
    }
    case 'updateSheetProperties': {
      const properties = objectBody(args.properties, `${where}.updateSheetProperties.properties`);
      if (typeof args.fields !== 'string' || !args.fields.trim()) throw badRequest(`Invalid ${where}.updateSheetProperties: You must specify which fields to update.`);
      const sheet = ss.sheetById(Number(properties.sheetId ?? 0));
      if (!sheet) throw badRequest(`Invalid ${where}.updateSheetProperties: No grid with id: ${String(properties.sheetId ?? 0)}`);
      const fields = new Set(args.fields.split(',').map((f) => f.trim()));
      applySheetProperties(ss, sheet, properties, `${where}.updateSheetProperties.properties`, fields);
      return {};
    }
    case 'appendDimension': {
      // Rows or columns added at the end of a sheet (Sheets API reference, AppendDimensionRequest).
      const sheet = ss.sheetById(Number(args.sheetId ?? 0));
      if (!sheet) throw badRequest(`Invalid ${where}.appendDimension: No grid with id: ${String(args.sheetId ?? 0)}`);
      if (args.dimension !== 'ROWS' && args.dimension !== 'COLUMNS') throw badRequest(`Invalid ${where}.appendDimension: dimension must be ROWS or COLUMNS.`);
      const length = positiveInteger(args.length, `${where}.appendDimension.length`);
      if (length < 1) throw badRequest(`Invalid ${where}.appendDimension: length must be at least 1.`);
      if (args.dimension === 'ROWS') sheet.insertRows(sheet.maxRows, length); else sheet.insertColumns(sheet.maxColumns, length);
      return {};
    }
    case 'deleteSheet': {
      const sheet = ss.sheetById(Number(args.sheetId));
      if (!sheet) throw badRequest(`Invalid ${where}.deleteSheet: No grid with id: ${String(args.sheetId)}`);
      if (ss.sheets.length === 1) throw badRequest(`Invalid ${where}.deleteSheet: You can't remove all the sheets in a document.`);
      ss.sheets = ss.sheets.filter((s) => s !== sheet);
      return {};
    }
    case 'updateSpreadsheetProperties': {
      const properties = objectBody(args.properties, `${where}.updateSpreadsheetProperties.properties`);
      if (typeof args.fields !== 'string' || !args.fields.trim()) throw badRequest(`Invalid ${where}.updateSpreadsheetProperties: You must specify which fields to update.`);
      for (const field of args.fields.split(',').map((f) => f.trim())) {
        if (field === 'title' || (field === '*' && properties.title !== undefined)) { ss.name = String(properties.title ?? ''); file.name = ss.name; }
        else if (field === 'timeZone' || (field === '*' && properties.timeZone !== undefined)) ss.timeZone = checkTimeZone(properties.timeZone, `${where}.updateSpreadsheetProperties.properties.timeZone`);
        else if (field === 'locale' || (field === '*' && properties.locale !== undefined)) ss.locale = String(properties.locale);
        else if (field !== '*') throw notImplemented(`${where}.updateSpreadsheetProperties field ${field}`);
      }
      return {};
    }
    default:
      throw badRequest(`Invalid ${where}: ${kind} is not implemented by the local Workspace`);
  }
}

function renderOptions(query: URLSearchParams, prefix = ''): RenderOptions {
  const name = (n: string) => (prefix ? `${prefix}${n[0].toUpperCase()}${n.slice(1)}` : n);
  return {
    valueRender: enumParam(query, name('valueRenderOption'), VALUE_RENDER_OPTIONS, 'FORMATTED_VALUE'),
    dateTimeRender: enumParam(query, name('dateTimeRenderOption'), DATE_TIME_RENDER_OPTIONS, 'SERIAL_NUMBER'),
    majorDimension: enumParam(query, 'majorDimension', MAJOR_DIMENSIONS, 'ROWS'),
  };
}

function inputOption(value: unknown): ValueInputOption {
  if (value === undefined || value === null || value === '') throw badRequest("'valueInputOption' is required but not specified");
  if (!VALUE_INPUT_OPTIONS.includes(value as ValueInputOption)) throw badRequest(`Invalid value at 'value_input_option', "${String(value)}"`);
  return value as ValueInputOption;
}

function majorDimensionOf(value: unknown, where: string): MajorDimension {
  if (value === undefined || value === null || value === 'DIMENSION_UNSPECIFIED') return 'ROWS';
  if (!MAJOR_DIMENSIONS.includes(value as MajorDimension)) throw badRequest(`Invalid value at '${where}', "${String(value)}"`);
  return value as MajorDimension;
}

/** The response part of an update, with the written values when includeValuesInResponse is set. */
function updateResponse(ss: SpreadsheetModel, plan: WritePlan, query: URLSearchParams): UpdateValuesResult & { spreadsheetId: string; updatedData?: unknown } {
  const response: UpdateValuesResult & { spreadsheetId: string; updatedData?: unknown } = { spreadsheetId: ss.id, ...plan.result };
  if (booleanParam(query, 'includeValuesInResponse', false) && plan.extent) {
    response.updatedData = readValueRange(ss, plan.extent, { ...renderOptions(query, 'response'), majorDimension: 'ROWS' });
  }
  return response;
}

function planUpdate(request: RestRequest, ss: SpreadsheetModel, rangeText: string, body: Record<string, unknown>, option: ValueInputOption, where: string): WritePlan {
  const target = resolveRange(ss, rangeText);
  return planWrite(request.ws.host, ss, target.sheet, target.row, target.column, body.values, {
    option, majorDimension: majorDimensionOf(body.majorDimension, `${where}.major_dimension`), where: `${where}.values`,
    within: { target, text: rangeText },
  });
}

const RESPONSE_PARAMS = ['includeValuesInResponse', 'responseValueRenderOption', 'responseDateTimeRenderOption'];

export const sheetsRoutes: Route[] = [
  {
    method: 'POST', path: '/v4/spreadsheets', name: 'sheets.spreadsheets.create', scopes: WRITE_SCOPES,
    handle(request) {
      const body = objectBody(request.body);
      for (const key of Object.keys(body)) {
        if (!['properties', 'sheets', 'spreadsheetId', 'spreadsheetUrl'].includes(key)) throw notImplemented(`sheets.spreadsheets.create with ${key}`);
      }
      const properties = objectBody(body.properties, 'properties');
      for (const key of Object.keys(properties)) {
        if (!['title', 'locale', 'timeZone', 'autoRecalc'].includes(key)) throw notImplemented(`sheets.spreadsheets.create with properties.${key}`);
      }
      const timeZone = properties.timeZone === undefined ? undefined : checkTimeZone(properties.timeZone, 'properties.time_zone');
      const ss = createSpreadsheetModel(request.ws.host, properties.title === undefined ? 'Untitled spreadsheet' : String(properties.title));
      if (timeZone) ss.timeZone = timeZone;
      if (properties.locale !== undefined) ss.locale = String(properties.locale);
      const sheets = body.sheets ?? [];
      if (!Array.isArray(sheets)) throw badRequest("Invalid value at 'spreadsheet.sheets'");
      sheets.forEach((entry, i) => {
        const sheetBody = objectBody(entry, `sheets[${i}]`);
        for (const key of Object.keys(sheetBody)) if (key !== 'properties') throw notImplemented(`sheets.spreadsheets.create with sheets[${i}].${key}`);
        const sheetProps = objectBody(sheetBody.properties, `sheets[${i}].properties`);
        if (i === 0) {
          const first = ss.sheets[0];
          if (sheetProps.sheetId !== undefined) first.id = positiveInteger(sheetProps.sheetId, 'sheets[0].properties.sheetId');
          applySheetProperties(ss, first, sheetProps, 'sheets[0].properties', null);
        } else {
          addSheet(ss, sheetProps, `sheets[${i}]`);
        }
      });
      const limit = ss.limitProblem();
      if (limit) { request.ws.host.files.delete(ss.id); throw badRequest(limit); }
      return spreadsheetResource(ss);
    },
  },
  {
    method: 'GET', path: '/v4/spreadsheets/{spreadsheetId}', name: 'sheets.spreadsheets.get', scopes: READ_SCOPES,
    query: ['ranges', 'includeGridData', 'excludeTablesInBandedRanges'],
    handle(request) {
      const { ss } = spreadsheetFile(request, false);
      if (booleanParam(request.query, 'includeGridData', false)) throw notImplemented('sheets.spreadsheets.get with includeGridData=true');
      const ranges = request.query.getAll('ranges');
      if (!ranges.length) return spreadsheetResource(ss);
      const sheets: SheetModel[] = [];
      for (const range of ranges) {
        const { sheet } = resolveRange(ss, range);
        if (!sheets.includes(sheet)) sheets.push(sheet);
      }
      return spreadsheetResource(ss, ss.sheets.filter((s) => sheets.includes(s)));
    },
  },
  {
    method: 'POST', path: '/v4/spreadsheets/{spreadsheetId}:batchUpdate', name: 'sheets.spreadsheets.batchUpdate', scopes: WRITE_SCOPES,
    handle(request) {
      const { file, ss } = spreadsheetFile(request, true);
      const body = objectBody(request.body);
      for (const key of Object.keys(body)) {
        if (!['requests', 'includeSpreadsheetInResponse', 'responseRanges', 'responseIncludeGridData'].includes(key)) {
          throw badRequest(`Invalid JSON payload received. Unknown name "${key}": Cannot find field.`);
        }
      }
      if (body.responseIncludeGridData === true) throw notImplemented('sheets.spreadsheets.batchUpdate with responseIncludeGridData');
      const requests = body.requests ?? [];
      if (!Array.isArray(requests)) throw badRequest("Invalid value at 'requests'");
      if (requests.length === 0) throw badRequest('Must specify at least one request.');
      const saved = snapshot(ss);
      let replies: Record<string, unknown>[];
      try {
        replies = requests.map((r, i) => runRequest(ss, file, r, i));
        // Google checks the grid limits on the batch's result and then applies none of it.
        const limit = ss.limitProblem();
        if (limit) throw badRequest(limit);
      } catch (error) {
        restore(ss, saved);
        throw error;
      }
      file.modifiedTime = request.ws.host.now();
      const response: Record<string, unknown> = { spreadsheetId: ss.id, replies };
      if (body.includeSpreadsheetInResponse === true) response.updatedSpreadsheet = spreadsheetResource(ss);
      return response;
    },
  },
  {
    method: 'GET', path: '/v4/spreadsheets/{spreadsheetId}/values/{range}', name: 'sheets.spreadsheets.values.get', scopes: READ_SCOPES,
    query: ['majorDimension', 'valueRenderOption', 'dateTimeRenderOption'],
    handle(request) {
      const { ss } = spreadsheetFile(request, false);
      return readValueRange(ss, resolveRange(ss, request.params.range), renderOptions(request.query));
    },
  },
  {
    method: 'GET', path: '/v4/spreadsheets/{spreadsheetId}/values:batchGet', name: 'sheets.spreadsheets.values.batchGet', scopes: READ_SCOPES,
    query: ['ranges', 'majorDimension', 'valueRenderOption', 'dateTimeRenderOption'],
    handle(request) {
      const { ss } = spreadsheetFile(request, false);
      const options = renderOptions(request.query);
      // Every range is resolved before any is read: one bad range fails the whole call, as at Google.
      const targets = request.query.getAll('ranges').map((range) => resolveRange(ss, range));
      return { spreadsheetId: ss.id, valueRanges: targets.map((target) => readValueRange(ss, target, options)) };
    },
  },
  {
    method: 'PUT', path: '/v4/spreadsheets/{spreadsheetId}/values/{range}', name: 'sheets.spreadsheets.values.update', scopes: WRITE_SCOPES,
    query: ['valueInputOption', ...RESPONSE_PARAMS],
    handle(request) {
      const { file, ss } = spreadsheetFile(request, true);
      const body = objectBody(request.body);
      if (typeof body.range === 'string' && resolveRange(ss, body.range).sheet !== resolveRange(ss, request.params.range).sheet) {
        throw badRequest(`Requested writing within range [${request.params.range}], but the request body has range [${body.range}].`);
      }
      const plan = planUpdate(request, ss, request.params.range, body, inputOption(request.query.get('valueInputOption')), 'data');
      plan.apply();
      file.modifiedTime = request.ws.host.now();
      return updateResponse(ss, plan, request.query);
    },
  },
  {
    method: 'POST', path: '/v4/spreadsheets/{spreadsheetId}/values/{range}:append', name: 'sheets.spreadsheets.values.append', scopes: WRITE_SCOPES,
    query: ['valueInputOption', 'insertDataOption', ...RESPONSE_PARAMS],
    handle(request) {
      const { file, ss } = spreadsheetFile(request, true);
      const body = objectBody(request.body);
      const option = inputOption(request.query.get('valueInputOption'));
      const insert = enumParam(request.query, 'insertDataOption', ['OVERWRITE', 'INSERT_ROWS'] as const, 'OVERWRITE');
      const target = resolveRange(ss, request.params.range);
      const { table, row, column } = findTable(target);
      const plan = planWrite(request.ws.host, ss, target.sheet, row, column, body.values, {
        option, majorDimension: majorDimensionOf(body.majorDimension, 'major_dimension'), where: 'values',
        growRows: true, insertRows: insert === 'INSERT_ROWS',
      });
      plan.apply();
      file.modifiedTime = request.ws.host.now();
      const response: Record<string, unknown> = { spreadsheetId: ss.id, updates: updateResponse(ss, plan, request.query) };
      if (table) response.tableRange = a1Of(table);
      return response;
    },
  },
  {
    method: 'POST', path: '/v4/spreadsheets/{spreadsheetId}/values:batchUpdate', name: 'sheets.spreadsheets.values.batchUpdate', scopes: WRITE_SCOPES,
    handle(request) {
      const { file, ss } = spreadsheetFile(request, true);
      const body = objectBody(request.body);
      const option = inputOption(body.valueInputOption);
      const data = body.data ?? [];
      if (!Array.isArray(data)) throw badRequest("Invalid value at 'data'");
      const plans = data.map((entry, i) => {
        const range = objectBody(entry, `data[${i}]`);
        if (typeof range.range !== 'string') throw badRequest(`Invalid data[${i}]: No range specified.`);
        return planUpdate(request, ss, range.range, range, option, `data[${i}]`);
      });
      plans.forEach((plan) => plan.apply());
      file.modifiedTime = request.ws.host.now();
      const query = new URLSearchParams();
      if (body.includeValuesInResponse === true) query.set('includeValuesInResponse', 'true');
      if (typeof body.responseValueRenderOption === 'string') query.set('responseValueRenderOption', body.responseValueRenderOption);
      if (typeof body.responseDateTimeRenderOption === 'string') query.set('responseDateTimeRenderOption', body.responseDateTimeRenderOption);
      const responses = plans.map((plan) => updateResponse(ss, plan, query));
      const sum = (key: 'updatedRows' | 'updatedColumns' | 'updatedCells') => responses.reduce((n, r) => n + (r[key] ?? 0), 0);
      return {
        spreadsheetId: ss.id,
        totalUpdatedRows: sum('updatedRows'),
        totalUpdatedColumns: sum('updatedColumns'),
        totalUpdatedCells: sum('updatedCells'),
        totalUpdatedSheets: new Set(plans.filter((p) => p.extent).map((p) => p.extent!.sheet)).size,
        responses,
      };
    },
  },
  {
    method: 'POST', path: '/v4/spreadsheets/{spreadsheetId}/values/{range}:clear', name: 'sheets.spreadsheets.values.clear', scopes: WRITE_SCOPES,
    handle(request) {
      const { file, ss } = spreadsheetFile(request, true);
      const plan = planClear(request.ws.host, ss, resolveRange(ss, request.params.range));
      plan.apply();
      file.modifiedTime = request.ws.host.now();
      return { spreadsheetId: ss.id, clearedRange: plan.range };
    },
  },
  {
    method: 'POST', path: '/v4/spreadsheets/{spreadsheetId}/values:batchClear', name: 'sheets.spreadsheets.values.batchClear', scopes: WRITE_SCOPES,
    handle(request) {
      const { file, ss } = spreadsheetFile(request, true);
      const ranges = objectBody(request.body).ranges ?? [];
      if (!Array.isArray(ranges)) throw badRequest("Invalid value at 'ranges'");
      const plans = ranges.map((range) => planClear(request.ws.host, ss, resolveRange(ss, String(range))));
      plans.forEach((plan) => plan.apply());
      file.modifiedTime = request.ws.host.now();
      return { spreadsheetId: ss.id, clearedRanges: plans.map((p) => p.range) };
    },
  },
];
