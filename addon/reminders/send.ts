// Sends the reminder digest: checks the email quota first, sends nothing when there is nothing to say, one email per recipient, and records every run in the Reminder log tab in one Sheets API call.
import { WORKING_ORDER, isFormResponsesTab } from '../tracker/tab-order';
import type { TabName } from '../tracker/schema';
import type { TrackerStore } from '../tracker/store';
import type { DashboardModel } from '../dashboard/compute';
import { sheetsApi, tablesOf, type TrackerRead } from '../dashboard/read';
import { serialOf } from '../core/dates';
import { buildDigest, digestHtml, digestText, type Digest, type LinkTargets, type SupportSource } from './digest';
import { attentionOf } from './attention';
import type { StoredSchedule } from './trigger';
import type { ReminderRun, SendOutcome, SendResult } from './types';
import { METADATA_KEYS } from '../core/keys';
import { checkCoordinators, confirmedFromJson } from '../tracker/coordinators';
import { ownerRefusal, senderRefusal } from './sender';
import { readSettings } from '../tracker/settings';
import { evaluatorNote, evaluatorRecipients, followUpReminders, followUpScheduleFromJson } from '../evaluation/reminders';

export type { SendOutcome, SendResult } from './types';

export const REMINDER_LOG_TAB = 'Reminder log';
const LOG_HEADER = ['When', 'Result', 'Recipients', 'Items', 'What the digest says'];
const WHEN_FORMAT = 'yyyy-mm-dd hh:mm';

/** Who receives the digest: the chosen coordinators, or all of them; only addresses still listed as coordinators. */
export function digestRecipients(chosen: string[], coordinatorEmails: string[]): string[] {
  const coordinators = new Map(coordinatorEmails.map((e) => [e.toLowerCase(), e]));
  const picked = chosen.length ? chosen.filter((e) => coordinators.has(e.toLowerCase())) : coordinatorEmails;
  return [...new Set(picked.map((e) => e.trim()))];
}

/** Link targets from the read: the file's ID and the sheet ID of each tab the digest links to (no call). */
function linkTargets(read: TrackerRead, tabs: TabName[]): LinkTargets {
  const sheetIds: LinkTargets['sheetIds'] = {};
  for (const tab of tabs) {
    const sheet = read.sheets.get(tab);
    if (sheet) sheetIds[tab] = sheet.sheetId;
  }
  return { spreadsheetId: read.spreadsheetId, sheetIds };
}

function tabsIn(model: DashboardModel): TabName[] {
  const tabs: TabName[] = [];
  if (model.overdueMilestones.length) tabs.push('Milestones');
  if (model.expiring.length) tabs.push('Training Log');
  if (model.contractsEnding.length || model.belowLivingWage.length || model.contractsMissing.length) tabs.push('Staff');
  tabs.push('Action Plan');
  if (model.events.some((e) => e.teambuildingOverdue)) tabs.push('Sites');
  return tabs;
}

const SUPPORT_TAB = 'Support Requests';

/**
 * Where the count of new urgent support requests comes from: the tracker's tab, or, once Set up
 * private workbooks linked the Support requests workbook, that workbook's rows as `read.linked` holds
 * them (readLinkedWorkbooks: one values.batchGet). Only a count and a link to the workbook leave it;
 * the tracker's emptied tab is not counted then. Unreadable: one line naming the runner instead of zero.
 */
function supportOf(read: TrackerRead, runner: string): { tables: ReturnType<typeof tablesOf>; source: SupportSource } {
  const tables = tablesOf(read, ['Sites', 'Milestones', 'Action Plan', SUPPORT_TAB, 'Staff', 'Payments', 'Settings']);
  const workbookId = read.metadata.get(METADATA_KEYS.supportWorkbook);
  const linked = workbookId ? read.linked?.get(SUPPORT_TAB) : undefined;
  if (!workbookId || !linked) return { tables, source: { in: 'tracker' } };
  const link = `https://docs.google.com/spreadsheets/d/${workbookId}/edit`;
  delete tables[SUPPORT_TAB];
  if ('unreadable' in linked) return { tables, source: { in: 'unreadable', link, runner } };
  const workbook = tablesOf({ ...read, values: new Map([[SUPPORT_TAB, linked.values]]) }, [SUPPORT_TAB]);
  return { tables: { ...tables, ...workbook }, source: { in: 'workbook', link } };
}

/** The follow-up survey reminders on the model's day, from the schedule the last Evaluation report kept (no survey answer is read). */
function followUpsFor(read: TrackerRead, model: DashboardModel): string[] {
  const settings = readSettings(tablesOf(read, ['Settings']).Settings);
  const record = followUpScheduleFromJson(read.metadata.get(METADATA_KEYS.followUpSchedule));
  return followUpReminders(record, model.today, { followUpOpenDays: settings.followUpOpenDays, reminderLeadDays: settings.reminderLeadDays }).map((r) => r.message);
}

