// The Choose a staff photo dialog in real headless Chromium: the Picker (the Workspace's stand-in for Google's script) offers the person's pictures, the pick lets ROSE Tracker open that one file, and the ID card then shows it.
import type { Page } from 'playwright-core';
import { hasChromium, launchChromium, openBridgedPage, testWithChromium, type Browser } from '../support/chromium';
import { startSidebarBridge, type SidebarBridge } from '../../workspace/sidebar-bridge';
import { putFileInDrive } from '../../workspace/drive';
import { PROPERTY_KEYS } from '../../addon/core/keys';
import { silhouettePng } from '../../addon/cards/photo';
import type { Harness } from '../support/addon';
import { byHand, sampleTracker } from '../documents/support';
import { asUser, tabRecords } from '../support/tracker';
import { makeCards } from './support';

const PROJECT = '487112093356';

describe('Choose a staff photo dialog', () => {
  let h: Harness;
  let bridge: SidebarBridge;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!hasChromium()) return;
    h = sampleTracker({ install: false });
    h.ws.useStandardProject(PROJECT);
    const script = h.ws.properties.store(`script:${h.ws.scriptId}`);
    script.set(PROPERTY_KEYS.pickerProjectNumber, PROJECT);
    script.set(PROPERTY_KEYS.pickerApiKey, 'AIza-local-picker-key');
    putFileInDrive(h.ws, { name: 'Alex portrait.png', mimeType: 'image/png', bytes: Buffer.from(silhouettePng(60, 80, { background: [255, 224, 178], figure: [0, 121, 107] })) });
    putFileInDrive(h.ws, { name: 'Shift notes', text: 'not a picture' });
    // The coordinator selects Alex's row in the Staff tab, then opens the dialog.
    byHand(h, () => asUser(h, (ss) => ss.getSheetByName('Staff')!.getRange('C2').activate()));
    h.addon.call('showChooseStaffPhoto');
    const dialog = h.ws.host.uiLog.filter((entry) => entry.kind === 'modalDialog').pop();
    if (!dialog) throw new Error('Choose a staff photo opened no dialog');
    expect(dialog.title).toBe('Choose a staff photo');
    bridge = await startSidebarBridge(h.addon, dialog.content, h.ws);
    browser = await launchChromium();
    page = await openBridgedPage(browser, bridge);
    await page.waitForFunction(() => /Choose the photo for/.test(document.getElementById('status')?.textContent ?? ''));
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
  });

  testWithChromium('offers only pictures, saves the pick in Staff → Photo, and the next ID card shows it', async () => {
    expect(await page.textContent('#status')).toContain('Choose the photo for Alex (STAFF-0001)');
    expect(makeCards(h, 'id-card', ['STAFF-0001']).results[0].messages.join(' ')).toContain('no photo in Staff → Photo');
    await page.click('#pick-button');
    await page.waitForSelector('#picker-stand-in li');
    const offered = await page.$$eval('#picker-stand-in label', (labels) => labels.map((l) => l.textContent ?? ''));
    expect(offered).toEqual(['Alex portrait.png']);
    await page.click('#picker-stand-in label');
    await page.click('#picker-select');
    await page.waitForFunction(() => /Saved the photo/.test(document.getElementById('outcome')?.textContent ?? ''));
    expect(bridge.calls.map((c) => c.name)).toEqual(['staffPhotoSetup', 'staffPhotoPicked']);
    const row = byHand(h, () => tabRecords(h, 'Staff')).find((r) => r.ID === 'STAFF-0001')!;
    expect(String(row.Photo)).toMatch(/^https:\/\/drive\.google\.com\/file\/d\/[\w-]+\/view$/);
    const card = makeCards(h, 'id-card', ['STAFF-0001']).results[0];
    expect([card.status, card.messages]).toEqual(['Done', []]);
  });
});
