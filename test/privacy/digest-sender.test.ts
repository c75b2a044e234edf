// Only a confirmed coordinator sends or schedules the reminder digest, since it goes out from the sender's account: a site lead's "Send now" and schedule are refused with one sentence whatever the page sent, the dialog shows that sentence instead of its buttons, and a trigger whose owner is no longer a confirmed coordinator sends nothing and says why in the Reminder log.
import { confirmedTracker, settingAs, COORDINATOR, SITE_LEAD } from './at-use-support';
import { appendRecords, tabRecords } from '../support/tracker';
import { hasChromium, launchChromium, openBridgedPage, testWithChromium, type Browser } from '../support/chromium';
import { startSidebarBridge, type SidebarBridge } from '../../workspace/sidebar-bridge';
import type { ReminderSettings, ScheduleResult, SendNowResult, SendResult } from '../../addon/reminders/types';
import type { Harness } from '../support/addon';

const SECOND = 'bo.coordinator@example.org';

/** The confirmed tracker with one person at the site and no signed contract, so the digest has something to say. */
function withStaff(): Harness {
  const h = confirmedTracker();
  h.addon.call('refreshComputed');
  const site = String(tabRecords(h, 'Sites')[0].ID);
  appendRecords(h, 'Staff', [{ 'Full name': 'Rae Fictional', Role: 'Peer Worker', Site: site, 'Contract status': 'Drafted' }]);
  h.addon.call('refreshComputed');
  return h;
}

function savedSchedule(h: Harness): string | null | undefined {
  return h.ws.spreadsheet(h.spreadsheetId).developerMetadata.find((m) => m.key === 'rose.reminders.schedule')?.value;
}

function logRows(h: Harness): string[][] {
  const sheet = h.ws.spreadsheet(h.spreadsheetId).sheetByName('Reminder log');
  return sheet ? sheet.rows.slice(1).map((r) => (r ?? []).map((c) => String(c?.value ?? ''))) : [];
}

const WHO_CAN = `Only a confirmed coordinator (${COORDINATOR}) can send or schedule the reminder digest`;

describe('a site lead cannot send or schedule the digest', () => {
  it('Send now as a site lead sends nothing, writes nothing, and says who can and how', () => {
    const h = withStaff();
    const logged = logRows(h).length;
    const result = h.addon.callFromClient('sendRemindersNow', [], { user: SITE_LEAD }) as SendNowResult;
    expect(result.outcome).toBe('not a coordinator');
    expect(result.message).toContain(WHO_CAN);
    expect(result.message).toContain(`a coordinator adds ${SITE_LEAD} to Settings → Coordinator emails and runs ROSE Tracker → Set up tracker`);
    expect(result.message.split(/\.\s/)).toHaveLength(1);
    expect(result.text).toBe('');
    expect(h.ws.outbox).toHaveLength(0);
    expect(logRows(h)).toHaveLength(logged);
    // The same press by the coordinator sends: the refusal is about who sends, not about the digest.
    const sent = h.addon.callFromClient('sendRemindersNow', [], { user: COORDINATOR }) as SendNowResult;
    expect(sent.outcome).toBe('sent');
    expect(h.ws.outbox.map((m) => m.to)).toEqual([COORDINATOR]);
  });

  it('a schedule saved by a site lead is refused whatever the page sent, off included, and no trigger of theirs is made', () => {
    const h = withStaff();
    const before = savedSchedule(h);
    for (const frequency of ['daily', 'weekly', 'off']) {
      const result = h.addon.callFromClient('setReminderSchedule', [{ frequency, hour: 8, day: 'MONDAY', recipients: [COORDINATOR] }], { user: SITE_LEAD }) as ScheduleResult;
      expect(result.ok).toBe(false);
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]).toContain(WHO_CAN);
    }
    expect(savedSchedule(h)).toBe(before);
    expect(h.ws.triggersFor('CLOCK').filter((t) => t.owner === SITE_LEAD)).toEqual([]);
  });

  it("the dialog's data tells a site lead who can, and a coordinator nothing", () => {
    const h = withStaff();
    const lead = h.addon.callFromClient('getReminderSettings', [], { user: SITE_LEAD }) as ReminderSettings;
    expect(lead.senderRefusal).toContain(WHO_CAN);
    const coordinator = h.addon.callFromClient('getReminderSettings', [], { user: COORDINATOR }) as ReminderSettings;
    expect(coordinator.senderRefusal).toBe('');
  });
});

