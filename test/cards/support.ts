// Shared set-up for the card tests: make cards as the sidebar does, find their PDFs, and read PDFs with poppler when it is installed.
import { execFileSync } from 'node:child_process';
import type { Harness } from '../support/addon';
import type { CardsOutcome } from '../../addon/cards/make';
import { programOnPath } from '../../scripts/lib/programs';

export function makeCards(h: Harness, kind: 'id-card' | 'business-card', staffIds: string[]): CardsOutcome {
  return h.addon.callFromClient('makeCardsForPeople', [kind, staffIds]) as CardsOutcome;
}

export function driveId(link: string): string {
  return /\/d\/([\w-]+)/.exec(link)?.[1] ?? '';
}

export function pdfOf(h: Harness, outcome: CardsOutcome, index = 0): Buffer {
  const file = h.ws.host.files.get(driveId(outcome.results[index].pdfLink));
  if (!file || !Buffer.isBuffer(file.content)) throw new Error(`no PDF for ${outcome.results[index].name}`);
  return file.content;
}

/** Every page's MediaBox as written in the PDF: [x0, y0, x1, y1] in points. */
export function mediaBoxes(pdf: Buffer): number[][] {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox \[([\d.\s-]+)\]/g)].map((m) => m[1].trim().split(/\s+/).map(Number));
}

const POPPLER_HINT = 'install poppler-utils to run it (apt-get install poppler-utils), or set CI=true to require it';

/** A test that reads PDFs with poppler: required in CI, otherwise skipped with one line saying how to enable it. */
export function testWithPoppler(name: string, run: () => void): void {
  if (programOnPath('pdfinfo') && programOnPath('pdftotext') && programOnPath('pdftoppm')) test(name, run, 60_000);
  else if (process.env.CI === 'true') test(name, () => { throw new Error(`poppler is not on PATH and CI requires it: ${POPPLER_HINT}`); });
  else test.skip(`${name} — skipped: poppler (pdfinfo, pdftotext, pdftoppm) not found; ${POPPLER_HINT}`, () => undefined);
}

/** pdfinfo's page sizes in inches, one per page ("Page    1 size: 243 x 153 pts"). */
export function pageSizesInches(file: string): { width: number; height: number }[] {
  const text = execFileSync('pdfinfo', ['-f', '1', '-l', '99', file], { encoding: 'utf8' });
  return [...text.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({ width: Number(m[1]) / 72, height: Number(m[2]) / 72 }));
}

export interface Word { page: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number }

/** Every word poppler finds, with its box in points from the page's top-left corner (pdftotext -bbox). */
export function wordBoxes(file: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  const words: Word[] = [];
  let page = 0;
  for (const line of html.split('\n')) {
    if (/<page /.test(line)) page += 1;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/.exec(line);
    if (m) words.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5] });
  }
  return words;
}

/** Page `page` rendered at 72 dpi (one pixel a point) as RGB rows (pdftoppm's PPM). */
export function renderPage(file: string, page: number): { width: number; height: number; pixel(x: number, y: number): [number, number, number] } {
  const ppm = execFileSync('pdftoppm', ['-r', '72', '-f', String(page), '-l', String(page), file], { maxBuffer: 64 * 1024 * 1024 });
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString('latin1', 0, 50));
  if (!header) throw new Error('pdftoppm did not write a PPM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const start = header[0].length;
  return {
    width, height,
    pixel: (x, y) => {
      const at = start + (y * width + x) * 3;
      return [ppm[at], ppm[at + 1], ppm[at + 2]];
    },
  };
}
