// npm start, the main job offline: the files it writes open in real programs and show what a coordinator would see.
import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { main, type StartResult } from '../../scripts/start';
import { convertWithLibreOffice, testWithLibreOffice } from '../support/libreoffice';

const outDir = mkdtempSync(join(tmpdir(), 'rose-start-'));
const lines: string[] = [];
let result: StartResult;

beforeAll(async () => {
  // The default log is what `npm start` prints: capture the console rather than passing a log.
  const spy = jest.spyOn(console, 'log').mockImplementation((line: string) => { lines.push(line); });
  try {
    result = await main({ outDir });
  } finally {
    spy.mockRestore();
  }
}, 120000);

describe('npm start', () => {
  it('prints the menu a coordinator sees and what Check data found', () => {
    const text = lines.join('\n');
    expect(text).toMatch(/ROSE Tracker\n\s+Set up tracker\n\s+Check data/);
    expect(text).toMatch(/Check data found \d+ item/);
    expect(text).toContain('Generate documents');
  });

  it('writes the tracker workbook with every tab, the scored responses, the report and the Dashboard', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(outDir, 'rose-tracker.xlsx'));
    const names = workbook.worksheets.map((w) => w.name);
    for (const tab of ['Settings', 'Sites', 'Action Plan', 'Milestones', 'Budget', 'Expenses', 'Staff', 'Training Topics', 'Training Log',
      'Events', 'Support Requests', 'Survey Responses', 'Documents', 'Dashboard', 'Evaluation report', 'Data check',
      'Process evaluation report', 'Site report', 'Interview Log', 'Implementation Targets']) {
      expect(names).toContain(tab);
    }
    const responses = workbook.getWorksheet('Survey Responses')!;
    const header = (responses.getRow(1).values as unknown[]).map(String);
    expect(header.some((h) => h.startsWith('Score: '))).toBe(true);
    expect(responses.rowCount).toBeGreaterThan(10);
    expect(workbook.getWorksheet('Staff')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('writes the digest and a contract, three job descriptions, a reference letter and a training certificate', () => {
    expect(readFileSync(join(outDir, 'reminders.txt'), 'utf8')).toMatch(/overdue|expir/i);
    const documents = readdirSync(join(outDir, 'documents')).filter((f) => f.endsWith('.docx'));
    expect(documents).toHaveLength(6);
    expect(documents).toContain('Hana-Sato-Cultural-safety-certificate.docx');
    expect(result.documents).toBe(6);
    for (const file of result.files) expect(existsSync(join(outDir, file))).toBe(true);
  });

  it('writes the training certificate as a PDF beside the ID cards and business cards, each a real PDF', () => {
    const pdfs = readdirSync(join(outDir, 'documents')).filter((f) => f.endsWith('.pdf'));
    expect(pdfs).toContain('Hana-Sato-Cultural-safety-certificate.pdf');
    expect(pdfs.some((f) => f.endsWith('-ID-card.pdf'))).toBe(true);
    expect(pdfs.some((f) => f.endsWith('-business-cards.pdf'))).toBe(true);
    for (const pdf of pdfs) expect([pdf, readFileSync(join(outDir, 'documents', pdf)).subarray(0, 5).toString('latin1')]).toEqual([pdf, '%PDF-']);
    expect(result.files).toContain(join('documents', 'Hana-Sato-Cultural-safety-certificate.pdf'));
  });

  it('confirms the coordinator as a deployment does, so reminders are on (weekly, Monday) and the digest and the evaluator\'s note are written out', () => {
    const text = lines.join('\n');
    expect(text).toMatch(/ran Set up tracker again: .*You confirmed coordinator@example\.org as coordinator/);
    expect(text).toContain('Reminders are on: every Monday at 8:00 (America/Vancouver)');
    const digest = result.emails.find((e) => e.to === 'coordinator@example.org');
    const note = result.emails.find((e) => e.to === 'evaluator@example.org');
    expect(digest?.subject).toMatch(/^ROSE Tracker: \d+ things to look at/);
    expect(note?.subject).toMatch(/^ROSE Tracker: follow-up survey/);
    const digestText = readFileSync(join(outDir, digest!.file), 'utf8');
    expect(digestText).toContain('To: coordinator@example.org');
    expect(digestText).toContain(readFileSync(join(outDir, 'reminders.txt'), 'utf8').trim());
    expect(readFileSync(join(outDir, note!.file), 'utf8')).toMatch(/Cedar House: the follow-up survey is open until/);
    expect(text).toContain(`→ ${join('out', note!.file)}`);
  });

  it('counts the survey\'s answers against a roster that covers them, and its scales tell apart', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(outDir, 'rose-tracker.xlsx'));
    const rows = new Map<string, unknown[]>();
    workbook.getWorksheet('Evaluation report')!.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1).map((v) => (v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : v));
      if (typeof values[0] === 'string' && !rows.has(values[0])) rows.set(values[0], values);
    });
    const header = rows.get('Follow-up wave by site')!;
    for (const measure of ['Baseline answers as a share of the roster', 'Follow-up answers as a share of the roster']) {
      for (const site of ['Cedar House', 'Harbour Lights Drop-in']) {
        const share = rows.get(measure)![header.indexOf(site)];
        expect([measure, site, typeof share === 'number' && share > 0 && share <= 1]).toEqual([measure, site, true]);
      }
    }
    const baseline = [...rows.keys()].filter((m) => m.endsWith(': average at baseline'));
    expect(baseline).toHaveLength(8);
    const harbour = rows.get('Measure')!.indexOf('Harbour Lights Drop-in');
    expect(new Set(baseline.map((m) => rows.get(m)![harbour])).size).toBeGreaterThanOrEqual(5);
    const changes = [...rows.keys()].filter((m) => m.endsWith(': average change for matched people')).map((m) => rows.get(m)![harbour]);
    expect(new Set(changes).size).toBeGreaterThanOrEqual(4);
  });

  it('leaves no error in Data check that the sample itself causes, and no answer dated after the sample\'s day', async () => {
    expect(readFileSync(join(outDir, 'check-data.txt'), 'utf8')).not.toMatch(/in the future/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(outDir, 'rose-tracker.xlsx'));
    const kinds: string[] = [];
    workbook.getWorksheet('Data check')!.eachRow((row, n) => { if (n > 1) kinds.push(`${String(row.getCell(1).value)}: ${String(row.getCell(6).value)}`); });
    expect(kinds.filter((k) => !k.startsWith('Warning'))).toEqual([]);
    const responses = workbook.getWorksheet('Survey Responses')!;
    const submitted = (responses.getRow(1).values as unknown[]).indexOf('Submitted');
    responses.eachRow((row, n) => {
      const value = row.getCell(submitted).value;
      if (n > 1 && value instanceof Date) expect(value.toISOString().slice(0, 10) <= result.today).toBe(true);
    });
  });

  it('dates the sample at the day it runs, so nothing reads as months overdue when it is opened', () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Vancouver', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    expect(result.today).toBe(today);
    expect(lines.join('\n')).toContain(`The sample organization is dated at ${today}`);
  });

  testWithLibreOffice('the generated documents open in LibreOffice with their headings, tables and no placeholder left', async (soffice) => {
    const converted = mkdtempSync(join(tmpdir(), 'rose-start-txt-'));
    const documents = readdirSync(join(outDir, 'documents')).filter((f) => f.endsWith('.docx'));
    const letter = documents.find((f) => /reference/i.test(f))!;
    const contract = documents.find((f) => /contract/i.test(f))!;
    const texts = new Map<string, string>();
    for (const file of [letter, contract]) {
      const [txt] = await convertWithLibreOffice(soffice, join(outDir, 'documents', file), 'txt:Text', converted);
      const text = readFileSync(txt, 'utf8');
      expect(text).not.toMatch(/\{\{|\}\}/);
      expect(text).toContain('Harbour Lights');
      texts.set(file, text);
    }
    // The contract is prepared on the day npm start runs.
    const prepared = new Date(`${result.today}T12:00:00Z`).toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
    expect(texts.get(contract)).toContain(`Prepared on ${prepared}.`);
  });
});
