// `export-evaluation` against the local Workspace over REST: the implementation survey's answers read from the Evaluation workbook, the index from the tracker's tabs, each with a codebook that matches its columns.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../scripts/export-evaluation';
import { main as exportSurvey } from '../../scripts/export-survey';
import { parseCsv } from '../../scripts/lib/csv';
import { CODEBOOK_HEADER } from '../../scripts/lib/codebook';
import { INDEX_TABS, indicatorVariable, processDefinition } from '../../scripts/lib/export-evaluation';
import { readLinkedTabs, readTrackerTabs } from '../../scripts/lib/tracker-read';
import { METADATA_KEYS } from '../../addon/core/keys';
import { INDICATORS, implementationIndex, publishableIndex } from '../../addon/evaluation/implementation';
import { scoreProcessResponse } from '../../addon/evaluation/process';
import { readSettings } from '../../addon/tracker/settings';
import { tablesFromGrids, type Plain } from '../../addon/tracker/table';
import type { TabName } from '../../addon/tracker/schema';
import { loadSampleOrganization } from '../../scripts/sample/organization';
import { captureIO, startHarness, PEER_LEAD, type RestHarness } from '../support/rest-harness';
import { env, sampleTracker, tabValues } from './tracker-fixture';
import { addProcessAnswers, linkEvaluationWorkbook, processAnswers, sampleProcessPeople } from './evaluation-fixture';

type SpreadsheetApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;

let h: RestHarness;
let tracker: string;
let workbook: string;
let staffRecords: string;
let dir: string;
const AS_OF = '2026-03-16';

beforeAll(async () => {
  h = await startHarness();
  const made = sampleTracker(h, 'Harbour Lights tracker');
  tracker = made.id;
  workbook = linkEvaluationWorkbook(h.ws, made.addon, tracker);
  addProcessAnswers(h.ws, workbook, sampleProcessPeople());
  staffRecords = (await readTrackerTabs(h.apis().sheets, tracker, [])).metadata.get(METADATA_KEYS.staffRecordsWorkbook)!;
  expect(staffRecords).toBeTruthy();
});
afterAll(async () => { await h.close(); });
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'rose-export-evaluation-')); });

async function exportEvaluation(args: string[], options: { tracker?: string; user?: string } = {}) {
  const io = captureIO(env(h, options.user));
  const code = await main(['--tracker', options.tracker ?? tracker, ...args], io);
  const read = (name: string) => parseCsv(readFileSync(join(dir, name), 'utf8')).map((l) => l.cells);
  return { code, io, read };
}

/** Both files into this test's folder, as of the harness's today. */
const both = (): string[] => ['--process', join(dir, 'process.csv'), '--index', join(dir, 'index.csv'), '--as-of', AS_OF];

