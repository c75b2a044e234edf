// The thin edge between the tracker's pure logic and SpreadsheetApp: one read and O(1) writes per tab.
import { TABS, type ColumnSpec, type TabName, type TabSpec } from './schema';
import { headerKey, toTable, type Plain, type Table, type Tables } from './table';
import { isoDateIn } from '../core/dates';

export type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
export type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface TrackerFile {
  ss: Spreadsheet;
  timeZone: string;
  /** Sheets by their current name; a tracker tab a person renamed is here under its tracker name. */
  sheets: Map<string, Sheet>;
  /** Tracker tabs found by their recorded sheet ID under another name: tracker name → the person's name. */
  followed?: ReadonlyMap<string, string>;
  /** Tabs in `sheets` that live in a private workbook rather than this file (Staff pay and contacts once moved). */
  linked?: ReadonlySet<string>;
}

export function openTracker(ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): TrackerFile {
  const sheets = new Map<string, Sheet>();
  for (const sheet of ss.getSheets()) sheets.set(sheet.getName(), sheet);
  return { ss, timeZone: ss.getSpreadsheetTimeZone(), sheets };
}

/** A cell value as the pure logic sees it: Dates become ISO dates (or ISO instants for date-time columns). */
export function toPlain(value: unknown, timeZone: string, column?: ColumnSpec): Plain {
  if (value instanceof Date) {
    if (column && column.type === 'datetime') return value.toISOString();
    return isoDateIn(value, timeZone);
  }
  if (value === undefined) return null;
  return value as Plain;
}

/**
 * Reads a whole tab in one call: its header row and data rows. One call, not getDataRange() then
 * getValues(): a row a person inserts between those two would push the last row out of the range.
 */
export function readSheet(sheet: Sheet, timeZone: string, spec?: TabSpec): { headerRow: Plain[]; rows: Plain[][] } {
  const values = sheet.getSheetValues(1, 1, -1, -1);
  const headerRow = (values[0] ?? []).map((v) => toPlain(v, timeZone));
  const columns = headerRow.map((h) => spec?.columns.find((c) => headerKey(c.header) === headerKey(h)));
  const rows = values.slice(1).map((row) => row.map((v, i) => toPlain(v, timeZone, columns[i])));
  if (values.length === 1 && headerRow.every((h) => h === '' || h === null)) return { headerRow: [], rows: [] };
  return { headerRow, rows };
}

export function readTable<N extends TabName>(file: TrackerFile, name: N): Table<N> | undefined {
  const sheet = file.sheets.get(name);
  if (!sheet) return undefined;
  const spec = TABS.find((t) => t.name === name);
  const { headerRow, rows } = readSheet(sheet, file.timeZone, spec);
  return toTable(name, headerRow, rows);
}

export function readTables(file: TrackerFile, names: readonly TabName[] = TABS.map((t) => t.name)): Tables {
  const tables: Tables = {};
  for (const name of names) {
    const table = readTable(file, name);
    if (table) (tables as Record<string, unknown>)[name] = table;
  }
  return tables;
}
