// Sheets API v4, one implementation: spreadsheets.create/get/batchUpdate and the values methods, called by the REST routes and the Sheets advanced service alike.
//
// Each function takes the method's parameters as plain values (the REST face parses them from the
// URL, the advanced service takes them as Apps Script passes them), answers the REST resource and
// throws ApiError with Google's message; the caller turns that into an HTTP error body or into
// Apps Script's "API call to … failed with error: …". References:
// developers.google.com/sheets/api/reference/rest/v4/spreadsheets (get, batchUpdate, create) and
// …/spreadsheets.values (get, batchGet, update, append, batchUpdate, clear, batchClear).
import type { DriveFile, Host } from '../host';
import { embeddedChartOf } from './sheets-charts';
import { createSpreadsheetModel } from '../spreadsheet';
import type { Cell, SheetModel, SpreadsheetModel } from '../spreadsheet-model';
import { protectionsOf } from '../spreadsheet-model';
import { type FieldMask, applyFieldMask, badRequest, notImplemented, objectBody, parseFieldMask } from './http';
import { cellDataOf, gridRangeOf } from './sheets-cells';
import {
  DEFAULT_PIXEL_SIZE, addSheet, developerMetadataOf, applySheetProperties, checkTimeZone, conditionalFormatOf, positiveInteger, protectedRangeOf, runRequest,
  sheetProperties, type BatchContext,
} from './sheets-requests';
import {
  DATE_TIME_RENDER_OPTIONS, MAJOR_DIMENSIONS, VALUE_INPUT_OPTIONS, VALUE_RENDER_OPTIONS, type MajorDimension, type RenderOptions, type Target,
  type UpdateValuesResult, type ValueInputOption, type ValueRange, type WritePlan, a1Of, clipToGrid, findTable, planClear, planWrite,
  readValueRange, render, resolveRange,
} from './values';


/** What a call did, for the ledger's cost model: batchUpdate requests applied and cells written or returned. */
export interface SheetsWork {
  requests: number;
  cells: number;
}

/** One call of the API: who may reach which spreadsheet is the caller's (REST token or the script's manifest). */
export interface SheetsCall {
  host: Host;
  /** The spreadsheet for a read or a write, or Google's error (404, 403). */
  open(spreadsheetId: string, write: boolean): { file: DriveFile; ss: SpreadsheetModel };
  work: SheetsWork;
}

export function newWork(): SheetsWork {
  return { requests: 0, cells: 0 };
}

/** An enum option with Google's message for a value it does not know; unset takes the default. */
export function enumOption<T extends string>(value: unknown, name: string, values: readonly T[], fallback: T): T {
  if (value === undefined || value === null) return fallback;
  if ((values as readonly unknown[]).includes(value)) return value as T;
  throw badRequest(`Invalid value at '${name}', "${String(value)}"`);
}

export interface RenderParams {
  majorDimension?: unknown;
  valueRenderOption?: unknown;
  dateTimeRenderOption?: unknown;
}

function renderOptions(params: RenderParams): RenderOptions {
  return {
    valueRender: enumOption(params.valueRenderOption, 'valueRenderOption', VALUE_RENDER_OPTIONS, 'FORMATTED_VALUE'),
    dateTimeRender: enumOption(params.dateTimeRenderOption, 'dateTimeRenderOption', DATE_TIME_RENDER_OPTIONS, 'SERIAL_NUMBER'),
    majorDimension: enumOption(params.majorDimension === 'DIMENSION_UNSPECIFIED' ? undefined : params.majorDimension, 'majorDimension', MAJOR_DIMENSIONS, 'ROWS'),
  };
}

// --- Field masks on reads ("Use field masks", developers.google.com/sheets/api/guides/field-masks)

/**
 * The Spreadsheet resource's field names, for checking a `fields` mask: a name the resource does not
 * have fails as at Google ("Error expanding 'fields' parameter. Cannot find matching fields for path
 * '…'", the answer reported in ringo380/claude-google-sheets-mcp#2). `true` accepts any sub-path
 * (real fields the model leaves absent, such as charts and banded ranges, pass and come back empty).
 */
