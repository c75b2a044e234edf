// The refresh after an edit that can change only the edited rows: one Sheets API read, one write that answers with the rows as they stand after it (Apps Script edge).
//
// An edit on Staff, Milestones or a tab without computed columns changes only the edited rows'
// computed cells (each comes from its own row and small lookup tabs: Sites, Settings) and, on Staff,
// those rows' labels in the dropdown lists. So this reads the header and the edited rows of the tab,
// the lookup tabs whole, the tab's dropdown column of the lists tab, the time zone and the
// spreadsheet's developer metadata (a refresh waiting in the queue, edit-queue.ts) in one
// spreadsheets.get (its `ranges` and `fields`, developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/get).
// The changed cells go out in one spreadsheets.batchUpdate, applied atomically, whose response holds
// the spreadsheet right after it (includeSpreadsheetInResponse, responseRanges and
// responseIncludeGridData, …/spreadsheets/batchUpdate): when the header and every edited row (by ID)
// are where the read found them, the cells landed on their rows. Otherwise a person sorted, inserted
// or deleted in between; the whole-tab refresh (keyed-write.ts) then rewrites every computed value
// of the tab where its row now is, which puts right the cells written on other rows (this path
// writes only computed cells and the lists tab, which ROSE Tracker alone writes).
//
// Anything this path does not handle (rows without an ID, a renamed or missing tab, a header row
// edit, a lookup the lists do not hold, a waiting refresh) goes to the whole-tab refresh.
import { TABS, type TabName, type TabSpec } from './schema';
import { computeAll } from './computed';
import { readSettings } from './settings';
import { fingerprint } from './row-identity';
import { hasTrackerData, isBlank, label, plainCell, refId, rowName, toTable, type AnyTable, type Plain, type Tables } from './table';
import { gridOf, quotedName, sheetsApi } from './setup-io';
import { LABEL_SOURCES, LISTS_TAB, listColumnLetter } from './lists';
import { isIsoDate, isoDateIn } from '../core/dates';
import { METADATA_KEYS } from '../core/keys';


/** Tabs whose computed columns come from their own row and small lookup tabs (computed.ts). */
const ROW_LOCAL: readonly TabName[] = ['Staff', 'Milestones', 'Staff pay and contacts'];

export type RowsOutcome =
  /** The edited rows are refreshed; `pending` when the spreadsheet says a refresh waits in the queue. */
  | { done: true; pending: boolean }
  /** The whole-tab refresh must run, for this reason. */
  | { done: false; why: string };

/** What the fast path reads for an edit on `tab`: the lookups read whole, and whether the tab feeds a dropdown. */
export function rowsScope(tab: TabName, scope: { reads: readonly TabName[]; writes: readonly TabName[]; lists: boolean }): { lookups: TabName[]; lists: boolean } | null {
  const spec = TABS.find((t) => t.name === tab);
  // Rows need a key of their own: an ID, or the person's Staff ID on a tab keyed by Staff.
  if (!spec || !(spec.idPrefix || spec.keyedBy)) return null;
  // Besides its own rows, an edit may change the rows of a tab keyed by this one (Staff → Staff pay and contacts): those are found by ID.
  const dependent = (w: TabName) => TABS.find((t) => t.name === w)?.keyedBy === tab;
  if (scope.writes.some((w) => w !== tab && !dependent(w)) || (scope.writes.length && ROW_LOCAL.indexOf(tab) < 0)) return null;
  if (scope.lists && LABEL_SOURCES.indexOf(tab) < 0) return null;
  return { lookups: scope.reads.filter((r) => r !== tab), lists: scope.lists };
}

/** The rows an edit range covers, from its A1 notation ("L3", "A2:D5", "2:4"), or null when it covers whole columns. */
export function editedRows(a1: string): { first: number; last: number } | null {
  const match = /^[A-Z]*(\d+)(?::[A-Z]*(\d+))?$/.exec(a1.trim().toUpperCase());
  if (!match) return null;
  const a = Number(match[1]);
  const b = match[2] === undefined ? a : Number(match[2]);
  return { first: Math.min(a, b), last: Math.max(a, b) };
}

/** A cell of grid data as the values API would give it (UNFORMATTED_VALUE, SERIAL_NUMBER). */
function effective(cell: GoogleAppsScript.Sheets.Schema.CellData | undefined): unknown {
  const v = cell?.effectiveValue;
  if (!v) return '';
  if (v.numberValue !== undefined && v.numberValue !== null) return v.numberValue;
  if (v.boolValue !== undefined && v.boolValue !== null) return v.boolValue;
  if (v.stringValue !== undefined && v.stringValue !== null) return v.stringValue;
  if (v.errorValue) return `#${v.errorValue.type ?? 'ERROR'}`;
  return '';
}

function block(data: GoogleAppsScript.Sheets.Schema.GridData | undefined, height?: number): unknown[][] {
  const rows = (data?.rowData ?? []).map((row) => (row.values ?? []).map(effective));
  if (height !== undefined) while (rows.length < height) rows.push([]);
  return rows;
}

