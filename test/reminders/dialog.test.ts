// The Reminders dialog in real headless Chromium, its google.script.run bridged to the built add-on in the local Workspace.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { hasChromium, launchChromium, openBridgedPage, testWithChromium, type Browser } from '../support/chromium';
import { startSidebarBridge, type SidebarBridge } from '../../workspace/sidebar-bridge';
import { COORDINATORS, generate, trackerWith } from '../dashboard/fixtures';
import type { Harness } from '../support/addon';

// A valid-looking address (Settings accepts it) that is also markup: it must show as text.
const HOSTILE_EMAIL = '<img/src=x/onerror=window.__pwned=1>@example.org';

interface OpenDialog { bridge: SidebarBridge; page: Page }

describe('Reminders dialog', () => {
  let browser: Browser;
  const bridges: SidebarBridge[] = [];

  /** Opens ROSE Tracker → Reminders in the tracker and serves the dialog it showed to a fresh page. */
  async function openDialog(h: Harness): Promise<OpenDialog> {
    h.addon.call('showReminders');
    const dialog = h.ws.host.uiLog.filter((entry) => entry.kind === 'modalDialog').pop();
    if (!dialog) throw new Error('Reminders did not open a modal dialog');
    const bridge = await startSidebarBridge(h.addon, dialog.content);
    bridges.push(bridge);
    const page = await openBridgedPage(browser, bridge);
    await page.waitForSelector('#loading', { state: 'hidden' });
    return { bridge, page };
  }

  /** The schedule as stored in the spreadsheet's developer metadata, where a time-driven run can read it. */
  function savedSchedule(h: Harness): unknown {
    const entry = h.ws.spreadsheet(h.spreadsheetId).developerMetadata.find((m) => m.key === 'rose.reminders.schedule');
    if (!entry || entry.value === null) return null;
    const { frequency, hour, day, recipients } = JSON.parse(entry.value) as Record<string, unknown>;
    return { frequency, hour, day, recipients };
  }

  async function save(page: Page): Promise<void> {
    await page.click('#save-button');
    await page.waitForFunction(() => !(document.getElementById('save-button') as HTMLButtonElement).disabled
      && (!(document.getElementById('outcome') as HTMLElement).hidden || !(document.getElementById('error') as HTMLElement).hidden));
  }

  beforeAll(async () => {
    if (!hasChromium()) return;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const bridge of bridges) await bridge.close();
  });

  describe('with coordinators in Settings', () => {
    let h: Harness;
    let dialog: OpenDialog;

    beforeAll(async () => {
      if (!hasChromium()) return;
      h = trackerWith(generate(21, 200), { settings: { 'Coordinator emails': [...COORDINATORS, HOSTILE_EMAIL].join(', ') } });
      dialog = await openDialog(h);
    });

    testWithChromium('lists every coordinator ticked, shows a hostile address as text, and names the time zone of the hours', async () => {
      const { page } = dialog;
      const labels = await page.$$eval('#recipients label', (items) => items.map((l) => l.textContent));
      expect(labels).toEqual([...COORDINATORS, HOSTILE_EMAIL]);
      expect(await page.$$eval('#recipients input', (boxes) => boxes.map((b) => (b as HTMLInputElement).checked))).toEqual([true, true, true]);
      expect(await page.$('.dialog img')).toBeNull();
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.isChecked('#frequency-off')).toBe(true);
      const hours = await page.$$eval('#hour option', (options) => options.map((o) => o.textContent));
      expect(hours).toHaveLength(24);
      expect(hours[0]).toBe('0:00');
      expect(await page.$eval('#hour', (s) => (s as HTMLSelectElement).selectedOptions[0].textContent)).toBe('8:00');
      expect(await page.textContent('#zone')).toContain('America/Vancouver');
      expect(await page.textContent('#quota')).toContain('100');
    });

    testWithChromium('refuses to save with nobody ticked, in words, without calling the server', async () => {
      const { page, bridge } = dialog;
      await page.evaluate(() => document.querySelectorAll<HTMLInputElement>('#recipients input').forEach((box) => { box.checked = false; }));
      await page.check('#frequency-daily');
      await page.click('#save-button');
      expect(await page.textContent('#error')).toContain('Tick at least one coordinator');
      expect(bridge.calls.map((c) => c.name)).not.toContain('setReminderSchedule');
      expect(h.ws.triggersFor('CLOCK')).toHaveLength(0);
      expect(await page.isEnabled('#save-button')).toBe(true);
    });

    testWithChromium('Save installs exactly one time-driven trigger with the chosen hour and frequency; saving again replaces it; Off removes it', async () => {
      const { page } = dialog;
      await page.check('#recipient-1');
      expect(await page.isVisible('#day')).toBe(false);
      await page.check('#frequency-weekly');
      expect(await page.isVisible('#day')).toBe(true);
      expect(await page.$$eval('#day option', (options) => options.map((o) => o.textContent))).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
      await page.selectOption('#day', 'WEDNESDAY');
      await page.selectOption('#hour', '18');
      await save(page);
      expect(await page.textContent('#outcome')).toContain(`Every Wednesday at 18:00 (America/Vancouver), to ${COORDINATORS[1]}`);
      const first = h.ws.triggersFor('CLOCK');
      expect(first).toHaveLength(1);
      expect(first[0]).toMatchObject({ handlerFunction: 'runDailyReminders', everyWeeks: 1, weekDay: 'WEDNESDAY', atHour: 18 });
      expect(savedSchedule(h)).toEqual({ frequency: 'weekly', hour: 18, day: 'WEDNESDAY', recipients: [COORDINATORS[1]] });

      await page.check('#frequency-daily');
      await page.selectOption('#hour', '7');
      await save(page);
      const second = h.ws.triggersFor('CLOCK');
      expect(second).toHaveLength(1);
      expect(second[0]).toMatchObject({ everyDays: 1, atHour: 7 });
      expect(second[0].id).not.toBe(first[0].id);

      await page.check('#frequency-off');
      expect(await page.isDisabled('#hour')).toBe(true);
      await save(page);
      expect(h.ws.triggersFor('CLOCK')).toHaveLength(0);
      expect(await page.textContent('#outcome')).toContain('reminders are off');
      expect(await page.isEnabled('#send-button')).toBe(true);
    });

    testWithChromium('everyone ticked is saved as all coordinators', async () => {
      const { page } = dialog;
      await page.check('#recipient-0');
      await page.check('#recipient-2');
      await page.check('#frequency-daily');
      await page.selectOption('#hour', '8');
      await save(page);
      expect(savedSchedule(h)).toEqual({ frequency: 'daily', hour: 8, day: 'WEDNESDAY', recipients: [] });
      expect(await page.textContent('#outcome')).toContain('to all coordinators');
      // Back to one coordinator for the send below.
      await page.uncheck('#recipient-0');
      await page.uncheck('#recipient-2');
      await save(page);
      expect(savedSchedule(h)).toMatchObject({ recipients: [COORDINATORS[1]] });
      expect(h.ws.triggersFor('CLOCK')).toHaveLength(1);
    });

    testWithChromium('Send the digest now emails the chosen coordinator once and shows it, with the run in Last runs', async () => {
      const { page } = dialog;
      await page.click('#send-button');
      await page.waitForFunction(() => !(document.getElementById('outcome') as HTMLElement).hidden);
      expect(await page.textContent('#outcome')).toMatch(new RegExp(`^Sent the digest \\(\\d+ things to look at\\) to ${COORDINATORS[1].replace(/\./g, '\\.')}\\.$`));
      expect(h.ws.outbox).toHaveLength(1);
      expect(h.ws.outbox[0].to).toBe(COORDINATORS[1]);
      await page.waitForSelector('#last-runs li');
      expect(await page.textContent('#last-runs li')).toMatch(/^2026-03-16 \d\d:\d\d: Sent \(\d+ things to look at\)$/);
      expect(await page.textContent('#quota')).toContain('99');
      expect(await page.isEnabled('#send-button')).toBe(true);
      // ROSE_SCREENSHOT_DIR=out npx jest test/reminders/dialog saves what a coordinator sees, to look at it.
      if (process.env.ROSE_SCREENSHOT_DIR) await page.screenshot({ path: join(process.env.ROSE_SCREENSHOT_DIR, 'reminders-dialog.png'), fullPage: true });
    });

    testWithChromium('a server error reaches the coordinator in words and the buttons come back', async () => {
      const { page } = dialog;
      h.ws.ledger.failOn('MailApp.sendEmail', { error: 'Service unavailable: Gmail' });
      await page.click('#send-button');
      await page.waitForFunction(() => !(document.getElementById('error') as HTMLElement).hidden);
      expect(await page.textContent('#error')).toContain('Something went wrong: Service unavailable: Gmail');
      expect(await page.isEnabled('#send-button')).toBe(true);
      expect(await page.isEnabled('#save-button')).toBe(true);
      expect(h.ws.outbox).toHaveLength(1);
    });

    testWithChromium('Close closes the dialog', async () => {
      const { page } = dialog;
      await page.click('#close-button');
      expect(await page.evaluate(() => (window as unknown as { __sidebarClosed?: boolean }).__sidebarClosed)).toBe(true);
    });
  });

  testWithChromium('says so and sends no email when there is nothing to say', async () => {
    const g = generate(4, 100);
    g.milestones = []; g.training = []; g.events = [];
    // Nobody on staff (so no contract or training to chase) and no activity blocked.
    g.staff = [];
    g.plan = g.plan.map((a) => ({ ...a, Status: 'In progress' }));
    g.sites = [];
    const h = trackerWith(g);
    const { page } = await openDialog(h);
    await page.click('#send-button');
    await page.waitForFunction(() => !(document.getElementById('outcome') as HTMLElement).hidden);
    expect(await page.textContent('#outcome')).toBe('Nothing is overdue or expiring: no email was sent.');
    expect(h.ws.outbox).toHaveLength(0);
  });

  testWithChromium('without coordinator emails in Settings, explains where to add them and offers no Save', async () => {
    const h = trackerWith(generate(21, 100), { settings: { 'Coordinator emails': '' } });
    const { page, bridge } = await openDialog(h);
    expect(await page.isVisible('#no-coordinators')).toBe(true);
    expect(await page.textContent('#no-coordinators')).toContain('Coordinator emails');
    expect(await page.isVisible('#save-button')).toBe(false);
    expect(await page.isVisible('#send-button')).toBe(false);
    expect(await page.isVisible('#schedule')).toBe(false);
    expect(bridge.calls.map((c) => c.name)).toEqual(['getReminderSettings']);
  });

  testWithChromium('shows another coordinator whose trigger sends the schedule and how to take it over', async () => {
    const h = trackerWith(generate(21, 100));
    h.ws.share(h.spreadsheetId, COORDINATORS[1]);
    h.addon.callFromClient('setReminderSchedule', [{ frequency: 'daily', hour: 8, recipients: [] }], { user: COORDINATORS[0] });
    h.ws.host.activeUser = COORDINATORS[1];
    const { page } = await openDialog(h);
    expect(await page.isVisible('#owner-note')).toBe(true);
    const note = await page.textContent('#owner-note');
    expect(note).toContain(`sent from ${COORDINATORS[0]}'s account`);
    expect(note).toContain('turn the schedule off and on again here');
  });
});
