// Reminder actions behind the menu, the Reminders dialog and the time-driven trigger: open the dialog, save the schedule, send now, and the scheduled run.
import { METADATA_KEYS } from '../core/keys';
import { TrackerStore } from '../tracker/store';
import { checkedCoordinatorsIn } from '../tracker/confirmed';
import type { CoordinatorCheck } from '../tracker/coordinators';
import { refreshTracker } from '../tracker/actions';
import type { TabName } from '../tracker/schema';
import { dashboardModelOf, refreshDashboardIn } from '../dashboard/render';
import { readTracker, sheetsApi } from '../dashboard/read';
import { REMINDER_LOG_TAB, lastRuns, logSkippedRun, sendDigest } from './send';
import { DEFAULT_SCHEDULE, installSchedule, ownerNote, readSchedule, removeOwnTrigger, scheduleFrom, scheduleProblems, spreadsheetForRun, type StoredSchedule } from './trigger';
import { WEEK_DAYS, type ReminderSchedule, type ReminderSettings, type ScheduleResult, type SendNowResult, type SendResult } from './types';

export type { ScheduleResult } from './types';

/**
 * The tabs the digest's items come from: milestones (with their activity's site), certifications
 * (with the person and their topic's validity), contracts and wages (Staff, Settings' living wage),
 * teambuilding days (Events by site), blocked activities and their owners (Action Plan), and Support
 * Requests for a count of new urgent ones (never their details). Wages are on Staff pay and contacts,
 * read in the Staff records workbook once it holds them (one more read). Budget, Expenses and the survey tabs are not read.
 */
export const DIGEST_TABS: readonly TabName[] = ['Settings', 'Sites', 'Action Plan', 'Milestones', 'Staff', 'Staff pay and contacts', 'Training Topics', 'Training Log', 'Events', 'Support Requests', 'Payments'];

/** How many Reminder log rows the dialog shows. */
const RUNS_SHOWN = 3;
/** How long a scheduled run waits for an earlier one of the same person to finish. */
const LOCK_WAIT_MS = 10000;

/** Menu: ROSE Tracker → Reminders. Opens the dialog (addon/ui/reminders.html); the page loads its data itself. */
export function showRemindersAction(): void {
  const page = HtmlService.createHtmlOutputFromFile('reminders').setWidth(420).setHeight(520);
  SpreadsheetApp.getUi().showModalDialog(page, 'Reminders');
}

/** Dialog call: the confirmed coordinators from Settings (and why any other address there is left out), the saved schedule and whose trigger sends it, the last runs and today's email quota. */
export function reminderSettings(): ReminderSettings {
  const store = TrackerStore.open();
  const settings = store.settings();
  const stored = readSchedule(store.ss);
  const { frequency, hour, day, recipients } = stored;
  // Only coordinators a coordinator confirmed are offered; an address typed in since is named instead.
  const check = checkedCoordinatorsIn(store.ss, settings.coordinatorEmails);
  return {
    coordinators: check.trusted,
    refused: check.messages,
    schedule: { frequency, hour, day, recipients },
    scheduleOwner: frequency === 'off' ? '' : stored.owner,
    ownerNote: ownerNote(stored, Session.getEffectiveUser().getEmail()),
    weekDays: WEEK_DAYS.slice(),
    timeZone: settings.timeZone,
    lastRuns: lastRuns(store, RUNS_SHOWN, settings.timeZone),
    quotaLeft: MailApp.getRemainingDailyQuota(),
  };
}

/** Dialog call: saves the schedule and replaces the trigger; plain values in and out (google.script.run safe). */
export function setReminderScheduleAction(schedule: ReminderSchedule): ScheduleResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const settings = TrackerStore.open(ss).settings();
  const clean: ReminderSchedule = {
    frequency: schedule.frequency,
    hour: Number(schedule.hour),
    day: schedule.day || DEFAULT_SCHEDULE.day,
    recipients: (Array.isArray(schedule.recipients) ? schedule.recipients : []).map((r) => String(r).trim()).filter(Boolean),
  };
  const problems = recipientProblems(clean, checkedCoordinatorsIn(ss, settings.coordinatorEmails));
  if (problems.length) return { ok: false, problems, schedule: clean, installed: false };
  const { installed } = installSchedule(ss, clean, settings.timeZone);
  return { ok: true, problems: [], schedule: clean, installed };
}

/**
 * What stops a schedule from being saved. The digest names staff and who is paid below the living
 * wage, so a recipient must be a confirmed coordinator (tracker/coordinators.ts): one that is only
 * typed in Settings is refused with what to do, whatever the dialog sent.
 */
