// The Reminders dialog offers and accepts only confirmed coordinators as recipients: an address typed into Coordinator emails while its row was unprotected is not offered, a schedule naming it is refused, and each refusal says what to do.
import { confirmedTracker, removeRowProtection, settingAs, COORDINATOR, SITE_LEAD, OUTSIDER } from './at-use-support';
import { hasChromium, launchChromium, openBridgedPage, testWithChromium, type Browser } from '../support/chromium';
import { startSidebarBridge, type SidebarBridge } from '../../workspace/sidebar-bridge';
import type { ReminderSettings, ScheduleResult } from '../../addon/reminders/types';
import type { Harness } from '../support/addon';

function attacked(): Harness {
  const h = confirmedTracker();
  removeRowProtection(h, 'Coordinator emails');
  settingAs(h, 'Coordinator emails', `${COORDINATOR}, ${SITE_LEAD}, ${OUTSIDER}`, SITE_LEAD);
  return h;
}

function savedRecipients(h: Harness): string[] | null {
  const entry = h.ws.spreadsheet(h.spreadsheetId).developerMetadata.find((m) => m.key === 'rose.reminders.schedule');
  return entry?.value ? (JSON.parse(entry.value) as { recipients: string[] }).recipients : null;
}

describe('Reminder recipients are confirmed coordinators only', () => {
  it('the dialog is offered the confirmed coordinators, and told why each other address is left out', () => {
    const h = attacked();
    const settings = h.addon.callFromClient('getReminderSettings', []) as ReminderSettings;
    expect(settings.coordinators).toEqual([COORDINATOR]);
    expect(settings.refused).toHaveLength(2);
    expect(settings.refused[0]).toContain(`"Coordinator emails": ${SITE_LEAD} is not a confirmed coordinator`);
    expect(settings.refused[1]).toContain(`${OUTSIDER} is not a confirmed coordinator`);
  });

  it('a schedule naming an unconfirmed address is refused, whatever the page sent, and nothing is saved', () => {
    const h = attacked();
    const before = savedRecipients(h);
    const result = h.addon.callFromClient('setReminderSchedule', [{ frequency: 'daily', hour: 8, day: 'MONDAY', recipients: [COORDINATOR, OUTSIDER] }]) as ScheduleResult;
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toContain(`${OUTSIDER} is not a confirmed coordinator`);
    expect(result.problems[0]).toContain('a coordinator runs ROSE Tracker → Set up tracker to confirm it');
    expect(savedRecipients(h)).toEqual(before);
    const ok = h.addon.callFromClient('setReminderSchedule', [{ frequency: 'daily', hour: 8, day: 'MONDAY', recipients: [COORDINATOR] }]) as ScheduleResult;
    expect(ok.problems).toEqual([]);
    expect(savedRecipients(h)).toEqual([COORDINATOR]);
  });

  it('with nobody confirmed yet, turning reminders on names each address instead of saying Settings is empty', () => {
    const h = attacked();
    settingAs(h, 'Coordinator emails', `${SITE_LEAD}, ${OUTSIDER}`, SITE_LEAD);
    const result = h.addon.callFromClient('setReminderSchedule', [{ frequency: 'weekly', hour: 8, day: 'MONDAY', recipients: [] }]) as ScheduleResult;
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).not.toContain('no coordinator emails');
    for (const address of [SITE_LEAD, OUTSIDER]) expect(result.problems.join('\n')).toContain(`${address} is not a confirmed coordinator`);
  });
});

describe('Reminders dialog, with an unconfirmed address in Settings', () => {
  let browser: Browser;
  let bridge: SidebarBridge | undefined;
  beforeAll(async () => { if (hasChromium()) browser = await launchChromium(); });
  afterAll(async () => { await browser?.close(); await bridge?.close(); });

  testWithChromium('lists only the confirmed coordinator to tick and shows why the others are not offered', async () => {
    const h = attacked();
    h.addon.call('showReminders');
    const dialog = h.ws.host.uiLog.filter((entry) => entry.kind === 'modalDialog').pop()!;
    bridge = await startSidebarBridge(h.addon, dialog.content);
    const page = await openBridgedPage(browser, bridge);
    await page.waitForSelector('#loading', { state: 'hidden' });
    expect(await page.$$eval('#recipients label', (items) => items.map((l) => l.textContent))).toEqual([COORDINATOR]);
    expect(await page.isVisible('#refused')).toBe(true);
    const refused = await page.$$eval('#refused-list li', (items) => items.map((l) => l.textContent ?? ''));
    expect(refused).toHaveLength(2);
    expect(refused[0]).toContain(`${SITE_LEAD} is not a confirmed coordinator`);
  });
});
