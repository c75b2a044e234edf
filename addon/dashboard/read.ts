// The Dashboard's and the digest's read of a tracker in two Sheets API calls, flat in rows: the file's layout in one spreadsheets.get with a tight field mask, every tab's values in one values.batchGet (Apps Script edge).
//
// spreadsheets.get (developers.google.com/sheets/api/reference/rest/v4/spreadsheets/get) gives the
// time zone, each sheet's ID, title, grid size and charts' IDs and titles, and the spreadsheet's
// developer metadata (where setup records the tracker tabs' IDs and the reminders keep their
// schedule), without any cell. values.batchGet (…/spreadsheets.values/batchGet) then reads every
// tab the caller needs at once, as UNFORMATTED_VALUE with dates as SERIAL_NUMBER.
import { METADATA_KEYS } from '../core/keys';
import { instantFromSerial, isoDateFromSerial } from '../core/dates';
import { SETTINGS, TABS, type ColumnSpec, type TabName, type TabSpec } from '../tracker/schema';
import { headerKey, toTable, type Plain, type Tables } from '../tracker/table';
import { parseTabIds } from '../tracker/tab-ids';
import { READ_THROUGH_TABS } from '../privacy/specs';

export interface SheetLayout {
  sheetId: number;
  /** The sheet's title now (a tracker tab a person renamed keeps its tracker name as the key). */
  title: string;
  rowCount: number;
  columnCount: number;
  /** Its position among the tabs (0 = first). */
  index: number;
  charts: { chartId: number; title: string }[];
}

/** A tracker as two API calls found it: plain values only. */
export interface TrackerRead {
  spreadsheetId: string;
  timeZone: string;
  /** Sheets by tracker name (tracker tabs, even renamed) or by title (every other sheet). */
  sheets: Map<string, SheetLayout>;
  /** The spreadsheet's developer metadata by key. */
  metadata: Map<string, string>;
  /** Each tab read, by the name it was asked for: its rows as the API returned them, padded to the header's width. */
  values: Map<string, Plain[][]>;
  /** Tabs asked for that live in a private workbook the person cannot open: tab → why. */
  unreadable?: Map<string, string>;
  /** The private workbooks the tracker links, by the tab read from each (readLinkedWorkbooks); absent when not read. */
  linked?: Map<string, LinkedRead>;
}

/** A private workbook's one tab as the person running this read it, or why they could not. */
export type LinkedRead = { values: Plain[][] } | { unreadable: string };

/** Where the tracker links a private workbook (developer metadata) and the tab the Dashboard reads there. */
export interface LinkedTab {
  /** The workbook as Settings names it ("Support requests"). */
  name: string;
  /** The Settings row that links it. */
  linkSetting: string;
  metadataKey: string;
  tab: string;
}

const LAYOUT_FIELDS = 'properties.timeZone,developerMetadata(metadataKey,metadataValue),'
  + 'sheets(properties(sheetId,title,index,gridProperties(rowCount,columnCount)),charts(chartId,spec.title))';

/** A sheet name as an A1 range of the whole sheet: quoted, inner quotes doubled. */
export function wholeSheet(title: string): string {
  return `'${title.replace(/'/g, "''")}'`;
}

export function sheetsApi(): GoogleAppsScript.Sheets {
  // The manifest enables the Sheets advanced service; without it Apps Script leaves the global undefined.
  if (typeof Sheets === 'undefined' || !Sheets) throw new Error('The Sheets advanced service is not enabled for ROSE Tracker (appsscript.json).');
  return Sheets;
}

/**
 * One spreadsheets.get, then one values.batchGet of the tabs named in `tabs` that exist (by tracker
 * name or title), whole, and of the tabs in `firstColumns` that exist, column A only (a log's
 * height without its text).
 */
