// MailApp of the local Workspace: messages kept in an outbox with their sender and attachments, and the daily recipient quota per user.
//
// Sources:
// - MailApp reference (developers.google.com/apps-script/reference/mail/mail-app): sendEmail(message),
//   sendEmail(recipient, subject, body[, options]) and sendEmail(to, replyTo, subject, body); options
//   attachments (BlobSource[]), bcc, cc, htmlBody, name, noReply, replyTo; getRemainingDailyQuota()
//   "returns the number of recipients you can send emails to for the rest of the day … Quotas are based
//   on the number of email recipients". Every method needs https://www.googleapis.com/auth/script.send_mail.
// - Quotas for Google services (developers.google.com/apps-script/guides/services/quotas): email
//   recipients per day 100 for consumer accounts (gmail.com), 1,500 for Google Workspace accounts;
//   "Quotas are per user and reset 24 hours after the first request"; past a quota "your script throws
//   an exception and execution stops". The text of that exception for mail, "Service invoked too many
//   times for one day: email.", is quoted in public issue threads of mail scripts (Google's page gives
//   the pattern "Service invoked too many times").
// - A malformed address fails the call with "Invalid email: <address>" (quoted in public issue
//   threads); Google does not document which addresses it accepts, so the model takes the stricter
//   reading: one "@", no spaces, a dot in the domain.
// Google is silent on whether a recipient counts when the call fails; the model counts only sent mail.
import type { Host } from './host';
import { unwrap } from './expose';
import { BlobImpl } from './basics';

/** Email recipients a day (quotas page): consumer accounts and Google Workspace accounts. */
export const MAIL_RECIPIENTS_PER_DAY = { consumer: 100, workspace: 1500 } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SentAttachment {
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface SentMail {
  /** Who sent it: the effective user of the execution. */
  from: string;
  to: string;
  cc?: string;
  bcc?: string;
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  attachments: SentAttachment[];
  at: Date;
}

type MessageOptions = Record<string, unknown>;

function addressesIn(value: unknown): string[] {
  return String(value ?? '').split(',').map((r) => r.trim()).filter(Boolean);
}

function attachmentOf(blob: unknown): SentAttachment {
  const inner = unwrap(blob as object) as unknown;
  if (!(inner instanceof BlobImpl)) {
    // A BlobSource (a Drive file, a document) is accepted by Google; ROSE Tracker sends Blobs, and other sources are not modelled.
    throw new Error('The local Workspace models MailApp attachments given as Blobs only.');
  }
  return { name: inner._name ?? 'attachment', contentType: inner._contentType ?? 'application/octet-stream', bytes: Buffer.from(inner._bytes) };
}

export class MailAppImpl {
  /** Recipients a day for every user: a consumer account's figure unless a test sets the Workspace one (or a small one). */
  dailyQuota: number = MAIL_RECIPIENTS_PER_DAY.consumer;
  /** When each user's current 24-hour quota window began (their first send in it). */
  private readonly windowStart = new Map<string, number>();

  constructor(private readonly host: Host, readonly _outbox: SentMail[]) {}

  sendEmail(first: string | MessageOptions, second?: string, third?: string, fourth?: string | MessageOptions): void {
    this.host.requireAuthorization('MailApp.sendEmail');
    this.host.requireScope('MailApp.sendEmail', ['script.send_mail']);
    let message: MessageOptions;
    if (typeof first !== 'string') message = first;
    else if (typeof fourth === 'string') message = { to: first, replyTo: second, subject: third, body: fourth };
    else message = { ...(fourth ?? {}), to: first, subject: second ?? '', body: third ?? '' };
    const recipients = ['to', 'cc', 'bcc'].flatMap((key) => addressesIn(message[key]));
    if (recipients.length === 0) throw new Error('Failed to send email: no recipient');
    for (const r of recipients) if (!/^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$/.test(r)) throw new Error(`Invalid email: ${r}`);
    if (recipients.length > this.getRemainingDailyQuota()) throw new Error('Service invoked too many times for one day: email.');
    const attachments = Array.isArray(message.attachments) ? message.attachments.map(attachmentOf) : [];
    const user = this.host.activeUser;
    const now = this.host.now();
    if (!this.windowStart.has(user) || now.getTime() - (this.windowStart.get(user) as number) >= DAY_MS) this.windowStart.set(user, now.getTime());
    const text = (key: string): string | undefined => (message[key] === undefined ? undefined : String(message[key]));
    this._outbox.push({
      from: user, to: addressesIn(message.to).join(','), cc: text('cc'), bcc: text('bcc'), subject: text('subject') ?? '', body: text('body') ?? '',
      htmlBody: text('htmlBody'), name: text('name'), replyTo: text('replyTo'), attachments, at: now,
    });
  }

  /** The recipients this user may still send to before their window, 24 hours from its first send, ends. */
  getRemainingDailyQuota(): number {
    const user = this.host.activeUser;
    const start = this.windowStart.get(user);
    const now = this.host.now().getTime();
    if (start === undefined || now - start >= DAY_MS) return this.dailyQuota;
    const sent = this._outbox
      .filter((m) => m.from === user && m.at.getTime() >= start)
      .reduce((n, m) => n + [m.to, m.cc, m.bcc].flatMap(addressesIn).length, 0);
    return Math.max(0, this.dailyQuota - sent);
  }
}
