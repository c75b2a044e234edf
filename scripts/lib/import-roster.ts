// import-roster: staff from a CSV checked with Check data's own rules against the tracker's Staff tab and Staff pay and contacts, then written in one batch per file or not at all.
import type { sheets_v4 } from 'googleapis';
import { checkTables } from '../../addon/tracker/check';
import { columnToLetters } from '../../addon/tracker/a1';
import { tabSpec, type ColumnKey, type ColumnSpec } from '../../addon/tracker/schema';
import { readSettings } from '../../addon/tracker/settings';
import { cell, columnIndex, headerKey, label, num, refId, toTable, type Plain, type Table, type Tables, type TrackerRecord } from '../../addon/tracker/table';
import { IdIssuer, LISTS_LAYOUT, LISTS_TAB, readIssuedGrid } from '../../addon/tracker/lists';
import { parseCsv } from './csv';
import { UserFacingError } from './errors';
import { quotedTab, type CellData, type TrackerTabs } from './tracker-read';
import { MAX_CELLS } from '../../addon/tracker/limits';
import { PAY_TAB } from '../../addon/tracker/pay';

/** Staff, and what its rows refer to or are checked against; the lists tab holds the highest ID ever issued; pay and contacts when the tracker still holds them. */
export const ROSTER_TABS = ['Settings', 'Sites', 'Staff', PAY_TAB, LISTS_TAB] as const;

const STAFF = tabSpec('Staff');
const PAY = tabSpec(PAY_TAB);
type PayKey = ColumnKey<typeof PAY_TAB>;

/** A column the CSV may fill: on Staff, or on Staff pay and contacts (joined by Staff ID). */
interface PersonColumn { tab: 'Staff' | typeof PAY_TAB; column: ColumnSpec }

const PERSON_COLUMNS: readonly PersonColumn[] = [
  ...STAFF.columns.map((column) => ({ tab: 'Staff' as const, column })),
  ...PAY.columns.filter((c) => c.key !== 'id').map((column) => ({ tab: PAY_TAB, column })),
];

/** Where Staff pay and contacts is: the tracker's own tab, or the Staff records workbook it links to (read apart). */
export interface PayFile extends Pick<TrackerTabs, 'tabs' | 'spreadsheetId'>, Partial<Pick<TrackerTabs, 'grids'>> {
  /** The Staff records workbook rather than the tracker. */
  linked: boolean;
}
const PREFIX = STAFF.idPrefix!;
type StaffKey = ColumnKey<'Staff'>;

/** A Staff key, checked by the compiler. */
function staffKey(key: StaffKey): StaffKey {
  return key;
}

function staffColumn(key: StaffKey): ColumnSpec {
  return STAFF.columns.find((c) => c.key === key)!;
}

export interface RosterProblem {
  /** Line of the CSV file (1 = the header). */
  line: number;
  column: string;
  message: string;
}

export interface RosterChange {
  line: number;
  id: string;
  name: string;
  /** Sheet row the person is written to. */
  row: number;
  /** For updates: "Hourly wage 28.5 → 30". */
  changes: string[];
}

export interface RosterPlan {
  added: RosterChange[];
  updated: RosterChange[];
  /** CSV rows that match a person and change nothing. */
  unchanged: RosterChange[];
  /** Columns of the CSV that are not read, with why. */
  ignoredColumns: string[];
  /** Check data's warnings on the rows imported (they do not stop the import). */
  warnings: RosterProblem[];
  /** The one values.batchUpdate body for the tracker; null when there is nothing to write. */
  request: sheets_v4.Schema$BatchUpdateValuesRequest | null;
  /** Pay and contacts for the Staff records workbook, written before the tracker (so a run cut between the two is matched again by ID); null when none or when they are in the tracker's request. */
  payRequest: { spreadsheetId: string; body: sheets_v4.Schema$BatchUpdateValuesRequest } | null;
  /** Rows to add at the end of tabs whose grid is too short for the write, before it (a values write never grows the grid). */
  grow: { tab: string; sheetId: number; rows: number; from: number; spreadsheetId?: string }[];
}

export class RosterRejected extends UserFacingError {
  constructor(readonly problems: RosterProblem[]) {
    super(`${problems.length} problem(s) in the CSV, listed above; nothing was imported. Fix them and run the command again`);
  }
}

function plainRows(grid: CellData[][] | undefined): { header: Plain[]; rows: Plain[][] } {
  const [header = [], ...rows] = grid ?? [];
  return { header, rows };
}

