// After Set up private workbooks, the Dashboard's support-request counts and evaluation figures come from the workbooks: suppressed counts for a coordinator, only what the Evaluation report released, one line instead of zero for someone who cannot open them, and never a row in the tracker.
import { openAddon, type Harness } from '../support/addon';
import { appendRecords, setSetting, tabRecords } from '../support/tracker';
import { dashboardGrid, section } from '../dashboard/fixtures';
import { formIdOf } from '../../scripts/sample/surveys';
import { person } from '../surveys/forms-support';
import type { PrivateWorkbooksResult } from '../../addon/privacy/workbooks';

const COORDINATOR = 'ada.coordinator@example.org';
const SITE_LEAD = 'cy.sitelead@example.org';
const NAVIGATOR = 'dee.navigator@example.org';
const EVALUATOR = 'fay.evaluator@example.org';
const SECRET = 'Needs a bed tonight near Main St';
const SITES = ['Harbour Lights Drop-in', 'Cedar House', 'Dockside Outreach'];
const CODES = ['RO07K2', 'TE22N4', 'MA15P9', 'JO03L8', 'AN28B1'];

let h: Harness;
let result: PrivateWorkbooksResult;

/** Staff at three sites, open requests from 5, 6 and 1 of them, and 5 baseline answers at Harbour released by an Evaluation report; then the rows move out. */
function organization(): void {
  h = openAddon({ user: COORDINATOR });
  h.addon.call('setupTracker');
  setSetting(h, 'Coordinator emails', COORDINATOR);
  setSetting(h, 'Support team emails', NAVIGATOR);
  setSetting(h, 'Evaluator emails', EVALUATOR);
  h.addon.call('setupTracker');
  appendRecords(h, 'Sites', SITES.map((Name) => ({ Name, Active: 'Yes' })));
  appendRecords(h, 'Training Topics', [{ Topic: 'Naloxone administration' }]);
  h.addon.call('refreshComputed');
  const siteIds = tabRecords(h, 'Sites').map((r) => String(r.ID));
  const askers = [5, 6, 1];
  appendRecords(h, 'Staff', askers.flatMap((n, s) => Array.from({ length: n + 1 }, (_, i) => ({ 'Full name': `Person ${s}-${i}`, Role: 'Peer Worker', Site: siteIds[s] }))));
  h.addon.call('refreshComputed');
  const staff = tabRecords(h, 'Staff');
  const requests: Record<string, string>[] = [];
  askers.forEach((n, s) => {
    const here = staff.filter((r) => r.Site === siteIds[s]).slice(0, n);
    // Two requests from the first person at each site: people are counted, not requests.
    for (const r of [here[0], ...here]) requests.push({ Date: '2026-03-10', Staff: String(r.ID), Type: 'Housing', Status: 'New', Details: SECRET });
  });
  requests.push({ Date: '2026-03-11', Staff: '', Type: 'Housing', Status: 'In progress', Details: SECRET });
  appendRecords(h, 'Support Requests', requests);
  h.ws.share(h.spreadsheetId, SITE_LEAD, 'editor');
  h.addon.call('createOrUpdateForms');
  const form = formIdOf(h.ws, h.spreadsheetId, 'rose-evaluation');
  for (const code of CODES) h.ws.submitForm(form, person({ code, site: SITES[0] }));
  h.addon.call('buildEvaluationReport');
  result = h.addon.call<PrivateWorkbooksResult>('setUpPrivateWorkbooks');
}

function value(grid: unknown[][], measure: string): unknown {
  return grid.find((row) => row[0] === measure)?.[1];
}

function trackerCells(): string[] {
  return h.ws.spreadsheet(h.spreadsheetId).sheets.flatMap((s) => s.rows.flatMap((row) => (row ?? []).map((c) => String(c?.value ?? ''))));
}

