// `rollup` over REST: several trackers side by side with the add-on's dashboard figures; a failing tracker is listed, the rest carry on.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, SOME_FAILED } from '../../scripts/rollup';
import { parseCsv } from '../../scripts/lib/csv';
import { ROLLUP_TAB, ROLLUP_TABS, dashboardOf, organizationFigures, trackersFromFile } from '../../scripts/lib/rollup';
import { UNAVAILABLE, indexFigures, onTargetMeasure } from '../../scripts/lib/rollup-index';
import { METADATA_KEYS } from '../../addon/core/keys';
import { readTrackerTabs } from '../../scripts/lib/tracker-read';
import { captureIO, startHarness, PEER_LEAD, type RestHarness } from '../support/rest-harness';
import { linkEvaluationWorkbook } from './evaluation-fixture';
import { TODAY, env, otherOrganization, sampleTracker, tabValues } from './tracker-fixture';

let h: RestHarness;
let first: string;
let second: string;
let dir: string;
const BOGUS = '1NoSuchTracker000000000000000000';

beforeAll(async () => {
  h = await startHarness();
  first = sampleTracker(h, 'Harbour Lights tracker').id;
  second = sampleTracker(h, 'Riverside tracker', { sample: otherOrganization('Riverside Peer Network'), surveys: false }).id;
});
afterAll(async () => { await h.close(); });
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'rose-rollup-')); });

async function rollup(args: string[]) {
  const io = captureIO(env(h));
  const code = await main([...args, '--as-of', TODAY], io);
  return { code, io };
}

/** The summary as Section|Measure → the column of one organization (or the total). */
function column(rows: string[][], heading: string): Map<string, string> {
  const index = rows[0].indexOf(heading);
  return new Map(rows.slice(1).filter((r) => r[1]).map((r) => [`${r[0]}|${r[1]}`, r[index]]));
}

