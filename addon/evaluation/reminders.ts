// Pure: reminders about the follow-up survey for the evaluator and the coordinators — from a record of each site's follow-up dates that the Evaluation report keeps, never from survey answers.
//
// The reminder digest reads the tracker's tabs, never Survey Responses (which may live in the
// Evaluation workbook, out of its reach). So each Evaluation report leaves behind what the reminders
// need: per site the follow-up's dates, whether it was closed, and its answer count as the report
// showed it (suppressed stays suppressed). Nothing in it is about a person.
import type { ReportCell } from '../surveys/report';
import { followUpState, waveReminders, type SiteWave, type WaveReminder, type WaveTiming } from './waves';

export interface FollowUpScheduleRecord {
  format: 1;
  /** When the report was built (ISO instant) and who built it (lower case). */
  at: string;
  by: string;
  /** The Evaluator emails of Settings when it was built (lower case). */
  evaluators: string[];
  sites: {
    site: string;
    followUpDue: string | null;
    followUpEnds: string | null;
    closedOn: string | null;
    followUpResponses: ReportCell;
    headcountAtFollowUp: number;
  }[];
}

const key = (email: string): string => email.trim().toLowerCase();

/** The record an Evaluation report keeps of its wave schedule. */
export function followUpScheduleRecord(schedule: readonly SiteWave[], evaluators: readonly string[], by: string, at: Date): FollowUpScheduleRecord {
  return {
    format: 1,
    at: at.toISOString(),
    by: key(by),
    evaluators: [...new Set(evaluators.map(key).filter(Boolean))],
    sites: schedule.map((w) => ({
      site: w.site, followUpDue: w.followUpDue, followUpEnds: w.followUpEnds, closedOn: w.closedOn,
      followUpResponses: w.followUpResponses, headcountAtFollowUp: w.headcountAtFollowUp,
    })),
  };
}

/** The kept record, or null when there is none or it is not one ROSE Tracker wrote (then no follow-up reminders). */
export function followUpScheduleFromJson(json: string | null | undefined): FollowUpScheduleRecord | null {
  if (!json) return null;
  try {
    const raw = JSON.parse(json) as Partial<FollowUpScheduleRecord> | null;
    if (!raw || raw.format !== 1 || !Array.isArray(raw.sites) || !Array.isArray(raw.evaluators) || typeof raw.by !== 'string') return null;
    return raw as FollowUpScheduleRecord;
  } catch {
    return null;
  }
}

/** What to tell the evaluator today: follow-ups opening within the lead days, open ones, and overdue ones not yet closed. */
export function followUpReminders(record: FollowUpScheduleRecord | null, today: string, timing: Pick<WaveTiming, 'followUpOpenDays' | 'reminderLeadDays'>): WaveReminder[] {
  if (!record) return [];
  const full: WaveTiming = { followUpAfterMonths: 1, minGroupSize: 1, ...timing };
  const waves: SiteWave[] = record.sites.map((s) => ({
    site: s.site, baselineFirst: null, baselineLast: null, followUpDue: s.followUpDue, followUpEnds: s.followUpEnds,
    state: followUpState(s.followUpDue, s.closedOn !== null, today, full), closedOn: s.closedOn,
    headcountAtBaseline: 0, headcountAtFollowUp: s.headcountAtFollowUp,
    baselineResponses: 0, followUpResponses: s.followUpResponses, baselineResponseRate: 0, followUpResponseRate: 0,
  }));
  return waveReminders(waves, today);
}

/**
 * Who of Settings' Evaluator emails gets the follow-up reminders: an address listed there now that was
 * also listed when a confirmed coordinator last built the Evaluation report. An address typed in since,
 * or a report built by someone else, confirms nobody: the same rule as the coordinator list.
 */
export function evaluatorRecipients(record: FollowUpScheduleRecord | null, evaluatorCell: readonly string[], trustedCoordinators: readonly string[]): { recipients: string[]; refused: string[] } {
  const trusted = new Set(trustedCoordinators.map(key));
  const confirmed = record && trusted.has(record.by) ? new Set(record.evaluators) : new Set<string>();
  const recipients: string[] = [];
  const refused: string[] = [];
  for (const email of evaluatorCell) {
    const e = key(email);
    if (!e) continue;
    if (confirmed.has(e)) { if (recipients.indexOf(e) < 0) recipients.push(e); } else if (refused.indexOf(e) < 0) refused.push(e);
  }
  return { recipients, refused };
}

/** The evaluator's email: the reminders, and where to act. */
export function evaluatorNote(reminders: readonly WaveReminder[], organization: string, today: string): { subject: string; body: string } {
  const lines = [
    `Follow-up survey reminders for ${organization || 'your organization'}, ${today}.`,
    '',
    ...reminders.map((r) => `- ${r.message}`),
    '',
    'Share the evaluation form\'s link with the site while its follow-up is open. When it has run, close it under Extensions → ROSE Tracker → Close a survey wave… so that its report is final.',
    'You receive this because you are named in the tracker\'s Settings → Evaluator emails.',
  ];
  return { subject: `ROSE Tracker: follow-up survey${reminders.length === 1 ? '' : 's'} to look at (${today})`, body: lines.join('\n') };
}
