// Set up tracker through the Sheets API: one spreadsheets.get and one values.batchGet, a pure plan, one spreadsheets.batchUpdate, then each tab's IDs and computed values by row.
import { SETTINGS, TABS, type SettingKey, type TabName } from './schema';
import { planSetup, describePlan, type TabState, type TabPlan } from './plan';
import { declaredHeaders, headerKey, toTable, type AnyTable, type Plain, type Tables } from './table';
import { computeAll } from './computed';
import { writeByRow, type RowSheet, type RowWrite } from './keyed-write';
import { IdIssuer, LISTS_TAB, readIssuedGrid } from './lists';
import { foreignListsProblemIn, listsContent } from './lists-tab';
import { TRACKER_TAB_NAMES, followByIds, parseTabIds } from './tab-ids';
import { readSettings, type Settings } from './settings';
import { isoDateIn } from '../core/dates';
import { METADATA_KEYS } from '../core/keys';
import { blockToA1 } from './a1';
import { gridProblems, type Grid, type TabNeed } from './limits';
import { ApiTab, defaultTabCandidates, readGrids, readStructure, sheetsApi, untouchedTabs, type ProtectionFacts, type SheetFacts, type SpreadsheetFacts } from './setup-io';
import { freeSheetId, rowsAfter, setupBatch, type CoordinatorRow, type TabTarget } from './setup-requests';
import { CONFIDENTIAL_PROTECTION, COORDINATORS_ONLY_PROTECTION } from './format';
import {
  checkCoordinators, confirmCoordinators, confirmSetting, confirmedFromJson, confirmedToJson, mayConfirm, settingRefusal, settingsFromJson, settingsToJson,
  type ConfirmedCoordinators,
} from './coordinators';
import { MOVED_STAFF_COLUMNS, migrateStaffColumns } from '../privacy/staff-columns';
import { READ_THROUGH_TABS } from '../privacy/specs';
import { PAY_TAB } from './pay';
import { TrackerStore } from './store';
import { refreshTabs } from './actions';

export interface SetupResult {
  ok: boolean;
  lines: string[];
  problems: string[];
  /** Who ran setup (their email; blank when Google does not say), so what follows need not ask again. */
  runBy?: string;
  /** What setup read that turning reminders on needs (reminders/trigger.ts turnOnRemindersAtSetup), so it costs no second read. */
  reminders?: { me: string; coordinatorEmails: string[]; timeZone: string; scheduleSaved: boolean };
}

/** Each tracker tab's sheet by the tracker name (a tab a person renamed is found by its recorded ID), and the renamed ones: tracker name → the person's name. */
function trackerSheets(facts: SpreadsheetFacts): { sheets: Map<string, SheetFacts>; followed: Map<string, string> } {
  const sheets = new Map<string, SheetFacts>(facts.sheets.map((s) => [s.title, s]));
  const recorded = parseTabIds(facts.metadata.find((m) => m.key === METADATA_KEYS.trackerTabs)?.value ?? null);
  const missing = TRACKER_TAB_NAMES.filter((name) => !sheets.has(name));
  const others = new Map(facts.sheets.filter((s) => TRACKER_TAB_NAMES.indexOf(s.title) < 0).map((s) => [s.title, s.sheetId]));
  const followed = followByIds(others, missing, recorded);
  for (const [tracker, own] of followed) {
    sheets.set(tracker, sheets.get(own)!);
    sheets.delete(own);
  }
  return { sheets, followed };
}

/** A protected range in A1 notation, as the coordinator's message names it. */
function protectedA1(p: ProtectionFacts, sheet: SheetFacts): string {
  const r = p.range;
  const row = (r.startRowIndex ?? 0) + 1;
  const column = (r.startColumnIndex ?? 0) + 1;
  return blockToA1(row, column, (r.endRowIndex ?? sheet.rows) - row + 1, (r.endColumnIndex ?? sheet.columns) - column + 1);
}

function stateOf(sheet: SheetFacts, name: string, followed: boolean, grid: Plain[][]): TabState {
  const headerRow = grid[0] ?? [];
  const rows = grid.slice(1);
  const width = Math.max(1, headerRow.length);
  const mergedHeader = sheet.merges.some((m) => (m.startRowIndex ?? 0) === 0 && (m.startColumnIndex ?? 0) < width);
  const blocked = sheet.protections.find((p) => !p.canEdit);
  const blockedBy = blocked ? `${blocked.description ? `"${blocked.description}", ` : ''}range ${protectedA1(blocked, sheet)}` : null;
  return { sheetName: name, followed, headerRow, rows, mergedHeader, blockedBy };
}

