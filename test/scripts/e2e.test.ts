// End to end over REST: provision a tracker, run the uploaded add-on in it, then export, roll up and import with the real googleapis client.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main as provision } from '../../scripts/provision';
import { main as exportSurvey } from '../../scripts/export-survey';
import { main as rollup, SOME_FAILED } from '../../scripts/rollup';
import { main as importRoster } from '../../scripts/import-roster';
import { parseCsv } from '../../scripts/lib/csv';
import { dashboardOf, organizationFigures, ROLLUP_TABS } from '../../scripts/lib/rollup';
import { indexFigures } from '../../scripts/lib/rollup-index';
import { readTrackerTabs } from '../../scripts/lib/tracker-read';
import { loadSampleOrganization } from '../../scripts/sample/organization';
import { AddOn } from '../../workspace/bundle';
import { captureIO, startHarness, type RestHarness } from '../support/rest-harness';
import { DIST_CODE, TODAY, env, otherOrganization, prepareTracker, sampleTracker, tabValues } from './tracker-fixture';

const BOGUS = '1NoSuchTracker000000000000000000';

let h: RestHarness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

it('provisions, runs the add-on, then exports, rolls up and imports over REST with the numbers agreeing', async () => {
  const dist = mkdtempSync(join(tmpdir(), 'rose-dist-'));
  cpSync(join(DIST_CODE, '..'), dist, { recursive: true });
  const made = captureIO(env(h));
  expect(await provision(['--org', 'Harbour Lights Society', '--dist', dist], made)).toBe(0);

  // The built add-on as uploaded to the bound project, set up and filled in the provisioned spreadsheet.
  const [project] = [...h.ws.scriptProjects.values()];
  const uploaded = mkdtempSync(join(tmpdir(), 'rose-uploaded-'));
  for (const file of project.files) if (file.type === 'SERVER_JS') writeFileSync(join(uploaded, `${file.name}.js`), file.source);
  const addon = AddOn.load(h.ws, join(uploaded, 'Code.js'));
  const tracker = project.parentId!;
  prepareTracker(h.ws, addon, tracker);
  const problemsBefore = addon.call<{ problems: unknown[] }>('checkData').problems.length;

  // export-survey
  const dir = mkdtempSync(join(tmpdir(), 'rose-e2e-'));
  const exported = captureIO(env(h));
  expect(await exportSurvey(['--tracker', tracker, '--out', join(dir, 'survey.csv')], exported)).toBe(0);
  const csvText = readFileSync(join(dir, 'survey.csv'), 'utf8');
  const [header, ...rows] = parseCsv(csvText).map((l) => l.cells);
  const responses = tabValues(h.ws, tracker, 'Survey Responses');
  expect(rows).toHaveLength(responses.length - 1);
  for (const person of loadSampleOrganization().tabs.Staff) expect(csvText).not.toContain(String(person['Full name']));
  expect(header).not.toContain('helps_most');
  expect(header).not.toContain('should_change');
  const scoreColumn = responses[0].map(String).findIndex((t) => t.startsWith('Score:') && t.endsWith('[role_clarity]'));
  expect(rows.map((r) => Number(r[header.indexOf('role_clarity_score')]))).toEqual(responses.slice(1).map((r) => r[scoreColumn]));

  // rollup: this tracker, a second one, and one that does not exist.
  const second = sampleTracker(h, 'Riverside tracker', { sample: otherOrganization('Riverside Peer Network'), surveys: false }).id;
  const rolled = captureIO(env(h));
  const summaryFile = join(dir, 'summary.csv');
  expect(await rollup(['--tracker', tracker, '--tracker', second, '--tracker', BOGUS, '--out', summaryFile, '--as-of', TODAY], rolled)).toBe(SOME_FAILED);
  const summary = parseCsv(readFileSync(summaryFile, 'utf8')).map((l) => l.cells);
  const orgColumn = summary[0].indexOf('Harbour Lights Peer Collective');
  const tabs = await readTrackerTabs(h.apis().sheets, tracker, ROLLUP_TABS);
  const expected = organizationFigures(dashboardOf(tabs, TODAY, new Date()).model);
  // The implementation index is suppressed across the two organizations read, so it is computed from both.
  const secondTabs = await readTrackerTabs(h.apis().sheets, second, ROLLUP_TABS);
  const index = indexFigures([tabs, secondTabs].map((t) => dashboardOf(t, TODAY, new Date()).implementation), 5).organizations[0];
  for (const [measure, value] of index) expected.set(measure, value);
  for (const row of summary.slice(2).filter((r) => r[0] && r[0] !== 'Note' && r[0] !== 'Failed')) {
    expect([row[1], row[orgColumn]]).toEqual([row[1], String(expected.get(`${row[0]}|${row[1]}`) ?? '')]);
  }
  expect(summary.find((r) => r[1] === 'Current staff')![orgColumn]).toBe('12');
  expect(summary.find((r) => r[1] === 'People who answered the baseline survey')![orgColumn]).toBe('11');
  expect(summary.find((r) => r[0] === 'Failed' && r[1] === BOGUS)![2]).toMatch(/^Google found no spreadsheet/);

  // import-roster: two new people and one update, then Check data shows nothing new.
  const roster = join(dir, 'staff.csv');
  writeFileSync(roster, 'Full name,Role,Site,Email,Start,Hourly wage\nJordan Lee,Peer Worker,Cedar House,jordan@example.org,2026-03-02,28\nSam Rivera,Systems Navigator,Harbour Lights Drop-in,sam.rivera@example.org,2026-03-09,29.5\nAlex Moreno,Peer Worker,,alex@example.org,,30\n');
  const imported = captureIO(env(h));
  expect(await importRoster(['--tracker', tracker, '--csv', roster], imported)).toBe(0);
  expect(imported.stdout.slice(0, 4)).toEqual(['Will add 2 people:', '  + Jordan Lee (STAFF-0013, line 2)', '  + Sam Rivera (STAFF-0014, line 3)', 'Will update 1 person:']);
  h.ws.openInSheets(tracker);
  addon.call('refreshComputed');
  expect(addon.call<{ problems: unknown[] }>('checkData').problems).toHaveLength(problemsBefore);

  // A file with one bad row writes nothing.
  const staffBefore = JSON.stringify(tabValues(h.ws, tracker, 'Staff'));
  writeFileSync(roster, 'Full name,Role,Email\nRiley Fox,Peer Worker,riley@example.org\nMorgan Bay,Astronaut Chef,not-an-email\n');
  const rejected = captureIO(env(h));
  expect(await importRoster(['--tracker', tracker, '--csv', roster], rejected)).toBe(1);
  expect(rejected.stderr[0]).toBe('line 3, column Email: "not-an-email" is not an email address.');
  expect(JSON.stringify(tabValues(h.ws, tracker, 'Staff'))).toBe(staffBefore);
});
