// The Generate documents sidebar in real headless Chromium, its google.script.run bridged to the built add-on in the local Workspace.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { hasChromium, openBridgedPage, openLastSidebar, testWithChromium, type Browser } from '../support/chromium';
import type { SidebarBridge } from '../../workspace/sidebar-bridge';
import { appendPeople } from '../support/tracker';
import { byHand, documentsLog, sampleTracker } from './support';
import type { Harness } from '../support/addon';

const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>Zed';

describe('Generate documents sidebar', () => {
  let h: Harness;
  let bridge: SidebarBridge;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!hasChromium()) return;
    h = sampleTracker();
    byHand(h, () =>
      appendPeople(h, [{
        'Full name': HOSTILE_NAME, Role: 'Peer Worker', Site: 'SITE-0002 · Cedar House', Start: '2026-01-05',
        'Employment type': 'Casual', 'Hourly wage': 28, 'Hours per week': 10,
      }]),
    );
    h.addon.call('refreshComputed');
    h.addon.call('showGenerateDocuments');
    ({ bridge, browser, page } = await openLastSidebar(h, '#people li'));
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
  });

  testWithChromium('lists the installed templates and the roster, filters by site and role, and shows a hostile name as text', async () => {
    const templates = await page.$$eval('#template option', (options) => options.map((o) => o.textContent));
    expect(templates).toContain('Employment contract');
    expect(await page.$$eval('#people li', (items) => items.length)).toBe(13);
    await page.selectOption('#site', 'SITE-0002');
    await page.selectOption('#role', 'Peer Worker');
    const shown = await page.$$eval('#people label', (labels) => labels.map((l) => (l as HTMLLabelElement).title));
    expect(shown.length).toBe(4);
    expect(shown.every((text) => text.includes('Peer Worker') && text.includes('Cedar House'))).toBe(true);
    expect(await page.$$eval('#people .meta', (metas) => metas.map((m) => m.textContent))).toEqual(Array(4).fill('PW · Cedar House'));
    expect(shown.some((text) => text.startsWith('<img src=x'))).toBe(true);
    expect(await page.$('#people img')).toBeNull();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  testWithChromium('previews one person, generates for the chosen people with progress, and ends with links in the Documents log', async () => {
    await page.selectOption('#template', 'employment-contract');
    await page.click('#select-all');
    const first = (await page.textContent('#people li:first-child .name')) ?? '';
    expect(await page.textContent('#file-name-example')).toBe(`${first} - Employment contract`);
    await page.click('#preview-button');
    await page.waitForSelector('#preview p.p-text');
    // The preview reads as the contract does: its title, the person's name and the organization in sentences, no field list.
    const paragraphs = await page.$$eval('#preview p', (ps) => ps.map((p) => p.textContent ?? ''));
    expect(paragraphs[0]).toBe(`Preview: ${first} - Employment contract`);
    expect(paragraphs[1]).toBe('Employment contract');
    expect(paragraphs.some((p) => p.includes('Harbour Lights Peer Collective') && p.length > 60)).toBe(true);
    expect(paragraphs.join('\n')).not.toMatch(/\{\{|\(blank\)|item\(s\)/);
    expect(await page.$('#preview dt')).toBeNull();
    expect(await page.isEnabled('#generate-button')).toBe(true);

    await page.check('#output-both');
    await page.click('#generate-button');
    // The progress is in sight at once, without scrolling, however long the form above it.
    await page.waitForSelector('#progress', { state: 'visible' });
    const box = await page.$eval('#progress', (element) => { const r = element.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, height: window.innerHeight }; });
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(box.height);
    expect(await page.evaluate(() => document.scrollingElement!.scrollHeight > window.innerHeight)).toBe(true);
    await page.waitForFunction(() => /Finished/.test(document.getElementById('progress-text')?.textContent ?? ''), undefined, { timeout: 60_000 });
    expect(await page.textContent('#progress-text')).toContain('4 of 4 (4 made, 0 failed, 0 skipped)');
    const links = await page.$$eval('#results a', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    expect(links.filter((href) => href.startsWith('https://docs.google.com/document/d/')).length).toBe(4);
    expect(links.filter((href) => href.startsWith('https://drive.google.com/file/d/')).length).toBe(4);
    expect(await page.isEnabled('#generate-button')).toBe(true);
    expect(await page.$('#results img')).toBeNull();
    // ROSE_SCREENSHOT_DIR=out npx jest test/documents/sidebar saves what a coordinator sees, to look at it.
    if (process.env.ROSE_SCREENSHOT_DIR) await page.screenshot({ path: join(process.env.ROSE_SCREENSHOT_DIR, 'generate-documents-sidebar.png'), fullPage: true });

    const log = documentsLog(h).filter((row) => row.Status === 'Done');
    expect(log.length).toBe(4);
    expect(log.map((row) => String(row.Link)).sort()).toEqual(links.filter((href) => href.includes('/document/')).sort());
    expect(log.some((row) => String(row.Staff).includes('<img src=x'))).toBe(true);
    expect(bridge.calls.map((c) => c.name)).toEqual(expect.arrayContaining(['listTemplatesAndPeople', 'previewDocument', 'startDocumentJob', 'runDocumentJobChunk']));
    // The chunks ran in lanes side by side, each told how many lanes there are, and each person was made once.
    const chunkCalls = bridge.calls.filter((c) => c.name === 'runDocumentJobChunk');
    expect(chunkCalls.length).toBeGreaterThanOrEqual(4);
    expect(chunkCalls.every((c) => c.args[1] === 9)).toBe(true);
    expect(new Set(log.map((row) => String(row.Staff))).size).toBe(4);
    // The roster now marks the four as having a contract, and says so again when the sidebar opens anew (from the Documents tab).
    expect(await page.$$eval('#people li .has', (marks) => marks.length)).toBe(4);
    expect(await page.textContent('#people-count')).toBe('4 shown · 4 have one ✓');
    const again = await openBridgedPage(browser, bridge);
    await again.waitForSelector('#people li');
    await again.selectOption('#template', 'employment-contract');
    const marked = await again.$$eval('#people li', (items) => items.filter((li) => li.querySelector('.has')).map((li) => li.querySelector('input')!.value));
    expect(marked.sort()).toEqual(log.map((row) => String(row.Staff).split(' ')[0]).sort());
    await again.close();
  });

  testWithChromium('fits Google\'s 300 px sidebar: one line per person, People above its own filters', async () => {
    await page.selectOption('#site', '');
    await page.selectOption('#role', '');
    const rows = await page.$$eval('#people li', (items) => items.map((li) => {
      const label = li.querySelector('label')!;
      const lineHeight = parseFloat(getComputedStyle(li).lineHeight);
      return { height: li.getBoundingClientRect().height, lineHeight, right: li.getBoundingClientRect().right, nameTop: label.querySelector('.name')!.getBoundingClientRect().top, metaTop: label.querySelector('.meta')!.getBoundingClientRect().top };
    }));
    expect(rows.length).toBe(13);
    for (const row of rows) {
      expect(row.height).toBe(row.lineHeight);
      expect(row.metaTop).toBe(row.nameTop);
      expect(row.right).toBeLessThanOrEqual(300);
    }
    const heading = await page.$eval('.heading', (element) => element.getBoundingClientRect().bottom);
    const site = await page.$eval('#site', (element) => element.getBoundingClientRect());
    expect(site.top).toBeGreaterThanOrEqual(heading);
    expect(site.right).toBeLessThanOrEqual(300);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(300);
  });

  testWithChromium('shows a server error in words and gives the buttons back', async () => {
    await page.selectOption('#site', '');
    await page.selectOption('#role', '');
    // Nobody chosen: the page says so without calling the server.
    await page.evaluate(() => document.querySelectorAll<HTMLInputElement>('#people input').forEach((box) => { box.checked = false; }));
    await page.click('#generate-button');
    expect(await page.textContent('#error')).toBe('Choose at least one person.');
    // A template deleted for good behind the sidebar's back: the server's message reaches the coordinator.
    expect(h.ws.host.files.delete(/\/d\/([\w-]+)/.exec(await page.getAttribute('#template-link', 'href') ?? '')?.[1] ?? '')).toBe(true);
    await page.click('#people input');
    await page.click('#generate-button');
    await page.waitForFunction(() => !(document.getElementById('error') as HTMLElement).hidden && /cannot open the template/.test(document.getElementById('error')?.textContent ?? ''));
    expect(await page.isEnabled('#generate-button')).toBe(true);
    expect(await page.isEnabled('#preview-button')).toBe(true);
  });
});