/** Runs setup on the spreadsheet (the active one when not given): on bad input returns the problems and writes nothing. */
export function runSetup(ss: GoogleAppsScript.Spreadsheet.Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): SetupResult {
  const lock = LockService.getDocumentLock();
  if (lock) lock.waitLock(30000);
  try {
    const api = sheetsApi();
    const spreadsheetId = ss.getId();
    const facts = readStructure(api, spreadsheetId);
    const { sheets, followed } = trackerSheets(facts);
    const keys = new Map<TabName, string>();
    for (const spec of TABS) {
      const key = [spec.name, ...(spec.formerly ?? [])].find((n) => sheets.has(n));
      if (key !== undefined) keys.set(spec.name, key);
    }
    const titleOf = (key: string) => sheets.get(key)!.title;
    const listsFacts = sheets.get(LISTS_TAB) ?? null;
    const read = [...keys.values(), ...(listsFacts ? [LISTS_TAB] : [])];
    const ours = new Set(read.map((key) => sheets.get(key)!.sheetId));
    const candidates = defaultTabCandidates(facts, ours);
    const grids = readGrids(api, spreadsheetId, [...read.map(titleOf), ...candidates.map((c) => c.title)], facts.timeZone, (title) => {
      const key = read.find((k) => titleOf(k) === title);
      return key === undefined ? undefined : TABS.find((t) => t.name === key || (t.formerly ?? []).indexOf(key) >= 0);
    });
    const gridOfKey = (key: string) => grids.get(titleOf(key)) ?? [];
    const states = new Map<string, TabState>();
    for (const spec of TABS) {
      const key = keys.get(spec.name);
      if (key === undefined) { states.set(spec.name, { sheetName: null, headerRow: [], rows: [], mergedHeader: false, blockedBy: null }); continue; }
      const isFollowed = key === spec.name && followed.has(spec.name);
      states.set(spec.name, stateOf(sheets.get(key)!, titleOf(key), isFollowed, gridOfKey(key)));
    }
    const linked = new Map(facts.metadata.map((m) => [m.key, m.value]));
    const elsewhere = new Set([...READ_THROUGH_TABS].filter(([tab, link]) => !keys.has(tab as TabName) && linked.get(link.metadataKey)).map(([tab]) => tab));
    const plan = planSetup(states, { timeZone: facts.timeZone, locale: facts.locale }, elsewhere);
    const listsGridNow = listsFacts ? gridOfKey(LISTS_TAB) : [];
    const foreignLists = listsFacts ? foreignListsProblemIn(listsGridNow) : null;
    if (foreignLists) plan.problems.push(foreignLists);
    // Google's grid limits are checked against the whole plan first, so setup never stops half-way at one.
    if (!plan.problems.length) plan.problems.push(...limitProblems(facts, sheets, keys, plan.tabs, states));
    if (plan.problems.length) return { ok: false, lines: [], problems: plan.problems };
    // An empty default tab ("Sheet1") nobody has used goes; one holding anything stays.
    const unused = untouchedTabs(api, spreadsheetId, candidates.filter((c) => !(grids.get(c.title) ?? []).some((row) => row.some((v) => v !== null && v !== ''))));

    // The tables as they stand once the batch has written headers and seed rows.
    const tables: Tables = {};
    const tabGrids = new Map<TabName, Plain[][]>();
    const seedRows = new Map<TabName, number>();
    for (const tab of plan.tabs) {
      const state = states.get(tab.spec.name)!;
      const rows = state.rows.map((r) => tab.header.map((_, i) => (r[i] === undefined ? null : r[i])));
      const seedRow = lastUsedRow(state) + 1;
      if (tab.appendRows.length) {
        while (rows.length < seedRow - 1) rows.push(tab.header.map(() => null));
        rows.push(...tab.appendRows);
      }
      seedRows.set(tab.spec.name, seedRow);
      tabGrids.set(tab.spec.name, [[...tab.header], ...rows]);
      (tables as Record<string, unknown>)[tab.spec.name] = toTable(tab.spec.name, tab.header, rows);
    }
    const settings = readSettings(tables.Settings);
    const issuer = new IdIssuer(readIssuedGrid(listsGridNow));
    const newIds = assignAllIds(tables, issuer);
    const idsAssigned = [...newIds.values()].reduce((sum, n) => sum + n, 0);
    const lists = listsContent(tables, issuer);
    // Who may edit the confidential tabs and the coordinators-only Settings rows: the addresses a
    // coordinator confirmed (coordinators.ts). The person running setup confirms the list only when
    // they are a confirmed coordinator (or start the record on a tracker nobody has locked yet).
    const runner = Session.getActiveUser().getEmail();
    const recordEntry = facts.metadata.find((m) => m.key === METADATA_KEYS.confirmedCoordinators);
    const record = confirmedFromJson(recordEntry?.value);
    const staffLock = sheets.get('Staff')?.protections.find((p) => p.sheetLevel && p.description === `${CONFIDENTIAL_PROTECTION} (Staff)`);
    // Additions are confirmed only while the row's protection stood as setup left it: then Google let
    // only coordinators type them. A protection removed or loosened means anyone may have typed them.
    const rowLock = sheets.get('Settings')?.protections.find((p) => !p.sheetLevel && p.description === `${COORDINATORS_ONLY_PROTECTION} (Settings: Coordinator emails)`);
    const rowIntact = !record || (rowLock !== undefined && !rowLock.warningOnly && !rowLock.domainEdit);
    const confirming = mayConfirm(runner, record, staffLock ? !staffLock.canEdit : false) && rowIntact;
    if (!confirming && !record) {
      return { ok: false, lines: [], problems: [`Only a coordinator can run Set up tracker here first with this version (${runner || 'you'} cannot edit the confidential tabs): ask one of ${staffLock?.editors.join(', ') || 'the coordinators'} to run ROSE Tracker → Set up tracker.`] };
    }
    const fresh = confirming ? confirmCoordinators(settings.coordinatorEmails, runner, new Date()) : null;
    // The same list confirmed again keeps its record (who confirmed it first, and when).
    const renewed = fresh !== null && !(record && record.emails.join('\n') === fresh.emails.join('\n'));
    const confirmed = renewed ? fresh! : record ?? fresh!;
    const check = checkCoordinators(settings.coordinatorEmails, confirmed);
    const me = confirming ? runner : '';
    const values = confirmedValues(facts, sheets, record, confirming ? runner : '', settings);
    const settingsGrid = tabGrids.get('Settings') ?? [];
    const settingColumn = (settingsGrid[0] ?? []).indexOf('Setting');
    const coordinatorRows: CoordinatorRow[] = [];
    for (const spec of SETTINGS.filter((s) => s.coordinatorsOnly)) {
      const row = settingsGrid.findIndex((r, i) => i > 0 && settingColumn >= 0 && String(r[settingColumn] ?? '').trim() === spec.key);
      if (row > 0) coordinatorRows.push({ setting: spec.key, row });
    }

    const taken = new Set(facts.sheets.map((s) => s.sheetId));
    const targets: TabTarget[] = plan.tabs.map((tab) => {
      const key = keys.get(tab.spec.name);
      const sheet = key === undefined ? null : sheets.get(key)!;
      return {
        plan: tab, facts: sheet, sheetId: sheet ? sheet.sheetId : freeSheetId(tab.spec.name, taken),
        layout: declaredHeaders(tab.spec, tab.header), seedRow: seedRows.get(tab.spec.name)!,
      };
    });
    const listsId = listsFacts ? listsFacts.sheetId : freeSheetId(LISTS_TAB, taken);
    const batch = setupBatch({
      targets, settings, timeZone: facts.timeZone, locale: facts.locale, editors: [...check.trusted, ...(me ? [me] : [])],
      coordinatorRows,
      confirmed: renewed ? { value: confirmedToJson(confirmed), record: recordEntry } : undefined,
      confirmedSettings: values.write,
      lists: { sheetId: listsId, facts: listsFacts, renamed: followed.has(LISTS_TAB), grid: lists },
      record: facts.metadata.find((m) => m.key === METADATA_KEYS.trackerTabs),
      sheets: facts.sheets.map((s) => ({ sheetId: s.sheetId, title: s.title })),
      settingRows: new Map((tables.Settings?.records ?? []).filter((r) => SETTINGS.some((s) => s.key === r.values.setting)).map((r) => [r.values.setting as SettingKey, r.row])),
      unused,
    });
    const requests = batch.requests;
    api.Spreadsheets.batchUpdate({ requests } as GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetRequest, spreadsheetId);

    const tabs = new Map<TabName, RowSheet>();
    for (const target of targets) {
      tabs.set(target.plan.spec.name, new ApiTab(api, spreadsheetId, target.plan.spec.name, target.sheetId, tabGrids.get(target.plan.spec.name)!, rowsAfter(target), facts.timeZone));
    }
    writeComputed(tabs, tables, settings, facts.timeZone, undefined, newIds);

    const lines = [...describePlan(plan, idsAssigned), ...batch.lines, ...check.messages, ...values.lines];
    // An older tracker's Staff tab still holding emails, phones or pay: moved to Staff pay and contacts (nothing read again otherwise).
    if (holdsMovedColumns(tabGrids.get('Staff'))) lines.push(...moveStaffColumns(ss));
    if (!rowIntact && check.unconfirmed.length) lines.push(`"Coordinator emails" changed while its protection was removed or loosened, so anyone who edits the Sheet may have typed ${check.unconfirmed.join(', ')}. Setup protected the row again. Remove every address that should not be a coordinator, then run Set up tracker again to confirm the rest.`);
    const added = confirmed.emails.filter((e) => !record || record.emails.indexOf(e) < 0);
    if (renewed && added.length) lines.push(`You confirmed ${added.join(', ')} as coordinator${added.length === 1 ? '' : 's'}: they can now edit the confidential tabs and receive the digest.`);
    const listsFrom = followed.get(LISTS_TAB);
    if (listsFrom) lines.unshift(`The tab "${listsFrom}" is ROSE Tracker's hidden lists tab: renamed it back to "${LISTS_TAB}" (dropdowns and ID numbering read it under that name).`);
    if (!settings.coordinatorEmails.length) {
      lines.push('No coordinator emails in Settings yet: Staff, Support Requests and Survey Responses are protected so only you can edit them. Add coordinator emails and run Set up tracker again to share editing.');
    }
    // Reminders are turned on only for a confirmed coordinator (coordinators.ts), as the digest honours no other.
    const reminders = { me, coordinatorEmails: check.trusted, timeZone: settings.timeZone, scheduleSaved: facts.metadata.some((m) => m.key === METADATA_KEYS.reminderSchedule) };
    return { ok: true, lines, problems: [], runBy: me, reminders };
  } finally {
    if (lock) lock.releaseLock();
  }
}