function tableOf<N extends 'Settings' | 'Sites' | 'Staff' | typeof PAY_TAB>(tracker: Pick<TrackerTabs, 'tabs'>, tab: N): Table<N> | undefined {
  const grid = tracker.tabs.get(tab);
  if (!grid) return undefined;
  const { header, rows } = plainRows(grid);
  return toTable(tab, header, rows);
}

/** The CSV header → a person's column: the header or a former name, compared as the add-on compares headers (case, spacing and line breaks aside). */
function matchColumn(header: string): PersonColumn | undefined {
  const wanted = headerKey(header);
  return PERSON_COLUMNS.find(({ column: c }) => headerKey(c.header) === wanted || (c.formerly ?? []).some((f) => headerKey(f) === wanted));
}

/** A CSV cell as the sheet would hold it once typed: numbers for number columns, everything else as text. */
function cellFor(column: ColumnSpec, text: string): Plain {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (['number', 'integer', 'money', 'percent'].includes(column.type)) return num(trimmed) ?? trimmed;
  return trimmed;
}

/** Site by ID or by name (case-insensitive), as the "ID · name" label the add-on writes. */
function siteResolver(sites: Table<'Sites'> | undefined): (text: string) => { value: string } | { problem: string } {
  const byId = new Map<string, string>();
  const byName = new Map<string, string[]>();
  for (const record of sites?.records ?? []) {
    const id = refId(record.values.id ?? null);
    if (!id) continue;
    const name = String(record.values.name ?? '').trim();
    byId.set(id.toUpperCase(), label(id, name));
    if (name) byName.set(name.toLowerCase(), [...(byName.get(name.toLowerCase()) ?? []), label(id, name)]);
  }
  return (text) => {
    const asId = byId.get(refId(text).toUpperCase());
    if (asId) return { value: asId };
    const named = byName.get(text.trim().toLowerCase()) ?? [];
    if (named.length === 1) return { value: named[0] };
    if (named.length > 1) return { problem: `"${text}" names more than one site (${named.join(', ')}); give the site's ID instead.` };
    return { problem: `"${text}" is not a site on the Sites tab (known: ${[...byId.values()].join(', ') || 'none'}).` };
  };
}

/** The one issuer, knowing every number issued so far: the lists tab's record (as the add-on keeps it) and the IDs on Staff. */
function issuerOf(tracker: Pick<TrackerTabs, 'tabs'>, staff: Table<'Staff'>): IdIssuer {
  const issuer = new IdIssuer(readIssuedGrid(tracker.tabs.get(LISTS_TAB) ?? []));
  issuer.observe(PREFIX, staff.records.map((r) => r.values.id ?? null));
  return issuer;
}

