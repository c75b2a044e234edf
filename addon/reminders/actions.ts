// Reminder actions behind the menu, the Reminders dialog and the time-driven trigger: open the dialog, save the schedule, send now, and the scheduled run.
import { METADATA_KEYS } from '../core/keys';
import { TrackerStore } from '../tracker/store';
import { checkedCoordinatorsIn } from '../tracker/confirmed';
import { checkCoordinators, confirmedFromJson, type CoordinatorCheck } from '../tracker/coordinators';
import { readSettings } from '../tracker/settings';
import { PRIVATE_WORKBOOKS } from '../privacy/workbooks';
import { refreshTracker } from '../tracker/actions';
import type { TabName } from '../tracker/schema';
import { dashboardModelOf, refreshDashboardIn } from '../dashboard/render';
import { readLinkedWorkbooks, readTracker, sheetsApi, tablesOf, type LinkedTab } from '../dashboard/read';
import { REMINDER_LOG_TAB, lastRuns, logRefusedRun, logSkippedRun, sendDigest } from './send';
import { ownerRefusal, senderRefusal } from './sender';
import { DEFAULT_SCHEDULE, installSchedule, ownerNote, readSchedule, removeOwnTrigger, scheduleFrom, scheduleProblems, spreadsheetForRun, type StoredSchedule } from './trigger';
import { WEEK_DAYS, type ReminderSchedule, type ReminderSettings, type ScheduleResult, type SendNowResult, type SendResult } from './types';

export type { ScheduleResult } from './types';

/**
 * The tabs the digest's items come from: milestones (with their activity's site), certifications
 * (with the person and their topic's validity), contracts and wages (Staff, Settings' living wage),
 * teambuilding days (Events by site), blocked activities and their owners (Action Plan), and Support
 * Requests for a count of new urgent ones (never their details). Wages are on Staff pay and contacts,
 * read in the Staff records workbook once it holds them (one more read). Budget, Expenses and the survey tabs are not read.
 * Once Set up private workbooks moved Support Requests out, the count comes from that workbook (SUPPORT_WORKBOOK).
 */
export const DIGEST_TABS: readonly TabName[] = ['Settings', 'Sites', 'Action Plan', 'Milestones', 'Staff', 'Staff pay and contacts', 'Training Topics', 'Training Log', 'Events', 'Support Requests', 'Payments'];

/** The Support requests workbook's tab, read with one values.batchGet when the tracker links it (as the Dashboard does). */
const SUPPORT_WORKBOOK: LinkedTab[] = PRIVATE_WORKBOOKS.flatMap((w) => w.tabs.filter((tab) => tab === 'Support Requests')
  .map((tab) => ({ name: w.name, linkSetting: w.linkSetting, metadataKey: w.metadataKey, tab })));

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
  const me = Session.getEffectiveUser().getEmail();
  // A trigger whose owner is no longer a confirmed coordinator sends nothing (runScheduledReminders): say so to whoever looks.
  const stalled = frequency !== 'off' && stored.owner !== '' && senderRefusal(stored.owner, check) !== '';
  return {
    coordinators: check.trusted,
    refused: check.messages,
    schedule: { frequency, hour, day, recipients },
    scheduleOwner: frequency === 'off' ? '' : stored.owner,
    ownerNote: stalled ? ownerRefusal(stored.owner) : ownerNote(stored, me),
    weekDays: WEEK_DAYS.slice(),
    timeZone: settings.timeZone,
    lastRuns: lastRuns(store, RUNS_SHOWN, settings.timeZone),
    quotaLeft: MailApp.getRemainingDailyQuota(),
    senderRefusal: senderRefusal(me, check),
  };
}

/**
 * Dialog call: saves the schedule and replaces the trigger; plain values in and out (google.script.run safe).
 * Only a confirmed coordinator may, whatever the page sent: the trigger sends from its owner's account,
 * and anyone else turning the schedule off would stop the coordinators' digest.
 */
export function setReminderScheduleAction(schedule: ReminderSchedule): ScheduleResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const settings = TrackerStore.open(ss).settings();
  const clean: ReminderSchedule = {
    frequency: schedule.frequency,
    hour: Number(schedule.hour),
    day: schedule.day || DEFAULT_SCHEDULE.day,
    recipients: (Array.isArray(schedule.recipients) ? schedule.recipients : []).map((r) => String(r).trim()).filter(Boolean),
  };
  const check = checkedCoordinatorsIn(ss, settings.coordinatorEmails);
  const refusal = senderRefusal(Session.getEffectiveUser().getEmail(), check);
  // With no coordinator confirmed yet nothing can be sent, so turning reminders off harms nobody (a new tracker starts so);
  // then each address in Settings is named too, with how to confirm it.
  if (refusal && !(clean.frequency === 'off' && !check.trusted.length)) {
    return { ok: false, problems: check.trusted.length ? [refusal] : [refusal, ...check.messages], schedule: clean, installed: false };
  }
  const problems = recipientProblems(clean, check);
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
  'not a coordinator': () => 'Not sent: the person it would go out from is not a confirmed coordinator.',
};

/**
 * Menu: ROSE Tracker → Send reminders now, and the dialog's "Send the digest now": one read of the
 * digest's tabs (the schedule, the confirmed coordinators and the Reminder log's height come with it),
 * one read of the Support requests workbook when the tracker links it, one email per chosen
 * recipient, one write of the log row. Someone who is not a confirmed coordinator is told who can,
 * and nothing more is read, sent or logged.
 */
