// The thin edge between the tracker's pure logic and SpreadsheetApp: one read and O(1) writes per tab.
import { TABS, type ColumnSpec, type TabName, type TabSpec } from './schema';
import { headerKey, toTable, type Plain, type AnyTable, type Table, type Tables } from './table';
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

/** Reads a whole tab in one call: its header row and data rows. */
export function readSheet(sheet: Sheet, timeZone: string, spec?: TabSpec): { headerRow: Plain[]; rows: Plain[][] } {
  const values = sheet.getDataRange().getValues();
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

/** Writes one column of values for the table's data rows in a single call. */
export function writeColumn(sheet: Sheet, table: AnyTable, key: string, values: Plain[]): void {
  const index = (table.columnOf as Record<string, number>)[key];
  // A person's own column under the same header: which one is ours cannot be told, so neither is written.
  if (index === undefined || values.length === 0 || (table.ambiguous as Record<string, number[]>)[key]) return;
  const first = table.records[0]?.row ?? 2;
  sheet.getRange(first, index + 1, values.length, 1).setValues(values.map((v) => [v === null ? '' : v]));
}
