// Helpers for tracker tests: read and write tabs through the Workspace's SpreadsheetApp, as a coordinator's edits would.
import type { Harness } from './addon';
import type { EditFiring } from '../../workspace';

type Cell = string | number | boolean | Date;

export function sheetApp(h: Harness): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  return h.ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}

/** Runs code as a person editing the Sheet (one execution, full auth). */
export function asUser<T>(h: Harness, run: (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => T, user?: string): T {
  return h.ws.execute(() => run(sheetApp(h).openById(h.spreadsheetId)), { user });
}

export function tabValues(h: Harness, tab: string): Cell[][] {
  return asUser(h, (ss) => {
    const sheet = ss.getSheetByName(tab);
    if (!sheet) throw new Error(`no tab ${tab}`);
    return sheet.getDataRange().getValues() as Cell[][];
  });
}

/** Rows of a tab as objects keyed by header. */
export function tabRecords(h: Harness, tab: string): Record<string, Cell>[] {
  const [header, ...rows] = tabValues(h, tab);
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [String(name), row[i]])));
}

/** Appends rows given by header (missing headers left blank), in one write. */
export function appendRecords(h: Harness, tab: string, records: Record<string, Cell>[]): void {
  asUser(h, (ss) => {
    const sheet = ss.getSheetByName(tab)!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
    // A value for a column the tab does not have would be dropped without a word: fail instead.
    const unknown = [...new Set(records.flatMap((r) => Object.keys(r)))].filter((name) => header.indexOf(name) < 0);
    if (unknown.length) throw new Error(`The ${tab} tab has no ${unknown.map((n) => `"${n}"`).join(', ')} column (appendRecords)`);
    const grid = records.map((r) => header.map((name) => (r[name] === undefined ? '' : r[name])));
    const first = sheet.getLastRow() + 1;
    const needed = first + grid.length - 1;
    if (needed > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), needed - sheet.getMaxRows());
    sheet.getRange(first, 1, grid.length, header.length).setValues(grid);
  });
}

/** The headers that are a person's pay and contacts: kept on their own tab, by Staff ID. */
const PAY_HEADERS = ['Email', 'Phone', 'Hourly wage', 'Hours per week'];

/**
 * Appends people as a coordinator types them: the roster on Staff, and each person's email, phone and
 * pay on Staff pay and contacts, by their Staff ID. People without an ID get the next ones after the
 * highest on Staff, typed on both tabs so the two rows meet.
 */
export function appendPeople(h: Harness, people: Record<string, Cell>[]): string[] {
  const ids = tabValues(h, 'Staff').slice(1).map((r) => Number(/^STAFF-(\d+)$/.exec(String(r[0]))?.[1] ?? 0));
  let next = Math.max(0, ...ids);
  const withIds: Record<string, Cell>[] = people.map((p) => ({ ...p, ID: p.ID ?? `STAFF-${String(++next).padStart(4, '0')}` }));
  appendRecords(h, 'Staff', withIds.map((p) => Object.fromEntries(Object.entries(p).filter(([k]) => PAY_HEADERS.indexOf(k) < 0))));
  const pay = withIds.filter((p) => PAY_HEADERS.some((k) => p[k] !== undefined))
    .map((p) => ({ 'Staff ID': p.ID, ...Object.fromEntries(Object.entries(p).filter(([k]) => PAY_HEADERS.indexOf(k) >= 0)) }));
  if (pay.length) appendRecords(h, 'Staff pay and contacts', pay);
  return withIds.map((p) => String(p.ID));
}

/** Each person's row of Staff pay and contacts joined to their Staff row (pay columns win), in Staff's order. */
export function peopleRecords(h: Harness): Record<string, Cell>[] {
  const pay = new Map(tabRecords(h, 'Staff pay and contacts').map((r) => [String(r['Staff ID']).split(' · ')[0], r]));
  return tabRecords(h, 'Staff').map((r) => {
    const own = pay.get(String(r.ID));
    return { ...r, ...(own ? Object.fromEntries(Object.entries(own).filter(([k]) => k !== 'Staff ID' && k !== 'Full name')) : {}) };
  });
}

export function setSetting(h: Harness, key: string, value: Cell): void {
  asUser(h, (ss) => {
    const sheet = ss.getSheetByName('Settings')!;
    const values = sheet.getDataRange().getValues();
    const row = values.findIndex((r) => r[0] === key);
    if (row < 1) throw new Error(`no setting ${key}`);
    sheet.getRange(row + 1, 2).setValue(value);
  });
}

/**
 * A person touches a cell of a tab (or changes it with `change`) and Sheets fires the edit triggers as
 * Google does: the simple onEdit as that person in AuthMode.LIMITED, then each installable on-edit
 * trigger as its owner (Workspace.personEdits). Fails the test when a trigger run threw.
 */
export function personEdits(h: Harness, tab: string, a1: string, options: { user?: string; change?: (range: GoogleAppsScript.Spreadsheet.Range) => void } = {}): EditFiring {
  const firing = h.ws.personEdits(h.spreadsheetId, options.user ?? h.ws.host.activeUser, (ss) => {
    const sheet = ss.getSheetByName(tab);
    if (!sheet) throw new Error(`no tab ${tab}`);
    const range = sheet.getRange(a1);
    options.change?.(range);
    return range;
  });
  const failed = [firing.simple, ...firing.installable].filter((run) => run && !run.ok);
  if (failed.length) throw new Error(`An edit trigger failed: ${failed.map((run) => (run && !run.ok ? run.error : '')).join('; ')}`);
  return firing;
}
