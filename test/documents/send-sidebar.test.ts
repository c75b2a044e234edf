// The Generate documents sidebar's Send block in real headless Chromium: finished PDFs go by email only to the people who asked, and the page says who did not get one and why.
import type { Page } from 'playwright-core';
import { hasChromium, openLastSidebar, testWithChromium, type Browser } from '../support/chromium';
import type { SidebarBridge } from '../../workspace/sidebar-bridge';
import { asUser } from '../support/tracker';
import { byHand, sampleTracker } from './support';
import type { Harness } from '../support/addon';

describe('emailing from the Generate documents sidebar', () => {
  let h: Harness;
  let bridge: SidebarBridge;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!hasChromium()) return;
    h = sampleTracker();
    // Alex asked for documents by email; Bea did not.
    byHand(h, () => asUser(h, (ss) => {
      const sheet = ss.getSheetByName('Staff')!;
      const values = sheet.getDataRange().getValues();
      const row = values.findIndex((r) => r[0] === 'STAFF-0001');
      sheet.getRange(row + 1, values[0].indexOf('Documents by email') + 1).setValue('Yes');
    }));
    h.addon.call('showGenerateDocuments');
    ({ bridge, browser, page } = await openLastSidebar(h, '#people li'));
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
  });

  testWithChromium('after a job, Send by email sends each PDF where the person asked and names who was not sent one', async () => {
    await page.selectOption('#template', 'employment-contract');
    await page.check('#person-STAFF-0001');
    await page.check('#person-STAFF-0002');
    await page.check('#output-pdf');
    expect(await page.isHidden('#send')).toBe(true);
    await page.click('#generate-button');
    await page.waitForFunction(() => /Finished/.test(document.getElementById('progress-text')?.textContent ?? ''), undefined, { timeout: 60_000 });
    await page.waitForSelector('#send', { state: 'visible' });
    await page.click('#send-button');
    await page.waitForFunction(() => /sent/.test(document.getElementById('send-text')?.textContent ?? '') && /1 sent/.test(document.getElementById('send-text')?.textContent ?? ''));
    const lines = await page.$$eval('#results li', (items) => items.map((item) => item.textContent ?? ''));
    expect(lines.some((line) => line.startsWith('Alex Moreno → alex@example.org: Sent'))).toBe(true);
    expect(lines.some((line) => line.includes('Bea Thunderchild has not asked for documents by email'))).toBe(true);
    expect(h.ws.outbox.map((m) => m.to)).toEqual(['alex@example.org']);
    expect(await page.isEnabled('#send-button')).toBe(true);
  });
});