/** A cell for USER_ENTERED: dates and numbers typed as such, text behind an apostrophe so it is never a formula or a number. */
function enteredValue(column: ColumnSpec, value: Plain): string | number | boolean {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (column.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return `'${value}`;
}

function shown(value: Plain | undefined): string {
  return value === null || value === undefined || value === '' ? '(blank)' : String(value);
}

/**
 * Plans the import of `csvText` into the tracker's Staff tab and Staff pay and contacts (in the
 * tracker, or in the Staff records workbook `payFile` once Set up private workbooks moved it). Every
 * row is checked first — headers, sites, matches, and then Check data's rules (checkTables) on both
 * tabs as they would be after the import — and any problem on an imported row rejects the whole file
 * (RosterRejected). Otherwise the plan holds one values.batchUpdate per file for every update and new
 * row together.
 *
 * Matching: a row with an ID updates that person; without one, a row whose email matches a person
 * (on Staff pay and contacts) updates them; any other row is a new person. A blank CSV cell leaves
 * what the tracker has.
 *
 * New people get their ID here, numbered after the highest ever issued (the Lists tab, as the add-on
 * reads it), rather than left blank for the add-on's next refresh: the plan can then name each new
 * person's ID, and running the same file again matches them instead of adding them twice.
 */
export function planRosterImport(
  tracker: Pick<TrackerTabs, 'tabs'> & Partial<Pick<TrackerTabs, 'grids' | 'spreadsheetId'>>, csvText: string,
  options: { skipUnknownColumns?: boolean } = {}, payFile?: PayFile,
): RosterPlan {
  const staff = tableOf(tracker, 'Staff');
  if (!staff || !staff.headers.length) throw new UserFacingError('This spreadsheet has no Staff tab; is it a ROSE tracker? Run ROSE Tracker → Set up tracker in it first');
  const settingsTable = tableOf(tracker, 'Settings');
  const sites = tableOf(tracker, 'Sites');
  const settings = readSettings(settingsTable);
  const payIn: PayFile | null = payFile ?? (tracker.tabs.has(PAY_TAB) ? { tabs: tracker.tabs, grids: tracker.grids, spreadsheetId: tracker.spreadsheetId ?? '', linked: false } : null);
  const pay = payIn ? tableOf(payIn, PAY_TAB) : undefined;

  let lines;
  try {
    lines = parseCsv(csvText);
  } catch (error) {
    throw new UserFacingError(`The CSV cannot be read: ${(error as Error).message}`);
  }
  if (!lines.length) throw new UserFacingError('The CSV is empty; its first line should name the columns, e.g. Full name,Role,Site,Email');

  const problems: RosterProblem[] = [];
  const ignoredColumns: string[] = [];
  const [headerLine, ...dataLines] = lines;
  const known = PERSON_COLUMNS.filter(({ column: c }) => !c.computed || c.type === 'id').map(({ column: c }) => c.header);
  const columns: (PersonColumn | null)[] = headerLine.cells.map((text) => {
    const found = matchColumn(text);
    if (!found) {
      if (!text.trim()) return null;
      if (options.skipUnknownColumns) ignoredColumns.push(`${text} (not a Staff column)`);
      else problems.push({ line: 1, column: text, message: `"${text}" is not a column of the Staff tab or ${PAY_TAB} (columns: ${known.join(', ')}). Rename it, remove it, or add --skip-unknown-columns.` });
      return null;
    }
    const { tab, column } = found;
    if (column.computed && column.type !== 'id') { ignoredColumns.push(`${text} (ROSE Tracker fills it)`); return null; }
    const table = tab === 'Staff' ? staff : pay;
    if (!table) {
      problems.push({ line: 1, column: text, message: `The tracker has no ${PAY_TAB} tab, where "${column.header}" is kept; run ROSE Tracker → Set up tracker to add it.` });
      return null;
    }
    if (columnIndex(table, column) === undefined) {
      problems.push({ line: 1, column: text, message: `The ${tab} tab has no "${column.header}" column; run ROSE Tracker → Set up tracker to add it back.` });
      return null;
    }
    return found;
  });
  const seen = new Map<string, number>();
  columns.forEach((found, i) => {
    if (!found) return;
    const key = `${found.tab}\n${found.column.key}`;
    if (seen.has(key)) problems.push({ line: 1, column: headerLine.cells[i], message: `Two columns are both "${found.column.header}".` });
    seen.set(key, i);
  });
  const has = (tab: PersonColumn['tab'], key: string) => seen.has(`${tab}\n${key}`);
  if (!has('Staff', staffKey('fullName')) && !has('Staff', staffKey('id')) && !has(PAY_TAB, 'email')) {
    problems.push({ line: 1, column: '', message: 'The CSV needs a "Full name" column (and an "ID" or "Email" column to update people already on the Staff tab).' });
  }
  if (problems.some((p) => p.line === 1)) throw new RosterRejected(problems);

  const resolveSite = siteResolver(sites);
  const byId = new Map<string, TrackerRecord<'Staff'>>();
  for (const record of staff.records) {
    const id = refId(record.values.id ?? null);
    if (id && !byId.has(id.toUpperCase())) byId.set(id.toUpperCase(), record);
  }
  // Pay and contacts as they would be after the import, by Staff ID; emails find people already listed.
  const mergedPay: Table<typeof PAY_TAB> | undefined = pay && { ...pay, records: pay.records.map((r) => ({ row: r.row, values: { ...r.values } })) };
  const payById = new Map<string, TrackerRecord<typeof PAY_TAB>>();
  const byEmail = new Map<string, TrackerRecord<'Staff'>>();
  for (const record of mergedPay?.records ?? []) {
    const id = refId(record.values.id ?? null).toUpperCase();
    if (!id || payById.has(id)) continue;
    payById.set(id, record);
    const email = String(record.values.email ?? '').trim().toLowerCase();
    const person = byId.get(id);
    if (email && person && !byEmail.has(email)) byEmail.set(email, person);
  }

  // The Staff tab as it would be after the import; Check data runs on this.
  const merged: Table<'Staff'> = { ...staff, records: staff.records.map((r) => ({ row: r.row, values: { ...r.values } })) };
  const mergedByRow = new Map(merged.records.map((r) => [r.row, r]));
  const lineOfRow = new Map<number, number>();
  const lineOfPayRow = new Map<number, number>();
  const touchedBy = new Map<number, number>();
  // Below the last row the API returned (it leaves out trailing empty rows).
  const firstNewRow = (tracker.tabs.get('Staff')?.length ?? 1) + 1;
  const firstNewPayRow = (payIn?.tabs.get(PAY_TAB)?.length ?? 1) + 1;
  let nextRow = firstNewRow;
  let nextPayRow = firstNewPayRow;
  const issuer = issuerOf(tracker, staff);
  const added: RosterChange[] = [];
  const updated: RosterChange[] = [];
  const unchanged: RosterChange[] = [];
  const writes: { row: number; column: ColumnSpec; value: Plain }[] = [];
  const payWrites: { row: number; column: ColumnSpec; value: Plain }[] = [];

  /** A person's pay and contacts: their row updated, or a new row keyed by their Staff ID. */
  const applyPay = (id: string, name: string, values: Partial<Record<PayKey, Plain>>, line: number, changes: string[]): void => {
    const entries = (Object.entries(values) as [PayKey, Plain][]).filter(([, v]) => v !== null);
    if (!entries.length || !mergedPay) return;
    let target = payById.get(id.toUpperCase());
    if (!target) {
      const blank = Object.fromEntries(PAY.columns.map((c) => [c.key, null])) as Record<PayKey, Plain>;
      target = { row: nextPayRow, values: { ...blank, id: label(id, name) } };
      nextPayRow += 1;
      mergedPay.records.push(target);
      payById.set(id.toUpperCase(), target);
      payWrites.push({ row: target.row, column: PAY.columns.find((c) => c.key === 'id')!, value: target.values.id });
    }
    lineOfPayRow.set(target.row, line);
    for (const [key, value] of entries) {
      if (String(target.values[key] ?? '') === String(value)) continue;
      const column = PAY.columns.find((c) => c.key === key)!;
      if (target.row < firstNewPayRow) changes.push(`${column.header} ${shown(target.values[key])} → ${value}`);
      target.values[key] = value;
      payWrites.push({ row: target.row, column, value });
    }
  };

  for (const { line, cells } of dataLines) {
    const values: Partial<Record<StaffKey, Plain>> = {};
    const payValues: Partial<Record<PayKey, Plain>> = {};
    let bad = false;
    columns.forEach((found, i) => {
      if (!found) return;
      const { tab, column } = found;
      let value = cellFor(column, cells[i] ?? '');
      if (tab === 'Staff' && column.key === staffKey('site') && value !== null) {
        const site = resolveSite(String(value));
        if ('problem' in site) { problems.push({ line, column: headerLine.cells[i], message: site.problem }); bad = true; return; }
        value = site.value;
      }
      if (column.type === 'id' && value !== null) value = String(value).toUpperCase();
      if (tab === 'Staff') values[column.key as StaffKey] = value;
      else payValues[column.key as PayKey] = value;
    });
    if (cells.length > headerLine.cells.length && cells.slice(headerLine.cells.length).some((c) => c.trim())) {
      problems.push({ line, column: '', message: `This line has ${cells.length} values but the header names ${headerLine.cells.length} columns.` });
      continue;
    }
    if (bad) continue;

    const id = typeof values.id === 'string' ? values.id : '';
    const email = typeof payValues.email === 'string' ? payValues.email.toLowerCase() : '';
    let existing: TrackerRecord<'Staff'> | undefined;
    if (id) {
      existing = byId.get(id);
      if (!existing) { problems.push({ line, column: 'ID', message: `No one on the Staff tab has the ID ${id}; leave ID blank to add a new person.` }); continue; }
    } else if (email) existing = byEmail.get(email);

    if (existing) {
      const earlier = touchedBy.get(existing.row);
      if (earlier !== undefined) { problems.push({ line, column: id ? 'ID' : 'Email', message: `Line ${earlier} already updates ${shown(existing.values.fullName)} (${refId(existing.values.id ?? null) || 'no ID'}); each person once, please.` }); continue; }
      touchedBy.set(existing.row, line);
      const target = mergedByRow.get(existing.row)!;
      const changes: string[] = [];
      for (const [key, value] of Object.entries(values) as [StaffKey, Plain][]) {
        if (value === null || key === 'id') continue;
        if (String(target.values[key] ?? '') === String(value)) continue;
        const column = staffColumn(key);
        changes.push(`${column.header} ${shown(target.values[key])} → ${value}`);
        target.values[key] = value;
        writes.push({ row: existing.row, column, value });
      }
      const personId = refId(target.values.id ?? null);
      if (personId) applyPay(personId, String(target.values.fullName ?? ''), payValues, line, changes);
      lineOfRow.set(existing.row, line);
      const change = { line, id: personId, name: String(target.values.fullName ?? ''), row: existing.row, changes };
      (changes.length ? updated : unchanged).push(change);
      continue;
    }

    const newId = issuer.issue(PREFIX);
    const row = nextRow;
    nextRow += 1;
    const blank = Object.fromEntries(STAFF.columns.map((c) => [c.key, null])) as Record<StaffKey, Plain>;
    const record: TrackerRecord<'Staff'> = { row, values: { ...blank, ...values, id: newId } };
    merged.records.push(record);
    lineOfRow.set(row, line);
    if (email) byEmail.set(email, record);
    touchedBy.set(row, line);
    for (const column of STAFF.columns) {
      const value = cell(record, column);
      if (columnIndex(staff, column) !== undefined && value !== null && (!column.computed || column.type === 'id')) writes.push({ row, column, value });
    }
    applyPay(newId, String(record.values.fullName ?? ''), payValues, line, []);
    added.push({ line, id: newId, name: String(record.values.fullName ?? ''), row, changes: [] });
  }

  // Check data's rules, on the merged tabs: only problems on rows this file adds or changes count.
  const tables: Tables = { Settings: settingsTable, Sites: sites, Staff: merged, ...(mergedPay ? { [PAY_TAB]: mergedPay } : {}) };
  const warnings: RosterProblem[] = [];
  for (const problem of checkTables(tables, settings)) {
    const line = problem.tab === 'Staff' ? lineOfRow.get(problem.row) : problem.tab === PAY_TAB ? lineOfPayRow.get(problem.row) : undefined;
    if (line === undefined) continue;
    // The file's line names the place here; the tracker's row does not exist yet.
    const entry = { line, column: problem.column, message: problem.detail };
    if (problem.severity === 'error') problems.push(entry); else warnings.push(entry);
  }
  // Each line's problems in the order of the file's columns, whichever tab the column is on.
  const place = (p: RosterProblem) => { const i = columns.findIndex((c) => c?.column.header === p.column); return i < 0 ? columns.length : i; };
  if (problems.length) throw new RosterRejected(problems.sort((a, b) => a.line - b.line || place(a) - place(b)));

  const data: sheets_v4.Schema$ValueRange[] = [];
  // Updates: one range per changed cell (other cells, and the user's own columns, are not touched).
  for (const w of writes.filter((x) => x.row < firstNewRow)) {
    data.push({ range: `${quotedTab('Staff')}!${columnToLetters(columnIndex(staff, w.column)! + 1)}${w.row}`, values: [[enteredValue(w.column, w.value)]] });
  }
  // New people: one block of rows below the last; null leaves a cell (a computed or user column) as it is.
  if (added.length) {
    const first = firstNewRow;
    const grid: (string | number | boolean | null)[][] = added.map(() => staff.headers.map(() => null));
    for (const w of writes.filter((x) => x.row >= firstNewRow)) grid[w.row - first][columnIndex(staff, w.column)!] = enteredValue(w.column, w.value);
    data.push({ range: `${quotedTab('Staff')}!A${first}:${columnToLetters(staff.headers.length)}${first + added.length - 1}`, values: grid });
    // The IDs given here are recorded where the add-on keeps them, in the same batch, so none is issued twice.
    if (tracker.tabs.has(LISTS_TAB)) {
      const block = issuer.issuedGrid();
      const from = columnToLetters(LISTS_LAYOUT.issuedColumn);
      const to = columnToLetters(LISTS_LAYOUT.issuedColumn + 1);
      data.push({ range: `${quotedTab(LISTS_TAB)}!${from}1:${to}${block.length}`, values: block });
    }
  }
  const payData: sheets_v4.Schema$ValueRange[] = [];
  if (pay) {
    for (const w of payWrites.filter((x) => x.row < firstNewPayRow)) {
      payData.push({ range: `${quotedTab(PAY_TAB)}!${columnToLetters(columnIndex(pay, w.column)! + 1)}${w.row}`, values: [[enteredValue(w.column, w.value)]] });
    }
    const fresh = nextPayRow - firstNewPayRow;
    if (fresh) {
      const grid: (string | number | boolean | null)[][] = Array.from({ length: fresh }, () => pay.headers.map(() => null));
      for (const w of payWrites.filter((x) => x.row >= firstNewPayRow)) grid[w.row - firstNewPayRow][columnIndex(pay, w.column)!] = enteredValue(w.column, w.value);
      payData.push({ range: `${quotedTab(PAY_TAB)}!A${firstNewPayRow}:${columnToLetters(pay.headers.length)}${nextPayRow - 1}`, values: grid });
    }
  }
  const linked = payIn?.linked === true;
  if (!linked) data.push(...payData);
  const grow = [
    ...(tracker.grids ? gridGrowth(tracker.grids, [
      { tab: 'Staff', lastRow: firstNewRow + added.length - 1 },
      ...(added.length && tracker.tabs.has(LISTS_TAB) ? [{ tab: LISTS_TAB, lastRow: issuer.issuedGrid().length }] : []),
      ...(!linked && pay ? [{ tab: PAY_TAB, lastRow: nextPayRow - 1 }] : []),
    ]) : []),
    ...(linked && payIn?.grids ? gridGrowth(payIn.grids, [{ tab: PAY_TAB, lastRow: nextPayRow - 1 }]).map((g) => ({ ...g, spreadsheetId: payIn.spreadsheetId })) : []),
  ];
  return {
    added, updated, unchanged, ignoredColumns, warnings,
    request: data.length ? { valueInputOption: 'USER_ENTERED', data } : null,
    payRequest: linked && payData.length ? { spreadsheetId: payIn.spreadsheetId, body: { valueInputOption: 'USER_ENTERED', data: payData } } : null,
    grow,
  };
}

/**
 * The rows each tab's grid must gain for the write to fit. A values write past the grid fails with
 * "exceeds grid limits" (it never grows it), so the grid grows first; and the whole file stays within
 * Google's 10 million cells (support.google.com/drive/answer/37603), checked here so that a dry run
 * says what the real write would meet.
 */
function gridGrowth(grids: NonNullable<TrackerTabs['grids']>, needs: { tab: string; lastRow: number }[]): RosterPlan['grow'] {
  const grow: RosterPlan['grow'] = [];
  let cells = [...grids.values()].reduce((sum, g) => sum + g.rows * g.columns, 0);
  for (const need of needs) {
    const grid = grids.get(need.tab);
    if (!grid || need.lastRow <= grid.rows) continue;
    const rows = need.lastRow - grid.rows;
    cells += rows * grid.columns;
    grow.push({ tab: need.tab, sheetId: grid.sheetId, rows, from: grid.rows });
  }
  if (grow.length && cells > MAX_CELLS) {
    const staff = grow.find((g) => g.tab === 'Staff');
    throw new UserFacingError(`The import needs ${staff ? `${staff.rows.toLocaleString('en-US')} more rows on the Staff tab` : 'more rows'}, and the spreadsheet would then hold ${cells.toLocaleString('en-US')} cells, more than the ${MAX_CELLS.toLocaleString('en-US')} Google Sheets allows in one file (every cell of every tab counts, empty or not). Delete empty rows and columns at the bottom and right of large tabs, or import fewer people at a time; nothing was written.`);
  }
  return grow;
}

/** What the plan does, in lines for the terminal. */
export function planLines(plan: RosterPlan, dryRun: boolean): string[] {
  const verb = dryRun ? 'Would' : 'Will';
  const lines: string[] = [];
  lines.push(`${verb} add ${plan.added.length} ${plan.added.length === 1 ? 'person' : 'people'}${plan.added.length ? ':' : '.'}`);
  for (const a of plan.added) lines.push(`  + ${a.name} (${a.id}, line ${a.line})`);
  lines.push(`${verb} update ${plan.updated.length} ${plan.updated.length === 1 ? 'person' : 'people'}${plan.updated.length ? ':' : '.'}`);
  for (const u of plan.updated) lines.push(`  ~ ${u.name} (${u.id}, line ${u.line}): ${u.changes.join('; ')}`);
  if (plan.unchanged.length) lines.push(`No change for ${plan.unchanged.length}: ${plan.unchanged.map((u) => u.name).join(', ')}.`);
  for (const g of plan.grow) lines.push(`${verb} first add ${g.rows.toLocaleString('en-US')} rows to the ${g.tab} tab's grid (${g.from.toLocaleString('en-US')} → ${(g.from + g.rows).toLocaleString('en-US')} rows), so that they fit.`);
  return lines;
}
