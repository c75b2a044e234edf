// npm run screenshots: what a coordinator sees, as PNGs in out/screenshots/ — the Generate documents sidebar at Google's 300 px, the Reminders dialog at its set size, the first page of each generated document, of an ID card, the business-card sheet and the certificate PDF, and of the tracker's Dashboard, Sites and Staff tabs — and the README's pictures in docs/images/.
import { execFile } from 'node:child_process';
import { accessSync, constants, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildAddon } from './build';
import { programOnPath } from './lib/programs';
import { createWorkspace, type Workspace } from '../workspace';
import { AddOn } from '../workspace/bundle';
import { startSidebarBridge, type SidebarBridge } from '../workspace/sidebar-bridge';
import { fillSampleOrganization, loadSampleOrganization } from './sample/organization';
import { generateSampleDocuments } from './sample/documents';
import { generateSampleCards } from './sample/cards';
import { submitSampleResponses } from './sample/surveys';
import { writeSpreadsheetXlsx } from '../workspace/export-xlsx';
import { Workbook } from 'exceljs';

const OUT = join(__dirname, '..', 'out', 'screenshots');
/** Debian's Chromium (never a downloaded browser), as the page tests use it. */
const CHROMIUM = '/usr/bin/chromium';
/** Google's sidebar is 300 px wide and cannot be resized; a laptop window leaves it about 640 px of height. */
const SIDEBAR = { width: 300, height: 640 };
/** The first page of a document, at a resolution a README can show. */
const PAGE_DPI = 60;
/**
 * The tabs the README's first-day guide shows, each as the top of its first printed page: `dpi` and
 * `height` in pixels. The Dashboard prints as npm start's workbook does (landscape Letter, fit to
 * width); a wide tab prints at READABLE_SCALE instead (its first columns), where fit to width would
 * make its text too small to read.
 */
const TAB_PICTURES: { tab: string; file: string; dpi: number; height: number; readableScale: boolean }[] = [
  { tab: 'Sites', file: 'tracker-sites.png', dpi: 110, height: 95, readableScale: true },
  { tab: 'Staff', file: 'tracker-staff.png', dpi: 110, height: 260, readableScale: true },
  { tab: 'Dashboard', file: 'tracker-dashboard.png', dpi: 90, height: 765, readableScale: false },
];
/** The print scale, in percent, of the tabs shown at a readable size. */
const READABLE_SCALE = 70;
/** Where the README's pictures live, refreshed by `npm run screenshots`. */
const DOCS_IMAGES = join(__dirname, '..', 'docs', 'images');
/**
 * What a person is handed, as npm start writes it to out/documents/: the first page of the first ID card
 * (CR80, 3.375 × 2.125 in, shown at 160 dpi so its text reads), the business-card sheet and the training
 * certificate (Letter, at 80 dpi). Rendered from the PDFs the add-on saved, as a printer gets them.
 */
const HANDED_OUT_PICTURES = { idCard: { file: 'sample-id-card.png', dpi: 160 }, businessCards: { file: 'sample-business-cards.png', dpi: 80 }, certificate: { file: 'sample-certificate.png', dpi: 80 } };
/** The pictures the README shows; a README picture is kept small enough to load quickly. */
const README_PICTURES = [
  'tracker-sites.png', 'tracker-staff.png', 'generate-documents-sidebar.png', 'generate-documents-sidebar-done.png',
  'Alex-Moreno-Employment-contract-page-1.png', 'tracker-dashboard.png', 'reminders-dialog.png',
  HANDED_OUT_PICTURES.idCard.file, HANDED_OUT_PICTURES.businessCards.file, HANDED_OUT_PICTURES.certificate.file,
];
const README_PICTURE_MAX_BYTES = 200 * 1024;

export interface ScreenshotOptions {
  outDir?: string;
  log?: (line: string) => void;
  /** The day the sample is dated at (default a fixed day, so the pictures stay the same from run to run). */
  today?: string;
  /** Where to copy the README's pictures (npm run screenshots: docs/images/); none when not given. */
  docsDir?: string;
}