describe('the Dashboard after Set up private workbooks', () => {
  beforeAll(organization);

  it('moved the requests and answers out, so the tracker holds none', () => {
    // 6 + 7 + 2 requests from named staff (one person at each site asked twice) and one without a name.
    // The Staff records workbook gets no rows: this tracker's staff have no pay or contacts typed in.
    expect(result.workbooks.map((w) => w.rowsMoved)).toEqual([16, CODES.length, 0]);
    expect(trackerCells()).not.toContain(SECRET);
  });

  it("a coordinator's refresh counts open requests from the Support requests workbook, by people, suppressing small sites and one more", () => {
    h.ws.openInSheets(h.spreadsheetId);
    const mark = h.ws.ledger.mark();
    h.addon.call('refreshDashboard');
    const calls = h.ws.ledger.since(mark);
    // One batchGet for the tracker and one per linked workbook (Support requests, Evaluation, Staff records); no workbook opened through SpreadsheetApp.
    expect(calls.filter((c) => c === 'Sheets.Spreadsheets.Values.batchGet')).toHaveLength(4);
    expect(calls.filter((c) => c === 'SpreadsheetApp.openById')).toHaveLength(0);
    const rows = section(dashboardGrid(h), 'ROSE scorecard');
    const open = (site: string) => rows.find((r) => r.Site === site)?.['Open support requests'];
    expect(open('Cedar House')).toBe(7);
    expect(String(open('Dockside Outreach'))).toMatch(/^suppressed \(fewer than 5 people\)$/);
    // Harbour alone shows 6 requests, but Dockside could then be worked out from All sites: hidden too.
    expect(open('Harbour Lights Drop-in')).toBe('hidden so a smaller group cannot be worked out (complementary suppression)');
    expect(open('All sites')).toBe(6 + 7 + 2 + 1);
    expect(trackerCells()).not.toContain(SECRET);
  });

  it('shows the evaluation figures the Evaluation report released, and does not move with one new answer', () => {
    h.ws.openInSheets(h.spreadsheetId);
    h.addon.call('refreshDashboard');
    expect(value(dashboardGrid(h), 'People who answered the baseline survey')).toBe(5);
    const evaluation = result.workbooks.find((w) => w.name === 'Evaluation')!.workbookId;
    h.ws.openInSheets(evaluation);
    h.addon.call('setUpPrivateWorkbooks');
    h.ws.submitForm(formIdOf(h.ws, h.spreadsheetId, 'rose-evaluation'), person({ code: 'LE19C6', site: SITES[0] }));
    expect(h.ws.spreadsheet(evaluation).sheetByName('Survey Responses')!.lastRow()).toBe(CODES.length + 2);
    h.ws.openInSheets(h.spreadsheetId);
    h.addon.call('refreshDashboard');
    expect(value(dashboardGrid(h), 'People who answered the baseline survey')).toBe(5);
    expect(trackerCells().some((v) => CODES.indexOf(v) >= 0 || v === 'LE19C6')).toBe(false);
  });

  it('a site lead who cannot open the workbooks sees one line for each instead of zero', () => {
    h.ws.openInSheets(h.spreadsheetId);
    h.addon.call('refreshDashboard', [], { user: SITE_LEAD });
    const grid = dashboardGrid(h);
    const lines = grid.map((row) => String(row[0] ?? ''));
    for (const name of ['Support requests', 'Evaluation']) {
      expect(lines.filter((l) => l.startsWith(`The ${name} workbook (Settings → ${name} workbook) cannot be read by ${SITE_LEAD}`))).toHaveLength(1);
    }
    const rows = section(grid, 'ROSE scorecard').filter((r) => [...SITES, 'All sites'].indexOf(String(r.Site)) >= 0);
    expect(rows.map((r) => r['Open support requests'])).toEqual([...SITES, 'All sites'].map(() => 'not readable'));
    expect(value(grid, 'People who answered the baseline survey')).toBeUndefined();
    expect(lines).toContain('Not shown: see "What is missing or needs a look" above.');
  });
});
