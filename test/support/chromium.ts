// Real headless Chromium for page tests: Debian's browser (never a downloaded one), a fresh profile, and only the loopback bridge reachable.
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startSidebarBridge, type SidebarBridge } from '../../workspace/sidebar-bridge';
import type { Harness } from './addon';

export const CHROMIUM = '/usr/bin/chromium';

export function hasChromium(): boolean {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs when Chromium is installed; required in CI; otherwise skipped with how to enable it. */
export function testWithChromium(name: string, run: () => Promise<void>): void {
  if (hasChromium()) test(name, run, 120_000);
  else if (process.env.CI === 'true') test(name, () => { throw new Error(`${CHROMIUM} is missing: CI must run pages in a real browser (apt-get install chromium).`); });
  else test.skip(`${name} — skipped: install Chromium to run it (apt-get install chromium)`, () => undefined);
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Chromium with the flags this closed network needs (no background connections) and its own profile. */
export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'rose-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A new page showing the bridged sidebar or dialog; only the bridge is reachable (Google's stylesheet is not fetched in a test). */
export async function openBridgedPage(browser: Browser, bridge: SidebarBridge): Promise<Page> {
  const page = await browser.context.newPage();
  await page.route('**/*', (route) => (route.request().url().startsWith(bridge.url) ? route.continue() : route.abort()));
  await page.goto(bridge.url);
  return page;
}

/** The sidebar the add-on opened last, served through the bridge to Chromium at its real size, once `ready` is on the page. */
export async function openLastSidebar(h: Harness, ready: string): Promise<{ bridge: SidebarBridge; browser: Browser; page: Page }> {
  const sidebar = h.ws.host.uiLog.filter((entry) => entry.kind === 'sidebar').pop();
  if (!sidebar) throw new Error('The add-on opened no sidebar');
  const bridge = await startSidebarBridge(h.addon, sidebar.content);
  const browser = await launchChromium();
  const page = await openBridgedPage(browser, bridge);
  // Google's sidebar is 300 px wide (FACTS: a sidebar cannot be resized); a laptop window gives it about 640 px of height.
  await page.setViewportSize({ width: 300, height: 640 });
  await page.waitForSelector(ready);
  return { bridge, browser, page };
}