function run(program: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { timeout: 300_000, env }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${basename(program)} failed: ${error.message}\n${stdout}${stderr}`));
      else resolve();
    });
  });
}


/** The page a menu action just opened, served through the bridge in a fresh Chromium page of the given size. */
async function openPage(context: BrowserContext, ws: Workspace, addon: AddOn, size: { width: number; height: number }): Promise<{ page: Page; bridge: SidebarBridge }> {
  const shown = ws.host.uiLog[ws.host.uiLog.length - 1];
  const bridge = await startSidebarBridge(addon, shown.content);
  const page = await context.newPage();
  await page.setViewportSize(size);
  // Only the bridge is reachable: Google's add-on stylesheet is not fetched, so the pages show with our own styles.
  await page.route('**/*', (route) => (route.request().url().startsWith(bridge.url) ? route.continue() : route.abort()));
  await page.goto(bridge.url);
  return { page, bridge };
}

export async function main(options: ScreenshotOptions = {}): Promise<string[]> {
  const outDir = options.outDir ?? OUT;
  const log = options.log ?? ((line: string) => console.log(line));
  const soffice = programOnPath('soffice') ?? programOnPath('libreoffice');
  const pdftoppm = programOnPath('pdftoppm');
  const pdftotext = programOnPath('pdftotext');
  accessSync(CHROMIUM, constants.X_OK);
  if (!soffice || !pdftoppm || !pdftotext) throw new Error('Screenshots need LibreOffice and poppler: apt-get install libreoffice-writer-nogui poppler-utils');

  await buildAddon();
  const sample = loadSampleOrganization({ today: options.today ?? '2026-03-16' });
  const ws = createWorkspace({ now: `${sample.today}T17:00:00Z`, user: 'coordinator@example.org' });
  const addon = AddOn.load(ws, join(__dirname, '..', 'dist', 'Code.js'));
  const spreadsheetId = ws.createSpreadsheet(`${sample.settings['Organization name']} — ROSE Tracker`);
  ws.openInSheets(spreadsheetId);
  addon.call('setupTracker');
  fillSampleOrganization(ws, spreadsheetId, sample);
  // The forms and their answers, so the Dashboard shows what a tracker in use shows.
  submitSampleResponses(ws, addon, spreadsheetId, sample.shiftDays);
  // Set up again once Settings names the coordinators, as the first-day guide says: that turns the weekly digest on.
  addon.call('setupTracker');
  addon.call('refreshComputed');
  addon.call('refreshDashboard');
  addon.call('sendRemindersNow');

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'rose-screenshots-'));
  const written: string[] = [];
  const profile = mkdtempSync(join(tmpdir(), 'rose-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const bridges: SidebarBridge[] = [];
  try {
    // The documents first, so the sidebar's roster shows who already has one.
    const documents = await generateSampleDocuments(ws, addon, spreadsheetId, join(work, 'documents'));

    addon.call('showGenerateDocuments');
    const sidebar = await openPage(context, ws, addon, SIDEBAR);
    bridges.push(sidebar.bridge);
    const { page } = sidebar;
    await page.waitForSelector('#people li');
    await page.selectOption('#template', 'employment-contract');
    await page.check('#people li:nth-child(2) input');
    await page.click('#preview-button');
    await page.waitForSelector('#preview p.p-text');
    written.push(join(outDir, 'generate-documents-sidebar.png'));
    await page.screenshot({ path: written[written.length - 1] });
    await page.click('#generate-button');
    await page.locator('#progress-text', { hasText: /Finished|Stopped/ }).waitFor({ timeout: 120_000 });
    written.push(join(outDir, 'generate-documents-sidebar-done.png'));
    await page.screenshot({ path: written[written.length - 1] });

    addon.call('showReminders');
    const shown = ws.host.uiLog[ws.host.uiLog.length - 1];
    const dialog = await openPage(context, ws, addon, { width: shown.width ?? 420, height: shown.height ?? 520 });
    bridges.push(dialog.bridge);
    await dialog.page.waitForSelector('#schedule:not([hidden])');
    written.push(join(outDir, 'reminders-dialog.png'));
    await dialog.page.screenshot({ path: written[written.length - 1] });

    // Each document's first page, as LibreOffice lays out the .docx: one soffice run for all of them, then pdftoppm.
    const pdfDir = join(work, 'pdf');
    mkdirSync(pdfDir, { recursive: true });
    const soProfile = mkdtempSync(join(tmpdir(), 'rose-soffice-profile-'));
    await run(soffice, [`-env:UserInstallation=${pathToFileURL(soProfile).href}`, '--headless', '--norestore', '--nolockcheck',
      '--convert-to', 'pdf', '--outdir', pdfDir, ...documents.map((d) => d.file)], { ...process.env, HOME: soProfile });
    rmSync(soProfile, { recursive: true, force: true });
    for (const pdf of readdirSync(pdfDir).filter((f) => f.endsWith('.pdf')).sort()) {
      const stem = join(outDir, `${basename(pdf, '.pdf')}-page-1`);
      await run(pdftoppm, ['-png', '-r', String(PAGE_DPI), '-f', '1', '-l', '1', '-singlefile', join(pdfDir, pdf), stem]);
      written.push(`${stem}.png`);
    }

    // The ID card, business cards and certificate, first page each, from the add-on's own PDFs.
    const cards = generateSampleCards(ws, addon, spreadsheetId, join(work, 'cards'));
    const idCard = cards.find((c) => c.kind === 'ID card');
    const businessCards = cards.find((c) => c.kind === 'Business cards');
    const certificate = documents.find((d) => d.pdf)?.pdf;
    if (!idCard || !businessCards || !certificate) throw new Error('The sample made no ID card, business-card sheet or certificate PDF to show.');
    for (const [pdf, picture] of [[idCard.file, HANDED_OUT_PICTURES.idCard], [businessCards.file, HANDED_OUT_PICTURES.businessCards], [certificate, HANDED_OUT_PICTURES.certificate]] as const) {
      const stem = join(outDir, basename(picture.file, '.png'));
      await run(pdftoppm, ['-png', '-r', String(picture.dpi), '-f', '1', '-l', '1', '-singlefile', pdf, stem]);
      written.push(`${stem}.png`);
    }

    // The tracker printed as npm start's workbook prints (LibreOffice), and a copy printed at real size; then the first page of each tab the guide shows.
    const workbook = join(work, 'rose-tracker.xlsx');
    await writeSpreadsheetXlsx(ws.spreadsheet(spreadsheetId), workbook, { now: ws.host.now() });
    const readable = join(work, 'rose-tracker-readable.xlsx');
    await writeReadable(workbook, readable);
    const bookProfile = mkdtempSync(join(tmpdir(), 'rose-soffice-profile-'));
    await run(soffice, [`-env:UserInstallation=${pathToFileURL(bookProfile).href}`, '--headless', '--norestore', '--nolockcheck',
      '--convert-to', 'pdf', '--outdir', work, workbook, readable], { ...process.env, HOME: bookProfile });
    rmSync(bookProfile, { recursive: true, force: true });
    for (const picture of TAB_PICTURES) {
      const pdf = join(work, `${basename(picture.readableScale ? readable : workbook, '.xlsx')}.pdf`);
      const page = firstPageOf(await pageTexts(pdftotext, pdf), headerRow(ws, spreadsheetId, picture.tab));
      if (page === null) throw new Error(`The printed tracker has no page that starts with the ${picture.tab} tab's header row.`);
      const stem = join(outDir, basename(picture.file, '.png'));
      await run(pdftoppm, ['-png', '-r', String(picture.dpi), '-f', String(page), '-l', String(page), '-x', '0', '-y', '0',
        '-W', String(11 * picture.dpi), '-H', String(picture.height), '-singlefile', pdf, stem]);
      written.push(`${stem}.png`);
    }
  } finally {
    await context.close();
    for (const bridge of bridges) await bridge.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
  log(`Wrote ${written.length} screenshots:`);
  for (const file of written) log(`  ${file}`);
  if (options.docsDir) {
    mkdirSync(options.docsDir, { recursive: true });
    for (const name of README_PICTURES) {
      const file = written.find((f) => basename(f) === name);
      if (!file) throw new Error(`The README's picture ${name} was not made: its step in npm run screenshots changed.`);
      const bytes = statSync(file).size;
      if (bytes > README_PICTURE_MAX_BYTES) throw new Error(`${name} is ${Math.round(bytes / 1024)} KB, over the ${README_PICTURE_MAX_BYTES / 1024} KB a README picture may take.`);
      copyFileSync(file, join(options.docsDir, name));
    }
    log(`Refreshed the README's ${README_PICTURES.length} pictures in ${options.docsDir}.`);
  }
  return written;
}