export function recipientProblems(schedule: ReminderSchedule, check: CoordinatorCheck): string[] {
  const unconfirmed = (email: string): number => check.unconfirmed.findIndex((u) => u.toLowerCase() === email.toLowerCase());
  const refused = schedule.recipients.filter((r) => unconfirmed(r) >= 0);
  const problems = refused.map((r) => check.messages[unconfirmed(r)]);
  // Settings may name coordinators none of whom is confirmed yet: then each is named, not "no coordinator emails".
  const rest = scheduleProblems({ ...schedule, recipients: schedule.recipients.filter((r) => refused.indexOf(r) < 0) }, check.trusted)
    .filter((p) => !(check.unconfirmed.length && /no coordinator emails/.test(p)));
  const unnamed = !check.trusted.length && schedule.frequency !== 'off' ? check.messages.filter((m) => problems.indexOf(m) < 0) : [];
  return [...problems, ...rest, ...unnamed];
}

const SEND_MESSAGES: Record<SendResult['outcome'], (result: SendResult) => string> = {
  sent: (r) => `Sent the digest (${r.items} thing${r.items === 1 ? '' : 's'} to look at) to ${r.recipients.join(', ')}.`,
  'nothing to send': () => 'Nothing is overdue or expiring: no email was sent.',
  'quota short': (r) => `Not sent: today's email quota is too short for ${r.recipients.length} recipient${r.recipients.length === 1 ? '' : 's'}. What it says is in the Reminder log tab.`,
  'no recipients': () => 'Settings has no coordinator emails: add them in Settings. What the digest says is in the Reminder log tab.',
  'schedule handed over': () => 'This reminder trigger no longer sends the schedule, so it removed itself.',
  'no schedule': () => 'No reminder schedule is saved where a scheduled run can read it: save it again under ROSE Tracker → Reminders.',
};

/**
 * Menu: ROSE Tracker → Send reminders now, and the dialog's "Send the digest now": one read of the
 * digest's tabs (the schedule and the Reminder log's height come with it), one email per chosen
 * recipient, one write of the log row.
 */
export function sendRemindersNowAction(): SendNowResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const read = readTracker(ss.getId(), DIGEST_TABS, [REMINDER_LOG_TAB]);
  const schedule = scheduleFrom(read.metadata.get(METADATA_KEYS.reminderSchedule)) ?? { ...DEFAULT_SCHEDULE, owner: '', triggerId: '' };
  const result = sendDigest(read, dashboardModelOf(read), schedule);
  const message = [SEND_MESSAGES[result.outcome](result), ...(result.refused ?? [])].join(' ');
  ss.toast(message, 'ROSE Tracker reminders', 10);
  return { ...result, message };
}

/** The stored schedule, read alone (one Sheets API call) so a run that is not the schedule's own stops before it writes anything. */
function storedSchedule(spreadsheetId: string): StoredSchedule | null {
  const file = sheetsApi().Spreadsheets!.get(spreadsheetId, { fields: 'developerMetadata(metadataKey,metadataValue)' });
  const entry = (file.developerMetadata ?? []).filter((m) => m.metadataKey === METADATA_KEYS.reminderSchedule)[0];
  return scheduleFrom(entry ? entry.metadataValue : null);
}

/**
 * The time-driven trigger: refresh computed columns and the Dashboard, then send the digest to the
 * schedule's recipients. An add-on's time-driven run has no active spreadsheet, no document
 * properties and no document lock, so the tracker is opened by the ID recorded for this trigger, the
 * schedule is read from the spreadsheet's developer metadata, and the lock is this user's: the
 * script lock would hold back every organization's runs of the add-on (one project for all), and the
 * runs to keep apart are this trigger's own; another coordinator's trigger stops itself below. The
 * run never touches the UI (a time-driven run has none; getUi throws there).
 */
export function runScheduledReminders(e?: { triggerUid?: string }): SendResult {
  const ss = spreadsheetForRun(e);
  const lock = LockService.getUserLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) throw new Error('ROSE Tracker reminders: an earlier reminder run of yours is still going; this one stopped without sending.');
  try {
    const schedule = storedSchedule(ss.getId());
    const triggerUid = e && e.triggerUid ? e.triggerUid : '';
    // A schedule turned off, or saved since on another trigger (a coordinator took it over): this trigger is not the schedule's any more.
    if (triggerUid && schedule && (schedule.frequency === 'off' || (schedule.triggerId && schedule.triggerId !== triggerUid))) {
      removeOwnTrigger(triggerUid);
      return { outcome: 'schedule handed over', recipients: [], items: 0, text: '' };
    }
    refreshTracker(ss);
    const { read, model } = refreshDashboardIn(ss, [REMINDER_LOG_TAB]);
    if (!schedule) {
      logSkippedRun(read, model, 'Not sent: the schedule was saved by an older version where a scheduled run cannot read it. Save it again under ROSE Tracker → Reminders.');
      return { outcome: 'no schedule', recipients: [], items: 0, text: '' };
    }
    return sendDigest(read, model, schedule);
  } finally {
    lock.releaseLock();
  }
}