describe('a scheduled run whose trigger owner is no longer a confirmed coordinator', () => {
  /** Two confirmed coordinators; the first saves a daily schedule on their trigger; the second then confirms a list without the first. */
  function demoted(): Harness {
    const h = withStaff();
    h.ws.share(h.spreadsheetId, SECOND, 'editor');
    settingAs(h, 'Coordinator emails', `${COORDINATOR}, ${SECOND}`, COORDINATOR);
    expect(h.addon.call<{ ok: boolean }>('setupTracker', [], { user: COORDINATOR }).ok).toBe(true);
    const saved = h.addon.callFromClient('setReminderSchedule', [{ frequency: 'daily', hour: 8, day: 'MONDAY', recipients: [] }], { user: COORDINATOR }) as ScheduleResult;
    expect(saved.ok).toBe(true);
    settingAs(h, 'Coordinator emails', SECOND, SECOND);
    expect(h.addon.call<{ ok: boolean }>('setupTracker', [], { user: SECOND }).ok).toBe(true);
    return h;
  }

  it('sends nothing, refreshes nothing, logs why without the digest, and keeps its trigger', () => {
    const h = demoted();
    const [trigger] = h.ws.triggersFor('CLOCK').filter((t) => t.owner === COORDINATOR);
    expect(trigger).toBeDefined();
    const dashboard = JSON.stringify(h.ws.spreadsheet(h.spreadsheetId).sheetByName('Dashboard')?.rows ?? []);
    const result = h.ws.fireTimeTrigger(trigger) as SendResult;
    expect(result.outcome).toBe('not a coordinator');
    expect(h.ws.outbox).toHaveLength(0);
    expect(JSON.stringify(h.ws.spreadsheet(h.spreadsheetId).sheetByName('Dashboard')?.rows ?? [])).toBe(dashboard);
    const last = logRows(h).pop()!;
    expect(last[1]).toBe(`Not sent: this schedule runs on the trigger of ${COORDINATOR}, who is not a confirmed coordinator, so no digest went out from their account. A coordinator saves the schedule under ROSE Tracker → Reminders to send it from theirs (the old trigger then removes itself at its next run).`);
    expect(last[3]).toBe('0');
    expect(last.join(' ')).not.toContain('Rae Fictional');
    expect(h.ws.triggersFor('CLOCK')).toContainEqual(trigger);
  });

  it('the dialog tells the coordinators, and one saving the schedule takes it over', () => {
    const h = demoted();
    const [old] = h.ws.triggersFor('CLOCK').filter((t) => t.owner === COORDINATOR);
    const settings = h.addon.callFromClient('getReminderSettings', [], { user: SECOND }) as ReminderSettings;
    expect(settings.ownerNote).toContain(`runs on the trigger of ${COORDINATOR}, who is not a confirmed coordinator`);
    expect(settings.senderRefusal).toBe('');
    const saved = h.addon.callFromClient('setReminderSchedule', [{ frequency: 'daily', hour: 8, day: 'MONDAY', recipients: [] }], { user: SECOND }) as ScheduleResult;
    expect(saved.ok).toBe(true);
    expect((h.ws.fireTimeTrigger(old) as SendResult).outcome).toBe('schedule handed over');
    const [mine] = h.ws.triggersFor('CLOCK').filter((t) => t.owner === SECOND);
    expect((h.ws.fireTimeTrigger(mine) as SendResult).outcome).toBe('sent');
    expect(h.ws.outbox.map((m) => m.to)).toEqual([SECOND]);
  });
});

describe('Reminders dialog, opened by a site lead', () => {
  let browser: Browser;
  let bridge: SidebarBridge | undefined;
  beforeAll(async () => { if (hasChromium()) browser = await launchChromium(); });
  afterAll(async () => { await browser?.close(); await bridge?.close(); });

  testWithChromium('shows the sentence saying who can send instead of Save and Send', async () => {
    const h = withStaff();
    h.ws.host.activeUser = SITE_LEAD;
    h.addon.call('showReminders');
    const dialog = h.ws.host.uiLog.filter((entry) => entry.kind === 'modalDialog').pop()!;
    bridge = await startSidebarBridge(h.addon, dialog.content);
    const page = await openBridgedPage(browser, bridge);
    await page.waitForSelector('#loading', { state: 'hidden' });
    expect(await page.isVisible('#not-coordinator')).toBe(true);
    expect(await page.textContent('#not-coordinator')).toContain(WHO_CAN);
    expect(await page.isVisible('#save-button')).toBe(false);
    expect(await page.isVisible('#send-button')).toBe(false);
    expect(await page.isVisible('#schedule')).toBe(false);
    expect(bridge.calls.map((c) => c.name)).toEqual(['getReminderSettings']);
  });
});
