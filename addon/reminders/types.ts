// Types shared by the reminder code on the server and the Reminders dialog page: plain values only (google.script.run safe).

export type Frequency = 'daily' | 'weekly' | 'off';

/** The day a weekly digest goes out, as ScriptApp.WeekDay names it. */
export type WeekDayName = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';
export const WEEK_DAYS: readonly WeekDayName[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

export interface ReminderSchedule {
  frequency: Frequency;
  /** Hour of the day (0-23) in the tracker's time zone (Settings → Time zone); Apps Script runs it some time within that hour. */
  hour: number;
  /** The day of a weekly digest (ignored when daily or off). */
  day: WeekDayName;
  /** Who receives the digest; empty means every coordinator named in Settings. */
  recipients: string[];
}

export interface ScheduleResult {
  ok: boolean;
  /** Why nothing was saved, in words a coordinator can act on. */
  problems: string[];
  schedule: ReminderSchedule;
  /** True when a time-driven trigger now exists for this schedule. */
  installed: boolean;
}

/**
 * 'schedule handed over': the run came from a trigger the stored schedule no longer names (another
 * coordinator took it over, or it was turned off), so it sent nothing and removed itself;
 * 'no schedule': a scheduled run found no schedule it can read (saved by an older version);
 * 'not a coordinator': the person it would go out from (who pressed Send now, or the trigger's owner) is not a confirmed coordinator, so nothing was sent.
 */
export type SendOutcome = 'sent' | 'nothing to send' | 'quota short' | 'no recipients' | 'schedule handed over' | 'no schedule' | 'not a coordinator';

export interface SendResult {
  outcome: SendOutcome;
  recipients: string[];
  items: number;
  /** The digest as text (no survey answers, no support-request details), for a preview or out/reminders.txt. */
  text: string;
  /** Why an address in Settings got no digest: it is not a confirmed coordinator (tracker/coordinators.ts). */
  refused?: string[];
  /** The follow-up survey reminders sent to the evaluator (evaluation/reminders.ts), when there were any. */
  evaluator?: { recipients: string[]; reminders: string[]; sent: boolean };
}

/** What "Send the digest now" reports back: the result and one sentence saying what happened. */
export interface SendNowResult extends SendResult {
  message: string;
}

/** One row of the Reminder log, as the dialog shows it. */
export interface ReminderRun {
  /** When it ran, formatted in the tracker's time zone ("2026-03-16 08:04"). */
  when: string;
  result: string;
  items: number;
}

/** Everything the Reminders dialog needs to open. */
export interface ReminderSettings {
  /** Coordinator emails from the Settings tab that a coordinator confirmed; reminders go only to them. */
  coordinators: string[];
  /** For each other address in Settings → Coordinator emails: why it is not offered, and what to do. */
  refused: string[];
  schedule: ReminderSchedule;
  /** Whose trigger sends the schedule ('' when it is off), and what that means for the person looking, in one or two sentences. */
  scheduleOwner: string;
  ownerNote: string;
  /** The days a weekly digest can go out on, Monday first. */
  weekDays: WeekDayName[];
  /** The tracker's time zone (Settings → Time zone): the hour is in this zone. */
  timeZone: string;
  /** The last three runs from the Reminder log tab, newest first. */
  lastRuns: ReminderRun[];
  /** Emails this account may still send today (MailApp.getRemainingDailyQuota); each recipient counts. */
  quotaLeft: number;
  /** Why the person looking may not send or schedule the digest (they are not a confirmed coordinator), or '' when they may: the dialog shows it instead of its buttons. */
  senderRefusal: string;
}