type Schema = { [name: string]: Schema | true };
const GRID_RANGE: Schema = { sheetId: true, startRowIndex: true, endRowIndex: true, startColumnIndex: true, endColumnIndex: true };
const DIMENSION_PROPERTIES: Schema = { pixelSize: true, hiddenByUser: true, hiddenByFilter: true, developerMetadata: true, dataSourceColumnReference: true };
const SPREADSHEET_SCHEMA: Schema = {
  spreadsheetId: true,
  properties: { title: true, locale: true, autoRecalc: true, timeZone: true, defaultFormat: true, iterativeCalculationSettings: true, spreadsheetTheme: true, importFunctionsExternalUrlAccessAllowed: true },
  sheets: {
    properties: {
      sheetId: true, title: true, index: true, sheetType: true, hidden: true, tabColor: true, tabColorStyle: true, rightToLeft: true, dataSourceSheetProperties: true,
      gridProperties: { rowCount: true, columnCount: true, frozenRowCount: true, frozenColumnCount: true, hideGridlines: true, rowGroupControlAfter: true, columnGroupControlAfter: true },
    },
    data: {
      startRow: true, startColumn: true, rowMetadata: DIMENSION_PROPERTIES, columnMetadata: DIMENSION_PROPERTIES,
      rowData: { values: { userEnteredValue: true, effectiveValue: true, formattedValue: true, userEnteredFormat: true, effectiveFormat: true, hyperlink: true, note: true, textFormatRuns: true, dataValidation: true, pivotTable: true, dataSourceTable: true, dataSourceFormula: true, chipRuns: true } },
    },
    merges: GRID_RANGE,
    conditionalFormats: { ranges: GRID_RANGE, booleanRule: true, gradientRule: true },
    protectedRanges: { protectedRangeId: true, range: GRID_RANGE, namedRangeId: true, tableId: true, description: true, warningOnly: true, requestingUserCanEdit: true, unprotectedRanges: GRID_RANGE, editors: { users: true, groups: true, domainUsersCanEdit: true } },
    filterViews: true, basicFilter: true, charts: true, bandedRanges: true, developerMetadata: true, rowGroups: true, columnGroups: true, slicers: true, tables: true,
  },
  namedRanges: { namedRangeId: true, name: true, range: GRID_RANGE },
  spreadsheetUrl: true, developerMetadata: true, dataSources: true, dataSourceSchedules: true,
};

function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_m, letter: string) => letter.toUpperCase());
}

function normalizeMask(mask: FieldMask): FieldMask {
  return new Map([...mask].map(([key, sub]) => [camel(key), sub === true ? true : normalizeMask(sub)]));
}

function cannotExpand(path: string): never {
  throw badRequest(`Error expanding 'fields' parameter. Cannot find matching fields for path '${path}'.`);
}

function checkMask(mask: FieldMask, schema: Schema, prefix: string): void {
  for (const [key, sub] of mask) {
    if (key === '*') continue;
    const node = schema[key];
    const path = prefix ? `${prefix}.${key}` : key;
    if (node === undefined) cannotExpand(path);
    if (sub !== true && node !== true) checkMask(sub, node, path);
  }
}

/** A `fields` mask of a Spreadsheet read, checked; Google reads the text literally, so a space is part of a name. */
export function spreadsheetMask(fields: string): FieldMask {
  for (const piece of fields.split(',')) if (piece !== piece.trim()) cannotExpand(piece.replace(/[()]/g, ''));
  const mask = normalizeMask(parseFieldMask(fields));
  checkMask(mask, SPREADSHEET_SCHEMA, '');
  return mask;
}

