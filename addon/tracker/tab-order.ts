// The order a coordinator works through the tabs in, the raw form tabs last, and the Sheets API requests that put a spreadsheet's tabs in it.
import { LISTS_TAB } from './lists';
import { sheetsApi } from './setup-io';
import { SHEETS_DEFAULT_COLUMN_PX } from './format';

/**
 * ROSE Tracker's tabs in working order: the Dashboard first, then the tabs filled day to day, the
 * survey and report tabs, and the settings last (a test pins that every schema tab is here). The names of the tabs other modules own
 * (Dashboard, Evaluation report, Data check, Reminder log) are pinned to their constants by a test.
 */
export const WORKING_ORDER: readonly string[] = [
  'Dashboard', 'Sites', 'Action Plan', 'Milestones', 'Budget', 'Expenses', 'Staff', 'Training Topics', 'Training Log',
  'Events', 'Support Requests', 'Payments', 'Documents', 'Survey Responses', 'Interview Log', 'Implementation Targets', 'Evaluation report', 'Process evaluation report', 'Site report', 'Data check', 'Reminder log',
  'Settings', LISTS_TAB,
];

/**
 * The tab a linked Google Form writes into. Forms names it "Form Responses 1", 2, … (in the
 * spreadsheet's language: only the English name is recognised here; a tab under another name stays
 * where the person's own tabs go). Its raw answers carry names, so it goes last, out of the way.
 */
export function isFormResponsesTab(title: string): boolean {
  return /^Form Responses( \d+)?$/.test(title);
}

export interface TabPosition { sheetId: number; title: string }

/** The sheet IDs in working order: ours by WORKING_ORDER, then the person's own tabs as they were, then the form tabs as they were. */
export function workingOrder(tabs: readonly TabPosition[]): number[] {
  const rank = (tab: TabPosition): number => {
    const ours = WORKING_ORDER.indexOf(tab.title);
    if (ours >= 0) return ours;
    return isFormResponsesTab(tab.title) ? WORKING_ORDER.length + 1 : WORKING_ORDER.length;
  };
  return tabs.map((tab, i) => ({ tab, i, rank: rank(tab) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((t) => t.tab.sheetId);
}

/**
 * updateSheetProperties requests that move the tabs from `current` order into `wanted`, placing
 * them from the front one by one and skipping a tab already in its place. Each move is to a place
 * at or before the tab's own, where the API's "before the move" indexes and the final position agree
 * (SheetProperties.index: "When updating sheet indices or inserting sheets, movement is considered
 * in 'before the move' indexes", developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/sheets#SheetProperties).
 */
export function moveRequests(current: readonly number[], wanted: readonly number[]): Record<string, unknown>[] {
  const order = [...current];
  const requests: Record<string, unknown>[] = [];
  wanted.forEach((sheetId, index) => {
    const at = order.indexOf(sheetId);
    if (at < 0 || at === index) return;
    order.splice(at, 1);
    order.splice(index, 0, sheetId);
    requests.push({ updateSheetProperties: { properties: { sheetId, index }, fields: 'index' } });
  });
  return requests;
}

/**
 * Puts the active spreadsheet's tabs in working order after an action that adds tabs (a form's
 * responses tab, which Forms puts first; a report or log): one spreadsheets.get and, when a tab is
 * out of place, one batchUpdate. Returns `result` so a menu function can wrap its action.
 */
export function inWorkingOrder<T>(result: T): T {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (ss) arrangeTabs(sheetsApi(), ss.getId());
  return result;
}

/**
 * Setup leaves the coordinator on the Dashboard, the first tab: where the tracker opens. (The Sheets
 * API has no active tab; Spreadsheet.setActiveSheet is Apps Script's.) Returns `result` for wrapping.
 */
export function onDashboard<T extends { ok: boolean }>(result: T): T {
  if (!result.ok) return result;
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const dashboard = ss ? ss.getSheetByName(WORKING_ORDER[0]) : null;
  if (ss && dashboard) ss.setActiveSheet(dashboard);
  return result;
}

/** A form tab's Timestamp column (date and time to the second) needs this much not to show as ###. */
export const FORM_TIMESTAMP_PX = 160;

function arrangeTabs(api: GoogleAppsScript.Sheets, spreadsheetId: string): void {
  const got = api.Spreadsheets.get(spreadsheetId, { fields: 'sheets(properties(sheetId,title),data(columnMetadata(pixelSize)))' });
  const tabs = (got.sheets ?? []).map((s) => ({ sheetId: s.properties?.sheetId ?? 0, title: s.properties?.title ?? '', firstWidth: s.data?.[0]?.columnMetadata?.[0]?.pixelSize }));
  const requests = moveRequests(tabs.map((t) => t.sheetId), workingOrder(tabs));
  // Forms' Timestamp column starts at Sheets' default width, too narrow for its date and time; a width a person chose stays.
  for (const tab of tabs.filter((t) => isFormResponsesTab(t.title) && t.firstWidth === SHEETS_DEFAULT_COLUMN_PX)) {
    requests.push({ updateDimensionProperties: { range: { sheetId: tab.sheetId, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 }, properties: { pixelSize: FORM_TIMESTAMP_PX }, fields: 'pixelSize' } });
  }
  if (requests.length) api.Spreadsheets.batchUpdate({ requests } as GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetRequest, spreadsheetId);
}
