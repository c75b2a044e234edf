// Reminder actions behind the menu, the Reminders dialog and the time-driven trigger: open the dialog, save the schedule, send now, and the scheduled run.
import { TrackerStore } from '../tracker/store';
import { refreshTracker } from '../tracker/actions';
import { refreshDashboardIn, loadDashboardModel } from '../dashboard/render';
import { lastRuns, sendDigest } from './send';
import { installSchedule, readSchedule, scheduleProblems, spreadsheetForRun } from './trigger';
import type { ReminderSchedule, ReminderSettings, ScheduleResult, SendNowResult, SendResult } from './types';

export type { ScheduleResult } from './types';

/** How many Reminder log rows the dialog shows. */
const RUNS_SHOWN = 3;

/** Menu: ROSE Tracker → Reminders. Opens the dialog (addon/ui/reminders.html); the page loads its data itself. */
export function showRemindersAction(): void {
  const page = HtmlService.createHtmlOutputFromFile('reminders').setWidth(420).setHeight(520);
  SpreadsheetApp.getUi().showModalDialog(page, 'Reminders');
}

/** Dialog call: coordinators from Settings, the saved schedule, the last runs and today's email quota. */
export function reminderSettings(): ReminderSettings {
  const store = TrackerStore.open();
  const settings = store.settings();
  return {
    coordinators: settings.coordinatorEmails,
    schedule: readSchedule(),
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
    recipients: (Array.isArray(schedule.recipients) ? schedule.recipients : []).map((r) => String(r).trim()).filter(Boolean),
  };
  const problems = scheduleProblems(clean, settings.coordinatorEmails);
  if (problems.length) return { ok: false, problems, schedule: clean, installed: false };
  const { installed } = installSchedule(ss, clean, settings.timeZone);
  return { ok: true, problems: [], schedule: clean, installed };
}

const SEND_MESSAGES: Record<SendResult['outcome'], (result: SendResult) => string> = {
  sent: (r) => `Sent ${r.items} item${r.items === 1 ? '' : 's'} to ${r.recipients.join(', ')}.`,
  'nothing to send': () => 'Nothing is overdue or expiring: no email was sent.',
  'quota short': (r) => `Not sent: today's email quota is too short for ${r.recipients.length} recipient${r.recipients.length === 1 ? '' : 's'}. The items are in the Reminder log tab.`,
  'no recipients': () => 'Settings has no coordinator emails: the items are in the Reminder log tab.',
};

/** Menu: ROSE Tracker → Send reminders now, and the dialog's "Send the digest now". */
export function sendRemindersNowAction(): SendNowResult {
  const store = TrackerStore.open();
  const result = sendDigest(store, loadDashboardModel(store.file));
  const message = SEND_MESSAGES[result.outcome](result);
  store.ss.toast(message, 'ROSE Tracker reminders', 10);
  return { ...result, message };
}

/** The time-driven trigger: refresh computed columns and the Dashboard, then send the digest. */
export function runScheduledReminders(e?: { triggerUid?: string }): SendResult {
  const ss = spreadsheetForRun(e);
  refreshTracker(ss);
  const store = TrackerStore.open(ss);
  return sendDigest(store, refreshDashboardIn(store.file));
}