/** The part of a mask under a path: true (everything), a sub-mask, or null (not selected). */
function maskAt(mask: FieldMask | true, path: string[]): FieldMask | true | null {
  let node: FieldMask | true = mask;
  for (const key of path) {
    if (node === true || node.has('*')) return true;
    const next: FieldMask | true | undefined = node.get(key);
    if (next === undefined) return null;
    node = next;
  }
  return node;
}

// --- The Spreadsheet resource

/**
 * Real CellData fields the model does not hold: a mask naming one answers 501. Without a mask
 * (includeGridData=true) a cell comes back with the fields the model holds only: Google would add
 * effectiveFormat (the format after conditional formatting and defaults), which is not modelled.
 */
const UNMODELLED_CELL_FIELDS = ['effectiveFormat', 'hyperlink', 'textFormatRuns', 'pivotTable', 'dataSourceTable', 'dataSourceFormula', 'chipRuns'];

interface GridRequest {
  /** The ranges asked for (spreadsheets.get `ranges`), or null for every sheet whole. */
  targets: Target[] | null;
  /** What of GridData is wanted. */
  mask: FieldMask | true;
}

function extendedOf(value: unknown): Record<string, unknown> | undefined {
  if (value === '' || value === undefined) return undefined;
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  return { stringValue: String(value) };
}

/** GridData for one block (…/sheets#GridData): rows and cells trimmed of trailing empties, metadata for every row and column. */
function gridData(ss: SpreadsheetModel, requested: Target, mask: FieldMask | true, work: SheetsWork): Record<string, unknown> {
  const target = clipToGrid(requested);
  const { sheet } = target;
  const data: Record<string, unknown> = {};
  if (target.row > 1) data.startRow = target.row - 1;
  if (target.column > 1) data.startColumn = target.column - 1;
  const cellMask = maskAt(mask, ['rowData', 'values']);
  if (cellMask instanceof Map) {
    for (const field of UNMODELLED_CELL_FIELDS) if (cellMask.has(field)) throw notImplemented(`sheets.data.rowData.values.${field}`);
  }
  if (cellMask) {
    const wants = (field: string) => cellMask === true || cellMask.has('*') || cellMask.has(field);
    const read = (cell: Cell, row: number, column: number) => ({
      effective: wants('effectiveValue')
        ? extendedOf(render(ss, target, cell, row, column, { valueRender: 'UNFORMATTED_VALUE', dateTimeRender: 'SERIAL_NUMBER', majorDimension: 'ROWS' }))
        : undefined,
      formatted: wants('formattedValue')
        ? String(render(ss, target, cell, row, column, { valueRender: 'FORMATTED_VALUE', dateTimeRender: 'SERIAL_NUMBER', majorDimension: 'ROWS' }))
        : undefined,
    });
    const rows: Record<string, unknown>[][] = [];
    for (let r = target.row; r < target.row + target.numRows; r += 1) {
      const cells = sheet.rows[r - 1];
      const values: Record<string, unknown>[] = [];
      for (let c = target.column; c < target.column + target.numColumns; c += 1) {
        values.push(cellDataOf(ss, cells?.[c - 1], wants, read, r, c));
      }
      while (values.length && Object.keys(values[values.length - 1]).length === 0) values.pop();
      rows.push(values);
      work.cells += values.length;
    }
    while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
    const rowData = rows.map((values) => (values.length ? { values } : {}));
    if (rowData.length) data.rowData = rowData;
  }
  const metadata = (dimension: 'ROWS' | 'COLUMNS', first: number, count: number) => {
    const sizes = dimension === 'ROWS' ? sheet.rowHeights : sheet.columnWidths;
    const hidden = dimension === 'ROWS' ? sheet.hiddenRows : sheet.hiddenColumns;
    return Array.from({ length: count }, (_, i) => {
      const entry: Record<string, unknown> = { pixelSize: sizes.get(first + i) ?? DEFAULT_PIXEL_SIZE[dimension] };
      if (hidden.has(first + i)) entry.hiddenByUser = true;
      return entry;
    });
  };
  if (maskAt(mask, ['rowMetadata'])) data.rowMetadata = metadata('ROWS', target.row, target.numRows);
  if (maskAt(mask, ['columnMetadata'])) data.columnMetadata = metadata('COLUMNS', target.column, target.numColumns);
  return data;
}

