// The reminder schedule: who receives the digest and how often, kept in the spreadsheet's developer metadata, and the one time-driven trigger that sends it.
//
// Editor add-on rules (FACTS: Apps Script limits): one installable trigger of each type per user per
// document, and a time-driven trigger fires at most hourly. So the old trigger is deleted before a new
// one is created, and schedules are daily or weekly at an hour.

import { METADATA_KEYS, PROPERTY_KEYS, propertyKey } from '../core/keys';
import { WEEK_DAYS, type ReminderSchedule, type WeekDayName } from './types';

export type { Frequency, ReminderSchedule, WeekDayName } from './types';

export const REMINDER_HANDLER = 'runDailyReminders';

export const DEFAULT_SCHEDULE: ReminderSchedule = { frequency: 'off', hour: 8, day: 'MONDAY', recipients: [] };

/** What setup turns on for the coordinator running it when no schedule is saved yet: every Monday at 8:00. */
export const SETUP_SCHEDULE: Omit<ReminderSchedule, 'recipients'> = { frequency: 'weekly', hour: 8, day: 'MONDAY' };

const isWeekDay = (day: unknown): day is WeekDayName => typeof day === 'string' && (WEEK_DAYS as readonly string[]).indexOf(day) >= 0;

/** Checks a schedule from a dialog or sidebar; returns the problems in plain words (pure). */
export function scheduleProblems(schedule: ReminderSchedule, coordinatorEmails: string[]): string[] {
  const problems: string[] = [];
  if (['daily', 'weekly', 'off'].indexOf(schedule.frequency) < 0) problems.push(`"${schedule.frequency}" is not a choice: use daily, weekly or off.`);
  if (!Number.isInteger(schedule.hour) || schedule.hour < 0 || schedule.hour > 23) problems.push('The hour must be a whole number from 0 to 23.');
  if (schedule.frequency === 'weekly' && !isWeekDay(schedule.day)) problems.push(`"${String(schedule.day)}" is not a day of the week: choose Monday to Sunday.`);
  const known = coordinatorEmails.map((e) => e.toLowerCase());
  for (const email of schedule.recipients) {
    if (known.indexOf(email.toLowerCase()) < 0) problems.push(`${email} is not a coordinator in Settings: reminders go only to coordinators.`);
  }
  if (schedule.frequency !== 'off' && !coordinatorEmails.length) problems.push('Settings has no coordinator emails yet: add them first.');
  return problems;
}

/** Where the schedule lives, and who keeps it: the schedule plus the trigger that sends it and that trigger's owner. */
export interface StoredSchedule extends ReminderSchedule {
  /** The email of the person whose trigger sends the digest ('' when none). */
  owner: string;
  /** The unique ID of that trigger ('' when none). */
  triggerId: string;
}

const NO_SCHEDULE: StoredSchedule = { ...DEFAULT_SCHEDULE, owner: '', triggerId: '' };

/** A stored schedule's text read (pure); anything unreadable is no schedule. */
export function parseSchedule(raw: string | null | undefined): StoredSchedule | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<StoredSchedule>;
    return {
      frequency: parsed.frequency === 'daily' || parsed.frequency === 'weekly' ? parsed.frequency : 'off',
      hour: typeof parsed.hour === 'number' ? parsed.hour : DEFAULT_SCHEDULE.hour,
      // Saved before weekly digests had a day: Monday, as a new one.
      day: isWeekDay(parsed.day) ? parsed.day : DEFAULT_SCHEDULE.day,
      recipients: Array.isArray(parsed.recipients) ? parsed.recipients.filter((r): r is string => typeof r === 'string') : [],
      owner: typeof parsed.owner === 'string' ? parsed.owner : '',
      triggerId: typeof parsed.triggerId === 'string' ? parsed.triggerId : '',
    };
  } catch {
    return null;
  }
}

/**
 * The schedule is kept in the spreadsheet's developer metadata, not in document properties: a
 * time-driven run of an add-on has no document properties (PropertiesService.getDocumentProperties
 * is null without a document), but metadata travels with the file and the run reads it through the
 * Sheets API with the rest of the tracker.
 */
