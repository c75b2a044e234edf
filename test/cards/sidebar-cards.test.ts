// The Cards buttons of the Generate documents sidebar in real headless Chromium: a site's people ticked with Select all, ID cards made for each with links and what to do, business cards for one.
import type { Page } from 'playwright-core';
import { hasChromium, openLastSidebar, testWithChromium, type Browser } from '../support/chromium';
import type { SidebarBridge } from '../../workspace/sidebar-bridge';
import { sampleTracker } from '../documents/support';
import type { Harness } from '../support/addon';
import type { TemplatesAndPeople } from '../../addon/documents/types';

describe('Cards in the Generate documents sidebar', () => {
  let h: Harness;
  let bridge: SidebarBridge;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!hasChromium()) return;
    h = sampleTracker({ install: false });
    h.addon.call('showGenerateDocuments');
    ({ bridge, browser, page } = await openLastSidebar(h, '#people li'));
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
  });

  testWithChromium('asks for people first, then makes a site\'s ID cards with a PDF link each and the no-photo line', async () => {
    await page.click('#id-cards-button');
    expect(await page.textContent('#error')).toContain('Tick at least one person');
    await page.selectOption('#site', 'SITE-0002');
    await page.check('#select-all');
    await page.click('#id-cards-button');
    await page.waitForSelector('#card-results li');
    const items = await page.$$eval('#card-results li', (lis) => lis.map((li) => li.textContent ?? ''));
    const atSite = (h.addon.callFromClient('listTemplatesAndPeople', []) as TemplatesAndPeople).people.filter((p) => p.siteId === 'SITE-0002').length;
    expect(atSite).toBeGreaterThan(1);
    expect(items.length).toBe(atSite);
    expect(items.every((text) => / Done PDF Doc/.test(text))).toBe(true);
    expect(items[0]).toContain('no photo in Staff → Photo, so the card shows a grey silhouette');
    const links = await page.$$eval('#card-results a', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.filter((l) => l.startsWith('https://drive.google.com/file/d/'))).toHaveLength(atSite);
    expect(bridge.calls.filter((c) => c.name === 'makeCardsForPeople').map((c) => (c.args as unknown[])[0])).toEqual(['id-card']);
  });
});