function sheetResource(host: Host, ss: SpreadsheetModel, sheet: SheetModel, grid: GridRequest | null, work: SheetsWork): Record<string, unknown> {
  const resource: Record<string, unknown> = { properties: sheetProperties(ss, sheet) };
  if (grid) {
    const blocks = grid.targets ? grid.targets.filter((t) => t.sheet === sheet) : [{ sheet, row: 1, column: 1, numRows: sheet.maxRows, numColumns: sheet.maxColumns }];
    resource.data = blocks.map((block) => gridData(ss, block, grid.mask, work));
  }
  if (sheet.merges.length) resource.merges = sheet.merges.map((m) => gridRangeOf(sheet.id, m));
  if (sheet.conditionalRules.length) resource.conditionalFormats = sheet.conditionalRules.map(conditionalFormatOf);
  const protections = protectionsOf(sheet);
  if (protections.length) resource.protectedRanges = protections.map((p) => protectedRangeOf(host, ss, p));
  if (sheet.charts.length) resource.charts = sheet.charts.map((chart) => embeddedChartOf(sheet, chart));
  return resource;
}

function spreadsheetResource(host: Host, ss: SpreadsheetModel, sheets: SheetModel[], grid: GridRequest | null, work: SheetsWork): Record<string, unknown> {
  const resource: Record<string, unknown> = {
    spreadsheetId: ss.id,
    properties: { title: ss.name, locale: ss.locale, autoRecalc: 'ON_CHANGE', timeZone: ss.timeZone },
    sheets: sheets.map((sheet) => sheetResource(host, ss, sheet, grid, work)),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${ss.id}/edit`,
  };
  // Spreadsheet-level developer metadata (spreadsheets.developerMetadata); the model holds no other location.
  if (ss.developerMetadata.length) resource.developerMetadata = ss.developerMetadata.map(developerMetadataOf);
  if (ss.namedRanges.size) {
    resource.namedRanges = [...ss.namedRanges].map(([name, { sheetId, bounds }]) => ({ namedRangeId: name, name, range: gridRangeOf(sheetId, bounds) }));
  }
  // DeveloperMetadata on the spreadsheet itself (…/spreadsheets.developerMetadata#DeveloperMetadata). The model does not tell
  // projects apart, so PROJECT-visible entries are shown too: a script sees only its own project's in Google.
  if (ss.developerMetadata.length) {
    resource.developerMetadata = ss.developerMetadata.map((m) => ({
      metadataId: m.id, metadataKey: m.key, ...(m.value === null ? {} : { metadataValue: m.value }),
      location: { locationType: 'SPREADSHEET', spreadsheet: true }, visibility: m.visibility,
    }));
  }
  return resource;
}

/** The sheets `ranges` name (in spreadsheet order), or every sheet; every range is resolved first, so one bad range fails the call. */
function sheetsFor(ss: SpreadsheetModel, ranges: readonly string[]): { sheets: SheetModel[]; targets: Target[] | null } {
  if (!ranges.length) return { sheets: ss.sheets, targets: null };
  const targets = ranges.map((range) => resolveRange(ss, range));
  return { sheets: ss.sheets.filter((s) => targets.some((t) => t.sheet === s)), targets };
}

export interface GetParams {
  ranges?: readonly string[];
  includeGridData?: boolean;
  fields?: string;
  excludeTablesInBandedRanges?: boolean;
}

/**
 * spreadsheets.get. Grid data comes back when the mask selects sheets.data, or without a mask when
 * includeGridData is true ("If a field mask is set, the includeGridData parameter is ignored").
 */
export function getSpreadsheet(call: SheetsCall, spreadsheetId: string, params: GetParams): Record<string, unknown> {
  const { ss } = call.open(spreadsheetId, false);
  const mask = params.fields && params.fields.trim() ? spreadsheetMask(params.fields) : null;
  const { sheets, targets } = sheetsFor(ss, params.ranges ?? []);
  const gridMask = mask ? maskAt(mask, ['sheets', 'data']) : params.includeGridData ? true : null;
  const resource = spreadsheetResource(call.host, ss, sheets, gridMask ? { targets, mask: gridMask } : null, call.work);
  return mask ? applyFieldMask(resource, mask) as Record<string, unknown> : resource;
}

export function createSpreadsheet(call: SheetsCall, body: unknown): Record<string, unknown> {
  const resource = objectBody(body);
  for (const key of Object.keys(resource)) {
    if (!['properties', 'sheets', 'spreadsheetId', 'spreadsheetUrl'].includes(key)) throw notImplemented(`sheets.spreadsheets.create with ${key}`);
  }
  const properties = objectBody(resource.properties, 'properties');
  for (const key of Object.keys(properties)) {
    if (!['title', 'locale', 'timeZone', 'autoRecalc'].includes(key)) throw notImplemented(`sheets.spreadsheets.create with properties.${key}`);
  }
  const timeZone = properties.timeZone === undefined ? undefined : checkTimeZone(properties.timeZone, 'properties.time_zone');
  const ss = createSpreadsheetModel(call.host, properties.title === undefined ? 'Untitled spreadsheet' : String(properties.title));
  if (timeZone) ss.timeZone = timeZone;
  if (properties.locale !== undefined) ss.locale = String(properties.locale);
  const sheets = resource.sheets ?? [];
  if (!Array.isArray(sheets)) throw badRequest("Invalid value at 'spreadsheet.sheets'");
  try {
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
    if (limit) throw badRequest(limit);
  } catch (error) {
    call.host.files.delete(ss.id);
    throw error;
  }
  return spreadsheetResource(call.host, ss, ss.sheets, null, call.work);
}

const BATCH_FIELDS = ['requests', 'includeSpreadsheetInResponse', 'responseRanges', 'responseIncludeGridData'];

/**
 * spreadsheets.batchUpdate: "Each request is validated before being applied. If any request is not
 * valid then the entire request will fail and nothing will be applied … the updates in the request
 * will be applied together atomically." Requests run in order on the spreadsheet and a failure puts
 * every part of it back; the grid limits are checked on the batch's result.
 */
export function batchUpdateSpreadsheet(call: SheetsCall, spreadsheetId: string, body: unknown): Record<string, unknown> {
  const { file, ss } = call.open(spreadsheetId, true);
  const request = objectBody(body);
  for (const key of Object.keys(request)) {
    if (!BATCH_FIELDS.includes(key)) throw badRequest(`Invalid JSON payload received. Unknown name "${key}": Cannot find field.`);
  }
  const requests = request.requests ?? [];
  if (!Array.isArray(requests)) throw badRequest("Invalid value at 'requests'");
  if (requests.length === 0) throw badRequest('Must specify at least one request.');
  const responseRanges = request.responseRanges ?? [];
  if (!Array.isArray(responseRanges) || responseRanges.some((r) => typeof r !== 'string')) throw badRequest("Invalid value at 'response_ranges'");
  const restore = ss.checkpoint();
  const name = file.name;
  const ctx: BatchContext = { host: call.host, ss, file };
  let replies: Record<string, unknown>[];
  try {
    const results = requests.map((r, i) => runRequest(ctx, r, i));
    const limit = ss.limitProblem();
    if (limit) throw badRequest(limit);
    replies = results.map((r) => r.reply);
    call.work.requests += results.length;
    call.work.cells += results.reduce((sum, r) => sum + r.cells, 0);
  } catch (error) {
    restore();
    file.name = name;
    throw error;
  }
  file.modifiedTime = call.host.now();
  const response: Record<string, unknown> = { spreadsheetId: ss.id, replies };
  if (request.includeSpreadsheetInResponse === true) {
    const { sheets, targets } = sheetsFor(ss, responseRanges as string[]);
    const grid = request.responseIncludeGridData === true ? { targets, mask: true as const } : null;
    response.updatedSpreadsheet = spreadsheetResource(call.host, ss, sheets, grid, call.work);
  }
  return response;
}

// --- Values

function countValues(range: ValueRange): number {
  return (range.values ?? []).reduce((sum, line) => sum + line.length, 0);
}

export function getValues(call: SheetsCall, spreadsheetId: string, range: string, params: RenderParams): ValueRange {
  const { ss } = call.open(spreadsheetId, false);
  const result = readValueRange(ss, resolveRange(ss, range), renderOptions(params));
  call.work.cells += countValues(result);
  return result;
}

export function batchGetValues(call: SheetsCall, spreadsheetId: string, ranges: readonly string[], params: RenderParams): { spreadsheetId: string; valueRanges: ValueRange[] } {
  const { ss } = call.open(spreadsheetId, false);
  const options = renderOptions(params);
  // Every range is resolved before any is read: one bad range fails the whole call, as at Google.
  const targets = ranges.map((range) => resolveRange(ss, range));
  const valueRanges = targets.map((target) => readValueRange(ss, target, options));
  call.work.cells += valueRanges.reduce((sum, r) => sum + countValues(r), 0);
  return { spreadsheetId: ss.id, valueRanges };
}

export interface WriteParams {
  valueInputOption?: unknown;
  includeValuesInResponse?: boolean;
  responseValueRenderOption?: unknown;
  responseDateTimeRenderOption?: unknown;
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

type UpdateResponse = UpdateValuesResult & { spreadsheetId: string; updatedData?: ValueRange };

/** The response part of an update, with the written values when includeValuesInResponse is set. */
function updateResponse(ss: SpreadsheetModel, plan: WritePlan, params: WriteParams): UpdateResponse {
  const response: UpdateResponse = { spreadsheetId: ss.id, ...plan.result };
  if (params.includeValuesInResponse && plan.extent) {
    response.updatedData = readValueRange(ss, plan.extent, {
      ...renderOptions({ valueRenderOption: params.responseValueRenderOption, dateTimeRenderOption: params.responseDateTimeRenderOption }),
      majorDimension: 'ROWS',
    });
  }
  return response;
}

function planUpdate(call: SheetsCall, ss: SpreadsheetModel, rangeText: string, body: Record<string, unknown>, option: ValueInputOption, where: string): WritePlan {
  const target = resolveRange(ss, rangeText);
  return planWrite(call.host, ss, target.sheet, target.row, target.column, body.values, {
    option, majorDimension: majorDimensionOf(body.majorDimension, `${where}.major_dimension`), where: `${where}.values`,
    within: { target, text: rangeText },
  });
}

export function updateValues(call: SheetsCall, spreadsheetId: string, range: string, resource: unknown, params: WriteParams): UpdateResponse {
  const { file, ss } = call.open(spreadsheetId, true);
  const body = objectBody(resource);
  if (typeof body.range === 'string' && resolveRange(ss, body.range).sheet !== resolveRange(ss, range).sheet) {
    throw badRequest(`Requested writing within range [${range}], but the request body has range [${body.range}].`);
  }
  const plan = planUpdate(call, ss, range, body, inputOption(params.valueInputOption), 'data');
  plan.apply();
  file.modifiedTime = call.host.now();
  call.work.cells += plan.result.updatedCells ?? 0;
  return updateResponse(ss, plan, params);
}

export function appendValues(call: SheetsCall, spreadsheetId: string, range: string, resource: unknown, params: WriteParams & { insertDataOption?: unknown }): Record<string, unknown> {
  const { file, ss } = call.open(spreadsheetId, true);
  const body = objectBody(resource);
  const option = inputOption(params.valueInputOption);
  const insert = enumOption(params.insertDataOption, 'insertDataOption', ['OVERWRITE', 'INSERT_ROWS'] as const, 'OVERWRITE');
  const target = resolveRange(ss, range);
  const { table, row, column } = findTable(target);
  const plan = planWrite(call.host, ss, target.sheet, row, column, body.values, {
    option, majorDimension: majorDimensionOf(body.majorDimension, 'major_dimension'), where: 'values',
    growRows: true, insertRows: insert === 'INSERT_ROWS',
  });
  plan.apply();
  file.modifiedTime = call.host.now();
  call.work.cells += plan.result.updatedCells ?? 0;
  const response: Record<string, unknown> = { spreadsheetId: ss.id, updates: updateResponse(ss, plan, params) };
  if (table) response.tableRange = a1Of(table);
  return response;
}

export function batchUpdateValues(call: SheetsCall, spreadsheetId: string, resource: unknown): Record<string, unknown> {
  const { file, ss } = call.open(spreadsheetId, true);
  const body = objectBody(resource);
  const option = inputOption(body.valueInputOption);
  const data = body.data ?? [];
  if (!Array.isArray(data)) throw badRequest("Invalid value at 'data'");
  // Every range is checked before any is written: the batch applies whole or not at all.
  const plans = data.map((entry, i) => {
    const range = objectBody(entry, `data[${i}]`);
    if (typeof range.range !== 'string') throw badRequest(`Invalid data[${i}]: No range specified.`);
    return planUpdate(call, ss, range.range, range, option, `data[${i}]`);
  });
  plans.forEach((plan) => plan.apply());
  file.modifiedTime = call.host.now();
  const params: WriteParams = {
    includeValuesInResponse: body.includeValuesInResponse === true,
    responseValueRenderOption: body.responseValueRenderOption,
    responseDateTimeRenderOption: body.responseDateTimeRenderOption,
  };
  const responses = plans.map((plan) => updateResponse(ss, plan, params));
  const sum = (key: 'updatedRows' | 'updatedColumns' | 'updatedCells') => responses.reduce((n, r) => n + (r[key] ?? 0), 0);
  call.work.cells += sum('updatedCells');
  return {
    spreadsheetId: ss.id,
    totalUpdatedRows: sum('updatedRows'),
    totalUpdatedColumns: sum('updatedColumns'),
    totalUpdatedCells: sum('updatedCells'),
    totalUpdatedSheets: new Set(plans.filter((p) => p.extent).map((p) => p.extent!.sheet)).size,
    responses,
  };
}

/** values.clear: its body (ClearValuesRequest) has no fields. */
export function clearValues(call: SheetsCall, spreadsheetId: string, range: string, resource: unknown): { spreadsheetId: string; clearedRange: string } {
  for (const key of Object.keys(objectBody(resource))) throw badRequest(`Invalid JSON payload received. Unknown name "${key}": Cannot find field.`);
  const { file, ss } = call.open(spreadsheetId, true);
  const plan = planClear(call.host, ss, resolveRange(ss, range));
  plan.apply();
  file.modifiedTime = call.host.now();
  return { spreadsheetId: ss.id, clearedRange: plan.range };
}

export function batchClearValues(call: SheetsCall, spreadsheetId: string, resource: unknown): { spreadsheetId: string; clearedRanges: string[] } {
  const { file, ss } = call.open(spreadsheetId, true);
  const ranges = objectBody(resource).ranges ?? [];
  if (!Array.isArray(ranges)) throw badRequest("Invalid value at 'ranges'");
  const plans = ranges.map((range) => planClear(call.host, ss, resolveRange(ss, String(range))));
  plans.forEach((plan) => plan.apply());
  file.modifiedTime = call.host.now();
  return { spreadsheetId: ss.id, clearedRanges: plans.map((p) => p.range) };
}