export function readTracker(spreadsheetId: string, tabs: readonly string[], firstColumns: readonly string[] = [], api: GoogleAppsScript.Sheets = sheetsApi()): TrackerRead {
  const file = api.Spreadsheets!.get(spreadsheetId, { fields: LAYOUT_FIELDS });
  const metadata = new Map<string, string>();
  for (const entry of file.developerMetadata ?? []) if (entry.metadataKey) metadata.set(entry.metadataKey, entry.metadataValue ?? '');
  const sheets = new Map<string, SheetLayout>();
  for (const sheet of file.sheets ?? []) {
    const p = sheet.properties!;
    sheets.set(p.title!, {
      sheetId: p.sheetId ?? 0, title: p.title!, rowCount: p.gridProperties?.rowCount ?? 0, columnCount: p.gridProperties?.columnCount ?? 0, index: p.index ?? 0,
      charts: (sheet.charts ?? []).map((c) => ({ chartId: c.chartId!, title: c.spec?.title ?? '' })),
    });
  }
  followRenamed(sheets, parseTabIds(metadata.get(METADATA_KEYS.trackerTabs) ?? null));
  const present = tabs.filter((name) => sheets.has(name));
  const columns = firstColumns.filter((name) => sheets.has(name) && present.indexOf(name) < 0);
  const ranges = [...present.map((name) => wholeSheet(sheets.get(name)!.title)), ...columns.map((name) => `${wholeSheet(sheets.get(name)!.title)}!A:A`)];
  const values = new Map<string, Plain[][]>();
  if (ranges.length) {
    const read = api.Spreadsheets!.Values!.batchGet(spreadsheetId, {
      ranges, majorDimension: 'ROWS', valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'SERIAL_NUMBER',
    }).valueRanges ?? [];
    [...present, ...columns].forEach((name, i) => values.set(name, (read[i]?.values ?? []) as Plain[][]));
  }
  const unreadable = readLinkedTabs(api, tabs.filter((name) => !sheets.has(name)), metadata, values);
  return { spreadsheetId, timeZone: file.properties?.timeZone ?? 'UTC', sheets, metadata, values, unreadable };
}

/**
 * Tabs Set up private workbooks moved out of the tracker (Staff pay and contacts) are read in their
 * workbook by the tracker's link: one more values.batchGet per linked workbook, none when nothing is linked.
 */
function readLinkedTabs(api: GoogleAppsScript.Sheets, missing: readonly string[], metadata: Map<string, string>, values: Map<string, Plain[][]>): Map<string, string> {
  const unreadable = new Map<string, string>();
  const byWorkbook = new Map<string, string[]>();
  for (const tab of missing) {
    const link = READ_THROUGH_TABS.get(tab);
    const id = link && metadata.get(link.metadataKey);
    if (id) byWorkbook.set(id, [...(byWorkbook.get(id) ?? []), tab]);
  }
  for (const [id, tabs] of byWorkbook) {
    try {
      const read = api.Spreadsheets!.Values!.batchGet(id, {
        ranges: tabs.map(wholeSheet), majorDimension: 'ROWS', valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'SERIAL_NUMBER',
      }).valueRanges ?? [];
      tabs.forEach((name, i) => values.set(name, (read[i]?.values ?? []) as Plain[][]));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      for (const tab of tabs) unreadable.set(tab, `${tab} is in the ${READ_THROUGH_TABS.get(tab)!.workbook} workbook, which could not be read (${message}); only the coordinators can open it.`);
    }
  }
  return unreadable;
}

/** A tracker tab a person renamed is found under its tracker name by the sheet ID setup recorded (as TrackerStore does). */
function followRenamed(sheets: Map<string, SheetLayout>, recorded: Map<string, number>): void {
  for (const [name, id] of recorded) {
    if (sheets.has(name)) continue;
    const found = [...sheets.entries()].find(([title, layout]) => layout.sheetId === id && !recorded.has(title));
    if (!found) continue;
    sheets.delete(found[0]);
    sheets.set(name, found[1]);
  }
}

/**
 * A cell as SpreadsheetApp's getValues would have handed it to the pure code: a date column's serial
 * number becomes its calendar day, a date-time column's the instant in the tracker's zone. The API
 * gives no type with an unformatted value, so a date typed into a column the schema does not call a
 * date stays a number (the pure code reads dates only from date columns).
 */