/** The Settings rows besides the coordinator list whose value widens access, each as the Settings value it is read from. */
const CONFIRMED_ROWS: readonly { setting: SettingKey; value: (settings: Settings) => string }[] = [
  { setting: 'Documents folder', value: (settings) => settings.documentsFolder },
];

/**
 * The access-widening values a coordinator confirms in this run (coordinators.ts): each row's value,
 * when a confirmed coordinator runs setup and the row's protection stood as setup left it (on a tracker
 * that has no records yet, the first setup's). A value changed while its protection was down is named,
 * and confirmed only on a later run, once the row is protected again.
 */
function confirmedValues(
  facts: SpreadsheetFacts, sheets: Map<string, SheetFacts>, coordinators: ConfirmedCoordinators | null, runner: string, settings: Settings,
): { write?: { value: string; record: { id: number; value: string | null } | undefined }; lines: string[] } {
  const entry = facts.metadata.find((m) => m.key === METADATA_KEYS.confirmedSettings);
  const kept = settingsFromJson(entry?.value);
  let next = kept;
  const lines: string[] = [];
  for (const row of CONFIRMED_ROWS) {
    const cell = row.value(settings).trim();
    if (!cell) continue;
    const lock = sheets.get('Settings')?.protections.find((p) => !p.sheetLevel && p.description === `${COORDINATORS_ONLY_PROTECTION} (Settings: ${row.setting})`);
    const intact = (!coordinators && !kept) || (lock !== undefined && !lock.warningOnly && !lock.domainEdit);
    if (runner && intact) { next = confirmSetting(next, row.setting, cell, runner, new Date()); continue; }
    const refused = settingRefusal(row.setting, cell, next, 'ROSE Tracker does not use it');
    if (refused) lines.push(intact ? refused : `${refused} It changed while its protection was removed or loosened, so anyone who edits the Sheet may have typed it: setup protected the row again, and the next Set up tracker confirms what the row then holds.`);
  }
  const value = next ? settingsToJson(next) : null;
  return { write: value !== null && value !== (entry?.value ?? null) ? { value, record: entry } : undefined, lines };
}

