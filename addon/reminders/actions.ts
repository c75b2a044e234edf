// Reminder actions behind the menu and the time-driven trigger: choose recipients and schedule, send now, and the scheduled run.
import { openTracker, readTables } from '../tracker/sheets';
import { readSettings } from '../tracker/settings';
import { refreshTracker } from '../tracker/actions';
import { refreshDashboardIn, loadDashboardModel } from '../dashboard/render';
import { sendDigest, type SendResult } from './send';
import { installSchedule, parseFrequency, readSchedule, scheduleProblems, spreadsheetForRun, type ReminderSchedule } from './trigger';

export interface ScheduleResult {
  ok: boolean;
  problems: string[];
  schedule: ReminderSchedule;
  installed: boolean;
}

/** Sidebar or prompt: saves the schedule and replaces the trigger; plain values in and out (google.script.run safe). */
export function setReminderScheduleAction(schedule: ReminderSchedule): ScheduleResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const tables = readTables(openTracker(ss), ['Settings']);
  const settings = readSettings(tables.Settings);
  const clean: ReminderSchedule = {
    frequency: schedule.frequency,
    hour: Number(schedule.hour),
    recipients: (Array.isArray(schedule.recipients) ? schedule.recipients : []).map((r) => String(r).trim()).filter(Boolean),
  };
  const problems = scheduleProblems(clean, settings.coordinatorEmails);
  if (problems.length) return { ok: false, problems, schedule: clean, installed: false };
  const { installed } = installSchedule(ss, clean);
  return { ok: true, problems: [], schedule: clean, installed };
}

/** Menu: ROSE Tracker → Reminders. Two short questions; Cancel at either leaves everything as it was. */
export function showRemindersAction(): ScheduleResult | null {
  const ui = SpreadsheetApp.getUi();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const settings = readSettings(readTables(openTracker(ss), ['Settings']).Settings);
  const current = readSchedule();
  if (!settings.coordinatorEmails.length) {
    ui.alert('Reminders', 'Add coordinator emails in the Settings tab first: reminders go only to coordinators.', ui.ButtonSet.OK);
    return null;
  }
  const who = ui.prompt('Reminders: who receives them',
    `Coordinators in Settings: ${settings.coordinatorEmails.join(', ')}.\n\nType the emails that should receive the digest, separated by commas, or leave blank for all of them.`
    + (current.recipients.length ? `\nNow: ${current.recipients.join(', ')}` : ''), ui.ButtonSet.OK_CANCEL);
  if (who.getSelectedButton() !== ui.Button.OK) return null;
  const when = ui.prompt('Reminders: how often',
    `Type "daily", "weekly" or "off", with the hour to send (0-23), e.g. "daily 8". Now: ${current.frequency}${current.frequency === 'off' ? '' : ` at ${current.hour}`}.`,
    ui.ButtonSet.OK_CANCEL);
  if (when.getSelectedButton() !== ui.Button.OK) return null;
  const frequency = parseFrequency(when.getResponseText() || current.frequency);
  if (!frequency) {
    ui.alert('Reminders', `"${when.getResponseText()}" is not a choice: nothing was changed. Type daily, weekly or off, and an hour.`, ui.ButtonSet.OK);
    return null;
  }
  const recipients = who.getResponseText().split(',').map((e) => e.trim()).filter(Boolean);
  const result = setReminderScheduleAction({ ...frequency, recipients });
  if (!result.ok) ui.alert('Reminders: nothing was changed', result.problems.join('\n'), ui.ButtonSet.OK);
  else ss.toast(result.installed ? `Reminders: ${result.schedule.frequency} at ${result.schedule.hour}:00.` : 'Reminders are off.', 'ROSE Tracker', 5);
  return result;
}

/** Menu: ROSE Tracker → Send reminders now. */
export function sendRemindersNowAction(): SendResult {
  const file = openTracker();
  const result = sendDigest(file, loadDashboardModel(file));
  const messages: Record<SendResult['outcome'], string> = {
    sent: `Sent ${result.items} item(s) to ${result.recipients.join(', ')}.`,
    'nothing to send': 'Nothing is overdue or expiring: no email was sent.',
    'quota short': 'The daily email quota is used up: the items are in the Reminder log tab.',
    'no recipients': 'Settings has no coordinator emails: the items are in the Reminder log tab.',
  };
  file.ss.toast(messages[result.outcome], 'ROSE Tracker reminders', 10);
  return result;
}

/** The time-driven trigger: refresh computed columns and the Dashboard, then send the digest. */
export function runScheduledReminders(e?: { triggerUid?: string }): SendResult {
  const ss = spreadsheetForRun(e);
  refreshTracker(ss);
  const file = openTracker(ss);
  return sendDigest(file, refreshDashboardIn(file));
}
