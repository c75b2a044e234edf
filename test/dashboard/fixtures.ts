// Generated trackers for dashboard and reminder tests: a coordinator's typing, done through SpreadsheetApp in one execution per fill.
import { join } from 'node:path';
import { fillSampleOrganization, loadSampleOrganization } from '../../scripts/sample/organization';
import { createWorkspace } from '../../workspace';
import { AddOn } from '../../workspace/bundle';
import { writeSpreadsheetXlsx } from '../../workspace/export-xlsx';
import { DIST_CODE, openAddon, type Harness } from '../support/addon';

/** A small seeded random source, so a failing tracker can be regenerated. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export type Row = Record<string, string | number>;

export interface Generated {
  sites: Row[];
  plan: Row[];
  milestones: Row[];
  budget: Row[];
  expenses: Row[];
  staff: Row[];
  training: Row[];
  events: Row[];
  support: Row[];
  survey: Row[];
}

const iso = (base: string, days: number): string => {
  const d = new Date(`${base}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export const TODAY = '2026-03-16';
export const SCORE_HEADER = 'Score: Burnout [burnout]';
export const SECRET_ANSWER = 'I feel unsafe on night shifts (private answer)';
export const SECRET_DETAIL = 'Needs help with an eviction notice (private detail)';

/** A tracker of roughly `size` rows across tabs; the last site has no staff on purpose. */
export function generate(seed: number, size: number): Generated {
  const r = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)];
  const g: Generated = { sites: [], plan: [], milestones: [], budget: [], expenses: [], staff: [], training: [], events: [], support: [], survey: [] };
  const siteCount = 4;
  for (let i = 1; i <= siteCount; i += 1) g.sites.push({ ID: `SITE-${String(i).padStart(4, '0')}`, Name: `Site ${String.fromCharCode(64 + i)}`, Active: 'Yes' });
  const staffedSites = g.sites.slice(0, siteCount - 1);
  const unit = Math.max(1, Math.floor(size / 10));
  const components = ['Recognition', 'Organizational Support', 'Skill Development'];
  const statuses = ['Not started', 'In progress', 'Done', 'Blocked', 'Cancelled', ''];
  for (let i = 1; i <= unit; i += 1) {
    g.plan.push({
      ID: `ACT-${String(i).padStart(4, '0')}`, Site: `${pick(g.sites).ID}`, 'ROSE component': pick(components), Strategy: 'Photo ID cards',
      Status: pick(statuses), 'Allocated budget': Math.round(r() * 1000),
    });
  }
  for (let i = 1; i <= unit; i += 1) {
    const due = iso(TODAY, Math.floor(r() * 120) - 60);
    g.milestones.push({ ID: `MS-${String(i).padStart(4, '0')}`, Activity: pick(g.plan).ID as string, Milestone: `Checkpoint ${i}`, Due: due, Completed: r() < 0.3 ? iso(due, 1) : '' });
  }
  for (let i = 1; i <= unit; i += 1) {
    const activity = pick(g.plan);
    g.budget.push({
      ID: `BUD-${String(i).padStart(4, '0')}`, Site: r() < 0.5 ? activity.Site : '', Activity: activity.ID, 'ROSE component': r() < 0.5 ? activity['ROSE component'] : '',
      Category: 'Training', Description: `Line ${i}`, Allocated: Math.round(r() * 2000),
    });
  }
  for (let i = 1; i <= unit * 2; i += 1) {
    g.expenses.push({ ID: `EXP-${String(i).padStart(4, '0')}`, Date: iso(TODAY, -Math.floor(r() * 300)), 'Budget line': pick(g.budget).ID, Amount: Math.round(r() * 500 * 100) / 100 });
  }
  const roles = ['Peer Worker', 'Peer Supporter', 'Systems Navigator', 'Coordinator'];
  for (let i = 1; i <= unit; i += 1) {
    const ended = r() < 0.1;
    g.staff.push({
      ID: `STAFF-${String(i).padStart(4, '0')}`, 'Full name': `Person ${i}`, Role: pick(roles), Site: pick(staffedSites).ID,
      End: ended ? iso(TODAY, -10) : '', 'Hourly wage': 20 + Math.round(r() * 15), 'Contract status': pick(['Signed', 'Signed', 'Drafted', '']),
      'Contract end': r() < 0.3 ? iso(TODAY, Math.floor(r() * 90) - 10) : '',
      'Photo ID issued': r() < 0.5 ? iso(TODAY, -Math.floor(r() * 100)) : '', 'Business cards issued': r() < 0.4 ? iso(TODAY, -5) : '',
    });
  }
  const topics = ['First aid and CPR', 'Naloxone administration', 'Cultural safety', 'CPR/AED refresher'];
  for (let i = 1; i <= unit * 2; i += 1) {
    g.training.push({
      ID: `TRN-${String(i).padStart(4, '0')}`, Staff: pick(g.staff).ID, Topic: pick(topics), Date: iso(TODAY, -Math.floor(r() * 1200) + 20),
      Certified: r() < 0.9 ? 'Yes' : 'No', Expiry: r() < 0.3 ? iso(TODAY, Math.floor(r() * 80) - 20) : '',
    });
  }
  for (let i = 1; i <= unit; i += 1) {
    g.events.push({ ID: `EVT-${String(i).padStart(4, '0')}`, Site: pick(g.sites.slice(0, 2)).ID, Type: pick(['Teambuilding day', 'Meet-and-greet', 'Other']), Date: iso(TODAY, -Math.floor(r() * 500) + 30) });
  }
  for (let i = 1; i <= Math.max(2, Math.floor(unit / 2)); i += 1) {
    g.support.push({ ID: `REQ-${String(i).padStart(4, '0')}`, Status: 'New', Details: SECRET_DETAIL });
  }
  for (let i = 1; i <= unit; i += 1) {
    g.survey.push({
      ID: `RESP-${String(i).padStart(4, '0')}`, Wave: r() < 0.5 ? 'baseline' : 'follow-up', Site: pick(['Site A', 'Site B']),
      'Participant code': `code${Math.floor(r() * unit / 2)}`, [SCORE_HEADER]: 10 + Math.floor(r() * 30), 'q1 · How do you feel?': SECRET_ANSWER,
    });
  }
  return g;
}

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Writes rows under the tab's headers (adding any missing header at the end), in one setValues. */
export function fillTab(sheet: Sheet, rows: Row[]): void {
  if (!rows.length) return;
  const header = (sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as unknown[]).map(String);
  for (const key of Object.keys(rows[0])) if (header.indexOf(key) < 0) header.push(key);
  if (header.length > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), header.length - sheet.getMaxColumns());
  sheet.getRange(1, 1, 1, header.length).setValues([header]);
  const needed = rows.length + 1;
  if (needed > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), needed - sheet.getMaxRows());
  sheet.getRange(2, 1, rows.length, header.length).setValues(rows.map((row) => header.map((h) => (row[h] === undefined ? '' : row[h]))));
}

