// Generated documents are laid out for Canadian offices: Letter pages, Arial 11 pt with spacing, signature lines with room to sign, and job descriptions that end on a page worth printing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentModel } from '../../workspace/drive';
import { readDocument } from '../../workspace/docs-model';
import { drive, driveIdOf, request, sampleTracker, start } from './support';
import type { Harness } from '../support/addon';

const POPPLER_HINT = 'install poppler-utils to run it (apt-get install poppler-utils), or set CI=true to require it';

function hasPdfinfo(): boolean {
  try {
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A test that reads PDFs with poppler: required in CI, otherwise skipped with one line saying how to enable it. */
function testWithPoppler(name: string, run: () => void): void {
  if (hasPdfinfo()) test(name, run, 60_000);
  else if (process.env.CI === 'true') test(name, () => { throw new Error(`pdfinfo is not on PATH and CI requires it: ${POPPLER_HINT}`); });
  else test.skip(`${name} — skipped: pdfinfo not found; ${POPPLER_HINT}`, () => undefined);
}

interface Generated {
  docId: string;
  pdf: Buffer;
}

/** Generates one document (Doc and PDF) for one person, as the sidebar does. */
function generateOne(h: Harness, templateId: string, staffId: string): Generated {
  const started = start(h, request(templateId, [staffId], { output: 'both' }));
  expect(started.message).toBe('');
  const progress = drive(h, started.progress!.jobId);
  expect(progress.state).toBe('done');
  const result = progress.results[0];
  const pdf = h.ws.host.files.get(driveIdOf(result.pdfLink ?? ''))?.content as Buffer;
  return { docId: driveIdOf(result.link), pdf };
}

const h = sampleTracker();
const documents: Record<string, Generated> = {
  contract: generateOne(h, 'employment-contract', 'STAFF-0004'),
  'peer worker': generateOne(h, 'job-description-peer-worker', 'STAFF-0001'),
  'peer supporter': generateOne(h, 'job-description-peer-supporter', 'STAFF-0002'),
  'systems navigator': generateOne(h, 'job-description-systems-navigator', 'STAFF-0003'),
  'reference letter': generateOne(h, 'reference-letter', 'STAFF-0001'),
};
const scratch = mkdtempSync(join(tmpdir(), 'rose-layout-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('every generated document', () => {
  it.each(Object.keys(documents))('%s is a Letter page in Arial 11 pt with space between paragraphs', (name) => {
    const json = documentModel(h.ws, documents[name].docId).toJson();
    expect(json.documentStyle.pageSize).toEqual({ width: { magnitude: 612, unit: 'PT' }, height: { magnitude: 792, unit: 'PT' } });
    const paragraphs = readDocument(json).flatMap((block) => (block.type === 'paragraph' ? [block] : []));
    const body = paragraphs.filter((p) => p.style === 'NORMAL_TEXT' && p.runs.length > 0);
    expect(body.length).toBeGreaterThan(5);
    for (const p of body) {
      for (const run of p.runs) expect([run.text, run.fontFamily, run.fontSize]).toEqual([run.text, 'Arial', 11]);
      expect(p.spacing.lineSpacing).toBe(115);
    }
    expect(paragraphs.filter((p) => p.style !== 'NORMAL_TEXT').every((p) => (p.runs[0]?.fontSize ?? 0) > 11)).toBe(true);
  });

  it('keeps text after a table off the table\'s border', () => {
    const blocks = readDocument(documentModel(h.ws, documents['peer worker'].docId).toJson());
    const after = blocks.findIndex((block, i) => i > 0 && blocks[i - 1].type === 'table' && block.type === 'paragraph' && block.runs.length > 0);
    const paragraph = blocks[after];
    expect(paragraph).toMatchObject({ type: 'paragraph', spacing: { spaceAbove: 6 } });
    // Also when the table ended a conditional section whose closing marker is gone from the document.
    const letter = readDocument(documentModel(h.ws, documents['reference letter'].docId).toJson());
    const table = letter.findIndex((block) => block.type === 'table');
    expect(letter[table + 1]).toMatchObject({ type: 'paragraph', spacing: { spaceAbove: 6 } });
  });

  testWithPoppler('reads as US Letter (8.5 × 11 in) in its PDF', () => {
    for (const [name, generated] of Object.entries(documents)) {
      const file = join(scratch, `${name.replace(/\s/g, '-')}.pdf`);
      writeFileSync(file, generated.pdf);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect([name, /Page size:\s+(.*)/.exec(info)?.[1]]).toEqual([name, '612 x 792 pts (letter)']);
    }
  });
});

describe('signatures', () => {
  const signatureLines = (docId: string): { before: string; after: string[]; spaceAbove?: number }[] => {
    const blocks = readDocument(documentModel(h.ws, docId).toJson()).flatMap((block) => (block.type === 'paragraph' ? [block] : []));
    const text = blocks.map((p) => p.runs.map((run) => run.text).join(''));
    return blocks.flatMap((p, i) => (/^_{20,}$/.test(text[i]) ? [{ before: text[i - 1], after: text.slice(i + 1, i + 3), spaceAbove: p.spacing.spaceAbove }] : []));
  };

  it('the contract has a line to sign for each side, with room above it, the signer named with their title, and a date', () => {
    const lines = signatureLines(documents.contract.docId);
    expect(lines.map((line) => [line.before, line.after])).toEqual([
      ['For Harbour Lights Peer Collective', ['Robin Okafor, Coordinator', 'Date: ____________________']],
      ['Employee', ['Dana Kowalski', 'Date: ____________________']],
    ]);
    // About four lines of 11 pt text: room to sign by hand.
    for (const line of lines) expect(line.spaceAbove).toBeGreaterThanOrEqual(36);
  });

  it('the reference letter ends with room to sign, the signer\'s name and title', () => {
    const [line] = signatureLines(documents['reference letter'].docId);
    expect(line).toEqual({ before: 'Sincerely,', after: ['Robin Okafor', 'Coordinator, Harbour Lights Peer Collective'], spaceAbove: 40 });
  });
});

describe('job descriptions', () => {
  testWithPoppler('end on a page that holds more than a few lines', () => {
    for (const name of ['peer worker', 'peer supporter', 'systems navigator']) {
      const file = join(scratch, `jd-${name.replace(/\s/g, '-')}.pdf`);
      writeFileSync(file, documents[name].pdf);
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
      const last = execFileSync('pdftotext', ['-layout', '-f', String(pages), '-l', String(pages), file, '-'], { encoding: 'utf8' });
      const lines = last.split('\n').filter((line) => line.trim() !== '').length;
      expect([name, pages <= 2, lines >= 8 || pages === 1]).toEqual([name, true, true]);
    }
  });
});
