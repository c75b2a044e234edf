// Tracker actions behind the menu and the edit trigger: set up, check data, refresh computed columns.
import { TABS, type TabName } from './schema';
import { runSetup, writeComputed, assignAllIds } from './setup';
import { TrackerStore } from './store';
import { readSettings } from './settings';
import { IdIssuer, LABEL_SOURCES, LISTS_LAYOUT, LISTS_TAB, REFERENCE_LISTS, listsGrid, readIssuedGrid } from './lists';
import type { AnyTable, Plain, Tables } from './table';
import { issuerFor, writeIssued, writeLists } from './lists-tab';
import { checkTables, problemRows, type Problem } from './check';
import { trackerTabOf } from './tab-ids';
import { readQueue, settleEditQueue } from './edit-queue';
import { ensureEditTrigger } from './edit-trigger-setup';
import { PROPERTY_KEYS } from '../core/keys';
import { turnOnRemindersAtSetup } from '../reminders/trigger';
import { READ_THROUGH_TABS } from '../privacy/specs';
import { claimOwnedTab } from '../core/owned-tabs';

export const DATA_CHECK_TAB = 'Data check';

export function setupTrackerAction(): { ok: boolean; lines: string[]; problems: string[] } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const result = runSetup(ss);
  if (!result.ok) {
    const ui = SpreadsheetApp.getUi();
    ui.alert('ROSE Tracker could not set up this Sheet', `Nothing was changed.\n\n${result.problems.join('\n\n')}`, ui.ButtonSet.OK);
  } else {
    // Edits are refreshed by an installable trigger running as this coordinator (edit-trigger.ts).
    const editTrigger = ensureEditTrigger(ss, result.runBy);
    if (editTrigger) result.lines.push(editTrigger);
    const reminders = result.reminders ? turnOnRemindersAtSetup(ss, result.reminders) : null;
    if (reminders) result.lines.push(reminders);
    ss.toast(result.lines.join(' '), 'ROSE Tracker is set up', 10);
  }
  return result;
}

/** Lists every problem on the Data check tab (ROSE Tracker's own tab); changes nothing in the tracker's tabs. */
export function checkDataAction(): { problems: Problem[] } {
  const store = TrackerStore.open();
  const file = store.file;
  const all = [...checkTables(store.tables(), store.settings(), undefined, store.unreadable), ...editProblems()];
  const header = ['Kind', 'Tab', 'Row', 'Column', 'Cell', 'What to do'];
  // Problems on a tab kept in a private workbook name people and pay, and everyone the tracker is
  // shared with reads its Data check tab: they are listed in that workbook, the tracker says how many.
  const { problems, privately } = listPrivately(store, all, header);
  // Last among the tracker's own tabs (a tab read from a private workbook is not one of them).
  const report = store.ownedTab(DATA_CHECK_TAB, header[0], file.sheets.size - store.linked.size);
  const rows = problems.length ? problemRows(problems) : [['', '', '', '', '', 'No problems found.']];
  const height = rows.length + 1;
  const maxRows = report.getMaxRows();
  if (height > maxRows) report.insertRowsAfter(maxRows, height - maxRows);
  report.clearContents();
  report.getRange(1, 1, height, header.length).setValues([header, ...rows.map((r) => r.map((v) => `'${v}`))]);
  report.setFrozenRows(1);
  report.activate();
  const errors = problems.filter((p) => p.severity === 'error').length;
  file.ss.toast(
    problems.length ? `${errors} problem${errors === 1 ? '' : 's'} and ${problems.length - errors} warning${problems.length - errors === 1 ? '' : 's'}: see the ${DATA_CHECK_TAB} tab.` : 'No problems found.',
    'Check data', 10,
  );
  return { problems: [...problems, ...privately] };
}

/** Splits off the problems on tabs read from a private workbook, writes them to that workbook's own Data check tab, and leaves a count in their place. */
function listPrivately(store: TrackerStore, all: Problem[], header: string[]): { problems: Problem[]; privately: Problem[] } {
  const privately: Problem[] = [];
  const problems: Problem[] = [];
  const byTab = new Map<string, Problem[]>();
  for (const problem of all) {
    if (!store.linked.has(problem.tab)) { problems.push(problem); continue; }
    privately.push(problem);
    byTab.set(problem.tab, [...(byTab.get(problem.tab) ?? []), problem]);
  }
  for (const [tab, found] of byTab) {
    const workbook = store.sheet(tab)!.getParent();
    const tabHere = claimOwnedTab(workbook, workbook.getSheetByName(DATA_CHECK_TAB) ?? undefined, DATA_CHECK_TAB, header[0]);
    const rows = problemRows(found);
    if (rows.length + 1 > tabHere.getMaxRows()) tabHere.insertRowsAfter(tabHere.getMaxRows(), rows.length + 1 - tabHere.getMaxRows());
    tabHere.clearContents();
    tabHere.getRange(1, 1, rows.length + 1, header.length).setValues([header, ...rows.map((r) => r.map((v) => `'${v}`))]);
    const message = `${found.length} problem${found.length === 1 ? '' : 's'} or warning${found.length === 1 ? '' : 's'} on ${tab}: they name people and pay, so they are listed on the ${DATA_CHECK_TAB} tab of the ${READ_THROUGH_TABS.get(tab)!.workbook} workbook (Settings → ${READ_THROUGH_TABS.get(tab)!.workbook} workbook), which only coordinators open.`;
    problems.push({ tab, row: 0, column: '', cell: '', severity: found.some((p) => p.severity === 'error') ? 'error' : 'warning', message, detail: message });
  }
  return { problems, privately };
}