function scheduleEntry(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Spreadsheet.DeveloperMetadata | undefined {
  return ss.getDeveloperMetadata().filter((m) => m.getKey() === METADATA_KEYS.reminderSchedule)[0];
}

/**
 * The stored schedule from its metadata value, or else older versions' copy in document properties,
 * which only a run inside the document can read (an add-on's time-driven run gets null there).
 */
export function scheduleFrom(raw: string | null | undefined): StoredSchedule | null {
  const stored = parseSchedule(raw);
  if (stored) return stored;
  const properties = PropertiesService.getDocumentProperties();
  const legacy = parseSchedule(properties ? properties.getProperty(PROPERTY_KEYS.reminderSchedule) : null);
  return legacy ? { ...legacy, owner: '', triggerId: '' } : null;
}

/** The schedule as the Reminders dialog shows it; none saved is "off". */
export function readSchedule(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): StoredSchedule {
  return scheduleFrom(scheduleEntry(ss)?.getValue()) ?? { ...NO_SCHEDULE };
}

function storeSchedule(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, schedule: StoredSchedule): void {
  const value = JSON.stringify(schedule);
  const entry = scheduleEntry(ss);
  if (entry) entry.setValue(value);
  else ss.addDeveloperMetadata(METADATA_KEYS.reminderSchedule, value, SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
  // The older copy is gone once the schedule is where every run can read it.
  const properties = PropertiesService.getDocumentProperties();
  if (properties) properties.deleteProperty(PROPERTY_KEYS.reminderSchedule);
}

/**
 * Saves the schedule and replaces this user's reminder trigger in this document: deletes the old one
 * first (the add-on limit allows one time-driven trigger per user per document), then creates one.
 * The hour is in `timeZone` (the tracker's, from Settings): without inTimezone a clock trigger
 * follows the script's time zone, which is the developer's, not the organization's. The stored
 * schedule names the new trigger, so another coordinator's older trigger knows at its next run that
 * the schedule is no longer its own (runScheduledReminders).
 */
export function installSchedule(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, schedule: ReminderSchedule, timeZone: string): { installed: boolean; replaced: number } {
  const userProperties = PropertiesService.getUserProperties();
  let replaced = 0;
  for (const trigger of ScriptApp.getUserTriggers(ss)) {
    if (trigger.getHandlerFunction() !== REMINDER_HANDLER) continue;
    userProperties.deleteProperty(propertyKey('reminderTrigger', trigger.getUniqueId()));
    ScriptApp.deleteTrigger(trigger);
    replaced += 1;
  }
  const owner = Session.getEffectiveUser().getEmail();
  if (schedule.frequency === 'off') {
    storeSchedule(ss, { ...schedule, owner: '', triggerId: '' });
    return { installed: false, replaced };
  }
  // A weekly digest runs on its day (onWeekDay; https://developers.google.com/apps-script/reference/script/clock-trigger-builder).
  const clock = ScriptApp.newTrigger(REMINDER_HANDLER).timeBased();
  const timed = schedule.frequency === 'weekly' ? clock.everyWeeks(1).onWeekDay(ScriptApp.WeekDay[schedule.day]) : clock.everyDays(1);
  const trigger = timed.atHour(schedule.hour).inTimezone(timeZone).create();
  // Time-driven runs have no active spreadsheet in an add-on: this user property says which one it is for.
  userProperties.setProperty(propertyKey('reminderTrigger', trigger.getUniqueId()), ss.getId());
  storeSchedule(ss, { ...schedule, owner, triggerId: trigger.getUniqueId() });
  return { installed: true, replaced };
}

/** Google's words when the person a run is for can no longer open the file (SpreadsheetApp.openById). */
const NO_ACCESS = /do not have permission|not found|Unexpected error while getting the method or property openById/i;

/** Removes the trigger a run came from, and its record: only its owner can, and the run is theirs. */
export function removeOwnTrigger(triggerUid: string): void {
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (trigger.getUniqueId() === triggerUid) ScriptApp.deleteTrigger(trigger);
  }
  PropertiesService.getUserProperties().deleteProperty(propertyKey('reminderTrigger', triggerUid));
}

/**
 * The spreadsheet a reminder run is for: the active one (a script bound to the Sheet, or a run from
 * the menu), or the one recorded for the trigger that fired, opened by ID (an add-on's time-driven
 * run has no active spreadsheet). A trigger whose owner can no longer open the tracker (they left
 * the organization, or the file is gone) removes itself rather than fail every day unseen.
 */
export function spreadsheetForRun(e?: { triggerUid?: string }): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const active = SpreadsheetApp.getActiveSpreadsheet();
  if (active) return active;
  const id = e && e.triggerUid ? PropertiesService.getUserProperties().getProperty(propertyKey('reminderTrigger', e.triggerUid)) : null;
  if (!id) throw new Error('ROSE Tracker reminders could not tell which tracker this run is for: open the tracker and set the reminders again (ROSE Tracker → Reminders).');
  try {
    return SpreadsheetApp.openById(id);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!NO_ACCESS.test(message)) throw error;
    removeOwnTrigger(e!.triggerUid!);
    throw new Error(`ROSE Tracker reminders: ${Session.getEffectiveUser().getEmail()} can no longer open the tracker (${message}), so their reminder trigger was removed. A coordinator who has the tracker can turn the schedule on again under ROSE Tracker → Reminders.`);
  }
}

