// The follow-up wave per site: when it is due, whether it is open, how many answered against the roster, and the frozen report of a closed wave.
import { addDays, addMonths, daysBetween, isIsoDate } from '../core/dates';
import { groupBySite, isSuppressed, suppress, type EvaluationRow, type ReportCell } from '../surveys/report';
import type { Settings } from '../tracker/settings';
import { refId, type Plain, type Tables } from '../tracker/table';
import { onRoster } from './implementation';
import { outcomeReport, type OutcomeGroup } from './outcome';

/**
 * Where a site's follow-up stands on a given day:
 * - no baseline: nobody at the site has answered the first survey, so nothing is scheduled;
 * - not due: more than the reminder lead days before the due date;
 * - opens soon: within the reminder lead days before the due date;
 * - open: from the due date for the open days;
 * - overdue: past the open days and not closed;
 * - closed: the evaluator closed it, and its report is frozen.
 */
export type FollowUpState = 'no baseline' | 'not due' | 'opens soon' | 'open' | 'overdue' | 'closed';

export interface WaveTiming {
  /** Months from a site's first baseline answer to its follow-up (Settings: Follow-up after months). */
  followUpAfterMonths: number;
  /** Days the follow-up stays open (Settings: Follow-up open days). */
  followUpOpenDays: number;
  /** Days before the due date that the follow-up counts as opening soon (Settings: Reminder lead days). */
  reminderLeadDays: number;
  minGroupSize: number;
}

/** The timing a tracker's Settings give (Follow-up after months, Follow-up open days, Reminder lead days, Minimum group size for reports). */
export function waveTiming(settings: Pick<Settings, 'followUpAfterMonths' | 'followUpOpenDays' | 'reminderLeadDays' | 'minimumGroupSize'>): WaveTiming {
  return {
    followUpAfterMonths: settings.followUpAfterMonths,
    followUpOpenDays: settings.followUpOpenDays,
    reminderLeadDays: settings.reminderLeadDays,
    minGroupSize: settings.minimumGroupSize,
  };
}

export interface SiteWave {
  site: string;
  /** First and last day a baseline answer came in at the site; null without one. */
  baselineFirst: string | null;
  baselineLast: string | null;
  /** Baseline + the follow-up months: the day the follow-up opens. */
  followUpDue: string | null;
  /** The last day the follow-up is open before it is overdue. */
  followUpEnds: string | null;
  state: FollowUpState;
  /** For a closed wave, the day it was closed. */
  closedOn: string | null;
  /** People on the roster at the site (Staff, current on the day counted), never suppressed: it is the dashboard's headcount. */
  headcountAtBaseline: number;
  headcountAtFollowUp: number;
  /** Deduplicated answers (one per participant code) per wave, suppressed like every small group. */
  baselineResponses: ReportCell;
  followUpResponses: ReportCell;
  /** Answers as a share of the headcount (0 to 1, may pass 1 when people left); suppressed with the count. */
  baselineResponseRate: ReportCell;
  followUpResponseRate: ReportCell;
}

/** The day part of a submitted time ("2025-03-04T18:22:00Z" or "2025-03-04"); '' when it has none. */
function dayOf(submitted: string | undefined): string {
  const day = (submitted || '').slice(0, 10);
  return isIsoDate(day) ? day : '';
}

/**
 * Staff on the roster at each site on a day (onRoster: named, started by then, not ended before it). Sites are named as the survey names them: by the Sites tab's name.
 */