interface Read {
  sheetId: number;
  header: Plain[];
  records: AnyTable['records'];
  table: AnyTable;
}

/** The tab's header and rows first..last, as the store reads them (dates as ISO dates). */
function readRows(sheet: GoogleAppsScript.Sheets.Schema.Sheet | undefined, spec: TabSpec, rows: { first: number; last: number }, timeZone: string): Read | null {
  if (!sheet) return null;
  const [head, body] = sheet.data ?? [];
  const grid = gridOf([...block(head), ...block(body, rows.last - rows.first + 1)], spec, timeZone);
  const header = grid[0] ?? [];
  const table = toTable(spec.name, header, grid.slice(1), rows.first) as AnyTable;
  return { sheetId: sheet.properties?.sheetId ?? 0, header, records: table.records, table };
}

/** Who each row is: its ID, or what a person typed when it has none. */
function identity(record: AnyTable['records'][number], spec: TabSpec): string {
  return refId(record.values.id ?? null) || `\n${fingerprint(record.values, spec)}`;
}

/** A value as updateCells takes it: dates as serial numbers ("days since December 30, 1899", …/spreadsheets/other#DateTimeRenderOption). */
function cellData(value: Plain, type: string): GoogleAppsScript.Sheets.Schema.CellData {
  if (value === null || value === '') return {};
  if (typeof value === 'number') return { userEnteredValue: { numberValue: value } };
  if (typeof value === 'boolean') return { userEnteredValue: { boolValue: value } };
  if (type === 'date' && isIsoDate(value)) {
    const [y, m, d] = value.split('-').map(Number);
    return { userEnteredValue: { numberValue: (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000 } };
  }
  return { userEnteredValue: { stringValue: value } };
}

/**
 * Refreshes the rows `rows` of `tab` in two Sheets API calls (one when nothing changes), or says
 * why the whole-tab refresh must do it. Runs under the document lock.
 */
export function refreshEditedRows(spreadsheetId: string, tab: TabName, rows: { first: number; last: number }, scope: { lookups: TabName[]; lists: boolean }): RowsOutcome {
  if (rows.first < 2) return { done: false, why: 'the header row was edited' };
  const spec = TABS.find((t) => t.name === tab)!;
  const api = sheetsApi();
  const own = quotedName(tab);
  const letter = scope.lists ? listColumnLetter(tab) : null;
  const ranges = [`${own}!1:1`, `${own}!${rows.first}:${rows.last}`, ...scope.lookups.map(quotedName)];
  if (letter) ranges.push(`${quotedName(LISTS_TAB)}!${letter}:${letter}`);
  const fields = 'properties.timeZone,developerMetadata.metadataKey,sheets(properties(sheetId,title),data(rowData.values.effectiveValue))';
  let got: GoogleAppsScript.Sheets.Schema.Spreadsheet;
  try {
    got = api.Spreadsheets.get(spreadsheetId, { ranges, fields });
  } catch (error) {
    // A tab missing by its name (renamed, or not set up) makes Google refuse the range ("Unable to
    // parse range: …"): the whole-tab refresh finds tabs by their recorded IDs. Any other error stands.
    const message = String((error as { message?: unknown })?.message ?? error);
    if (!/Unable to parse range/.test(message)) throw error;
    return { done: false, why: `a tab was not found by its name (${message})` };
  }
  const pendingIn = (ss: GoogleAppsScript.Sheets.Schema.Spreadsheet): boolean => (ss.developerMetadata ?? []).some((m) => m.metadataKey === METADATA_KEYS.editPending);
  if (pendingIn(got)) return { done: false, why: 'a refresh waits in the queue' };
  const timeZone = got.properties?.timeZone ?? 'America/Vancouver';
  // A sheet named by two ranges comes back with one GridData per range, in the order asked
  // (sheets[].data: "The number of GridData objects returned is dependent on the number of ranges requested on this sheet").
  const byTitle = new Map((got.sheets ?? []).map((s) => [s.properties?.title ?? '', s]));
  const read = readRows(byTitle.get(tab), spec, rows, timeZone);
  if (!read) return { done: false, why: `the ${tab} tab was not found` };
  if (read.table.columnOf.id === undefined) return { done: false, why: `the ${tab} tab has no ID column` };
  if (read.records.some((r) => isBlank(r.values.id ?? null) && hasTrackerData(r, spec))) return { done: false, why: 'a row needs an ID' };

  const tables: Record<string, AnyTable> = { [tab]: read.table };
  for (const name of scope.lookups) {
    const sheet = byTitle.get(name);
    const lookupSpec = TABS.find((t) => t.name === name);
    if (!sheet || !lookupSpec) return { done: false, why: `the ${name} tab was not found` };
    const grid = gridOf(block(sheet.data?.[0]), lookupSpec, timeZone);
    tables[name] = toTable(name, grid[0] ?? [], grid.slice(1)) as AnyTable;
  }
  const settings = readSettings((tables as Tables).Settings);
  const computed = (computeAll(tables as Tables, settings, isoDateIn(new Date(), timeZone))[tab] ?? {}) as Record<string, Plain[]>;

  const requests: GoogleAppsScript.Sheets.Schema.Request[] = [];
  const height = rows.last - rows.first + 1;
  // Rows of tabs keyed by this one (a person's pay and contacts): only those of the edited rows' IDs, by ID.
  const dependents: { name: string; sheetId: number; rows: number[]; ids: string[] }[] = [];
  const editedIds = new Set(read.records.map((r) => refId(r.values.id ?? null)).filter(Boolean));
  for (const name of scope.lookups) {
    const dependentSpec = TABS.find((t) => t.name === name);
    if (!dependentSpec || dependentSpec.keyedBy !== tab) continue;
    const table = tables[name];
    const values = (computeAll(tables as Tables, settings, isoDateIn(new Date(), timeZone))[name] ?? {}) as Record<string, Plain[]>;
    const mine = table.records.map((r, i) => ({ r, i })).filter(({ r }) => editedIds.has(refId(r.values.id ?? null)));
    const sheetId = byTitle.get(name)?.properties?.sheetId ?? 0;
    dependents.push({ name, sheetId, rows: mine.map(({ r }) => r.row), ids: mine.map(({ r }) => refId(r.values.id ?? null)) });
    for (const [key, column] of Object.entries(values)) {
      const at = (table.columnOf as Record<string, number | undefined>)[key];
      if (at === undefined) return { done: false, why: `the ${name} tab has no ${key} column` };
      if ((table.ambiguous as Record<string, number[] | undefined>)[key]) return { done: false, why: `the ${name} tab has ${key} twice` };
      const type = dependentSpec.columns.find((c) => c.key === key)?.type ?? 'text';
      for (const { r, i } of mine) {
        if (plainCell(column[i]) === (r.values as Record<string, Plain>)[key]) continue;
        requests.push({ updateCells: { start: { sheetId, rowIndex: r.row - 1, columnIndex: at }, rows: [{ values: [cellData(column[i], type)] }], fields: 'userEnteredValue' } });
      }
    }
  }
  for (const [key, values] of Object.entries(computed)) {
    const column = (read.table.columnOf as Record<string, number | undefined>)[key];
    if (column === undefined) return { done: false, why: `the ${tab} tab has no ${key} column` };
    if ((read.table.ambiguous as Record<string, number[] | undefined>)[key]) return { done: false, why: `the ${tab} tab has ${key} twice` };
    const changed = values.some((v, i) => plainCell(v) !== (read.records[i].values as Record<string, Plain>)[key]);
    if (!changed) continue;
    const type = spec.columns.find((c) => c.key === key)?.type ?? 'text';
    requests.push({
      updateCells: {
        start: { sheetId: read.sheetId, rowIndex: rows.first - 1, columnIndex: column },
        rows: Array.from({ length: height }, (_, i) => ({ values: [cellData(values[i], type)] })),
        fields: 'userEnteredValue',
      },
    });
  }
  if (letter) {
    const lists = byTitle.get(LISTS_TAB);
    if (!lists) return { done: false, why: 'the lists tab was not found' };
    const column = block(lists.data?.[0]).map((line) => String(line[0] ?? ''));
    const listColumn = LABEL_SOURCES.indexOf(tab);
    for (const record of read.records) {
      const id = refId(record.values.id ?? null);
      if (!id) continue;
      const at = column.findIndex((text, i) => i > 0 && refId(text) === id);
      if (at < 0) return { done: false, why: `${id} is not in the dropdown list yet` };
      const wanted = label(id, rowName(record, spec));
      if (column[at] === wanted) continue;
      requests.push({
        updateCells: {
          start: { sheetId: lists.properties?.sheetId ?? 0, rowIndex: at, columnIndex: listColumn },
          rows: [{ values: [{ userEnteredValue: { stringValue: wanted } }] }],
          fields: 'userEnteredValue',
        },
      });
    }
  }
  if (!requests.length) return { done: true, pending: false };

  const written = dependents.filter((d) => d.rows.length);
  const reply = api.Spreadsheets.batchUpdate({
    requests, includeSpreadsheetInResponse: true, responseRanges: [...ranges.slice(0, 2), ...written.map((d) => quotedName(d.name))], responseIncludeGridData: true,
  }, spreadsheetId);
  const after = reply.updatedSpreadsheet ?? {};
  const now = readRows((after.sheets ?? []).find((s) => s.properties?.title === tab), spec, rows, timeZone);
  const stayed = !!now && JSON.stringify(now.header) === JSON.stringify(read.header)
    && now.records.every((r, i) => identity(r, spec) === identity(read.records[i], spec));
  if (!stayed) return { done: false, why: `rows of ${tab} moved while it was written` };
  for (const d of written) {
    const sheet = (after.sheets ?? []).find((s) => s.properties?.title === d.name);
    const grid = block(sheet?.data?.[0]);
    const idAt = tables[d.name].columnOf.id ?? 0;
    if (d.rows.some((row, i) => refId((grid[row - 1]?.[idAt] ?? '') as Plain) !== d.ids[i])) return { done: false, why: `rows of ${d.name} moved while it was written` };
  }
  return { done: true, pending: pendingIn(after) };
}