describe('export-evaluation: the process-evaluation answers', () => {
  it('reads the answers from the Evaluation workbook through the tracker\'s link, one row per respondent, in three requests (four with the index)', async () => {
    // The tracker keeps no survey row: Set up private workbooks moved them.
    expect(tabValues(h.ws, tracker, 'Survey Responses').length).toBe(1);
    let before = h.server.requests.length;
    expect((await exportEvaluation(['--process', join(dir, 'process.csv'), '--as-of', AS_OF])).code).toBe(0);
    expect(h.server.requests.slice(before).map((r) => r.name)).toEqual(['sheets.spreadsheets.get', 'sheets.spreadsheets.values.batchGet', 'sheets.spreadsheets.values.batchGet']);
    before = h.server.requests.length;
    const { code, io, read } = await exportEvaluation(both());
    expect([code, io.stderr.filter((l) => !/suppressed|Other sites/.test(l))]).toEqual([0, []]);
    const calls = h.server.requests.slice(before);
    // The index's wages: one batchGet of the Staff records workbook, after the survey rows.
    expect(calls.map((r) => r.name)).toEqual(['sheets.spreadsheets.get', 'sheets.spreadsheets.values.batchGet', 'sheets.spreadsheets.values.batchGet', 'sheets.spreadsheets.values.batchGet']);
    expect(calls.slice(0, 2).every((r) => r.path.includes(tracker))).toBe(true);
    expect(calls[2].path).toContain(workbook);
    expect(calls[3].path).toContain(staffRecords);

    const [header, ...rows] = read('process.csv');
    expect(rows).toHaveLength(sampleProcessPeople().length);
    expect(header.slice(0, 7)).toEqual(['survey', 'survey_version', 'site', 'respondent_group', 'period', 'wave', 'submitted']);
    // Scores are the add-on's own construct scores of the same answers.
    const definition = processDefinition();
    sampleProcessPeople().forEach((person, i) => {
      const scored = scoreProcessResponse(definition, processAnswers(definition, person));
      for (const scale of definition.scales) {
        expect([i, scale.id, rows[i][header.indexOf(`${scale.id}_score`)]]).toEqual([i, scale.id, scored.scores[scale.id] === null ? '' : String(scored.scores[scale.id])]);
      }
    });
    expect(io.stdout[0]).toMatch(/^Wrote 18 answer\(s\) to the implementation survey/);
  });

  it('codes agreement 1 to 5 and each "not relevant" answer as a code of its own, which the codebook names', async () => {
    const { read } = await exportEvaluation(both());
    const [header, ...rows] = read('process.csv');
    const first = rows[0];
    expect(first[header.indexOf('coherence_1')]).toBe('5'); // Strongly agree
    expect(first[header.indexOf('coherence_2')]).toBe('6'); // Not relevant to my role
    expect(first[header.indexOf('collective_action_2')]).toBe('2'); // Disagree, as answered (reversed only in the score)
    expect(rows[6][header.indexOf('reflexive_monitoring_1')]).toBe('7'); // Too early to tell
    expect(rows[13][header.indexOf('coherence_1')]).toBe('8'); // Not part of ROSE at my site
    const book = read('process.codebook.csv');
    expect(book[0]).toEqual([...CODEBOOK_HEADER]);
    const entry = book.find((b) => b[0] === 'coherence_2')!;
    expect(entry[3]).toBe('1=Strongly disagree; 2=Disagree; 3=Neither agree nor disagree; 4=Agree; 5=Strongly agree; 6=Not relevant to my role; 7=Too early to tell; 8=Not part of ROSE at my site');
    expect(entry[4]).toMatch(/^1 \(Strongly disagree\) to 5 \(Strongly agree\): higher = more agreement/);
    expect(entry[5]).toBe('6=Not relevant to my role (an answer, not counted in any score); 7=Too early to tell (an answer, not counted in any score); 8=Not part of ROSE at my site (an answer, not counted in any score); empty=not answered');
    expect(book.find((b) => b[0] === 'collective_action_2')![4]).toContain('worded the other way round, so Collective action counts 6 minus the code');
    expect(book.find((b) => b[0] === 'npt_collective_action_score')![3]).toContain('collective_action_2 counted as 6 minus the code');
  });

  it('writes a codebook entry for every column and a column for every codebook entry, in both files', async () => {
    const { read } = await exportEvaluation(both());
    for (const name of ['process', 'index']) {
      const header = read(`${name}.csv`)[0];
      const variables = read(`${name}.codebook.csv`).slice(1).map((b) => b[0]);
      expect([name, variables]).toEqual([name, header]);
      expect(new Set(header).size).toBe(header.length);
      for (const entry of read(`${name}.codebook.csv`).slice(1)) expect([entry[0], entry[1] !== '', entry[2] !== '']).toEqual([entry[0], true, true]);
      // No explanation reaches a reader behind the formula guard's apostrophe.
      expect(read(`${name}.codebook.csv`).flat().filter((cell) => cell.startsWith("'"))).toEqual([]);
    }
  });

  it('hides the respondent group where implementers or recipients are fewer than the minimum, both groups at once', async () => {
    const { io, read } = await exportEvaluation(both());
    const [header, ...rows] = read('process.csv');
    const pairs = new Set(rows.map((r) => `${r[header.indexOf('site')]}|${r[header.indexOf('respondent_group')]}`));
    // Harbour Lights has 2 implementers: neither group is named there, or the recipients would name the rest.
    expect([...pairs].sort()).toEqual(['Cedar House|implementer', 'Cedar House|recipient', 'Harbour Lights Drop-in|suppressed']);
    expect(io.stderr).toContain('The respondent group is written as "suppressed" for Harbour Lights Drop-in: fewer than 5 implementers or recipients there.');
  });

  it('merges a small site, and the smallest named one with it so the small one is not named by elimination', async () => {
    const { io, read } = await exportEvaluation(['--process', join(dir, 'process.csv'), '--min-group-size', '9']);
    const [header, ...rows] = read('process.csv');
    // Harbour Lights (8) is below 9; Cedar House (10) alone beside it would name Harbour's rows, so it is merged too.
    expect(new Set(rows.map((r) => r[header.indexOf('site')]))).toEqual(new Set(['Other sites (fewer than 9)']));
    expect(io.stderr[0]).toBe('2 site(s) are written as "Other sites (fewer than 9)" so that no group of fewer than 9 respondents is named.');
  });

  it('holds no time of day, no name and no email, and gives each answer its quarter', async () => {
    const { read } = await exportEvaluation(both());
    const [header, ...rows] = read('process.csv');
    for (const cell of rows.flat()) expect(cell).not.toMatch(/\d{1,2}:\d{2}|T\d{2}/);
    expect(rows.map((r) => r[header.indexOf('period')])).toEqual([...Array(8).fill('2025-Q4'), ...Array(10).fill('2026-Q1')]);
    expect(rows[0][header.indexOf('submitted')]).toMatch(/^2025-11-0[12]$/);
    const text = [read('process.csv'), read('index.csv')].flat(2).join('\n');
    for (const person of loadSampleOrganization().tabs.Staff) {
      expect(text).not.toContain(String(person['Full name']));
      if (person.Email) expect(text).not.toContain(String(person.Email));
    }
  });
});

