// Reminders: the digest lists what is overdue or expiring with row links, never carries private text, respects the email quota and the trigger limit.
import { COORDINATORS, SECRET_ANSWER, SECRET_DETAIL, generate, trackerWith } from '../dashboard/fixtures';
import { buildDigest, digestHtml, digestText } from '../../addon/reminders/digest';
import type { DashboardModel } from '../../addon/dashboard/compute';
import type { Harness } from '../support/addon';

interface SendResult { outcome: string; recipients: string[]; items: number; text: string }

function sheetIdOf(harness: Harness, tab: string): number {
  return harness.ws.spreadsheet(harness.spreadsheetId).sheetByName(tab)!.id;
}

function logRows(harness: Harness): unknown[][] {
  const sheet = harness.ws.spreadsheet(harness.spreadsheetId).sheetByName('Reminder log');
  return sheet ? sheet.rows.slice(1).map((r) => (r ?? []).map((c) => (c ? c.value : ''))) : [];
}

describe('reminder digest', () => {
  it('lists overdue milestones with a link to their row and emails each coordinator once, in an email of their own', () => {
    const g = generate(21, 200);
    const harness = trackerWith(g);
    const result = harness.addon.call<SendResult>('sendRemindersNow');
    expect(result.outcome).toBe('sent');
    expect(harness.ws.outbox.map((m) => m.to).sort()).toEqual([...COORDINATORS].sort());
    expect(new Set(harness.ws.outbox.map((m) => m.body)).size).toBe(1);
    const mail = harness.ws.outbox[0];
    const overdue = g.milestones.map((m, i) => ({ m, row: i + 2 })).filter(({ m }) => !m.Completed && (m.Due as string) < '2026-03-16');
    expect(overdue.length).toBeGreaterThan(0);
    const gid = sheetIdOf(harness, 'Milestones');
    for (const { m, row } of overdue) {
      expect(mail.body).toContain(`${m.Milestone} (`);
      expect(mail.body).toContain(`https://docs.google.com/spreadsheets/d/${harness.spreadsheetId}/edit#gid=${gid}&range=A${row}`);
    }
    expect(mail.htmlBody).toContain(`#gid=${gid}&amp;range=A${overdue[0].row}`);
    expect(mail.subject).toMatch(/^ROSE Tracker: \d+ things to look at/);
    expect(logRows(harness).map((r) => r[1])).toEqual(['Sent']);
  });

  it('never puts survey answers or support-request details into an email', () => {
    const harness = trackerWith(generate(8, 300));
    harness.ws.execute(() => {
      const props = (harness.ws.globals().PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties();
      props.setProperty('rose.unprocessedSubmissions', '3');
    });
    harness.addon.call('sendRemindersNow');
    const mail = harness.ws.outbox[0];
    const everything = `${mail.subject}\n${mail.body}\n${mail.htmlBody}`;
    expect(everything).toContain('3 form submissions not processed yet');
    expect(everything).not.toContain(SECRET_ANSWER);
    expect(everything).not.toContain(SECRET_DETAIL);
    expect(everything).not.toContain('Participant code');
    expect(everything).not.toMatch(/code\d+/);
  });

  it('sends nothing when the email quota is short and writes the digest in the Reminder log instead', () => {
    const harness = trackerWith(generate(21, 200));
    harness.ws.mail.dailyQuota = 1; // two coordinators need two
    const result = harness.addon.call<SendResult>('sendRemindersNow');
    expect(result.outcome).toBe('quota short');
    expect(harness.ws.outbox).toHaveLength(0);
    const [row] = logRows(harness);
    expect(String(row[1])).toContain('Not sent: the daily email quota has 1 left and this needs 2');
    expect(String(row[4])).toContain('was due');
    expect(harness.ws.host.uiLog.some((u) => u.kind === 'toast' && /quota/.test(u.content))).toBe(true);
  });

  it('sends nothing when there is nothing to say', () => {
    const g = generate(4, 100);
    g.milestones = []; g.training = []; g.events = [];
    // Nobody on staff (so no contract or training to chase) and no activity blocked.
    g.staff = [];
    g.plan = g.plan.map((a) => ({ ...a, Status: 'In progress' }));
    g.sites = g.sites.slice(0, 0);
    const harness = trackerWith(g);
    const result = harness.addon.call<SendResult>('sendRemindersNow');
    expect(result.outcome).toBe('nothing to send');
    expect(harness.ws.outbox).toHaveLength(0);
  });

  it('goes only to the coordinators chosen in Reminders', () => {
    const harness = trackerWith(generate(21, 200));
    const saved = harness.addon.callFromClient('setReminderSchedule', [{ frequency: 'daily', hour: 7, recipients: [COORDINATORS[1]] }]) as { ok: boolean };
    expect(saved.ok).toBe(true);
    harness.addon.call('sendRemindersNow');
    expect(harness.ws.outbox[0].to).toBe(COORDINATORS[1]);
    const refused = harness.addon.callFromClient('setReminderSchedule', [{ frequency: 'daily', hour: 7, recipients: ['someone@else.org'] }]) as { ok: boolean; problems: string[] };
    expect(refused.ok).toBe(false);
    expect(refused.problems[0]).toContain('someone@else.org is not a coordinator');
  });
});

describe('reminder trigger', () => {
  it('installs one time-driven trigger, replaces it on re-run, and removes it when turned off', () => {
    const harness = trackerWith(generate(21, 100));
    harness.addon.callFromClient('setReminderSchedule', [{ frequency: 'daily', hour: 8, recipients: [] }]);
    const first = harness.ws.triggersFor('CLOCK');
    expect(first).toHaveLength(1);
    // The hour is read in the tracker's time zone (Settings), not the script's.
    expect(first[0]).toMatchObject({ handlerFunction: 'runDailyReminders', everyDays: 1, atHour: 8, timeZone: 'America/Vancouver' });
    harness.addon.callFromClient('setReminderSchedule', [{ frequency: 'weekly', hour: 18, day: 'THURSDAY', recipients: [] }]);
    const second = harness.ws.triggersFor('CLOCK');
    expect(second).toHaveLength(1);
    // A weekly digest goes out on its day, not every seventh day from whenever it was saved.
    expect(second[0]).toMatchObject({ everyWeeks: 1, weekDay: 'THURSDAY', atHour: 18 });
    expect(second[0].everyDays).toBeUndefined();
    const refused = harness.addon.callFromClient('setReminderSchedule', [{ frequency: 'weekly', hour: 18, day: 'FUNDAY', recipients: [] }]) as { ok: boolean; problems: string[] };
    expect(refused.problems).toEqual(['"FUNDAY" is not a day of the week: choose Monday to Sunday.']);
    expect(second[0].id).not.toBe(first[0].id);
    harness.addon.callFromClient('setReminderSchedule', [{ frequency: 'off', hour: 8, recipients: [] }]);
    expect(harness.ws.triggersFor('CLOCK')).toHaveLength(0);
  });

  it('Reminders opens one modal dialog and asks no questions in prompts', () => {
    const harness = trackerWith(generate(21, 100));
    harness.addon.call('showReminders');
    const shown = harness.ws.host.uiLog.filter((u) => u.kind !== 'toast');
    expect(shown.map((u) => [u.kind, u.title])).toEqual([['modalDialog', 'Reminders']]);
    expect(shown[0].content).toContain('Send the digest now');
    expect(harness.ws.triggersFor('CLOCK')).toHaveLength(0);
  });

  it('the dialog loads coordinators, the saved schedule, the last three runs newest first and the email quota', () => {
    const harness = trackerWith(generate(21, 200));
    harness.addon.callFromClient('setReminderSchedule', [{ frequency: 'weekly', hour: 18, recipients: [COORDINATORS[0]] }]);
    for (let day = 10; day <= 13; day += 1) {
      harness.ws.host.setNow(new Date(`2026-03-${day}T16:05:00Z`));
      harness.addon.call('sendRemindersNow');
    }
    const settings = harness.addon.callFromClient('getReminderSettings', []) as {
      coordinators: string[]; schedule: { frequency: string; hour: number; recipients: string[] }; timeZone: string;
      lastRuns: { when: string; result: string; items: number }[]; quotaLeft: number;
    };
    expect(settings.coordinators).toEqual(COORDINATORS);
    expect(settings.schedule).toEqual({ frequency: 'weekly', hour: 18, day: 'MONDAY', recipients: [COORDINATORS[0]] });
    expect(settings.timeZone).toBe('America/Vancouver');
    // 16:05 UTC is 09:05 in Vancouver (daylight time from March 8, 2026).
    expect(settings.lastRuns.map((r) => r.when)).toEqual(['2026-03-13 09:05', '2026-03-12 09:05', '2026-03-11 09:05']);
    expect(settings.lastRuns.every((r) => r.result === 'Sent' && r.items > 0)).toBe(true);
    expect(settings.quotaLeft).toBe(harness.ws.mail.dailyQuota - 1);
  });

  it('when it fires, refreshes computed columns and the Dashboard, then sends the digest', () => {
    const harness = trackerWith(generate(21, 200));
    harness.addon.callFromClient('setReminderSchedule', [{ frequency: 'daily', hour: 8, recipients: [] }]);
    const [trigger] = harness.ws.triggersFor('CLOCK');
    const milestones = harness.ws.spreadsheet(harness.spreadsheetId).sheetByName('Milestones')!;
    const statusColumn = (milestones.rows[0] ?? []).findIndex((c) => c?.value === 'Status');
    expect(milestones.rows[1]?.[statusColumn]?.value ?? '').toBe('');
    const mark = harness.ws.ledger.mark();
    // As in Apps Script, a time-driven run has no active spreadsheet: the handler must find the tracker itself.
    const result = harness.ws.fireTimeTrigger(trigger) as SendResult;
    expect(result.outcome).toBe('sent');
    // No recipients chosen: every coordinator, one email each.
    expect(harness.ws.outbox.map((m) => m.to).sort()).toEqual([...COORDINATORS].sort());
    expect(milestones.rows[1]?.[statusColumn]?.value).toMatch(/^(Done|Overdue|Due soon|Upcoming)$/);
    expect(harness.ws.spreadsheet(harness.spreadsheetId).sheetByName('Dashboard')!.rows.length).toBeGreaterThan(10);
    expect(harness.ws.ledger.since(mark).filter((c) => c === 'MailApp.sendEmail')).toHaveLength(COORDINATORS.length);
    expect(harness.ws.ledger.since(mark).indexOf('MailApp.getRemainingDailyQuota')).toBeLessThan(harness.ws.ledger.since(mark).indexOf('MailApp.sendEmail'));
  });
});

describe('digest renderings', () => {
  const model = {
    today: '2026-03-16', organizationName: 'Harbour <Lights>', leadDays: 30, overdueMilestones: [{ tab: 'Milestones', row: 4, id: 'MS-0001', milestone: 'Order <cards>', site: 'Site A', due: '2026-03-01' }],
    expiring: [], contractsEnding: [], contractsMissing: [], coverage: [], belowLivingWage: [], events: [], unprocessedSubmissions: null,
  } as unknown as DashboardModel;

  it('escapes names in HTML and links without a gid when the tab id is unknown', () => {
    const digest = buildDigest(model, { spreadsheetId: 'abc', sheetIds: {} });
    expect(digest.items[0].link).toBe('https://docs.google.com/spreadsheets/d/abc/edit');
    expect(digestHtml(digest)).toContain('Order &lt;cards&gt;');
    expect(digestHtml(digest)).not.toContain('<cards>');
    expect(digestText(digest)).toContain('Order <cards> (Site A) was due 2026-03-01');
  });
});
