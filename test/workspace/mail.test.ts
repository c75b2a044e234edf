// The local Workspace's MailApp follows Google's reference and quotas page: recipients counted per user, the 24-hour window, attachments, and Google's error texts.
import { createWorkspace } from '../../workspace';
import { MAIL_RECIPIENTS_PER_DAY } from '../../workspace/mail';

function mailApp(ws: ReturnType<typeof createWorkspace>): GoogleAppsScript.Mail.MailApp {
  return ws.globals().MailApp as GoogleAppsScript.Mail.MailApp;
}

describe('MailApp', () => {
  it('starts each user at the consumer account figure: 100 recipients a day (1,500 for Google Workspace)', () => {
    expect(MAIL_RECIPIENTS_PER_DAY).toEqual({ consumer: 100, workspace: 1500 });
    const ws = createWorkspace();
    expect(ws.execute(() => mailApp(ws).getRemainingDailyQuota())).toBe(100);
  });

  it('counts recipients (to, cc and bcc) per user, and past the quota throws Google\'s text without sending', () => {
    const ws = createWorkspace({ now: '2026-03-16T17:00:00Z' });
    ws.mail.dailyQuota = 3;
    ws.execute(() => mailApp(ws).sendEmail({ to: 'a@example.org', cc: 'b@example.org', subject: 'S', body: 'B' }), { user: 'one@example.org' });
    expect(ws.execute(() => mailApp(ws).getRemainingDailyQuota(), { user: 'one@example.org' })).toBe(1);
    // Another person's quota is their own.
    expect(ws.execute(() => mailApp(ws).getRemainingDailyQuota(), { user: 'two@example.org' })).toBe(3);
    expect(() => ws.execute(() => mailApp(ws).sendEmail('c@example.org,d@example.org', 'S', 'B'), { user: 'one@example.org' })).toThrow('Service invoked too many times for one day: email.');
    expect(ws.outbox).toHaveLength(1);
    expect(ws.outbox[0]).toMatchObject({ from: 'one@example.org', to: 'a@example.org', cc: 'b@example.org' });
  });

  it('gives the quota back 24 hours after the first email of the window, not at midnight', () => {
    const ws = createWorkspace({ now: '2026-03-16T17:00:00Z' });
    ws.mail.dailyQuota = 1;
    ws.execute(() => mailApp(ws).sendEmail('a@example.org', 'S', 'B'));
    ws.host.setNow('2026-03-17T08:00:00Z');
    expect(ws.execute(() => mailApp(ws).getRemainingDailyQuota())).toBe(0);
    ws.host.setNow('2026-03-17T17:00:00Z');
    expect(ws.execute(() => mailApp(ws).getRemainingDailyQuota())).toBe(1);
  });

  it('refuses an address that is not one with "Invalid email", sending nothing', () => {
    const ws = createWorkspace();
    expect(() => ws.execute(() => mailApp(ws).sendEmail('eli@example', 'S', 'B'))).toThrow('Invalid email: eli@example');
    expect(ws.outbox).toHaveLength(0);
  });

  it('keeps attachments given as Blobs with their name and type', () => {
    const ws = createWorkspace();
    ws.execute(() => {
      const utilities = ws.globals().Utilities as GoogleAppsScript.Utilities.Utilities;
      const pdf = utilities.newBlob('%PDF-1.4 test', 'application/pdf', 'Certificate.pdf');
      mailApp(ws).sendEmail({ to: 'a@example.org', subject: 'S', body: 'B', attachments: [pdf], name: 'Harbour Lights', replyTo: 'hello@example.org' });
    });
    expect(ws.outbox[0]).toMatchObject({ name: 'Harbour Lights', replyTo: 'hello@example.org' });
    expect(ws.outbox[0].attachments.map((a) => [a.name, a.contentType, a.bytes.toString()])).toEqual([['Certificate.pdf', 'application/pdf', '%PDF-1.4 test']]);
  });

  it('needs the script.send_mail scope in the manifest', () => {
    const ws = createWorkspace({ scopes: ['https://www.googleapis.com/auth/spreadsheets'] });
    expect(() => ws.execute(() => mailApp(ws).sendEmail('a@example.org', 'S', 'B'))).toThrow(/script\.send_mail|permission/i);
  });
});