/** The digest for a model, with links into the file read; `runner` is who the digest goes out from (named when they cannot read the Support requests workbook). */
export function digestFor(read: TrackerRead, model: DashboardModel, runner = ''): Digest {
  const { tables, source } = supportOf(read, runner);
  const attention = attentionOf(tables, model.today, model.leadDays);
  const tabs = tabsIn(model);
  if (attention.exemption.near) tabs.push('Payments');
  if (attention.idCards.length && !tabs.includes('Staff')) tabs.push('Staff');
  return buildDigest(model, linkTargets(read, tabs), attention, followUpsFor(read, model), source);
}

/**
 * The evaluator's own email about the follow-up surveys (no staff names, no answers: only dates and
 * shown counts per site), to the Evaluator emails a confirmed coordinator's Evaluation report listed.
 * Sent only when there is something to say and the day's quota covers it and the coordinators' digest.
 */
function sendEvaluatorNote(read: TrackerRead, model: DashboardModel, trusted: string[], coordinatorEmails: number): SendResult['evaluator'] | undefined {
  const settings = readSettings(tablesOf(read, ['Settings']).Settings);
  const record = followUpScheduleFromJson(read.metadata.get(METADATA_KEYS.followUpSchedule));
  const reminders = followUpReminders(record, model.today, { followUpOpenDays: settings.followUpOpenDays, reminderLeadDays: settings.reminderLeadDays });
  if (!reminders.length) return undefined;
  const { recipients } = evaluatorRecipients(record, settings.evaluatorEmails, trusted);
  const messages = reminders.map((r) => r.message);
  if (!recipients.length) return { recipients, reminders: messages, sent: false };
  if (MailApp.getRemainingDailyQuota() < recipients.length + coordinatorEmails) return { recipients, reminders: messages, sent: false };
  const note = evaluatorNote(reminders, model.organizationName, model.today);
  for (const to of recipients) MailApp.sendEmail({ to, subject: note.subject, body: note.body, name: 'ROSE Tracker' });
  return { recipients, reminders: messages, sent: true };
}

const text = (value: string): GoogleAppsScript.Sheets.Schema.CellData => ({ userEnteredValue: { stringValue: value } });

/**
 * Where a new Reminder log goes so the tabs stay in working order (tab-order.ts) without a second
 * read and move: before the first tab that comes after it (a later tracker tab, a person's own tab,
 * a form's responses tab), or last.
 */
function logIndex(read: TrackerRead): number {
  const rank = (title: string): number => {
    const ours = WORKING_ORDER.indexOf(title);
    return ours >= 0 ? ours : WORKING_ORDER.length + (isFormResponsesTab(title) ? 1 : 0);
  };
  const mine = rank(REMINDER_LOG_TAB);
  const layouts = [...new Map([...read.sheets.values()].map((s) => [s.sheetId, s])).values()];
  const after = layouts.filter((s) => rank(s.title) > mine).map((s) => s.index);
  return after.length ? Math.min(...after) : layouts.length;
}

/** A sheet ID no sheet of the file has, for a tab added and written in the same batch (the API takes one "if set, … must not conflict"). */
function freeSheetId(read: TrackerRead): number {
  const taken = new Set([...read.sheets.values()].map((s) => s.sheetId));
  let id = 1 + Math.floor(Math.random() * 2000000000);
  while (taken.has(id)) id += 1;
  return id;
}

/**
 * What the Reminder log keeps of a digest. The log is a tab of the tracker, which every site lead it
 * is shared with reads, so who is paid below the living wage (pay, kept in the Staff records
 * workbook) is logged as a count; the email itself goes only to confirmed coordinators.
 */
export function logLines(digest: Digest): string[] {
  const wage = digest.items.filter((i) => i.kind === 'wage').length;
  const lines = digest.items.filter((i) => i.kind !== 'wage').map((i) => i.text);
  if (wage) lines.push(`${wage} ${wage === 1 ? 'person' : 'people'} paid below the living wage (names in the email to the coordinators)`);
  return lines;
}

/**
 * Appends one row to the Reminder log in one batchUpdate, the tab added with its header the first
 * time. The row goes under the last one read (column A, read with the tracker), text as written.
 */