export function rosterHeadcount(tables: Tables, day: string): Map<string, number> {
  const names = new Map<string, string>();
  for (const record of tables.Sites?.records ?? []) {
    const id = refId(record.values.id);
    if (id) names.set(id, text(record.values.name) || id);
  }
  const counts = new Map<string, number>();
  for (const record of tables.Staff?.records ?? []) {
    if (!onRoster(record, day)) continue;
    const id = refId(record.values.site);
    if (!id) continue;
    const name = names.get(id) ?? id;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

function text(value: Plain | undefined): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

/** The state of a follow-up on `today`, from its due date and the timing settings. */
export function followUpState(due: string | null, closed: boolean, today: string, timing: WaveTiming): FollowUpState {
  if (closed) return 'closed';
  if (due === null) return 'no baseline';
  if (today < addDays(due, -timing.reminderLeadDays)) return 'not due';
  if (today < due) return 'opens soon';
  if (today <= addDays(due, timing.followUpOpenDays - 1)) return 'open';
  return 'overdue';
}

/**
 * Every site's wave schedule on `today`: the sites of the Sites tab and any site named in an answer.
 * Counts are suppressed per wave across sites as the evaluation report suppresses them (small groups and
 * their complement), and a response rate is shown only where its count is.
 */
export function waveSchedule(
  rows: EvaluationRow[],
  tables: Tables,
  closed: readonly ClosedWave[],
  timing: WaveTiming,
  today: string,
): SiteWave[] {
  checkTiming(timing);
  const bySite = groupBySite(rows);
  const names: string[] = [];
  for (const record of tables.Sites?.records ?? []) {
    const name = text(record.values.name) || refId(record.values.id);
    if (name && names.indexOf(name) < 0) names.push(name);
  }
  for (const name of Array.from(bySite.keys()).sort((a, b) => a.localeCompare(b))) if (names.indexOf(name) < 0) names.push(name);

  const waves: SiteWave[] = names.map((site) => {
    const group = bySite.get(site);
    const days = (group?.baseline ?? []).map((row) => dayOf(row.submitted)).filter((d) => d !== '').sort();
    const baselineFirst = days.length ? days[0] : null;
    const baselineLast = days.length ? days[days.length - 1] : null;
    const followUpDue = baselineFirst ? addMonths(baselineFirst, timing.followUpAfterMonths) : null;
    const closure = closed.find((c) => c.site === site) ?? null;
    const followUpDay = followUpDue && followUpDue < today ? followUpDue : today;
    return {
      site,
      baselineFirst,
      baselineLast,
      followUpDue,
      followUpEnds: followUpDue ? addDays(followUpDue, timing.followUpOpenDays - 1) : null,
      state: followUpState(followUpDue, closure !== null, today, timing),
      closedOn: closure ? closure.closedOn : null,
      headcountAtBaseline: baselineFirst ? rosterHeadcount(tables, baselineFirst).get(site) ?? 0 : 0,
      headcountAtFollowUp: rosterHeadcount(tables, followUpDay).get(site) ?? 0,
      baselineResponses: 0,
      followUpResponses: 0,
      baselineResponseRate: 0,
      followUpResponseRate: 0,
    };
  });
  const place = (count: (site: string) => number, put: (wave: SiteWave, cell: ReportCell) => void): void => {
    const raws = waves.map((wave) => ({ value: count(wave.site), size: count(wave.site) }));
    const total = raws.reduce((sum, raw) => sum + raw.size, 0);
    const cells = suppress(raws, { value: total, size: total }, timing.minGroupSize);
    waves.forEach((wave, i) => put(wave, cells.sites[i]));
  };
  const rate = (count: ReportCell, headcount: number): ReportCell =>
    isSuppressed(count) || headcount === 0 ? { suppressed: true } : count / headcount;
  place((site) => bySite.get(site)?.baseline.length ?? 0, (wave, cell) => {
    wave.baselineResponses = cell;
    wave.baselineResponseRate = rate(cell, wave.headcountAtBaseline);
  });
  place((site) => bySite.get(site)?.followUp.length ?? 0, (wave, cell) => {
    wave.followUpResponses = cell;
    wave.followUpResponseRate = rate(cell, wave.headcountAtFollowUp);
  });
  return waves;
}

function checkTiming(timing: WaveTiming): void {
  const whole = (name: string, value: number, min: number): void => {
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min} (got ${value}).`);
  };
  whole('Follow-up after months', timing.followUpAfterMonths, 1);
  whole('Follow-up open days', timing.followUpOpenDays, 1);
  whole('Reminder lead days', timing.reminderLeadDays, 0);
  whole('Minimum group size for reports', timing.minGroupSize, 1);
}

/** A note for the evaluator about one site's follow-up, for the reminder digest. */
export interface WaveReminder {
  site: string;
  state: 'opens soon' | 'open' | 'overdue';
  message: string;
}

/**
 * What to tell the evaluator: a follow-up opening within the lead days, one that is open (with the days
 * left), and one past its open days and not yet closed. Counts are quoted only when shown.
 */
export function waveReminders(schedule: readonly SiteWave[], today: string): WaveReminder[] {
  const reminders: WaveReminder[] = [];
  for (const wave of schedule) {
    if (!wave.followUpDue || !wave.followUpEnds) continue;
    const answered = isSuppressed(wave.followUpResponses) ? 'fewer than the minimum group size so far' : `${wave.followUpResponses} answers so far`;
    if (wave.state === 'opens soon') {
      const days = daysBetween(today, wave.followUpDue);
      reminders.push({ site: wave.site, state: wave.state, message: `${wave.site}: the follow-up survey opens on ${wave.followUpDue} (in ${days} day${days === 1 ? '' : 's'}).` });
    } else if (wave.state === 'open') {
      const days = daysBetween(today, wave.followUpEnds) + 1;
      reminders.push({ site: wave.site, state: wave.state, message: `${wave.site}: the follow-up survey is open until ${wave.followUpEnds} (${days} day${days === 1 ? '' : 's'} left), ${answered} of ${wave.headcountAtFollowUp} on the roster.` });
    } else if (wave.state === 'overdue') {
      reminders.push({ site: wave.site, state: wave.state, message: `${wave.site}: the follow-up survey was due to close on ${wave.followUpEnds}; close it to freeze its report (${answered}).` });
    }
  }
  return reminders;
}

/**
 * What is kept when the evaluator closes a site's follow-up: the figures as they were, so that the report
 * of a closed wave never changes. The snapshot is computed from the answers in hand on the closing day;
 * answers that arrive later are neither counted nor able to move it, since the report reads the snapshot
 * and never recomputes a closed site. Plain JSON, so it can be kept as one row of a tab or a property.
 */
export interface ClosedWave {
  /** The record's shape, for reading older records after it changes. */
  format: 1;
  site: string;
  wave: 'follow-up';
  closedOn: string;
  /** The latest answer day the snapshot includes (either wave), or null when nobody had answered. */
  answersThrough: string | null;
  minGroupSize: number;
  /** Counts as shown on the closing day (suppressed cells stay suppressed). */
  baselineResponses: ReportCell;
  followUpResponses: ReportCell;
  matchedPairs: ReportCell;
  /** The site's outcome: per scale, the paired change with its interval and effect size, or suppressed. */
  outcome: OutcomeGroup;
  /**
   * The site's schedule and roster as they stood on the closing day, so that a Staff row edited later
   * does not move a closed wave's report either. Absent from records closed without it.
   */
  schedule?: FrozenSchedule;
}

/** The parts of a site's wave schedule a closed wave keeps. */
export type FrozenSchedule = Pick<SiteWave, 'baselineFirst' | 'baselineLast' | 'followUpDue' | 'followUpEnds' | 'headcountAtBaseline' | 'headcountAtFollowUp'>;

/** What a closed wave keeps of the site's schedule on the closing day. */
export function frozenSchedule(wave: SiteWave): FrozenSchedule {
  const { baselineFirst, baselineLast, followUpDue, followUpEnds, headcountAtBaseline, headcountAtFollowUp } = wave;
  return { baselineFirst, baselineLast, followUpDue, followUpEnds, headcountAtBaseline, headcountAtFollowUp };
}

/** Answers a closed site received after its closing day: a report leaves them out, so that closing freezes every figure about the site. */
export function withoutLateAnswers<R extends { site: string; submitted?: string }>(rows: readonly R[], closed: readonly ClosedWave[]): R[] {
  const closedOn = new Map(closed.map((c) => [c.site, c.closedOn]));
  return rows.filter((row) => {
    const on = closedOn.get((row.site || '').trim());
    const day = dayOf(row.submitted);
    return on === undefined || day === '' || day <= on;
  });
}

/**
 * Closes one site's follow-up on `closedOn`: freezes its counts and its outcome figures from the site's
 * answers submitted on or before that day (a row without a submitted time cannot be dated and counts). The site is computed on its own, so the frozen figures do not
 * depend on sites still open.
 */
export function closeWave(
  rows: EvaluationRow[],
  site: string,
  scales: { id: string; title: string }[],
  closedOn: string,
  minGroupSize: number,
  already: readonly ClosedWave[] = [],
  schedule?: SiteWave,
): ClosedWave {
  if (!isIsoDate(closedOn)) throw new Error(`A wave closes on a date (yyyy-mm-dd), not "${closedOn}".`);
  if (already.some((c) => c.site === site)) throw new Error(`The follow-up at ${site} is already closed; its report stays as it was.`);
  const inHand = rows.filter((row) => (row.site || '').trim() === site && (dayOf(row.submitted) === '' || dayOf(row.submitted) <= closedOn));
  const group = groupBySite(inHand).get(site);
  const count = (n: number): ReportCell => (n < minGroupSize ? { suppressed: true } : n);
  const days = inHand.map((row) => dayOf(row.submitted)).filter((d) => d !== '').sort();
  const report = outcomeReport(inHand, scales, minGroupSize);
  return {
    format: 1,
    site,
    wave: 'follow-up',
    closedOn,
    answersThrough: days.length ? days[days.length - 1] : null,
    minGroupSize,
    baselineResponses: count(group?.baseline.length ?? 0),
    followUpResponses: count(group?.followUp.length ?? 0),
    matchedPairs: count(group?.matched.length ?? 0),
    outcome: report.sites.find((g) => g.site === site) ?? { site, scales: Object.fromEntries(scales.map((s) => [s.id, { suppressed: true as const }])) },
    ...(schedule ? { schedule: frozenSchedule(schedule) } : {}),
  };
}

/**
 * The follow-up outcome per site as a report shows it: a closed site's frozen snapshot, an open site's
 * figures computed now. Only closed sites' figures are final.
 */
export function followUpOutcome(
  rows: EvaluationRow[],
  scales: { id: string; title: string }[],
  closed: readonly ClosedWave[],
  minGroupSize: number,
): { site: string; final: boolean; outcome: OutcomeGroup }[] {
  const closedSites = new Set(closed.map((c) => c.site));
  const live = outcomeReport(rows.filter((row) => !closedSites.has((row.site || '').trim())), scales, minGroupSize);
  const result = closed.map((c) => ({ site: c.site, final: true, outcome: c.outcome }));
  for (const group of live.sites) result.push({ site: group.site as string, final: false, outcome: group });
  return result.sort((a, b) => a.site.localeCompare(b.site));
}

/** A closed wave as text to keep. */
export function closedWaveToJson(closed: ClosedWave): string {
  return JSON.stringify(closed);
}

/** Reads a kept closed wave back, refusing text that is not one (naming where it came from). */
export function closedWaveFromJson(json: string, where: string): ClosedWave {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new Error(`${where}: the closed wave is not readable (${(error as Error).message}).`);
  }
  const record = raw as Partial<ClosedWave> | null;
  if (!record || typeof record !== 'object') throw new Error(`${where}: the closed wave is not a record.`);
  if (record.format !== 1) throw new Error(`${where}: the closed wave has an unknown format (${String(record.format)}).`);
  if (typeof record.site !== 'string' || record.site === '') throw new Error(`${where}: the closed wave names no site.`);
  if (!isIsoDate(record.closedOn)) throw new Error(`${where}: the closed wave has no closing date.`);
  if (!record.outcome || typeof record.outcome !== 'object' || !record.outcome.scales) throw new Error(`${where}: the closed wave has no figures.`);
  return record as ClosedWave;
}

/** Every closed wave of a tracker as text to keep (one developer-metadata value). */
export function closedWavesToJson(closed: readonly ClosedWave[]): string {
  return JSON.stringify(closed);
}

/** The kept closed waves; none when nothing is kept yet. Refuses text that is not a list of them, naming where it came from. */
export function closedWavesFromJson(json: string | null | undefined, where: string): ClosedWave[] {
  if (!json) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new Error(`${where}: the record of closed survey waves is not readable (${(error as Error).message}).`);
  }
  if (!Array.isArray(raw)) throw new Error(`${where}: the record of closed survey waves is not a list.`);
  return raw.map((item, i) => closedWaveFromJson(JSON.stringify(item), `${where}, closed wave ${i + 1}`));
}