describe('export-evaluation: the implementation index', () => {
  async function trackerIndex(periodEnds: string[]) {
    const tabs = await readTrackerTabs(h.apis().sheets, tracker, INDEX_TABS);
    // Staff pay and contacts moved to the Staff records workbook with Set up private workbooks.
    expect(await readLinkedTabs(h.apis().sheets, tabs, INDEX_TABS)).toEqual([]);
    const tables = tablesFromGrids(tabs.tabs as ReadonlyMap<string, Plain[][]>, INDEX_TABS as readonly TabName[]);
    return implementationIndex(tables, readSettings(tables.Settings), { periodEnds, baselineDates: new Map([['Harbour Lights Drop-in', '2025-03-03'], ['Cedar House', '2025-04-07']]) });
  }

  it('writes one row per site and quarter with the add-on\'s own index figures, from the first baseline answer to the as-of day', async () => {
    const { code, read } = await exportEvaluation(both());
    expect(code).toBe(0);
    const [header, ...rows] = read('index.csv');
    // The first baseline answer came on 2025-03-03 (sample): quarters from 2025-Q1 to the running 2026-Q1, cut at the as-of day.
    const ends = ['2025-03-31', '2025-06-30', '2025-09-30', '2025-12-31', AS_OF];
    expect(rows.map((r) => `${r[0]} ${r[2]} ${r[3]}`)).toEqual(['Harbour Lights Drop-in', 'Cedar House'].flatMap((site) => ends.map((end, i) => `${site} ${['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1'][i]} ${end}`)));
    const { sites } = await trackerIndex(ends);
    const shown = publishableIndex(sites, 5);
    // A figure the minimum group size hides is -9; one with nothing to count is -8.
    const coded = (raw: number | null, kept: number | null): string => String(kept ?? (raw === null ? -8 : -9));
    const hidden = new Set<string>();
    sites.forEach((site, s) => {
      site.indicators.forEach((indicator, i) => {
        const stem = indicatorVariable(indicator.name);
        const kept = shown[s].indicators[i];
        indicator.periods.forEach((period, p) => {
          const row = rows.find((r) => r[1] === site.siteId && r[3] === period.end)!;
          const status = kept.periods[p].status === 'none' && period.status !== 'none' ? 'suppressed' : period.status;
          if (status === 'suppressed') hidden.add(stem);
          expect([stem, p, row[header.indexOf(`${stem}_actual`)], row[header.indexOf(`${stem}_status`)]])
            .toEqual([stem, p, coded(period.value, kept.periods[p].value), status]);
          expect(row[header.indexOf(`${stem}_target`)]).toBe(String(indicator.target));
          expect(row[header.indexOf(`${stem}_baseline`)]).toBe(coded(indicator.baseline.value, kept.baseline.value));
        });
      });
      site.inPlace.forEach((_, p) => expect(rows.find((r) => r[1] === site.siteId && r[3] === ends[p])![header.indexOf('share_in_place')]).toBe(String(shown[s].inPlace[p] ?? -8)));
    });
    // Each site had at least 5 staff on the roster in every quarter (the sample's roster covers its baseline
    // answers), so at the tracker's minimum of 5 only the training share is hidden where fewer than 5 people's
    // roles require a training: its basis is those people, not person × topic pairs.
    expect([...hidden]).toEqual(['required_training_covered']);
    expect(header.filter((c) => c.endsWith('_status'))).toHaveLength(INDICATORS.length);
  });

  it('counts "Paid at or above the living wage" from the wages in the Staff records workbook', async () => {
    // Set up private workbooks moved Staff pay and contacts out of the tracker.
    expect((await readTrackerTabs(h.apis().sheets, tracker, ['Staff pay and contacts'])).missing).toEqual(['Staff pay and contacts']);
    const [header, ...rows] = (await exportEvaluation(both())).read('index.csv');
    const latest = rows.filter((r) => r[3] === AS_OF).map((r) => r[header.indexOf('paid_at_or_above_the_living_wage_actual')]);
    // Harbour Lights has enough staff to show its share; Cedar House's is hidden at the minimum of 5, never "no figure".
    expect(latest[0]).toMatch(/^(0|1|0\.\d+)$/);
    expect(latest).not.toContain('-8');
  });

  it('moves the photo ID figure when one Staff row gets a photo ID, and nothing else', async () => {
    const before = (await exportEvaluation(both())).read('index.csv');
    const SpreadsheetApp = h.ws.globals().SpreadsheetApp as SpreadsheetApp;
    const staff = tabValues(h.ws, tracker, 'Staff');
    const photo = staff[0].indexOf('Photo ID issued');
    const row = staff.findIndex((r, i) => i > 0 && String(r[staff[0].indexOf('Site')]).startsWith('SITE-0002') && r[photo] === '' && r[staff[0].indexOf('End')] === '');
    expect(row).toBeGreaterThan(0);
    h.ws.execute(() => SpreadsheetApp.openById(tracker).getSheetByName('Staff')!.getRange(row + 1, photo + 1).setValue('2026-01-15'));
    try {
      const after = (await exportEvaluation(both())).read('index.csv');
      const header = after[0];
      const changed = new Set<string>();
      after.forEach((r, i) => r.forEach((cell, c) => { if (cell !== before[i][c]) changed.add(`${r[0]} ${r[3]} ${header[c]}`); }));
      expect([...changed].every((c) => c.startsWith('Cedar House 2026-03-16 photo_id_issued_') || c.startsWith('Cedar House 2026-03-16 share_in_place'))).toBe(true);
      expect(changed).toContain('Cedar House 2026-03-16 photo_id_issued_actual');
    } finally {
      h.ws.execute(() => SpreadsheetApp.openById(tracker).getSheetByName('Staff')!.getRange(row + 1, photo + 1).setValue(''));
    }
  });

  it('suppresses a staff share resting on fewer staff than the minimum, and keeps the site-wide indicators', async () => {
    const { io, read } = await exportEvaluation(['--index', join(dir, 'index.csv'), '--as-of', AS_OF, '--min-group-size', '6']);
    const [header, ...rows] = read('index.csv');
    const cedar = rows.filter((r) => r[0] === 'Cedar House');
    const harbour = rows.filter((r) => r[0] === 'Harbour Lights Drop-in');
    // Cedar House has 5 staff: every staff share is hidden; the roles filled and events a year are not about a person.
    for (const row of cedar) {
      expect(row[header.indexOf('photo_id_issued_actual')]).toBe('-9');
      expect(row[header.indexOf('photo_id_issued_status')]).toBe('suppressed');
      expect(row[header.indexOf('paid_at_or_above_the_living_wage_actual')]).toBe('-9');
      expect(row[header.indexOf('peer_supporter_role_filled_actual')]).toMatch(/^[01]$/);
    }
    expect(harbour.at(-1)![header.indexOf('photo_id_issued_actual')]).not.toBe('-9');
    expect(io.stderr.some((l) => /figure\(s\) rest on fewer than 6 staff and are written as -9/.test(l))).toBe(true);
    const book = read('index.codebook.csv');
    expect(book.find((b) => b[0] === 'photo_id_issued_actual')![6]).toBe('written as -9 when the share rests on fewer than 6 staff (at a small site a share points at people)');
    expect(book.find((b) => b[0] === 'photo_id_issued_actual')![5]).toContain('-8=no figure');
  });
});

