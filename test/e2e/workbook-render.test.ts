// The sample tracker as a coordinator first sees it printed: LibreOffice renders npm start's workbook to PDF and PNG, and the first page is the Dashboard.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { programOnPath } from '../../scripts/lib/programs';
import { main } from '../../scripts/start';
import { tabSpec, TABS } from '../../addon/tracker/schema';
import { convertWithLibreOffice, findLibreOffice, LIBREOFFICE_HINT, LIBREOFFICE_TIMEOUT_MS } from '../support/libreoffice';

const run = promisify(execFile);
const POPPLER_HINT = 'install poppler-utils to run it: apt-get install poppler-utils';


const soffice = findLibreOffice();
const poppler = programOnPath('pdftotext') && programOnPath('pdftoppm') && programOnPath('pdfinfo');
const ready = soffice !== null && poppler !== null;
const outDir = mkdtempSync(join(tmpdir(), 'rose-render-'));
let pdf = '';

/** Runs when LibreOffice and poppler are installed, fails in CI without them, and is skipped with one line otherwise. */
function rendered(name: string, check: () => Promise<void>): void {
  if (ready) test(name, check, LIBREOFFICE_TIMEOUT_MS);
  else if (process.env.CI === 'true') test(name, () => { throw new Error(`LibreOffice and poppler are required in CI: ${LIBREOFFICE_HINT}; ${POPPLER_HINT}`); });
  else test.skip(`${name} — skipped: needs soffice, pdftotext, pdftoppm and pdfinfo; ${LIBREOFFICE_HINT}; ${POPPLER_HINT}`, () => undefined);
}

beforeAll(async () => {
  await main({ outDir, log: () => undefined });
  if (ready) [pdf] = await convertWithLibreOffice(soffice, join(outDir, 'rose-tracker.xlsx'), 'pdf', outDir);
}, LIBREOFFICE_TIMEOUT_MS);

const pageText = async (first: number, last = first, file = pdf): Promise<string> => (await run('pdftotext', ['-layout', '-f', String(first), '-l', String(last), file, '-'])).stdout;

/**
 * The letters and digits of a text, counted. A header cut off at its cell's edge loses some; a line
 * break, a hyphen LibreOffice adds when it wraps, or a space pdftotext inserts between glyphs does not.
 */
function characterCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text.normalize('NFKC').toLowerCase()) if (/[\p{L}\p{N}]/u.test(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((t) => t.text).join('');
  return value instanceof Date ? '' : String(value);
}

describe('the sample workbook, printed', () => {
  it('has every tracker tab in working order after the Dashboard, the raw form tabs last, no empty "Sheet1", open on the Dashboard', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(outDir, 'rose-tracker.xlsx'));
    const visible = workbook.worksheets.filter((w) => w.state === 'visible').map((w) => w.name);
    expect(visible[0]).toBe('Dashboard');
    // The tab the file opens on: the digest's Reminder log, made last, no longer takes the view.
    expect(workbook.worksheets[workbook.views[0]?.activeTab ?? 0].name).toBe('Dashboard');
    expect(visible).not.toContain('Sheet1');
    const forms = visible.filter((n) => /^Form Responses/.test(n));
    expect(forms.length).toBeGreaterThan(0);
    expect(visible.slice(-forms.length)).toEqual(forms);
    expect(visible.indexOf('Sites')).toBeLessThan(visible.indexOf('Staff'));
    expect(visible.indexOf('Staff')).toBeLessThan(visible.indexOf('Settings'));
    // Each tab of the tracker has a width on every declared column, at least its header's length, and prints landscape, fit to width, header repeated.
    for (const spec of TABS) {
      const sheet = workbook.getWorksheet(spec.name)!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      for (const column of tabSpec(spec.name).columns) {
        const width = sheet.getColumn(header.indexOf(column.header) + 1).width;
        expect({ tab: spec.name, column: column.header, wide: (width ?? 0) >= column.header.length }).toEqual({ tab: spec.name, column: column.header, wide: true });
      }
      expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    }
  });

  rendered('opens on the Dashboard: its first page is the Dashboard, landscape Letter, one page across per tab and no "###"', async () => {
    expect((await pageText(1)).trimStart()).toMatch(/^ROSE Tracker dashboard/);
    const info = (await run('pdfinfo', [pdf])).stdout;
    expect(info).toMatch(/Page size:\s+792 x 612 pts \(letter\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    // Before: 75 pages, each tab split by column. Now a tab runs down its rows only (the process and site reports add
    // about three, Staff pay and contacts and Payments one each).
    expect(pages).toBeLessThanOrEqual(36);
    expect(await pageText(1, pages)).not.toContain('###');
    await run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(outDir, 'first-page')]);
    const png = readdirSync(outDir).find((f) => /^first-page.*\.png$/.test(f))!;
    const bytes = readFileSync(join(outDir, png));
    // PNG header: width and height as big-endian integers at bytes 16 and 20.
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(bytes.readUInt32BE(20));
  });

  rendered('prints each site\'s one page: the implementation index beside the follow-up change, landscape, nothing cut to "###"', async () => {
    const info = (await run('pdfinfo', [pdf])).stdout;
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    let first = 0;
    for (let page = 1; page <= pages && !first; page += 1) if (/^Site report: /m.test(await pageText(page))) first = page;
    expect(first).toBeGreaterThan(0);
    const text = await pageText(first);
    expect(text).toContain('Harbour Lights Drop-in: ROSE in place and what changed');
    expect(text).toMatch(/Share of the model in place\s+\d+%/);
    expect(text).toMatch(/Role clarity \(n = 5\)\s+\+1\.00\s+\+0\.12 to \+1\.88\s+1\.41/);
    expect(text).not.toContain('###');
    await run('pdftoppm', ['-png', '-r', '60', '-f', String(first), '-l', String(first), pdf, join(outDir, 'site-report')]);
    const png = readdirSync(outDir).find((f) => /^site-report.*\.png$/.test(f))!;
    const bytes = readFileSync(join(outDir, png));
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(bytes.readUInt32BE(20));
  });

  rendered('shows every tab\'s header text whole: nothing is cut off at a column\'s edge, the form tabs\' long questions included', async () => {
    // The workbook printed as npm start writes it, with each tab's cells below the header emptied and its name
    // in the page header (so each page says which tab it shows): what is left on the pages is the header rows.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(outDir, 'rose-tracker.xlsx'));
    const visible = workbook.worksheets.filter((w) => w.state === 'visible');
    const headers = new Map(visible.map((sheet) => {
      const texts = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cellText).filter((t) => t.trim());
      sheet.eachRow((row, n) => { if (n > 1) row.eachCell((cell) => { cell.value = null; }); });
      sheet.headerFooter = { ...(sheet.headerFooter ?? {}), oddHeader: '&L[tab &A]' };
      return [sheet.name, texts] as const;
    }));
    const dir = join(outDir, 'headers');
    mkdirSync(dir);
    await workbook.xlsx.writeFile(join(dir, 'headers.xlsx'));
    const [headersPdf] = await convertWithLibreOffice(soffice!, join(dir, 'headers.xlsx'), 'pdf', dir);
    const pages = Number(/Pages:\s+(\d+)/.exec((await run('pdfinfo', [headersPdf])).stdout)![1]);
    const printed = new Map<string, string>();
    for (let page = 1; page <= pages; page += 1) {
      const text = await pageText(page, page, headersPdf);
      const tab = /\[tab ([^\]]+)\]/.exec(text)![1];
      printed.set(tab, (printed.get(tab) ?? '') + text.replace(`[tab ${tab}]`, ''));
    }
    expect([...printed.keys()]).toEqual([...headers.keys()]);
    expect([...headers.keys()]).toEqual(expect.arrayContaining(['Survey Responses', 'Form Responses 1', 'Form Responses 2', 'Form Responses 3']));
    for (const [tab, texts] of headers) {
      const shown = characterCounts(printed.get(tab)!);
      // A header cut off at its cell's edge lacks some of its own letters on the page.
      const cut = texts.filter((header) => [...characterCounts(header)].some(([ch, n]) => (shown.get(ch) ?? 0) < n));
      // Before: "Which training did you take?" printed as "Which training di", and so on across the form tabs.
      expect({ tab, cut }).toEqual({ tab, cut: [] });
      // And the row as a whole: every letter of every header is on the pages.
      const missing = [...characterCounts(texts.join(' '))].filter(([ch, n]) => (shown.get(ch) ?? 0) < n).map(([ch, n]) => `${ch}: ${shown.get(ch) ?? 0} of ${n}`);
      expect({ tab, missing }).toEqual({ tab, missing: [] });
    }
  });
});