/** What the Reminders dialog says about who sends the schedule, for the person looking (pure). */
export function ownerNote(schedule: StoredSchedule, me: string): string {
  if (schedule.frequency === 'off') return '';
  if (!schedule.owner) return 'This schedule was saved by an older version of ROSE Tracker: save it again here so the scheduled digest knows its recipients.';
  if (schedule.owner.toLowerCase() === me.toLowerCase()) return `The digest is sent from your account (${schedule.owner}) by your schedule trigger.`;
  return `The digest is sent from ${schedule.owner}'s account by their schedule trigger. If ${schedule.owner} has left or should stop sending it, `
    + 'turn the schedule off and on again here: it then runs on your trigger, and theirs stops at its next run and removes itself '
    + '(or they can turn the schedule off themselves). Their trigger also stops once they can no longer open this tracker.';
}

/**
 * Setup turns the digest on for the coordinator running it (a menu run, so FULL authorization):
 * weekly on Monday at 8:00 in the tracker's time zone, to them, unless a schedule is saved already
 * (on or off: setup never changes what a coordinator chose). Someone not named in Settings as a
 * coordinator gets no schedule: the digest goes to coordinators only. `setup` is what setup read
 * (the running person, Settings, whether the file holds a schedule). Returns a line for setup's
 * message, or null when nothing changed.
 */
export function turnOnRemindersAtSetup(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  setup: { me: string; coordinatorEmails: string[]; timeZone: string; scheduleSaved: boolean },
): string | null {
  if (setup.scheduleSaved) return null;
  const coordinator = setup.coordinatorEmails.filter((email) => email.toLowerCase() === setup.me.toLowerCase())[0];
  if (!coordinator) {
    return 'Reminders are off: Settings does not name you as a coordinator. Add coordinator emails there, then turn reminders on under ROSE Tracker → Reminders.';
  }
  // A schedule saved by an older version, in document properties, is also the coordinators' choice.
  const properties = PropertiesService.getDocumentProperties();
  if (properties && properties.getProperty(PROPERTY_KEYS.reminderSchedule)) return null;
  try {
    installSchedule(ss, { ...SETUP_SCHEDULE, recipients: [coordinator] }, setup.timeZone);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `Reminders are off: Google refused the weekly trigger (${message}). Turn them on under ROSE Tracker → Reminders once you have removed triggers you no longer use.`;
  }
  return `Reminders are on: every Monday at 8:00 (${setup.timeZone}) you get an email listing what needs doing. Change the day, time or who receives it under ROSE Tracker → Reminders.`;
}