/** What Check data says about refreshes after edits: a failed one, edits still waiting, or no edit trigger at all. */
function editProblems(): Problem[] {
  const problems: Problem[] = [];
  const add = (severity: Problem['severity'], message: string) => problems.push({ tab: '', row: 0, column: '', cell: '', severity, message, detail: message });
  const queue = readQueue();
  if (queue.failure) add('error', `${queue.failure} Run ROSE Tracker → Refresh computed columns.`);
  if (queue.tabs.length && !queue.failure) {
    add('warning', `Edits on ${queue.tabs.join(', ')} are waiting for a refresh (people edited at the same moment). The next edit takes them; Refresh computed columns does it now.`);
  }
  const properties = PropertiesService.getDocumentProperties();
  if (properties && !properties.getProperty(PROPERTY_KEYS.editTrigger)) {
    add('warning', 'Edits are not refreshed automatically in this Sheet: run ROSE Tracker → Set up tracker once (it adds the edit trigger).');
  }
  return problems;
}

/** Tabs whose edits change computed columns or reference lists. */
const WATCHED: readonly string[] = TABS.filter((t) => t.name !== 'Survey Responses' && t.name !== 'Documents').map((t) => t.name);

/** The tabs ROSE Tracker recomputes, each with the tabs its computed columns read (itself first): from the schema. */
const RECOMPUTED: readonly { tab: TabName; reads: readonly TabName[] }[] = TABS
  .filter((t) => t.computedFrom)
  .map((t) => ({ tab: t.name, reads: [t.name, ...t.computedFrom!] }));

/** The recomputed tabs an edit on a tab can change: the tab itself, and every tab that reads it. */
function affectedBy(edited: TabName): TabName[] {
  return RECOMPUTED.filter((r) => r.reads.indexOf(edited) >= 0).map((r) => r.tab);
}

/** Which tabs a refresh reads and which computed tabs it writes: everything, or only what edits on the named tabs can change. */
export function refreshScope(edited?: TabName | readonly TabName[]): { reads: TabName[]; writes: TabName[]; lists: boolean } {
  const tabs = edited === undefined ? [] : typeof edited === 'string' ? [edited] : [...edited];
  if (!tabs.length) {
    return { reads: WATCHED as TabName[], writes: RECOMPUTED.map((r) => r.tab), lists: true };
  }
  const writes = [...new Set(tabs.flatMap(affectedBy))];
  const lists = tabs.some((tab) => LABEL_SOURCES.indexOf(tab) >= 0);
  // The other dropdown lists are kept as the lists tab holds them, so their tabs are not read.
  const reads = new Set<TabName>([...tabs, ...writes.flatMap((tab) => RECOMPUTED.find((r) => r.tab === tab)!.reads)]);
  return { reads: [...reads], writes, lists };
}

/**
 * Gives new rows IDs and recomputes computed columns, under the document lock (the menu's refresh:
 * a six-minute execution, so it may wait). After an edit, only the tabs the edit can change are read
 * and written (an edit on Events reads Events alone); with no tab named, everything.
 */
export function refreshTracker(ss?: GoogleAppsScript.Spreadsheet.Spreadsheet, edited?: TabName): { idsAssigned: number } {
  const lock = LockService.getDocumentLock();
  if (lock) lock.waitLock(30000);
  try {
    const result = refreshTabs(ss, edited);
    // A whole refresh covers every edit still waiting and puts right a refresh that failed.
    if (!edited) settleEditQueue(ss ?? SpreadsheetApp.getActiveSpreadsheet());
    return result;
  } finally {
    if (lock) lock.releaseLock();
  }
}

/**
 * The refresh itself, for a caller that holds the document lock. After edits it opens only the tabs
 * it reads and writes and the lists tab (`known`: sheets the caller has already, e.g. the edited one).
 */
