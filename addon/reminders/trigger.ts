// The reminder schedule: who receives the digest and how often, kept in document properties, and the one time-driven trigger that sends it.
//
// Editor add-on rules (FACTS: Apps Script limits): one installable trigger of each type per user per
// document, and a time-driven trigger fires at most hourly. So the old trigger is deleted before a new
// one is created, and schedules are daily or weekly at an hour.

import { PROPERTY_KEYS, propertyKey } from '../core/keys';
import type { ReminderSchedule } from './types';

export type { Frequency, ReminderSchedule } from './types';

export const REMINDER_HANDLER = 'runDailyReminders';

export const DEFAULT_SCHEDULE: ReminderSchedule = { frequency: 'off', hour: 8, recipients: [] };

/** Checks a schedule from a dialog or sidebar; returns the problems in plain words (pure). */
export function scheduleProblems(schedule: ReminderSchedule, coordinatorEmails: string[]): string[] {
  const problems: string[] = [];
  if (['daily', 'weekly', 'off'].indexOf(schedule.frequency) < 0) problems.push(`"${schedule.frequency}" is not a choice: use daily, weekly or off.`);
  if (!Number.isInteger(schedule.hour) || schedule.hour < 0 || schedule.hour > 23) problems.push('The hour must be a whole number from 0 to 23.');
  const known = coordinatorEmails.map((e) => e.toLowerCase());
  for (const email of schedule.recipients) {
    if (known.indexOf(email.toLowerCase()) < 0) problems.push(`${email} is not a coordinator in Settings: reminders go only to coordinators.`);
  }
  if (schedule.frequency !== 'off' && !coordinatorEmails.length) problems.push('Settings has no coordinator emails yet: add them first.');
  return problems;
}

export function readSchedule(): ReminderSchedule {
  const properties = PropertiesService.getDocumentProperties();
  const raw = properties ? properties.getProperty(PROPERTY_KEYS.reminderSchedule) : null;
  if (!raw) return { ...DEFAULT_SCHEDULE };
  try {
    const parsed = JSON.parse(raw) as Partial<ReminderSchedule>;
    return {
      frequency: parsed.frequency === 'daily' || parsed.frequency === 'weekly' ? parsed.frequency : 'off',
      hour: typeof parsed.hour === 'number' ? parsed.hour : DEFAULT_SCHEDULE.hour,
      recipients: Array.isArray(parsed.recipients) ? parsed.recipients.filter((r): r is string => typeof r === 'string') : [],
    };
  } catch {
    return { ...DEFAULT_SCHEDULE };
  }
}

/**
 * Saves the schedule and replaces this user's reminder trigger in this document: deletes the old one
 * first (the add-on limit allows one time-driven trigger per user per document), then creates one.
 * The hour is in `timeZone` (the tracker's, from Settings): without inTimezone a clock trigger
 * follows the script's time zone, which is the developer's, not the organization's.
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
  const properties = PropertiesService.getDocumentProperties();
  if (properties) properties.setProperty(PROPERTY_KEYS.reminderSchedule, JSON.stringify(schedule));
  if (schedule.frequency === 'off') return { installed: false, replaced };
  const trigger = ScriptApp.newTrigger(REMINDER_HANDLER).timeBased()
    .everyDays(schedule.frequency === 'weekly' ? 7 : 1).atHour(schedule.hour).inTimezone(timeZone).create();
  // Time-driven runs have no active spreadsheet in an add-on: this user property says which one it is for.
  userProperties.setProperty(propertyKey('reminderTrigger', trigger.getUniqueId()), ss.getId());
  return { installed: true, replaced };
}

/** The spreadsheet a reminder run is for: the active one, or the one recorded for the trigger that fired. */
export function spreadsheetForRun(e?: { triggerUid?: string }): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const active = SpreadsheetApp.getActiveSpreadsheet();
  if (active) return active;
  const id = e && e.triggerUid ? PropertiesService.getUserProperties().getProperty(propertyKey('reminderTrigger', e.triggerUid)) : null;
  if (!id) throw new Error('ROSE Tracker reminders could not tell which tracker this run is for: open the tracker and set the reminders again (ROSE Tracker → Reminders).');
  return SpreadsheetApp.openById(id);
}