/** A copy of the workbook that prints every tab at READABLE_SCALE with narrow margins, so a wide tab's first columns can be read. */
async function writeReadable(from: string, to: string): Promise<void> {
  const book = new Workbook();
  await book.xlsx.readFile(from);
  for (const sheet of book.worksheets) {
    sheet.pageSetup = { ...sheet.pageSetup, fitToPage: false, scale: READABLE_SCALE, margins: { left: 0.3, right: 0.3, top: 0.3, bottom: 0.3, header: 0, footer: 0 } };
  }
  await book.xlsx.writeFile(to);
}

/** The text of each page of a PDF. */
async function pageTexts(pdftotext: string, pdf: string): Promise<string[]> {
  const text = await new Promise<string>((resolve, reject) => {
    execFile(pdftotext, ['-layout', pdf, '-'], { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      if (error) reject(new Error(`pdftotext failed on ${basename(pdf)}: ${error.message}`));
      else resolve(stdout);
    });
  });
  // pdftotext ends every page with a form feed.
  return text.split('\f');
}

/** The first few header cells of a tab as the workspace holds them. */
function headerRow(ws: Workspace, spreadsheetId: string, tab: string): string[] {
  const sheet = ws.spreadsheet(spreadsheetId).sheetByName(tab);
  if (!sheet) throw new Error(`The sample tracker has no ${tab} tab.`);
  const cells: string[] = [];
  for (let c = 1; c <= sheet.maxColumns && cells.length < 3; c += 1) {
    const value = String(sheet.cell(1, c)?.value ?? '').trim();
    if (value) cells.push(value);
  }
  return cells;
}

/** The 1-based number of the first page that begins with these header cells, or null. */
export function firstPageOf(pages: readonly string[], header: readonly string[]): number | null {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const starts = new RegExp(`^\\s*${header.map(escape).join('\\s+')}`);
  const index = pages.findIndex((page) => starts.test(page));
  return index < 0 ? null : index + 1;
}

if (require.main === module) {
  main({ docsDir: DOCS_IMAGES }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