export function refreshTabs(
  ss?: GoogleAppsScript.Spreadsheet.Spreadsheet, edited?: TabName | readonly TabName[], known?: ReadonlyMap<string, GoogleAppsScript.Spreadsheet.Sheet>,
): { idsAssigned: number } {
  const scope = refreshScope(edited);
  const store = edited !== undefined && ss ? TrackerStore.openTabs(ss, [...scope.reads, ...scope.writes, LISTS_TAB], known) : TrackerStore.open(ss);
  const file = store.file;
  // Without a lists tab to keep the other dropdowns from, every tab that feeds one is read.
  const tables = store.tables(store.sheet(LISTS_TAB) ? scope.reads : [...new Set([...scope.reads, ...(scope.lists ? LABEL_SOURCES : [])])]);
  // Settings are read only when the edit can need them (an Events edit reads Events alone).
  const settings = readSettings(tables.Settings);
  const sheets = new Map<TabName, GoogleAppsScript.Spreadsheet.Sheet>();
  for (const spec of TABS) { const s = file.sheets.get(spec.name); if (s) sheets.set(spec.name, s); }
  // The lists tab is read once, for the IDs issued and to tell whether its lists change.
  const listsSheet = file.sheets.get(LISTS_TAB);
  const listsNow = edited !== undefined && listsSheet ? listsSheet.getSheetValues(1, 1, -1, -1) : null;
  const issuer = listsNow ? new IdIssuer(readIssuedGrid(listsNow)) : issuerFor(file);
  const newIds = assignAllIds(tables, issuer);
  const idsAssigned = [...newIds.values()].reduce((sum, n) => sum + n, 0);
  writeComputed(sheets, tables, settings, file.timeZone, scope.writes, newIds);
  // Dropdown lists are rewritten from all their source tabs when an edit changed them (or always from
  // the menu); otherwise only new IDs are recorded.
  if (scope.lists && listsNow && listsSheet) writeChangedLists(listsSheet, listsNow, tables, issuer);
  else if (scope.lists) writeLists(file, tables, issuer);
  else if (idsAssigned > 0) writeIssued(file, issuer);
  return { idsAssigned };
}

/**
 * After an edit: writes only the rows of the lists tab (ours alone, hidden, never sorted) that change,
 * in one call, or nothing when none does. The lists of tabs this refresh did not read stay as the tab
 * holds them; rows are added when the lists grow past the tab's last row.
 */
function writeChangedLists(sheet: GoogleAppsScript.Spreadsheet.Sheet, now: readonly (readonly unknown[])[], tables: Tables, issuer: IdIssuer): void {
  for (const spec of TABS) {
    const table: AnyTable | undefined = tables[spec.name];
    if (spec.idPrefix && table) issuer.observe(spec.idPrefix, table.records.map((r) => r.values.id ?? null));
  }
  const fresh = listsGrid(tables, issuer);
  const width = LISTS_LAYOUT.width;
  const kept = REFERENCE_LISTS.map((l) => !tables[l.tab]);
  const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
  const height = Math.max(fresh.length, now.length);
  const wanted: Plain[][] = [];
  for (let row = 0; row < height; row += 1) {
    wanted.push(Array.from({ length: width }, (_, column) => {
      const value = kept[column] ? (now[row] ?? [])[column] : (fresh[row] ?? [])[column];
      return value === undefined || value === null ? '' : value as Plain;
    }));
  }
  let first = -1;
  let last = -1;
  for (let row = 0; row < height; row += 1) {
    if (wanted[row].some((value, column) => text(value) !== text((now[row] ?? [])[column]))) {
      if (first < 0) first = row;
      last = row;
    }
  }
  if (first < 0) return;
  if (last + 1 > now.length) {
    const maxRows = sheet.getMaxRows();
    if (last + 1 > maxRows) sheet.insertRowsAfter(maxRows, last + 1 - maxRows);
  }
  sheet.getRange(first + 1, 1, last - first + 1, width).setValues(wanted.slice(first, last + 1));
}

/** The tracker tab an edit event's range is on (a renamed tab by its recorded sheet ID) and its sheet, or null for any other tab. */
export function editedTab(e: GoogleAppsScript.Events.SheetsOnEdit | undefined): { tab: TabName; sheet: GoogleAppsScript.Spreadsheet.Sheet; renamed: boolean } | null {
  if (!e || !e.range) return null;
  const sheet = e.range.getSheet();
  let name = sheet.getName();
  const byName = WATCHED.includes(name);
  // A tracker tab a person renamed is still the tracker's: its recorded sheet ID says which one it is.
  if (!byName) name = trackerTabOf(sheet.getParent(), sheet) ?? name;
  return WATCHED.includes(name) ? { tab: name as TabName, sheet, renamed: !byName } : null;
}
