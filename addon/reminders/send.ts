// Sends the reminder digest: checks the email quota first, sends nothing when there is nothing to say, and records every run in the Reminder log tab.
import type { TrackerStore } from '../tracker/store';
import type { TabName } from '../tracker/schema';
import type { DashboardModel } from '../dashboard/compute';
import { buildDigest, digestHtml, digestText, type Digest, type LinkTargets } from './digest';
import { readSchedule } from './trigger';
import type { ReminderRun, SendOutcome, SendResult } from './types';

export type { SendOutcome, SendResult } from './types';

export const REMINDER_LOG_TAB = 'Reminder log';
const LOG_HEADER = ['When', 'Result', 'Recipients', 'Items', 'What the digest says'];

/** Who receives the digest: the chosen coordinators, or all of them; only addresses still listed as coordinators. */
export function digestRecipients(chosen: string[], coordinatorEmails: string[]): string[] {
  const coordinators = new Map(coordinatorEmails.map((e) => [e.toLowerCase(), e]));
  const picked = chosen.length ? chosen.filter((e) => coordinators.has(e.toLowerCase())) : coordinatorEmails;
  return [...new Set(picked.map((e) => e.trim()))];
}

/** Sheet ids of only the tabs the digest links to (one call each). */
function linkTargets(store: TrackerStore, tabs: TabName[]): LinkTargets {
  const sheetIds: LinkTargets['sheetIds'] = {};
  for (const tab of tabs) {
    const sheet = store.sheet(tab);
    if (sheet) sheetIds[tab] = sheet.getSheetId();
  }
  return { spreadsheetId: store.ss.getId(), sheetIds };
}

function tabsIn(model: DashboardModel): TabName[] {
  const tabs: TabName[] = [];
  if (model.overdueMilestones.length) tabs.push('Milestones');
  if (model.expiring.length) tabs.push('Training Log');
  if (model.contractsEnding.length || model.belowLivingWage.length) tabs.push('Staff');
  if (model.events.some((e) => e.teambuildingOverdue)) tabs.push('Sites');
  return tabs;
}

/** The digest for a model, with links into this file. */
export function digestFor(store: TrackerStore, model: DashboardModel): Digest {
  return buildDigest(model, linkTargets(store, tabsIn(model)));
}

/** Appends one row to the Reminder log (creating the tab the first time): a read of its height and one write. */
function logRun(store: TrackerStore, when: Date, outcome: string, recipients: string[], digest: Digest): void {
  const existed = store.sheet(REMINDER_LOG_TAB) !== undefined;
  const log = store.ownedTab(REMINDER_LOG_TAB, LOG_HEADER[0], store.file.sheets.size);
  if (!existed) {
    log.getRange(1, 1, 1, LOG_HEADER.length).setValues([LOG_HEADER]);
    log.setFrozenRows(1);
    // "When" holds a date and time, too wide for Sheets' default 100 px (a printed copy shows ### for it).
    log.setColumnWidth(1, 150);
  }
  const row = Math.max(1, log.getLastRow()) + 1;
  if (row > log.getMaxRows()) log.insertRowsAfter(log.getMaxRows(), 1);
  // Cells hold at most 50,000 characters; a long digest is cut with a pointer to the Dashboard.
  let summary = digest.items.map((i) => i.text).join('\n');
  if (summary.length > 45000) summary = `${summary.slice(0, 45000)}\n… and more: see the Dashboard.`;
  log.getRange(row, 1, 1, LOG_HEADER.length).setValues([[when, `'${outcome}`, `'${recipients.join(', ')}`, digest.items.length, summary ? `'${summary}` : '']]);
}

/**
 * Sends the digest for a computed model. Nothing to say: no email. Fewer emails left today than
 * recipients: no email, and the digest goes into the Reminder log instead with a toast saying so.
 */
export function sendDigest(store: TrackerStore, model: DashboardModel): SendResult {
  const now = new Date();
  const digest = digestFor(store, model);
  const text = digestText(digest);
  const schedule = readSchedule();
  const recipients = digestRecipients(schedule.recipients, model.coordinatorEmails);
  const result = (outcome: SendOutcome): SendResult => ({ outcome, recipients, items: digest.items.length, text });
  if (!digest.items.length) {
    logRun(store, now, 'Nothing to report: no email sent', recipients, digest);
    return result('nothing to send');
  }
  if (!recipients.length) {
    logRun(store, now, 'Not sent: Settings has no coordinator emails', recipients, digest);
    store.ss.toast('Reminders were not sent: add coordinator emails in Settings. The list is in the Reminder log tab.', 'ROSE Tracker reminders', 10);
    return result('no recipients');
  }
  const quota = MailApp.getRemainingDailyQuota();
  if (quota < recipients.length) {
    logRun(store, now, `Not sent: the daily email quota has ${quota} left and this needs ${recipients.length}. The items are listed here.`, recipients, digest);
    store.ss.toast(`Reminders were not emailed today (email quota used up). ${digest.items.length} item(s) are in the Reminder log tab.`, 'ROSE Tracker reminders', 10);
    return result('quota short');
  }
  MailApp.sendEmail({ to: recipients.join(','), subject: digest.subject, body: text, htmlBody: digestHtml(digest), name: 'ROSE Tracker' });
  logRun(store, now, 'Sent', recipients, digest);
  return result('sent');
}

/** Log rows (When, Result, Recipients, Items) as the dialog shows them, newest first (pure). */
export function runsFromLog(rows: unknown[][], formatWhen: (when: Date) => string): ReminderRun[] {
  return rows
    .filter((row) => row.some((cell) => cell !== '' && cell !== null))
    .map((row) => ({
      when: row[0] instanceof Date ? formatWhen(row[0]) : String(row[0] ?? ''),
      result: String(row[1] ?? ''),
      items: Number(row[3]) || 0,
    }))
    .reverse();
}

/** The last `count` runs from the Reminder log tab: one read of its height and one read of the rows. */
export function lastRuns(store: TrackerStore, count: number, timeZone: string): ReminderRun[] {
  const log = store.sheet(REMINDER_LOG_TAB);
  if (!log) return [];
  const last = log.getLastRow();
  if (last < 2) return [];
  const first = Math.max(2, last - count + 1);
  const rows = log.getRange(first, 1, last - first + 1, 4).getValues();
  return runsFromLog(rows, (when) => Utilities.formatDate(when, timeZone, 'yyyy-MM-dd HH:mm'));
}
