// Benchmark of the dashboard and the reminder digest on a 50,000-row tracker: service calls (must not grow with rows) and CPU time.
import { join } from 'node:path';
import { createWorkspace, type Workspace } from '../../workspace';
import { AddOn } from '../../workspace/bundle';
import { computeDashboard } from '../../addon/dashboard/compute';
import { readDashboardInput } from '../../addon/dashboard/render';
import { layoutDashboard } from '../../addon/dashboard/layout';

export const BENCH_ROWS = 50000;
const TODAY = '2026-03-16';

type Row = Record<string, string | number>;

/** Shares of the 50,000 rows by tab, roughly as a busy multi-site organization would have them. */
const SHARES: [string, number][] = [
  ['Action Plan', 0.06], ['Milestones', 0.12], ['Budget', 0.06], ['Expenses', 0.3], ['Staff', 0.06],
  ['Training Log', 0.2], ['Events', 0.08], ['Survey Responses', 0.12],
];

function day(offset: number): string {
  const d = new Date(`${TODAY}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

/** Deterministic rows for one tab; IDs are given so no refresh is needed before the dashboard reads them. */
function rowsFor(tab: string, count: number, counts: Record<string, number>): Row[] {
  const id = (prefix: string, n: number): string => `${prefix}-${String(n).padStart(5, '0')}`;
  const of = (prefix: string, n: number, total: number): string => id(prefix, (n % Math.max(1, total)) + 1);
  const components = ['Recognition', 'Organizational Support', 'Skill Development'];
  const rows: Row[] = [];
  for (let i = 1; i <= count; i += 1) {
    switch (tab) {
      case 'Action Plan': rows.push({ ID: id('ACT', i), Site: of('SITE', i, 20), 'ROSE component': components[i % 3], Strategy: 'Photo ID cards', Status: ['Done', 'In progress', 'Not started', 'Blocked'][i % 4] }); break;
      case 'Milestones': rows.push({ ID: id('MS', i), Activity: of('ACT', i, counts['Action Plan']), Milestone: `Checkpoint ${i}`, Due: day((i % 200) - 100), Completed: i % 3 ? '' : day(-1) }); break;
      case 'Budget': rows.push({ ID: id('BUD', i), Activity: of('ACT', i, counts['Action Plan']), Category: 'Training', Description: `Line ${i}`, Allocated: 1000 + (i % 7) * 100 }); break;
      case 'Expenses': rows.push({ ID: id('EXP', i), Date: day(-(i % 300)), 'Budget line': of('BUD', i, counts.Budget), Amount: 50 + (i % 13) * 10 }); break;
      case 'Staff': rows.push({ ID: id('STAFF', i), 'Full name': `Person ${i}`, Role: ['Peer Worker', 'Peer Supporter', 'Systems Navigator'][i % 3], Site: of('SITE', i, 20), 'Contract status': i % 5 ? 'Signed' : 'Drafted', 'Contract end': i % 11 ? '' : day(i % 40) }); break;
      case 'Training Log': rows.push({ ID: id('TRN', i), Staff: of('STAFF', i, counts.Staff), Topic: ['First aid and CPR', 'Naloxone administration', 'Cultural safety'][i % 3], Date: day(-(i % 1200)), Certified: 'Yes' }); break;
      case 'Events': rows.push({ ID: id('EVT', i), Site: of('SITE', i, 20), Type: ['Teambuilding day', 'Meet-and-greet', 'Other'][i % 3], Date: day(-(i % 400)) }); break;
      case 'Survey Responses': rows.push({ ID: id('RESP', i), Wave: i % 2 ? 'baseline' : 'follow-up', Site: `Site ${i % 20}`, 'Participant code': `p${Math.floor(i / 2)}`, 'Score: Burnout [burnout]': 10 + (i % 30) }); break;
      default: break;
    }
  }
  return rows;
}

/** Writes rows under the tab's headers in blocks of 5,000 (as an import would). */
function fill(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: Row[]): void {
  if (!rows.length) return;
  const header = (sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as unknown[]).map(String);
  for (const key of Object.keys(rows[0])) if (header.indexOf(key) < 0) header.push(key);
  if (header.length > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), header.length - sheet.getMaxColumns());
  sheet.getRange(1, 1, 1, header.length).setValues([header]);
  if (rows.length + 1 > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length + 1 - sheet.getMaxRows());
  for (let start = 0; start < rows.length; start += 5000) {
    const block = rows.slice(start, start + 5000);
    sheet.getRange(2 + start, 1, block.length, header.length).setValues(block.map((row) => header.map((h) => (row[h] === undefined ? '' : row[h]))));
  }
}

/** A set-up tracker with `total` rows spread over its tabs, 20 sites and two coordinators. */
export function dashboardBenchTracker(total: number, codePath = join(__dirname, '..', '..', 'dist', 'Code.js')): { ws: Workspace; addon: AddOn } {
  const ws = createWorkspace({ now: `${TODAY}T17:00:00Z` });
  const addon = AddOn.load(ws, codePath);
  ws.openInSheets(ws.createSpreadsheet('Benchmark tracker'));
  addon.call('setupTracker', [], { timeLimitMs: null });
  const counts: Record<string, number> = {};
  for (const [tab, share] of SHARES) counts[tab] = Math.floor(total * share);
  ws.execute(() => {
    const ss = (ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
    const settings = ss.getSheetByName('Settings')!;
    const grid = settings.getDataRange().getValues();
    const at = grid.findIndex((r) => r[0] === 'Coordinator emails');
    settings.getRange(at + 1, 2).setValue('coordinator@example.org, second.coordinator@example.org');
  }, { timeLimitMs: null });
  // The coordinator confirms the list by running setup again, as the add-on asks (a typed address alone gets no digest).
  addon.call('setupTracker', [], { timeLimitMs: null });
  // That setup turned the weekly digest on for its runner alone; the coordinator ticks both, so the digest measured goes to two.
  addon.callFromClient('setReminderSchedule', [{ frequency: 'weekly', hour: 8, day: 'MONDAY', recipients: ['coordinator@example.org', 'second.coordinator@example.org'] }]);
  ws.execute(() => {
    const ss = (ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
    fill(ss.getSheetByName('Sites')!, Array.from({ length: 20 }, (_, i) => ({ ID: `SITE-${String(i + 1).padStart(5, '0')}`, Name: `Site ${i}` })));
    for (const [tab] of SHARES) fill(ss.getSheetByName(tab)!, rowsFor(tab, counts[tab], counts));
    // Each person's wage, on Staff pay and contacts by their Staff ID.
    fill(ss.getSheetByName('Staff pay and contacts')!, Array.from({ length: counts.Staff }, (_, i) => ({ 'Staff ID': `STAFF-${String(i + 1).padStart(5, '0')}`, 'Hourly wage': 22 + ((i + 1) % 10) })));
  }, { timeLimitMs: null });
  return { ws, addon };
}

/** The calls one execution made, and its modelled time: each call's base cost plus the work inside Sheets API calls (cells, requests). */
function calls(ws: Workspace, run: () => void): { calls: string[]; modelledMs: number } {
  const mark = ws.ledger.mark();
  run();
  return { calls: ws.ledger.since(mark), modelledMs: Math.round(ws.ledger.elapsedMs) };
}

/** CPU time of the pure part (compute + layout) on the tables as the add-on reads them, best of three. */
function pureCpuMs(ws: Workspace): number {
  const input = ws.execute(() => {
    const ss = (ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
    return readDashboardInput(ss.getId(), ws.globals().Sheets as GoogleAppsScript.Sheets);
  }, { timeLimitMs: null });
  let best = Infinity;
  for (let i = 0; i < 3; i += 1) {
    const cpu = process.cpuUsage();
    layoutDashboard(computeDashboard({ ...input, today: TODAY }));
    const used = process.cpuUsage(cpu);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return Math.round(best);
}

/** dashboard.calls (Refresh dashboard on 50,000 rows), dashboard.cpu_ms (its pure compute + layout), reminders.calls (Send reminders now), dashboard.calls.linked_workbooks and reminders.calls.linked_workbooks (the refresh and the digest once the private workbooks hold the requests and answers). */
export function benchDashboard(total = BENCH_ROWS): Record<string, number> {
  const { ws, addon } = dashboardBenchTracker(total);
  const dashboard = calls(ws, () => addon.call('refreshDashboard'));
  const reminders = calls(ws, () => addon.call('sendRemindersNow'));
  const cpu = pureCpuMs(ws);
  // Once Set up private workbooks moved Support Requests and Survey Responses out, the same refresh reads each workbook too.
  addon.call('setUpPrivateWorkbooks', [], { timeLimitMs: null });
  const linked = calls(ws, () => addon.call('refreshDashboard'));
  // The digest then counts new urgent requests from the Support requests workbook.
  const remindersLinked = calls(ws, () => addon.call('sendRemindersNow'));
  return {
    'dashboard.rows': total,
    'dashboard.calls': dashboard.calls.length,
    // Modelled Apps Script time of the execution (ledger cost table and Sheets work terms), not wall time.
    'dashboard.modelled_ms': dashboard.modelledMs,
    'dashboard.cpu_ms': cpu,
    'dashboard.calls.linked_workbooks': linked.calls.length,
    'reminders.calls': reminders.calls.length,
    'reminders.modelled_ms': reminders.modelledMs,
    'reminders.calls.linked_workbooks': remindersLinked.calls.length,
  };
}

if (require.main === module) {
  console.table(benchDashboard());
}