describe('export-evaluation: the evaluator, who opens the Evaluation workbook and not the tracker', () => {
  const EVALUATOR = 'fay.evaluator@example.org';
  let own: string;
  let theirs: string;
  beforeAll(() => {
    const made = sampleTracker(h, 'Tracker with an evaluator');
    own = made.id;
    const SpreadsheetApp = h.ws.globals().SpreadsheetApp as SpreadsheetApp;
    h.ws.execute(() => {
      const settings = SpreadsheetApp.openById(own).getSheetByName('Settings')!;
      const row = settings.getRange(1, 1, settings.getLastRow(), 1).getValues().findIndex((r) => r[0] === 'Evaluator emails');
      settings.getRange(row + 1, 2).setValue(EVALUATOR);
    });
    theirs = linkEvaluationWorkbook(h.ws, made.addon, own);
    addProcessAnswers(h.ws, theirs, sampleProcessPeople());
  });

  it('exports the answers from the workbook alone, in two requests, when given the minimum group size', async () => {
    const before = h.server.requests.length;
    const { code, io, read } = await exportEvaluation(['--process', join(dir, 'process.csv'), '--min-group-size', '5'], { tracker: theirs, user: EVALUATOR });
    expect([code, io.stderr.filter((l) => !/suppressed/.test(l))]).toEqual([0, []]);
    const calls = h.server.requests.slice(before);
    expect(calls.map((r) => r.name)).toEqual(['sheets.spreadsheets.get', 'sheets.spreadsheets.values.batchGet']);
    expect(calls.every((r) => r.path.includes(theirs))).toBe(true);
    expect(read('process.csv')).toHaveLength(sampleProcessPeople().length + 1);
  });

  it('asks for the minimum group size it cannot read from the tracker, and sends the index to a coordinator', async () => {
    const process = await exportEvaluation(['--process', join(dir, 'process.csv')], { tracker: theirs, user: EVALUATOR });
    expect(process.code).toBe(1);
    expect(process.io.stderr[0]).toMatch(new RegExp(`^The tracker ${own} this Evaluation workbook belongs to could not be read \\(Your Google account cannot open the spreadsheet ${own}.*\\), so its minimum group size is unknown; give --min-group-size \\(the tracker's Settings → Minimum group size for reports\\)\\.$`));
    const index = await exportEvaluation(['--index', join(dir, 'index.csv'), '--min-group-size', '5'], { tracker: theirs, user: EVALUATOR });
    expect(index.code).toBe(1);
    expect(index.io.stderr[0]).toMatch(/^The implementation index is computed from the tracker's tabs, and the tracker .* could not be read .*; run --index with --tracker <the tracker> as a coordinator\.$/);
  });

  it('writes the living-wage figure as unavailable, with one line saying why, for someone who cannot open the Staff records workbook', async () => {
    h.ws.share(own, EVALUATOR, 'editor');
    const { code, io, read } = await exportEvaluation(['--index', join(dir, 'index.csv'), '--as-of', AS_OF], { tracker: own, user: EVALUATOR });
    expect(code).toBe(0);
    const records = (await readTrackerTabs(h.apis().sheets, own, [])).metadata.get(METADATA_KEYS.staffRecordsWorkbook)!;
    expect(io.stderr.filter((l) => l.includes('Staff records'))).toEqual([
      `Staff pay and contacts is in the Staff records workbook ${records} (Settings → Staff records workbook), which this Google account cannot open; only the coordinators can; "Paid at or above the living wage" is written as -7 (unavailable), not counted.`,
    ]);
    const [header, ...rows] = read('index.csv');
    for (const row of rows) {
      expect(row[header.indexOf('paid_at_or_above_the_living_wage_actual')]).toBe('-7');
      expect(row[header.indexOf('paid_at_or_above_the_living_wage_baseline')]).toBe('-7');
      expect(row[header.indexOf('paid_at_or_above_the_living_wage_status')]).toBe('unavailable');
    }
    // The coordinator, who opens it, gets the figure.
    const coordinator = (await exportEvaluation(['--index', join(dir, 'mine.csv'), '--as-of', AS_OF], { tracker: own })).read('mine.csv');
    expect(coordinator.slice(1).map((r) => r[coordinator[0].indexOf('paid_at_or_above_the_living_wage_actual')])).not.toContain('-7');
  });

  it('lets a coordinator give the workbook too: the tracker is then read for its Settings and the index', async () => {
    const { code, read } = await exportEvaluation([...both()], { tracker: theirs });
    expect(code).toBe(0);
    expect(read('process.csv')).toHaveLength(sampleProcessPeople().length + 1);
    expect(read('index.csv').slice(1).map((r) => r[0])).toContain('Cedar House');
  });

  it('exports the outcome survey from the workbook with export-survey as well', async () => {
    const io = captureIO(env(h, EVALUATOR));
    expect(await exportSurvey(['--tracker', theirs, '--out', join(dir, 'survey.csv'), '--min-group-size', '5'], io)).toBe(0);
    // The sample's 21 outcome answers, moved to the workbook; the implementation survey's rows beside them are left alone.
    const rows = parseCsv(readFileSync(join(dir, 'survey.csv'), 'utf8')).map((l) => l.cells);
    expect(rows).toHaveLength(22);
    expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(['rose-evaluation']));
  });
});

