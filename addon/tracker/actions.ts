// Tracker actions behind the menu and the edit trigger: set up, check data, refresh computed columns.
import { TABS, type TabName } from './schema';
import { runSetup, writeComputed, writeLists, readIssued } from './setup';
import { openTracker, readTables } from './sheets';
import { assignIds } from './table';
import { readSettings } from './settings';
import { checkTables, problemRows, type Problem } from './check';
import { claimOwnedTab } from '../core/owned-tabs';

export const DATA_CHECK_TAB = 'Data check';

export function setupTrackerAction(): { ok: boolean; lines: string[]; problems: string[] } {
  const result = runSetup();
  const ui = SpreadsheetApp.getUi();
  if (!result.ok) {
    ui.alert('ROSE Tracker could not set up this Sheet', `Nothing was changed.\n\n${result.problems.join('\n\n')}`, ui.ButtonSet.OK);
  } else {
    SpreadsheetApp.getActiveSpreadsheet().toast(result.lines.join(' '), 'ROSE Tracker is set up', 10);
  }
  return result;
}

/** Lists every problem on the Data check tab (ROSE Tracker's own tab); changes nothing in the tracker's tabs. */
export function checkDataAction(): { problems: Problem[] } {
  const file = openTracker();
  const tables = readTables(file);
  const settings = readSettings(tables.Settings);
  const problems = checkTables(tables, settings);
  const header = ['Kind', 'Tab', 'Row', 'Column', 'Cell', 'What to do'];
  const report = claimOwnedTab(file.ss, file.sheets.get(DATA_CHECK_TAB), DATA_CHECK_TAB, header[0], file.sheets.size);
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
  return { problems };
}

/** Tabs whose edits change computed columns or reference lists. */
const WATCHED: readonly string[] = TABS.filter((t) => t.name !== 'Survey Responses' && t.name !== 'Documents').map((t) => t.name);

/** Gives new rows IDs and recomputes computed columns; used after edits, by the daily trigger and after intake. */
export function refreshTracker(ss?: GoogleAppsScript.Spreadsheet.Spreadsheet): { idsAssigned: number } {
  const lock = LockService.getDocumentLock();
  if (lock) lock.waitLock(30000);
  try {
    const file = openTracker(ss);
    const tables = readTables(file);
    const settings = readSettings(tables.Settings);
    const sheets = new Map<TabName, GoogleAppsScript.Spreadsheet.Sheet>();
    for (const spec of TABS) { const s = file.sheets.get(spec.name); if (s) sheets.set(spec.name, s); }
    let idsAssigned = 0;
    const issued = readIssued(file);
    for (const spec of TABS) {
      const table = tables[spec.name];
      if (!table || !spec.idPrefix || table.columnOf.ID === undefined) continue;
      const assigned = assignIds(table, spec, issued.get(spec.idPrefix) ?? 0);
      if (!assigned.length) continue;
      idsAssigned += assigned.length;
      const sheet = sheets.get(spec.name)!;
      const first = table.records[0].row;
      sheet.getRange(first, table.columnOf.ID + 1, table.records.length, 1).setValues(table.records.map((r) => [r.values.ID ?? '']));
    }
    writeComputed(sheets, tables, settings, file.timeZone);
    writeLists(file, tables);
    return { idsAssigned };
  } finally {
    if (lock) lock.releaseLock();
  }
}

/** The simple onEdit trigger: only edits on the tracker's own tabs trigger a refresh. */
export function handleEdit(e: GoogleAppsScript.Events.SheetsOnEdit | undefined): void {
  if (!e || !e.range) return;
  const name = e.range.getSheet().getName();
  if (!WATCHED.includes(name)) return;
  refreshTracker();
}