function plainOf(value: Plain, column: ColumnSpec | undefined, timeZone: string): Plain {
  if (typeof value !== 'number' || !column) return value;
  if (column.type === 'date') return isoDateFromSerial(value);
  if (column.type === 'datetime') return instantFromSerial(value, timeZone).toISOString();
  return value;
}

const SETTING_TYPES = new Map<string, string>(SETTINGS.map((s) => [s.key, s.type]));

/** A tab's header row and data rows as the pure code reads them (readSheet's shape). */
export function tabRows(read: TrackerRead, name: string, spec?: TabSpec): { headerRow: Plain[]; rows: Plain[][] } {
  const values = read.values.get(name) ?? [];
  if (!values.length) return { headerRow: [], rows: [] };
  const headerRow = values[0].map((v) => (v === undefined ? null : v));
  const width = Math.max(headerRow.length, ...values.map((row) => row.length));
  while (headerRow.length < width) headerRow.push('');
  const columns = headerRow.map((h) => spec?.columns.find((c) => headerKey(c.header) === headerKey(h)));
  // Settings holds one setting a row: a value's type is its setting's (the living wage's date, for one).
  const settingAt = spec?.name === 'Settings' ? columns.findIndex((c) => c?.key === 'setting') : -1;
  const valueAt = settingAt < 0 ? -1 : columns.findIndex((c) => c?.key === 'value');
  const rows = values.slice(1).map((row) => {
    const out: Plain[] = [];
    for (let i = 0; i < width; i += 1) out.push(plainOf(row[i] === undefined ? '' : row[i], columns[i], read.timeZone));
    if (valueAt >= 0 && typeof out[valueAt] === 'number' && SETTING_TYPES.get(String(out[settingAt])) === 'date') out[valueAt] = isoDateFromSerial(out[valueAt] as number);
    return out;
  });
  if (values.length === 1 && headerRow.every((h) => h === '' || h === null)) return { headerRow: [], rows: [] };
  return { headerRow, rows };
}

/** The tracker tabs read, as typed tables. */
export function tablesOf(read: TrackerRead, names: readonly TabName[]): Tables {
  const tables: Record<string, unknown> = {};
  for (const name of names) {
    if (!read.values.has(name)) continue;
    const spec = (TABS as readonly TabSpec[]).find((t) => t.name === name);
    const { headerRow, rows } = tabRows(read, name, spec);
    tables[name] = toTable(name, headerRow, rows);
  }
  return tables as Tables;
}

/**
 * Reads the tab of each private workbook the tracker links, one values.batchGet per workbook (the
 * Sheets API answers 403 "The caller does not have permission" to a person it is not shared with,
 * developers.google.com/sheets/api/guides/authorizing). A workbook the person cannot read is kept as
 * one sentence naming it and them, so the Dashboard says so instead of showing zero.
 */
export function readLinkedWorkbooks(read: TrackerRead, tabs: readonly LinkedTab[], person: () => string, api: GoogleAppsScript.Sheets = sheetsApi()): Map<string, LinkedRead> {
  const linked = new Map<string, LinkedRead>();
  for (const spec of tabs) {
    const id = read.metadata.get(spec.metadataKey);
    if (!id) continue;
    try {
      const ranges = api.Spreadsheets!.Values!.batchGet(id, {
        ranges: [wholeSheet(spec.tab)], majorDimension: 'ROWS', valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'SERIAL_NUMBER',
      }).valueRanges ?? [];
      linked.set(spec.tab, { values: (ranges[0]?.values ?? []) as Plain[][] });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      linked.set(spec.tab, { unreadable: `The ${spec.name} workbook (Settings → ${spec.linkSetting}) cannot be read by ${person() || 'the person refreshing'} (${why}), so its figures are not shown here: a coordinator's refresh shows them.` });
    }
  }
  return linked;
}