/** Sets Settings values by key. */
export function setSettings(sheet: Sheet, values: Record<string, string | number>): void {
  const grid = sheet.getDataRange().getValues();
  for (const [key, value] of Object.entries(values)) {
    const index = grid.findIndex((row) => row[0] === key);
    if (index < 0) grid.push([key, value, ...new Array(Math.max(0, grid[0].length - 2)).fill('')]);
    else grid[index][1] = value;
  }
  if (grid.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), grid.length - sheet.getMaxRows());
  sheet.getRange(1, 1, grid.length, grid[0].length).setValues(grid);
}

export const COORDINATORS = ['coordinator@example.org', 'second.coordinator@example.org'];

/** A set-up tracker filled with a generated organization. */
export function trackerWith(g: Generated, options: { settings?: Record<string, string | number> } = {}): Harness {
  const harness = openAddon();
  const { ws, addon } = harness;
  const setup = addon.call<{ ok: boolean; problems: string[] }>('setupTracker');
  if (!setup.ok) throw new Error(setup.problems.join('\n'));
  ws.execute(() => {
    const ss = (ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
    const tab = (name: string): Sheet => ss.getSheetByName(name)!;
    setSettings(tab('Settings'), { 'Organization name': 'Harbour Lights Peer Collective', 'Coordinator emails': COORDINATORS.join(', '), 'Reminder lead days': 30, 'Minimum group size for reports': 5, ...options.settings });
  }, { timeLimitMs: null });
  // The coordinator who typed the coordinator list confirms it by running setup again (tracker/coordinators.ts), before the data goes in.
  const confirmed = addon.call<{ ok: boolean; problems: string[] }>('setupTracker');
  if (!confirmed.ok) throw new Error(confirmed.problems.join('\n'));
  // That setup turned weekly reminders on for its runner alone (reminders/trigger.ts turnOnRemindersAtSetup).
  // These trackers start as a coordinator may leave them instead: reminders off, everyone in Settings ticked.
  const everyone = String(options.settings?.['Coordinator emails'] ?? COORDINATORS.join(', ')).split(/[,\s]+/).filter(Boolean);
  const off = addon.callFromClient('setReminderSchedule', [{ frequency: 'off', hour: 8, recipients: everyone }]) as { ok: boolean; problems: string[] };
  if (!off.ok) throw new Error(off.problems.join('\n'));
  ws.execute(() => {
    const ss = (ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
    const tab = (name: string): Sheet => ss.getSheetByName(name)!;
    fillTab(tab('Sites'), g.sites);
    fillTab(tab('Action Plan'), g.plan);
    fillTab(tab('Milestones'), g.milestones);
    fillTab(tab('Budget'), g.budget);
    fillTab(tab('Expenses'), g.expenses);
    fillTab(tab('Staff'), g.staff.map((p) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'Hourly wage'))));
    // Each person's pay is on Staff pay and contacts, by their Staff ID.
    fillTab(tab('Staff pay and contacts'), g.staff.map((p) => ({ 'Staff ID': p.ID, 'Hourly wage': p['Hourly wage'] })));
    fillTab(tab('Training Log'), g.training);
    fillTab(tab('Events'), g.events);
    fillTab(tab('Support Requests'), g.support);
    fillTab(tab('Survey Responses'), g.survey);
  }, { timeLimitMs: null });
  return harness;
}