function logRun(read: TrackerRead, when: Date, outcome: string, recipients: string[], digest: Digest): void {
  const requests: GoogleAppsScript.Sheets.Schema.Request[] = [];
  let log = read.sheets.get(REMINDER_LOG_TAB);
  let height = (read.values.get(REMINDER_LOG_TAB) ?? []).length;
  if (!log) {
    log = { sheetId: freeSheetId(read), title: REMINDER_LOG_TAB, rowCount: 1000, columnCount: LOG_HEADER.length, index: logIndex(read), charts: [] };
    requests.push({ addSheet: { properties: { sheetId: log.sheetId, title: REMINDER_LOG_TAB, index: log.index, gridProperties: { rowCount: log.rowCount, columnCount: log.columnCount, frozenRowCount: 1 } } } });
    requests.push({ updateCells: { start: { sheetId: log.sheetId, rowIndex: 0, columnIndex: 0 }, fields: 'userEnteredValue', rows: [{ values: LOG_HEADER.map(text) }] } });
    // "When" holds a date and time, too wide for Sheets' default 100 px (a printed copy shows ### for it).
    requests.push({ updateDimensionProperties: { range: { sheetId: log.sheetId, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 }, properties: { pixelSize: 150 }, fields: 'pixelSize' } });
    height = 1;
  }
  height = Math.max(1, height);
  if (height + 1 > log.rowCount) requests.push({ appendDimension: { sheetId: log.sheetId, dimension: 'ROWS', length: height + 1 - log.rowCount } });
  // Cells hold at most 50,000 characters; a long digest is cut with a pointer to the Dashboard.
  let summary = logLines(digest).join('\n');
  if (summary.length > 45000) summary = `${summary.slice(0, 45000)}\n… and more: see the Dashboard.`;
  const row: GoogleAppsScript.Sheets.Schema.CellData[] = [
    { userEnteredValue: { numberValue: serialOf(when, read.timeZone) }, userEnteredFormat: { numberFormat: { type: 'DATE_TIME', pattern: WHEN_FORMAT } } },
    text(outcome), text(recipients.join(', ')), { userEnteredValue: { numberValue: digest.items.length } }, summary ? text(summary) : {},
  ];
  requests.push({ updateCells: { start: { sheetId: log.sheetId, rowIndex: height, columnIndex: 0 }, fields: 'userEnteredValue,userEnteredFormat.numberFormat', rows: [{ values: row }] } });
  sheetsApi().Spreadsheets!.batchUpdate({ requests }, read.spreadsheetId);
}

/**
 * Sends the digest for a computed model to the schedule's recipients (all coordinators when none are
 * chosen). Nothing to say: no email. Fewer emails left today than recipients: no email, and the
 * digest goes into the Reminder log instead. Never touches the UI: a time-driven run has none.
 */
export function sendDigest(read: TrackerRead, model: DashboardModel, schedule: StoredSchedule, sender: string): SendResult {
  const now = new Date();
  // The digest names staff and who is paid below the living wage: only confirmed coordinators get it,
  // whatever the Settings cell says now (someone may have typed an address there), and only one of
  // them sends it, since it goes out from the sender's account (sender.ts).
  const check = checkCoordinators(model.coordinatorEmails, confirmedFromJson(read.metadata.get(METADATA_KEYS.confirmedCoordinators)));
  // With no coordinator confirmed there are no recipients either: what follows sends nothing and says so.
  if (check.trusted.length && senderRefusal(sender, check)) {
    logRefusedRun(read, ownerRefusal(sender));
    return { outcome: 'not a coordinator', recipients: [], items: 0, text: '' };
  }
  const digest = digestFor(read, model, sender);
  const body = digestText(digest);
  const recipients = digestRecipients(schedule.recipients, check.trusted);
  const refused = check.messages;
  const evaluator = sendEvaluatorNote(read, model, check.trusted, digest.items.length ? recipients.length : 0);
  const result = (outcome: SendOutcome): SendResult => ({ outcome, recipients, items: digest.items.length, text: body, ...(refused.length ? { refused } : {}), ...(evaluator ? { evaluator } : {}) });
  const noted = (outcome: string): string => (refused.length ? `${outcome}. ${refused.join(' ')}` : outcome);
  if (!digest.items.length) {
    logRun(read, now, noted('Nothing to report: no email sent'), recipients, digest);
    return result('nothing to send');
  }
  if (!recipients.length) {
    logRun(read, now, noted(refused.length ? 'Not sent: Settings has no confirmed coordinator emails' : 'Not sent: Settings has no coordinator emails'), recipients, digest);
    return result('no recipients');
  }
  const quota = MailApp.getRemainingDailyQuota();
  if (quota < recipients.length) {
    logRun(read, now, noted(`Not sent: the daily email quota has ${quota} left and this needs ${recipients.length}. What it says is here.`), recipients, digest);
    return result('quota short');
  }
  // One email per recipient: each gets their own copy, and nobody sees the others' addresses.
  const html = digestHtml(digest);
  for (const to of recipients) MailApp.sendEmail({ to, subject: digest.subject, body, htmlBody: html, name: 'ROSE Tracker' });
  logRun(read, now, noted('Sent'), recipients, digest);
  return result('sent');
}

/** A run that sends nothing because the schedule it came from is gone or is another trigger's: one log row says so. */
export function logSkippedRun(read: TrackerRead, model: DashboardModel, outcome: string): void {
  logRun(read, new Date(), outcome, [], digestFor(read, model));
}

/** A run that sends nothing because the person it would go out from is not a confirmed coordinator: one log row says why, and nothing of the digest. */
export function logRefusedRun(read: TrackerRead, outcome: string): void {
  logRun(read, new Date(), outcome, [], { subject: '', intro: '', items: [] });
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