/** Whether a Staff grid (header first) has a value in a column that now lives on Staff pay and contacts. */
function holdsMovedColumns(grid: Plain[][] | undefined): boolean {
  if (!grid || !grid.length) return false;
  const places = MOVED_STAFF_COLUMNS.flatMap((m) => m.headers).map((h) => grid[0].findIndex((c) => headerKey(c) === headerKey(h))).filter((i) => i >= 0);
  return grid.slice(1).some((row) => places.some((i) => row[i] !== null && row[i] !== undefined && String(row[i]).trim() !== ''));
}

/** Moves them (privacy/staff-columns.ts), then fills the names and living-wage flags of the rows it wrote. */
function moveStaffColumns(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string[] {
  const store = TrackerStore.open(ss);
  const staff = store.sheet('Staff');
  const pay = store.sheet(PAY_TAB);
  if (!staff || !pay) return [store.unreadable.get(PAY_TAB) ?? `The Staff tab still holds emails, phones or pay, and there is no ${PAY_TAB} tab to move them to.`];
  const moved = migrateStaffColumns(staff, pay);
  if (moved.people) refreshTabs(ss, PAY_TAB);
  return [
    ...(moved.people ? [`Moved the email, phone and pay of ${moved.people} ${moved.people === 1 ? 'person' : 'people'} from Staff to ${PAY_TAB} (read back and compared first), and cleared them on Staff. The emptied Staff columns stay; you may delete them.`] : []),
    ...moved.problems,
  ];
}

/** What each tab's grid must become, against Google's limits, before anything is written. */
function limitProblems(facts: SpreadsheetFacts, sheets: Map<string, SheetFacts>, keys: Map<TabName, string>, tabs: TabPlan[], states: Map<string, TabState>): string[] {
  const needs: TabNeed[] = [];
  const touched = new Set<number>();
  for (const tab of tabs) {
    const state = states.get(tab.spec.name)!;
    const key = keys.get(tab.spec.name);
    const sheet = key === undefined ? undefined : sheets.get(key);
    if (sheet) touched.add(sheet.sheetId);
    const lastRow = tab.appendRows.length ? lastUsedRow(state) + 1 + tab.appendRows.length : 1;
    needs.push({ tab: tab.spec.name, now: sheet ? { rows: sheet.rows, columns: sheet.columns } : null, needs: { rows: lastRow, columns: tab.header.length }, addedColumns: tab.addedColumns.length });
  }
  if (!sheets.has(LISTS_TAB)) needs.push({ tab: LISTS_TAB, now: null, needs: { rows: 1, columns: 1 }, addedColumns: 0 });
  const others: Grid[] = facts.sheets.filter((s) => !touched.has(s.sheetId)).map((s) => ({ rows: s.rows, columns: s.columns }));
  return gridProblems(needs, others);
}

function lastUsedRow(state: TabState): number {
  for (let i = state.rows.length - 1; i >= 0; i -= 1) if (state.rows[i].some((v) => v !== null && v !== '')) return i + 1;
  return 0;
}

/** Gives new rows their ID from the one issuer (so a deleted row's ID is never reused), in the records; writeComputed puts them on the sheet. Returns how many each tab got. */
export function assignAllIds(tables: Tables, issuer: IdIssuer): Map<TabName, number> {
  const counts = new Map<TabName, number>();
  for (const spec of TABS) {
    const table: AnyTable | undefined = tables[spec.name];
    if (!table || !spec.idPrefix || table.columnOf.id === undefined) continue;
    const assigned = issuer.issueForTable(table, spec);
    if (assigned.length) counts.set(spec.name, assigned.length);
  }
  return counts;
}

/**
 * Writes the new IDs and every computed column, each tab in one pass keyed by row (keyed-write.ts):
 * people sort and insert while this runs, so a value goes to the row it was computed for, wherever
 * that row is by then, never to a position.
 */
export function writeComputed(
  sheets: ReadonlyMap<TabName, RowSheet>, tables: Tables, settings: Settings, timeZone: string, only?: readonly TabName[],
  newIds: ReadonlyMap<TabName, number> = new Map(),
): void {
  const today = isoDateIn(new Date(), timeZone);
  const computed = computeAll(tables, settings, today);
  for (const spec of TABS) {
    // A tab read only as an input (e.g. Training Log for money spent) is not rewritten from partial inputs.
    const columns = only && only.indexOf(spec.name) < 0 ? {} : (computed[spec.name] ?? {}) as Record<string, Plain[]>;
    const table: AnyTable | undefined = tables[spec.name];
    const sheet = sheets.get(spec.name);
    if (!table || !sheet || (!Object.keys(columns).length && !newIds.has(spec.name))) continue;
    const writes: RowWrite[] = table.records.map((record, index) => {
      const cells: Record<string, Plain> = {};
      if (newIds.has(spec.name)) cells.id = record.values.id ?? '';
      for (const [key, values] of Object.entries(columns)) cells[key] = values[index];
      return { index, cells };
    });
    writeByRow(sheet, spec, table, writes, timeZone);
  }
}