/** The Dashboard tab as text rows (what a coordinator reads). */
export function dashboardGrid(harness: Harness): unknown[][] {
  const model = harness.ws.spreadsheet(harness.spreadsheetId);
  const sheet = model.sheetByName('Dashboard');
  if (!sheet) throw new Error('No Dashboard tab');
  return sheet.rows.map((row) => (row ?? []).map((cell) => (cell ? cell.value : '')));
}

/** The rows of a dashboard section: from its title's header row until the next blank row, keyed by header. */
export function section(grid: unknown[][], title: string): Record<string, unknown>[] {
  const start = grid.findIndex((row) => row[0] === title);
  if (start < 0) throw new Error(`No section "${title}"`);
  const header = grid[start + 1].map(String);
  const out: Record<string, unknown>[] = [];
  for (let i = start + 2; i < grid.length && grid[i] && grid[i].some((c) => c !== '' && c !== undefined); i += 1) {
    const record: Record<string, unknown> = {};
    header.forEach((h, c) => { if (h) record[h] = grid[i][c]; });
    out.push(record);
  }
  return out;
}

/** The day the rendered sample is dated at, so its pages do not change with the calendar. */
export const SAMPLE_TODAY = '2026-03-16';

/** The sample tracker with its Dashboard refreshed and first among the tabs, written as .xlsx into `dir`. */
export async function sampleDashboardWorkbook(dir: string): Promise<{ path: string; staff: string[]; sites: string[] }> {
  const sample = loadSampleOrganization({ today: SAMPLE_TODAY });
  const ws = createWorkspace({ now: `${SAMPLE_TODAY}T17:00:00Z`, user: 'coordinator@example.org' });
  const addon = AddOn.load(ws, DIST_CODE);
  const id = ws.createSpreadsheet('Sample — ROSE Tracker');
  ws.openInSheets(id);
  const setup = addon.call<{ ok: boolean; problems: string[] }>('setupTracker');
  if (!setup.ok) throw new Error(setup.problems.join('\n'));
  fillSampleOrganization(ws, id, sample);
  addon.call('refreshComputed');
  addon.call('refreshDashboard');
  ws.execute(() => {
    // The Dashboard is where a printed workbook starts (a person can drag it there in Sheets too).
    const api = ws.globals().Sheets as GoogleAppsScript.Sheets;
    const dashboard = api.Spreadsheets!.get(id).sheets!.find((s) => s.properties!.title === 'Dashboard')!;
    api.Spreadsheets!.batchUpdate({ requests: [{ updateSheetProperties: { properties: { sheetId: dashboard.properties!.sheetId, index: 0 }, fields: 'index' } }] }, id);
  });
  const path = join(dir, 'dashboard.xlsx');
  await writeSpreadsheetXlsx(ws.spreadsheet(id), path, { now: ws.host.now() });
  return { path, staff: (sample.tabs.Staff ?? []).map((r) => String(r['Full name'])), sites: (sample.tabs.Sites ?? []).map((r) => String(r.Name)) };
}

