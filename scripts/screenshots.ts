// npm run screenshots: what a coordinator sees, as PNGs in out/screenshots/ — the Generate documents sidebar at Google's 300 px, the Reminders dialog at its set size, and the first page of each generated document.
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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

const OUT = join(__dirname, '..', 'out', 'screenshots');
/** Debian's Chromium (never a downloaded browser), as the page tests use it. */
const CHROMIUM = '/usr/bin/chromium';
/** Google's sidebar is 300 px wide and cannot be resized; a laptop window leaves it about 640 px of height. */
const SIDEBAR = { width: 300, height: 640 };
/** The first page of a document, at a resolution a README can show. */
const PAGE_DPI = 60;

export interface ScreenshotOptions {
  outDir?: string;
  log?: (line: string) => void;
  /** The day the sample is dated at (default a fixed day, so the pictures stay the same from run to run). */
  today?: string;
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
  accessSync(CHROMIUM, constants.X_OK);
  if (!soffice || !pdftoppm) throw new Error('Screenshots need LibreOffice and poppler: apt-get install libreoffice-writer-nogui poppler-utils');

  await buildAddon();
  const sample = loadSampleOrganization({ today: options.today ?? '2026-03-16' });
  const ws = createWorkspace({ now: `${sample.today}T17:00:00Z`, user: 'coordinator@example.org' });
  const addon = AddOn.load(ws, join(__dirname, '..', 'dist', 'Code.js'));
  const spreadsheetId = ws.createSpreadsheet(`${sample.settings['Organization name']} — ROSE Tracker`);
  ws.openInSheets(spreadsheetId);
  addon.call('setupTracker');
  fillSampleOrganization(ws, spreadsheetId, sample);
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
  } finally {
    await context.close();
    for (const bridge of bridges) await bridge.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
  log(`Wrote ${written.length} screenshots:`);
  for (const file of written) log(`  ${file}`);
  return written;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
