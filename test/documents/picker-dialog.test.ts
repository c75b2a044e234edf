// The Give ROSE Tracker access to templates dialog in real headless Chromium: google.script.run bridged to the built add-on, and Google's Picker script replaced by the Workspace's stand-in (workspace/picker.ts), since Google's cannot load here.
import type { Page } from 'playwright-core';
import { hasChromium, launchChromium, openBridgedPage, testWithChromium, type Browser } from '../support/chromium';
import { startSidebarBridge, type SidebarBridge } from '../../workspace/sidebar-bridge';
import { PROPERTY_KEYS } from '../../addon/core/keys';
import type { Harness } from '../support/addon';
import type { AddOn } from '../../workspace/bundle';
import { byHand, request, sampleTracker } from './support';
import { tabRecords } from '../support/tracker';
import type { StartResult } from '../../addon/documents/types';

const SECOND = 'bo.coordinator@example.org';
const PROJECT = '487112093356';

describe('Give ROSE Tracker access to templates dialog', () => {
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
    h.addon.call('installDocumentTemplates');
    const setting = String(byHand(h, () => tabRecords(h, 'Settings')).find((row) => row.Setting === 'Documents folder')?.Value);
    h.ws.share(h.spreadsheetId, SECOND);
    h.ws.share(/folders\/([\w-]+)/.exec(setting)![1], SECOND);
    h.addon.call('showTemplateAccess', [], { user: SECOND });
    const dialog = h.ws.host.uiLog.filter((entry) => entry.kind === 'modalDialog').pop();
    if (!dialog) throw new Error('Give ROSE Tracker access to templates opened no dialog');
    expect(dialog.title).toBe('Give ROSE Tracker access to templates');
    // The second coordinator is the person at this browser: every call from the page runs as them.
    const asSecond = { callFromClient: (name: string, args: unknown[]) => h.addon.callFromClient(name, args, { user: SECOND }) } as unknown as AddOn;
    bridge = await startSidebarBridge(asSecond, dialog.content, h.ws);
    browser = await launchChromium();
    page = await openBridgedPage(browser, bridge);
    await page.waitForSelector('#wanted li');
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
  });

  testWithChromium('lists what the person cannot use, picks it in the Picker, and the person then generates documents', async () => {
    const wanted = await page.$$eval('#wanted li', (items) => items.map((i) => i.textContent ?? ''));
    expect(wanted[0]).toContain('Documents folder');
    expect(wanted.some((w) => w.includes('"Employment contract" that coordinator@example.org installed'))).toBe(true);
    await page.click('#pick-button');
    await page.waitForSelector('#picker-stand-in li');
    // The stand-in lists what the person can open: the shared folder and templates, and the tracker itself.
    const offered = await page.$$eval('#picker-stand-in label', (labels) => labels.map((l) => l.textContent ?? ''));
    expect(offered).toEqual(expect.arrayContaining(['ROSE Tracker documents', 'Employment contract']));
    for (const label of await page.$$('#picker-stand-in label')) {
      if ((await label.textContent()) !== 'Harbour Lights tracker') await label.click();
    }
    await page.click('#picker-select');
    await page.waitForFunction(() => /can now use/.test(document.getElementById('outcome')?.textContent ?? ''));
    expect(await page.textContent('#outcome')).toBe('ROSE Tracker can now use the Documents folder and every template.');
    expect(bridge.calls.map((c) => c.name)).toEqual(['templatePickerSetup', 'templatesPicked']);

    const started = h.addon.callFromClient('startDocumentJob', [request('employment-contract', ['STAFF-0001'])], { user: SECOND }) as StartResult;
    expect(started.message).toBe('');
  });
});
