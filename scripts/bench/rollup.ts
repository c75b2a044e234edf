// Benchmark of rollup over the loopback REST server: requests per tracker (small vs large: must be equal) and CPU time for 50 trackers.
import { join } from 'node:path';
import { Auth } from 'googleapis';
import { createWorkspace, type Workspace } from '../../workspace';
import { AddOn } from '../../workspace/bundle';
import { localToken, startRestServer } from '../../workspace/rest';
import { FETCH } from '../lib/auth';
import { googleApis } from '../lib/google';
import { buildRollup, dashboardOf, organizationFigures, readOrganizations, rollupRows, ROLLUP_TABS, type OrganizationFigures } from '../lib/rollup';
import { readTrackerTabs } from '../lib/tracker-read';
import { fillSampleOrganization, loadSampleOrganization } from '../sample/organization';
import { submitSampleResponses } from '../sample/surveys';

const USER = 'coordinator@example.org';
const TODAY = '2026-03-16';
const EXTRA_ROWS = 3000;

function sampleTracker(ws: Workspace, addon: AddOn, name: string): string {
  const id = ws.createSpreadsheet(name);
  ws.openInSheets(id);
  addon.call('setupTracker');
  fillSampleOrganization(ws, id, loadSampleOrganization());
  addon.call('refreshComputed');
  submitSampleResponses(ws, addon, id);
  return id;
}

/** The sample plus thousands of activities and milestones, written in one call per tab. */
function growTracker(ws: Workspace, id: string): void {
  const SpreadsheetApp = ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  ws.execute(() => {
    const ss = SpreadsheetApp.openById(id);
    for (const [tab, row] of [
      ['Action Plan', (i: number) => ({ ID: `ACT-${9000 + i}`, Site: 'SITE-0001', 'ROSE component': 'Recognition', Strategy: 'Business cards', Status: i % 3 ? 'In progress' : 'Done' })],
      ['Milestones', (i: number) => ({ ID: `MS-${9000 + i}`, Activity: `ACT-${9000 + i}`, Milestone: `Step ${i}`, Due: i % 2 ? '2026-01-10' : '2026-09-10' })],
    ] as [string, (i: number) => Record<string, string>][]) {
      const sheet = ss.getSheetByName(tab)!;
      const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
      const grid = Array.from({ length: EXTRA_ROWS }, (_, i) => header.map((h) => row(i)[h] ?? ''));
      sheet.insertRowsAfter(sheet.getMaxRows(), EXTRA_ROWS);
      sheet.getRange(sheet.getLastRow() + 1, 1, grid.length, header.length).setValues(grid);
    }
  });
}

export async function benchRollup(): Promise<Record<string, number>> {
  const ws = createWorkspace({ user: USER, now: `${TODAY}T17:00:00Z` });
  const addon = AddOn.load(ws, join(__dirname, '..', '..', 'dist', 'Code.js'));
  const small = sampleTracker(ws, addon, 'Small tracker');
  const large = sampleTracker(ws, addon, 'Large tracker');
  growTracker(ws, large);
  const server = await startRestServer(ws);
  try {
    const auth = new Auth.OAuth2Client({ transporterOptions: FETCH });
    auth.setCredentials({ access_token: localToken(USER), expiry_date: Date.now() + 3600_000 });
    const { sheets } = googleApis({ kind: 'token', auth, rootUrl: server.rootUrl });
    const requestsFor = async (id: string): Promise<number> => {
      const before = server.requests.length;
      const { failed } = await readOrganizations(sheets, [id], { asOf: TODAY, now: new Date() });
      if (failed.length) throw new Error(`bench tracker failed: ${failed[0].reason}`);
      return server.requests.length - before;
    };
    const smallRequests = await requestsFor(small);
    const largeRequests = await requestsFor(large);
    if (smallRequests !== largeRequests) throw new Error(`rollup reads ${smallRequests} requests for a small tracker but ${largeRequests} for a large one`);
    // A tracker whose survey rows and pay moved to its Evaluation and Staff records workbooks: one more batchGet each.
    ws.openInSheets(small);
    // Set up tracker run again confirms the coordinator list the sample typed; only a confirmed coordinator sets up the workbooks.
    addon.call('setupTracker');
    addon.call('setUpPrivateWorkbooks');
    const linkedRequests = await requestsFor(small);

    // CPU of the summary itself for 50 trackers' values (the network is not what is measured here).
    const tabs = await readTrackerTabs(sheets, large, ROLLUP_TABS);
    const start = process.cpuUsage();
    const organizations: OrganizationFigures[] = [];
    for (let i = 0; i < 50; i += 1) {
      const { model, responses, implementation } = dashboardOf(tabs, TODAY, new Date());
      organizations.push({ tracker: `T${i}`, organization: `Organization ${i}`, minimumGroupSize: model.minimumGroupSize, figures: organizationFigures(model), responses, implementation });
    }
    rollupRows(buildRollup(organizations, [], TODAY));
    const used = process.cpuUsage(start);
    return {
      'rollup.requests_per_tracker': largeRequests,
      'rollup.requests_per_linked_tracker': linkedRequests,
      'rollup.cpu_ms.50trackers': Math.round((used.user + used.system) / 1000),
    };
  } finally {
    await server.close();
  }
}

if (require.main === module) {
  benchRollup().then((m) => console.log(m), (e: Error) => { console.error(e.message); process.exitCode = 1; });
}