describe('rollup', () => {
  it('summarizes each organization with the add-on\'s dashboard figures, and adds them up', async () => {
    const out = join(dir, 'summary.csv');
    const { code, io } = await rollup(['--tracker', first, '--tracker', second, '--out', out]);
    expect(io.stderr.filter((l) => !l.startsWith('Reading trackers'))).toEqual([]);
    expect(code).toBe(0);
    const rows = parseCsv(readFileSync(out, 'utf8')).map((l) => l.cells);
    expect(rows[0]).toEqual(['Section', 'Measure', 'Harbour Lights Peer Collective', 'Riverside Peer Network', 'All organizations']);

    for (const [id, heading] of [[first, 'Harbour Lights Peer Collective'], [second, 'Riverside Peer Network']]) {
      const tabs = await readTrackerTabs(h.apis().sheets, id, ['Settings', 'Sites', 'Action Plan', 'Milestones', 'Budget', 'Expenses', 'Staff', 'Training Topics', 'Training Log', 'Events', 'Survey Responses']);
      const { model } = dashboardOf(tabs, TODAY, new Date());
      const summary = column(rows, heading);
      for (const [measure, value] of organizationFigures(model)) expect([measure, summary.get(measure)]).toEqual([measure, String(value)]);
      expect(summary.get('People|Current staff')).toBe(String(model.people.reduce((n, p) => n + p.total, 0)));
    }
    const a = column(rows, 'Harbour Lights Peer Collective');
    const b = column(rows, 'Riverside Peer Network');
    const total = column(rows, 'All organizations');
    for (const measure of ['People|Current staff', 'Milestones|Overdue', 'Activities|Recognition: Done', 'Budget|Allocated']) {
      expect(Number(total.get(measure))).toBeCloseTo(Number(a.get(measure)) + Number(b.get(measure)), 2);
    }
    expect(Number(b.get('People|Current staff'))).toBeLessThan(Number(a.get('People|Current staff')));
    // Riverside has no survey answers: its counts are suppressed, never shown as 0 or 1.
    expect(b.get('Evaluation|People who answered the baseline survey')).toBe('suppressed (fewer than 5 people)');
    expect(total.get('Evaluation|People who answered the baseline survey')).toBe(a.get('Evaluation|People who answered the baseline survey'));
  });

  it('adds each organization\'s implementation index: the share of indicators on target and each indicator\'s sites on target', async () => {
    const out = join(dir, 'summary.csv');
    const { code } = await rollup(['--tracker', first, '--tracker', second, '--out', out]);
    expect(code).toBe(0);
    const rows = parseCsv(readFileSync(out, 'utf8')).map((l) => l.cells);
    const counts = [];
    for (const id of [first, second]) {
      const tabs = await readTrackerTabs(h.apis().sheets, id, ROLLUP_TABS);
      counts.push(dashboardOf(tabs, TODAY, new Date()).implementation);
    }
    const expected = indexFigures(counts, 5);
    for (const [i, heading] of ['Harbour Lights Peer Collective', 'Riverside Peer Network'].entries()) {
      const summary = column(rows, heading);
      for (const [measure, value] of expected.organizations[i]) expect([measure, summary.get(measure)]).toEqual([measure, String(value)]);
    }
    const total = column(rows, 'All organizations');
    for (const [measure, value] of expected.total) expect([measure, total.get(measure)]).toEqual([measure, String(value)]);
    expect(Number(total.get(onTargetMeasure('Photo ID issued')))).toBe(counts[0][0].onTarget + counts[1][0].onTarget);
    expect(rows.filter((r) => r[0] === 'Implementation').map((r) => r[1])[0]).toBe('Share of indicators on target (%)');
  });

  it('reads the evaluation figures of a tracker whose answers moved to its Evaluation workbook from that workbook', async () => {
    const made = sampleTracker(h, 'Linked tracker');
    const workbook = linkEvaluationWorkbook(h.ws, made.addon, made.id);
    const before = h.server.requests.length;
    const out = join(dir, 'summary.csv');
    const { code, io } = await rollup(['--tracker', first, '--tracker', made.id, '--out', out]);
    expect([code, io.stderr.filter((l) => !l.startsWith('Reading trackers'))]).toEqual([0, []]);
    const calls = h.server.requests.slice(before);
    // The linked tracker: its own two requests, then one batchGet per private workbook it reads (survey rows, then wages).
    expect(calls.map((r) => r.name)).toEqual(['sheets.spreadsheets.get', 'sheets.spreadsheets.values.batchGet', 'sheets.spreadsheets.get', 'sheets.spreadsheets.values.batchGet', 'sheets.spreadsheets.values.batchGet', 'sheets.spreadsheets.values.batchGet']);
    expect(calls[4].path).toContain(workbook);
    const records = (await readTrackerTabs(h.apis().sheets, made.id, [])).metadata.get(METADATA_KEYS.staffRecordsWorkbook)!;
    expect(calls[5].path).toContain(records);
    const rows = parseCsv(readFileSync(out, 'utf8')).map((l) => l.cells);
    // The wages moved with Staff pay and contacts: both organizations count the same living-wage sites.
    const wage = rows.find((r) => r[1] === 'Paid at or above the living wage: sites with a figure')!;
    expect(wage[3]).toBe(wage[2]);
    expect(Number(wage[3])).toBeGreaterThan(0);
    // The same sample answers, in the tracker for one and in the workbook for the other: the same evaluation figures.
    const [unlinked, linked] = [2, 3].map((i) => rows.filter((r) => r[0] === 'Evaluation').map((r) => `${r[1]}=${r[i]}`));
    expect(linked).toEqual(unlinked);
    expect(linked.find((l) => l.startsWith('People who answered the baseline survey='))).toMatch(/=\d+$/);

    // Someone who may read the tracker but not the workbook gets the rest, and is told why the evaluation is empty.
    h.ws.share(made.id, PEER_LEAD, 'editor');
    const io2 = captureIO(env(h, PEER_LEAD));
    expect(await main(['--tracker', made.id, '--out', join(dir, 'lead.csv'), '--as-of', TODAY], io2)).toBe(0);
    expect(io2.stderr.filter((l) => !l.startsWith('Reading trackers'))).toEqual([
      `Linked tracker: The survey answers are in the Evaluation workbook ${workbook} (Settings → Evaluation workbook), which this Google account cannot open; run the command as a coordinator or the evaluator (Settings → Evaluator emails, then Set up private workbooks); its evaluation figures are shown as suppressed.`,
      `Linked tracker: Staff pay and contacts is in the Staff records workbook ${records} (Settings → Staff records workbook), which this Google account cannot open; only the coordinators can; its "Paid at or above the living wage" counts are shown as unavailable.`,
    ]);
    const lead = parseCsv(readFileSync(join(dir, 'lead.csv'), 'utf8')).map((l) => l.cells);
    for (const measure of ['Paid at or above the living wage: sites on target', 'Paid at or above the living wage: sites with a figure']) {
      expect(lead.find((r) => r[1] === measure)!.slice(2)).toEqual([UNAVAILABLE, UNAVAILABLE]);
    }
  });

  it('lists a tracker that cannot be read as Failed with its reason, carries on, and exits 3', async () => {
    const out = join(dir, 'summary.csv');
    const { code, io } = await rollup(['--tracker', first, '--tracker', BOGUS, '--out', out]);
    expect(code).toBe(SOME_FAILED);
    const reason = `Google found no spreadsheet ${BOGUS}, or it is not shared with your account; check the ID (the long part of its link) and ask its owner to share it with you.`;
    expect(io.stderr.filter((l) => !l.startsWith('Reading trackers'))).toEqual([
      `Could not include ${BOGUS}: ${reason}`,
      '1 of 2 tracker(s) could not be read and are listed as Failed in the summary.',
    ]);
    const rows = parseCsv(readFileSync(out, 'utf8')).map((l) => l.cells);
    expect(rows[0].slice(2)).toEqual(['Harbour Lights Peer Collective', 'All organizations']);
    expect(rows).toContainEqual(['Failed', BOGUS, reason, '']);
  });

  it('lists a spreadsheet that is not a tracker as Failed too, and exits 1 when nothing could be read', async () => {
    const plain = h.ws.createSpreadsheet('Just a spreadsheet');
    const { code, io } = await rollup(['--tracker', plain, '--tracker', BOGUS, '--out', join(dir, 'x.csv')]);
    expect(code).toBe(1);
    expect(io.stderr[io.stderr.length - 1]).toBe('None of the 2 tracker(s) could be read (reasons above); nothing was written.');
    expect(io.stderr).toContain(`Could not include ${plain}: it is not a ROSE tracker, or it was never set up (no Settings, Action Plan, Staff tab); open it and run ROSE Tracker → Set up tracker`);
  });

  it('reads each tracker in two requests, however many rows it has', async () => {
    const before = h.server.requests.length;
    await rollup(['--tracker', first, '--tracker', second, '--out', join(dir, 's.csv')]);
    const reads = h.server.requests.slice(before).map((r) => r.name);
    expect(reads).toEqual(['sheets.spreadsheets.get', 'sheets.spreadsheets.values.batchGet', 'sheets.spreadsheets.get', 'sheets.spreadsheets.values.batchGet']);
  });

  it('writes a "ROSE roll-up" tab in an existing spreadsheet, replacing only that tab', async () => {
    const target = h.ws.createSpreadsheet('Funder report');
    const SpreadsheetApp = h.ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    h.ws.execute(() => SpreadsheetApp.openById(target).getSheets()[0].getRange('A1').setValue('keep me'));
    for (let run = 0; run < 2; run += 1) {
      const { code, io } = await rollup([...(run ? ['--tracker', first] : ['--tracker', first, '--tracker', second]), '--spreadsheet', target]);
      expect([code, io.stderr.filter((l) => !l.startsWith('Reading'))]).toEqual([0, []]);
    }
    const tab = tabValues(h.ws, target, ROLLUP_TAB);
    expect(tab[0].filter(Boolean)).toEqual(['Section', 'Measure', 'Harbour Lights Peer Collective', 'All organizations']);
    expect(tab.flat()).not.toContain('Riverside Peer Network');
    expect(h.ws.execute(() => SpreadsheetApp.openById(target).getSheets()[0].getRange('A1').getValue())).toBe('keep me');
  });

  it('creates a new spreadsheet with --new-spreadsheet and takes trackers from a file', async () => {
    const list = join(dir, 'trackers.txt');
    writeFileSync(list, `# our two organizations\n${first}\n\nhttps://docs.google.com/spreadsheets/d/${second}/edit  # Riverside\n`);
    expect(trackersFromFile(readFileSync(list, 'utf8'))).toHaveLength(2);
    const { code, io } = await rollup(['--trackers-file', list, '--new-spreadsheet', 'ROSE roll-up 2026']);
    expect([code, io.stderr.filter((l) => !l.startsWith('Reading'))]).toEqual([0, []]);
    const id = /\/d\/([^/]+)\/edit$/.exec(io.stdout[0])![1];
    expect(h.ws.host.files.get(id)?.name).toBe('ROSE roll-up 2026');
    expect(tabValues(h.ws, id, ROLLUP_TAB)[0]).toEqual(expect.arrayContaining(['Harbour Lights Peer Collective', 'Riverside Peer Network']));
  });

  it('writes an organization name that looks like a formula as text in the CSV, without --excel', async () => {
    const name = '=HYPERLINK("http://x.example","Open")';
    // Typed behind an apostrophe, as a coordinator would, so the tracker holds the text itself.
    const hostile = sampleTracker(h, 'Hostile name tracker', { sample: otherOrganization(`'${name}`), surveys: false }).id;
    expect(tabValues(h.ws, hostile, 'Settings').find((row) => row[0] === 'Organization name')?.[1]).toBe(name);
    const out = join(dir, 'summary.csv');
    const { code } = await rollup(['--tracker', hostile, '--out', out]);
    expect(code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(parseCsv(text)[0].cells).toEqual(['Section', 'Measure', `'${name}`, 'All organizations']);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('asks for exactly one destination (exit 2)', async () => {
    const { code, io } = await rollup(['--tracker', first]);
    expect(code).toBe(2);
    expect(io.stderr).toEqual(['Give exactly one of --out, --spreadsheet or --new-spreadsheet; run npm run rollup -- --help to see the options.']);
  });
});