describe('export-evaluation: bad input', () => {
  it('reads the tracker\'s own Survey Responses while no Evaluation workbook is linked, and says so', async () => {
    const plain = sampleTracker(h, 'Unlinked tracker', { surveys: false });
    addProcessAnswers(h.ws, plain.id, sampleProcessPeople().slice(0, 5));
    const { code, io, read } = await exportEvaluation(['--process', join(dir, 'process.csv')], { tracker: plain.id });
    expect(code).toBe(0);
    expect(io.stderr[0]).toBe('The tracker links no Evaluation workbook yet, so survey answers are read from its own Survey Responses tab.');
    expect(read('process.csv')).toHaveLength(6);
  });

  it('follows the Settings link when the tracker\'s developer metadata no longer names the workbook', async () => {
    const made = sampleTracker(h, 'Tracker linked by Settings only', { surveys: false });
    const linked = linkEvaluationWorkbook(h.ws, made.addon, made.id);
    addProcessAnswers(h.ws, linked, sampleProcessPeople().slice(0, 3));
    await h.apis().sheets.spreadsheets.batchUpdate({
      spreadsheetId: made.id,
      requestBody: { requests: [{ deleteDeveloperMetadata: { dataFilter: { developerMetadataLookup: { metadataKey: METADATA_KEYS.evaluationWorkbook } } } }] },
    });
    expect((await readTrackerTabs(h.apis().sheets, made.id, [])).metadata.has(METADATA_KEYS.evaluationWorkbook)).toBe(false);
    const before = h.server.requests.length;
    const { code, read } = await exportEvaluation(['--process', join(dir, 'process.csv')], { tracker: made.id });
    expect(code).toBe(0);
    expect(read('process.csv')).toHaveLength(4);
    expect(h.server.requests.slice(before).map((r) => r.path).filter((p) => p.includes(linked))).toHaveLength(1);
  });

  it('names the tab when a tracker without an Evaluation workbook has no Survey Responses tab either', async () => {
    const plain = sampleTracker(h, 'Tracker without answers', { sample: null });
    const SpreadsheetApp = h.ws.globals().SpreadsheetApp as SpreadsheetApp;
    h.ws.execute(() => { const ss = SpreadsheetApp.openById(plain.id); ss.deleteSheet(ss.getSheetByName('Survey Responses')!); });
    const { code, io } = await exportEvaluation(['--process', join(dir, 'p.csv')], { tracker: plain.id });
    expect(code).toBe(1);
    expect(io.stderr).toEqual(['The tracker links no Evaluation workbook (Settings → Evaluation workbook is empty) and has no Survey Responses tab of its own; run ROSE Tracker → Set up private workbooks in it, or check --tracker.']);
  });

  it('names the tab and the workbook when the Evaluation workbook has lost its Survey Responses tab', async () => {
    const made = sampleTracker(h, 'Tracker with a broken workbook', { surveys: false });
    const broken = linkEvaluationWorkbook(h.ws, made.addon, made.id);
    const SpreadsheetApp = h.ws.globals().SpreadsheetApp as SpreadsheetApp;
    h.ws.execute(() => SpreadsheetApp.openById(broken).getSheetByName('Survey Responses')!.setName('Old answers'));
    const { code, io } = await exportEvaluation(['--process', join(dir, 'p.csv')], { tracker: made.id });
    expect(code).toBe(1);
    expect(io.stderr).toEqual([`The Evaluation workbook ${broken} (Settings → Evaluation workbook) has no Survey Responses tab; open it and run ROSE Tracker → Set up private workbooks there, or restore the tab.`]);
  });

  it('names the Staff tab when the index has nothing to count from', async () => {
    const made = sampleTracker(h, 'Tracker without staff', { surveys: false });
    const SpreadsheetApp = h.ws.globals().SpreadsheetApp as SpreadsheetApp;
    h.ws.execute(() => { const ss = SpreadsheetApp.openById(made.id); ss.deleteSheet(ss.getSheetByName('Staff')!); });
    const { code, io } = await exportEvaluation(['--index', join(dir, 'i.csv'), '--as-of', AS_OF], { tracker: made.id });
    expect(code).toBe(1);
    expect(io.stderr).toEqual(['The tracker has no Staff tab, which the implementation index is computed from; open it and run ROSE Tracker → Set up tracker.']);
  });

  it('tells a person who may read the tracker but not the Evaluation workbook who can run it', async () => {
    h.ws.share(tracker, PEER_LEAD, 'editor');
    const { code, io } = await exportEvaluation(['--process', join(dir, 'p.csv')], { user: PEER_LEAD });
    expect(code).toBe(1);
    expect(io.stderr).toEqual([`The survey answers are in the Evaluation workbook ${workbook} (Settings → Evaluation workbook), which this Google account cannot open; run the command as a coordinator or the evaluator (Settings → Evaluator emails, then Set up private workbooks).`]);
  });

  it('asks for at least one file (exit 2)', async () => {
    const { code, io } = await exportEvaluation([]);
    expect(code).toBe(2);
    expect(io.stderr).toEqual(['Give --process <file.csv>, --index <file.csv> or both; run npm run export-evaluation -- --help to see the options.']);
  });
});