export function sendRemindersNowAction(): SendNowResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const read = readTracker(ss.getId(), DIGEST_TABS, [REMINDER_LOG_TAB]);
  const me = Session.getEffectiveUser().getEmail();
  const settings = readSettings(tablesOf(read, ['Settings']).Settings);
  const check = checkCoordinators(settings.coordinatorEmails, confirmedFromJson(read.metadata.get(METADATA_KEYS.confirmedCoordinators)));
  const refusal = senderRefusal(me, check);
  // With no coordinator confirmed yet nobody can receive it: the run goes on to send nothing, saying so, and keeps what the
  // digest says in the Reminder log (from the tracker the person pressing can read anyway), as a new tracker always did.
  if (refusal && check.trusted.length) {
    ss.toast(refusal, 'ROSE Tracker reminders', 10);
    return { outcome: 'not a coordinator', recipients: [], items: 0, text: '', message: refusal };
  }
  read.linked = readLinkedWorkbooks(read, SUPPORT_WORKBOOK, () => me);
  const schedule = scheduleFrom(read.metadata.get(METADATA_KEYS.reminderSchedule)) ?? { ...DEFAULT_SCHEDULE, owner: '', triggerId: '' };
  const result = sendDigest(read, dashboardModelOf(read), schedule, me);
  const message = [SEND_MESSAGES[result.outcome](result), ...(result.refused ?? [])].join(' ');
  ss.toast(message, 'ROSE Tracker reminders', 10);
  return { ...result, message };
}

/**
 * The stored schedule and the confirmed coordinators, read alone (one Sheets API call) so a run that is
 * not the schedule's own, or whose owner is no longer a coordinator, stops before it writes anything.
 */
function storedSchedule(spreadsheetId: string): { schedule: StoredSchedule | null; confirmed: string[] } {
  const file = sheetsApi().Spreadsheets!.get(spreadsheetId, { fields: 'developerMetadata(metadataKey,metadataValue)' });
  const value = (metadataKey: string): string | null => {
    const entry = (file.developerMetadata ?? []).filter((m) => m.metadataKey === metadataKey)[0];
    return entry ? entry.metadataValue ?? '' : null;
  };
  const record = confirmedFromJson(value(METADATA_KEYS.confirmedCoordinators));
  return { schedule: scheduleFrom(value(METADATA_KEYS.reminderSchedule)), confirmed: record ? record.emails : [] };
}

/**
 * The time-driven trigger: refresh computed columns and the Dashboard, then send the digest to the
 * schedule's recipients. An add-on's time-driven run has no active spreadsheet, no document
 * properties and no document lock, so the tracker is opened by the ID recorded for this trigger, the
 * schedule is read from the spreadsheet's developer metadata, and the lock is this user's: the
 * script lock would hold back every organization's runs of the add-on (one project for all), and the
 * runs to keep apart are this trigger's own; another coordinator's trigger stops itself below. The
 * run never touches the UI (a time-driven run has none; getUi throws there).
 *
 * The digest goes out from the trigger owner's account, so an owner who is no longer a confirmed
 * coordinator sends nothing: the run refreshes nothing either (its Dashboard could not read the
 * private workbooks) and writes one Reminder log row saying why, which the Reminders dialog shows to
 * the coordinators. The trigger stays: if the list is confirmed with the owner again the digest
 * resumes; otherwise a coordinator saving the schedule takes it over and this trigger removes itself.
 */
export function runScheduledReminders(e?: { triggerUid?: string }): SendResult {
  const ss = spreadsheetForRun(e);
  const lock = LockService.getUserLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) throw new Error('ROSE Tracker reminders: an earlier reminder run of yours is still going; this one stopped without sending.');
  try {
    const { schedule, confirmed } = storedSchedule(ss.getId());
    const triggerUid = e && e.triggerUid ? e.triggerUid : '';
    // A schedule turned off, or saved since on another trigger (a coordinator took it over): this trigger is not the schedule's any more.
    if (triggerUid && schedule && (schedule.frequency === 'off' || (schedule.triggerId && schedule.triggerId !== triggerUid))) {
      removeOwnTrigger(triggerUid);
      return { outcome: 'schedule handed over', recipients: [], items: 0, text: '' };
    }
    const me = Session.getEffectiveUser().getEmail();
    // The confirmed list alone here (no Settings read yet); sendDigest checks the Settings cell too.
    if (schedule && confirmed.indexOf(me.trim().toLowerCase()) < 0) {
      logRefusedRun(readTracker(ss.getId(), [], [REMINDER_LOG_TAB]), ownerRefusal(me));
      return { outcome: 'not a coordinator', recipients: [], items: 0, text: '' };
    }
    refreshTracker(ss);
    const { read, model } = refreshDashboardIn(ss, [REMINDER_LOG_TAB]);
    if (!schedule) {
      logSkippedRun(read, model, 'Not sent: the schedule was saved by an older version where a scheduled run cannot read it. Save it again under ROSE Tracker → Reminders.');
      return { outcome: 'no schedule', recipients: [], items: 0, text: '' };
    }
    return sendDigest(read, model, schedule, me);
  } finally {
    lock.releaseLock();
  }
}
