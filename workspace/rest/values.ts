// Sheets v4 values over the in-memory spreadsheet: A1 ranges, ValueRange rendering (trailing empties omitted) and RAW / USER_ENTERED writes.
import { columnToLetters, parseA1, quoteSheetName, splitSheetName, toA1 } from '../a1';
import { displayValue } from '../formats';
import type { Host } from '../host';
import { canEditProtection } from '../spreadsheet';
import {
  type Cell, type CellValue, type SheetModel, type SpreadsheetModel, interpretInput, overlaps, protectionsOf,
} from '../spreadsheet-model';
import { wallClock } from '../time';
import { ApiError, badRequest, notImplemented } from './http';

export type ValueRenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';
export type DateTimeRenderOption = 'SERIAL_NUMBER' | 'FORMATTED_STRING';
export type MajorDimension = 'ROWS' | 'COLUMNS';
export type ValueInputOption = 'RAW' | 'USER_ENTERED';

export const VALUE_RENDER_OPTIONS: readonly ValueRenderOption[] = ['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'];
export const DATE_TIME_RENDER_OPTIONS: readonly DateTimeRenderOption[] = ['SERIAL_NUMBER', 'FORMATTED_STRING'];
export const MAJOR_DIMENSIONS: readonly MajorDimension[] = ['ROWS', 'COLUMNS'];
export const VALUE_INPUT_OPTIONS: readonly ValueInputOption[] = ['RAW', 'USER_ENTERED'];

export interface RenderOptions {
  valueRender: ValueRenderOption;
  dateTimeRender: DateTimeRenderOption;
  majorDimension: MajorDimension;
}

/** A block of cells on one sheet, 1-based. */
export interface Target {
  sheet: SheetModel;
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export interface ValueRange {
  range: string;
  majorDimension: MajorDimension;
  values?: unknown[][];
}

export interface UpdateValuesResult {
  updatedRange?: string;
  updatedRows?: number;
  updatedColumns?: number;
  updatedCells?: number;
}

export function a1Of(target: Target): string {
  return `${quoteSheetName(target.sheet.name)}!${toA1(target.row, target.column, target.numRows, target.numColumns)}`;
}

function unparseable(text: string): ApiError {
  return badRequest(`Unable to parse range: ${text}`);
}

export function exceedsGrid(target: Target): ApiError {
  return badRequest(`Range (${a1Of(target)}) exceeds grid limits. Max rows: ${target.sheet.maxRows}, max columns: ${target.sheet.maxColumns}`);
}

function findSheet(ss: SpreadsheetModel, name: string): SheetModel | undefined {
  return ss.sheetByName(name) ?? ss.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

function wholeSheet(sheet: SheetModel): Target {
  return { sheet, row: 1, column: 1, numRows: sheet.maxRows, numColumns: sheet.maxColumns };
}

/**
 * Resolves a range as the Sheets API reads it: 'Tab'!A1:C, Tab (the whole sheet), a named range,
 * or bare A1 on the first sheet. Open ends run to the edge of the grid.
 */
export function resolveRange(ss: SpreadsheetModel, text: string): Target {
  const trimmed = text.trim();
  if (!trimmed) throw unparseable(text);
  if (!trimmed.includes('!')) {
    const unquoted = trimmed.startsWith("'") && trimmed.endsWith("'") && trimmed.length > 1 ? trimmed.slice(1, -1).replace(/''/g, "'") : trimmed;
    const sheet = findSheet(ss, unquoted);
    if (sheet) return wholeSheet(sheet);
    const named = ss.namedRanges.get(trimmed);
    if (named) {
      const namedSheet = ss.sheetById(named.sheetId);
      if (namedSheet) return { sheet: namedSheet, ...named.bounds };
    }
  }
  const { sheetName, ref } = splitSheetName(trimmed);
  const sheet = sheetName === undefined ? ss.sheets[0] : findSheet(ss, sheetName);
  if (!sheet || !ref) throw unparseable(text);
  const parsed = parseA1(ref);
  if (!parsed) throw unparseable(text);
  return {
    sheet,
    row: parsed.row,
    column: parsed.column,
    numRows: parsed.numRows ?? Math.max(sheet.maxRows - parsed.row + 1, 1),
    numColumns: parsed.numColumns ?? Math.max(sheet.maxColumns - parsed.column + 1, 1),
  };
}

/** Reads clip a range to the grid; a range that starts outside it is an error. */
export function clipToGrid(target: Target): Target {
  if (target.row > target.sheet.maxRows || target.column > target.sheet.maxColumns) throw exceedsGrid(target);
  return {
    ...target,
    numRows: Math.min(target.numRows, target.sheet.maxRows - target.row + 1),
    numColumns: Math.min(target.numColumns, target.sheet.maxColumns - target.column + 1),
  };
}

// --- Reading

/** The value a cell holds; formulas are not evaluated by the local Workspace (HYPERLINK's label excepted). */
function cellValue(target: Target, cell: Cell | undefined, row: number, column: number): CellValue {
  if (!cell) return '';
  if (cell.formula) {
    const hyperlink = /^=HYPERLINK\(\s*"([^"]*)"\s*(?:[,;]\s*"([^"]*)"\s*)?\)$/i.exec(cell.formula);
    if (hyperlink) return hyperlink[2] ?? hyperlink[1];
    throw notImplemented(`Evaluating the formula ${cell.formula} in ${quoteSheetName(target.sheet.name)}!${toA1(row, column)}`);
  }
  return cell.value;
}

/** Days since 1899-12-30 on the spreadsheet's wall clock, as Sheets stores dates. */
export function serialNumber(date: Date, timeZone: string): number {
  const w = wallClock(date, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond) / 86400000 + 25569;
}

function shown(value: CellValue, cell: Cell | undefined, ss: SpreadsheetModel): string {
  try {
    return displayValue(value, cell?.format ?? 'General', ss.timeZone, ss.locale);
  } catch (error) {
    throw notImplemented(`Showing ${String(value)} with the number format "${cell?.format ?? ''}" (${(error as Error).message})`);
  }
}

export function render(ss: SpreadsheetModel, target: Target, cell: Cell | undefined, row: number, column: number, options: RenderOptions): unknown {
  if (options.valueRender === 'FORMULA' && cell?.formula) return cell.formula;
  const value = cellValue(target, cell, row, column);
  if (value === '') return '';
  if (options.valueRender === 'FORMATTED_VALUE') return shown(value, cell, ss);
  if (value instanceof Date) {
    return options.dateTimeRender === 'SERIAL_NUMBER' ? serialNumber(value, ss.timeZone) : shown(value, cell, ss);
  }
  return value;
}

/** Drops trailing empty cells of each line, then trailing empty lines, as the API does. */
export function trimTrailingEmpties(lines: unknown[][]): unknown[][] {
  const trimmed = lines.map((line) => {
    let end = line.length;
    while (end > 0 && line[end - 1] === '') end -= 1;
    return line.slice(0, end);
  });
  let last = trimmed.length;
  while (last > 0 && trimmed[last - 1].length === 0) last -= 1;
  return trimmed.slice(0, last);
}

/** A ValueRange for a range; `values` is absent when every cell is empty. */
export function readValueRange(ss: SpreadsheetModel, requested: Target, options: RenderOptions): ValueRange {
  const target = clipToGrid(requested);
  const grid: unknown[][] = [];
  const last = Math.min(target.row + target.numRows - 1, target.sheet.rows.length);
  for (let r = target.row; r <= target.row + target.numRows - 1; r += 1) {
    const line: unknown[] = [];
    if (r <= last) {
      const source = target.sheet.rows[r - 1];
      const width = Math.min(target.numColumns, Math.max((source?.length ?? 0) - target.column + 1, 0));
      for (let c = 0; c < width; c += 1) line.push(render(ss, target, source?.[target.column + c - 1], r, target.column + c, options));
    }
    grid.push(line);
  }
  let lines = grid;
  if (options.majorDimension === 'COLUMNS') {
    lines = Array.from({ length: target.numColumns }, (_, c) => grid.map((line) => (c < line.length ? line[c] : '')));
  }
  const values = trimTrailingEmpties(lines);
  const result: ValueRange = { range: a1Of(target), majorDimension: options.majorDimension };
  if (values.length) result.values = values;
  return result;
}

// --- Writing

type Input = string | number | boolean | null;

/** The values of a ValueRange as rows; null (or a missing cell) leaves a cell as it is. */
function inputRows(values: unknown, majorDimension: MajorDimension, where: string): Input[][] {
  if (values === undefined || values === null) return [];
  if (!Array.isArray(values)) throw badRequest(`Invalid value at '${where}' (type.googleapis.com/google.protobuf.ListValue), ${JSON.stringify(values)}`);
  const lines = (values as unknown[]).map((line, i): Input[] => {
    if (!Array.isArray(line)) throw badRequest(`Invalid value at '${where}[${i}]' (type.googleapis.com/google.protobuf.ListValue), ${JSON.stringify(line)}`);
    return (line as unknown[]).map((value, j) => {
      if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
      throw badRequest(`Invalid values[${i}][${j}]: ${Array.isArray(value) ? 'list_value' : 'struct_value'} ${JSON.stringify(value)}`);
    });
  });
  if (majorDimension === 'ROWS') return lines;
  const height = Math.max(0, ...lines.map((line) => line.length));
  return Array.from({ length: height }, (_, r) => lines.map((line) => (r < line.length ? line[r] : null)));
}

export function checkProtections(host: Host, ss: SpreadsheetModel, target: Target): void {
  for (const p of protectionsOf(target.sheet)) {
    const area = p.bounds ?? { row: 1, column: 1, numRows: target.sheet.maxRows, numColumns: target.sheet.maxColumns };
    if (!overlaps(area, target)) continue;
    if (p.type === 'SHEET' && p.unprotected.some((u) => u.row <= target.row && u.column <= target.column
      && u.row + u.numRows >= target.row + target.numRows && u.column + u.numColumns >= target.column + target.numColumns)) continue;
    if (!canEditProtection(host, ss, p)) {
      throw badRequest('You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.');
    }
  }
}

/** Stores one input as Sheets does: RAW keeps it as given, USER_ENTERED parses it like typing. */
function store(ss: SpreadsheetModel, sheet: SheetModel, row: number, column: number, input: string | number | boolean, option: ValueInputOption, now: Date): void {
  const existing = sheet.cell(row, column);
  if (option === 'RAW') {
    if (!existing && input === '') return;
    const cell = existing ?? sheet.ensureCell(row, column);
    cell.value = input;
    delete cell.formula;
    return;
  }
  const result = interpretInput(input, existing?.format, ss.timeZone, { locale: ss.locale, now });
  if (!existing && result.value === '' && !result.formula) return;
  const cell = existing ?? sheet.ensureCell(row, column);
  cell.value = result.value;
  if (result.formula) cell.formula = result.formula; else delete cell.formula;
  if (result.autoFormat && (!cell.format || cell.format === 'General')) cell.format = result.autoFormat;
}

/** A checked write, applied later so that a batch either applies whole or not at all. */
export interface WritePlan {
  result: UpdateValuesResult;
  /** The cells written (for includeValuesInResponse). */
  extent: Target | null;
  apply(): void;
}

export interface WriteOptions {
  option: ValueInputOption;
  majorDimension: MajorDimension;
  /** JSON path of the values, for error messages. */
  where: string;
  /** The range the caller named: data must fit in it (updates); absent for appends. */
  within?: { target: Target; text: string };
  /** Appends grow the sheet instead of failing at its last row. */
  growRows?: boolean;
  /** INSERT_ROWS: new rows are inserted above `row` before writing. */
  insertRows?: boolean;
}

/** Checks a write of `values` with its top-left cell at (row, column) and returns how to apply it. */
export function planWrite(host: Host, ss: SpreadsheetModel, sheet: SheetModel, row: number, column: number, values: unknown, options: WriteOptions): WritePlan {
  const rows = inputRows(values, options.majorDimension, options.where);
  const numRows = rows.length;
  const numColumns = Math.max(0, ...rows.map((line) => line.length));
  if (options.within) {
    const { target, text } = options.within;
    if (numRows > target.numRows) throw badRequest(`Requested writing within range [${text}], but tried writing to row [${target.row + target.numRows}]`);
    if (numColumns > target.numColumns) throw badRequest(`Requested writing within range [${text}], but tried writing to column [${columnToLetters(target.column + target.numColumns)}]`);
  }
  if (numRows === 0 || numColumns === 0) return { result: {}, extent: null, apply: () => undefined };
  const extent: Target = { sheet, row, column, numRows, numColumns };
  const rowsNeeded = row + numRows - 1;
  if ((rowsNeeded > sheet.maxRows && !options.growRows) || column + numColumns - 1 > sheet.maxColumns) throw exceedsGrid(extent);
  checkProtections(host, ss, extent);
  let cells = 0;
  const touchedRows = new Set<number>();
  const touchedColumns = new Set<number>();
  rows.forEach((line, r) => line.forEach((value, c) => {
    if (value === null) return;
    cells += 1;
    touchedRows.add(r);
    touchedColumns.add(c);
  }));
  return {
    result: { updatedRange: a1Of(extent), updatedRows: touchedRows.size, updatedColumns: touchedColumns.size, updatedCells: cells },
    extent,
    apply() {
      if (options.insertRows) sheet.insertRows(row - 1, numRows);
      if (rowsNeeded > sheet.maxRows) sheet.maxRows = rowsNeeded;
      rows.forEach((line, r) => line.forEach((value, c) => {
        if (value !== null) store(ss, sheet, row + r, column + c, value, options.option, host.now());
      }));
    },
  };
}

function rowHasContent(sheet: SheetModel, row: number, first: number, last: number): boolean {
  const cells = sheet.rows[row - 1];
  if (!cells) return false;
  for (let c = first; c <= Math.min(last, cells.length); c += 1) if (sheet.hasContent(cells[c - 1])) return true;
  return false;
}

/**
 * Where values.append writes: the API looks for a table in the range (the first run of rows
 * with content, starting at its top) and writes below it, from the table's first column.
 */
export function findTable(target: Target): { table: Target | null; row: number; column: number } {
  const { sheet } = target;
  const first = target.column;
  const last = target.column + target.numColumns - 1;
  const end = Math.min(sheet.lastRow(), target.row + target.numRows - 1);
  let start = target.row;
  while (start <= end && !rowHasContent(sheet, start, first, last)) start += 1;
  if (start > end) return { table: null, row: target.row, column: target.column };
  let stop = start;
  while (stop + 1 <= sheet.lastRow() && rowHasContent(sheet, stop + 1, first, last)) stop += 1;
  let left = last;
  let right = first;
  for (let r = start; r <= stop; r += 1) {
    const cells = sheet.rows[r - 1] ?? [];
    for (let c = first; c <= Math.min(last, cells.length); c += 1) {
      if (sheet.hasContent(cells[c - 1])) { left = Math.min(left, c); right = Math.max(right, c); }
    }
  }
  const table: Target = { sheet, row: start, column: left, numRows: stop - start + 1, numColumns: right - left + 1 };
  return { table, row: stop + 1, column: left };
}

/** values.clear: values and formulas go, formats and validation stay. */
export function planClear(host: Host, ss: SpreadsheetModel, requested: Target): { range: string; apply(): void } {
  const target = clipToGrid(requested);
  checkProtections(host, ss, target);
  return {
    range: a1Of(target),
    apply() {
      for (let r = target.row; r < target.row + target.numRows; r += 1) {
        const cells = target.sheet.rows[r - 1];
        if (!cells) continue;
        for (let c = target.column; c < target.column + target.numColumns && c <= cells.length; c += 1) {
          const cell = cells[c - 1];
          if (cell) { cell.value = ''; delete cell.formula; }
        }
      }
    },
  };
}
