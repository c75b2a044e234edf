// The board's figures: the ROSE scorecard per site, budget by month, milestones by site, the Action Plan timeline and training coverage by site (pure; no names of individuals).
import { ACTIVITY_STATUSES } from '../tracker/schema';
import { isBlank, num, refId, type Plain, type Table, type TrackerRecord } from '../tracker/table';
import { addMonths, isIsoDate } from '../core/dates';
import { milestoneStatus } from '../tracker/computed';
import { ALL_SITES, NO_SITE, type CoverageRow, type Places, type SitePeople } from './compute';

/** Support requests still waiting for an answer (every status but Resolved and Closed without action). */
export const OPEN_SUPPORT_STATUSES: readonly string[] = ['New', 'In progress', 'Waiting on others'];
/** How many months the timeline shows: a year fits a printed landscape page. */
export const TIMELINE_MONTHS = 12;
/** Activities beyond this are left to the Action Plan tab, so the Dashboard stays printable. */
export const TIMELINE_ROWS = 40;

/** One site's headline figures; a share is null when nothing could be counted (no wage, no one needing training). */
export interface SiteScore {
  site: string;
  staff: number;
  /** Paid at or above the living wage ÷ staff with a wage recorded. */
  livingWage: number | null;
  /** Signed contracts ÷ current staff. */
  contracts: number | null;
  /** Staff with a job description link ÷ current staff. */
  jobDescriptions: number | null;
  /** Required trainings held (valid or expiring) ÷ required trainings. */
  training: number | null;
  /** Open support requests of staff at this site (All sites: every open request, named or not); text in its place when hidden or not readable (compute.ts privateSupportCounts). */
  openSupport: number | string;
  /** Activities done ÷ activities not cancelled. */
  actionPlan: number | null;
  milestonesOverdue: number;
}

export interface MonthMoney {
  /** 'YYYY-MM'. */
  month: string;
  /** Allocations spread evenly over their activity's months. */
  planned: number;
  spent: number;
}

export interface BudgetByMonth {
  months: MonthMoney[];
  /** Allocated on lines whose activity has no start and end: not placed in any month. */
  unplaced: number;
}

export interface MilestoneCounts {
  site: string;
  done: number;
  overdue: number;
  dueSoon: number;
  upcoming: number;
}

/** What a month cell of the timeline shows: nothing, or where the activity stands that month. */
export type TimelineMark = '' | 'Done' | 'On track' | 'Planned' | 'Late' | 'Blocked' | 'Cancelled';

export interface TimelineRow {
  activity: string;
  site: string;
  start: string;
  end: string;
  status: string;
  /** One per month of `months`: the mark, and whether a milestone of this activity falls due (◆) or was completed (✓) that month. */
  cells: { mark: TimelineMark; milestone: '' | '◆' | '✓' }[];
}

export interface Timeline {
  months: string[];
  rows: TimelineRow[];
  /** Activities with dates left off the Dashboard (see TIMELINE_ROWS), and those without a start or end. */
  more: number;
  undated: number;
}

export interface SiteCoverage {
  site: string;
  /** Held ÷ needed per topic; null where no one at the site needs the topic. */
  topics: Record<string, number | null>;
}

const text = (value: Plain | undefined): string => (value === null || value === undefined ? '' : String(value).trim());
const monthOf = (iso: string): string => iso.slice(0, 7);
const round2 = (n: number): number => Math.round(n * 100) / 100;
const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** The months from `first` to `last` inclusive, as 'YYYY-MM'. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = `${first.slice(0, 7)}-01`; monthOf(m) <= monthOf(last); m = addMonths(m, 1)) out.push(monthOf(m));
  return out;
}

/** The ROSE scorecard: one line per site in `sites` that has anything to show, then All sites. */
export function scorecard(input: {
  sites: readonly string[];
  people: readonly SitePeople[];
  current: readonly TrackerRecord<'Staff'>[];
  coverage: readonly CoverageRow[];
  plan: Table<'Action Plan'> | undefined;
  milestones: Table<'Milestones'> | undefined;
  support: Table<'Support Requests'> | undefined;
  at: Places;
  today: string;
  livingWageSet: boolean;
}): SiteScore[] {
  const { at } = input;
  const blank = (site: string) => ({ site, staff: 0, withWage: 0, atOrAbove: 0, signed: 0, jobDescriptions: 0, needed: 0, held: 0, open: 0, planned: 0, done: 0, overdue: 0 });
  type Tally = ReturnType<typeof blank>;
  const tallies = new Map<string, Tally>();
  const tally = (site: string): Tally => { let t = tallies.get(site); if (!t) { t = blank(site); tallies.set(site, t); } return t; };
  for (const p of input.people) { const t = tally(p.site); t.staff = p.total; t.withWage = p.withWage; t.atOrAbove = p.atOrAboveLivingWage; }
  const staffSite = new Map<string, string>();
  for (const record of input.current) {
    const t = tally(at.site(record.values.site));
    staffSite.set(refId(record.values.id), t.site);
    if (text(record.values.contractStatus) === 'Signed') t.signed += 1;
    if (!isBlank(record.values.jobDescriptionLink)) t.jobDescriptions += 1;
  }
  for (const row of input.coverage) {
    const t = tally(row.site);
    for (const status of Object.values(row.topics)) {
      if (!status) continue;
      t.needed += 1;
      if (status === 'Valid' || status === 'Expiring') t.held += 1;
    }
  }
  let openAll = 0;
  for (const record of input.support?.records ?? []) {
    if (OPEN_SUPPORT_STATUSES.indexOf(text(record.values.status)) < 0) continue;
    openAll += 1;
    // A request without a named person belongs to no site: it is counted under All sites only.
    const site = staffSite.get(refId(record.values.staff));
    if (site) tally(site).open += 1;
  }
  for (const record of input.plan?.records ?? []) {
    const status = text(record.values.status);
    if (isBlank(record.values.strategy) && !status && isBlank(record.values.site)) continue;
    if (status === 'Cancelled') continue;
    const t = tally(at.site(record.values.site));
    t.planned += 1;
    if (status === 'Done') t.done += 1;
  }
  for (const record of input.milestones?.records ?? []) {
    const { due, completed, activity } = record.values;
    if (milestoneStatus(due, completed, input.today, 0) === 'Overdue') tally(at.siteOrActivitySite(record.values.site, activity)).overdue += 1;
  }
  const scoreOf = (t: Tally, openSupport: number): SiteScore => ({
    site: t.site, staff: t.staff,
    livingWage: input.livingWageSet ? share(t.atOrAbove, t.withWage) : null,
    contracts: share(t.signed, t.staff), jobDescriptions: share(t.jobDescriptions, t.staff),
    training: share(t.held, t.needed), openSupport, actionPlan: share(t.done, t.planned), milestonesOverdue: t.overdue,
  });
  const shown = [...input.sites.filter((s) => tallies.has(s)), ...[...tallies.keys()].filter((s) => input.sites.indexOf(s) < 0)]
    .map((s) => tallies.get(s)!)
    .filter((t) => t.staff || t.planned || t.open || t.overdue || t.site !== NO_SITE);
  const all = blank(ALL_SITES);
  for (const t of shown) {
    all.staff += t.staff; all.withWage += t.withWage; all.atOrAbove += t.atOrAbove; all.signed += t.signed; all.jobDescriptions += t.jobDescriptions;
    all.needed += t.needed; all.held += t.held; all.planned += t.planned; all.done += t.done; all.overdue += t.overdue;
  }
  return [...shown.map((t) => scoreOf(t, t.open)), scoreOf(all, openAll)];
}

/**
 * Planned and spent by calendar month. A budget line's allocation is spread evenly over the months
 * of its activity (Start to End); spending is the expenses and training costs on budget lines, by
 * their date. Months run from the first planned or spent month to the last.
 */
export function budgetByMonth(tables: {
  budget: Table<'Budget'> | undefined; expenses: Table<'Expenses'> | undefined; training: Table<'Training Log'> | undefined;
}, at: Places): BudgetByMonth {
  const planned = new Map<string, number>();
  const spent = new Map<string, number>();
  let unplaced = 0;
  for (const record of tables.budget?.records ?? []) {
    const allocated = num(record.values.allocated);
    if (allocated === null || allocated <= 0) continue;
    const activity = at.activities.get(refId(record.values.activity));
    const start = activity?.values.start;
    const end = activity?.values.end;
    if (!isIsoDate(start) || !isIsoDate(end) || end < start) { unplaced += allocated; continue; }
    const months = monthsBetween(start, end);
    for (const month of months) planned.set(month, (planned.get(month) ?? 0) + allocated / months.length);
  }
  const spend = (date: Plain | undefined, amount: number | null): void => {
    if (!isIsoDate(date) || amount === null) return;
    spent.set(monthOf(date), (spent.get(monthOf(date)) ?? 0) + amount);
  };
  for (const record of tables.expenses?.records ?? []) if (!isBlank(record.values.budgetLine)) spend(record.values.date, num(record.values.amount));
  for (const record of tables.training?.records ?? []) if (!isBlank(record.values.budgetLine)) spend(record.values.date, num(record.values.cost));
  const all = [...planned.keys(), ...spent.keys()].sort();
  const months = all.length ? monthsBetween(`${all[0]}-01`, `${all[all.length - 1]}-01`) : [];
  return {
    months: months.map((month) => ({ month, planned: round2(planned.get(month) ?? 0), spent: round2(spent.get(month) ?? 0) })),
    unplaced: round2(unplaced),
  };
}

/** Milestones by site: done, overdue, due within the lead days, and later (those without a due date are not counted). */
export function milestonesBySite(milestones: Table<'Milestones'> | undefined, sites: readonly string[], at: Places, today: string, lead: number): MilestoneCounts[] {
  const counts = new Map<string, MilestoneCounts>();
  for (const record of milestones?.records ?? []) {
    const { milestone, due, completed, activity } = record.values;
    if (isBlank(milestone) && isBlank(due)) continue;
    const status = milestoneStatus(due, completed, today, lead);
    if (status === 'No due date') continue;
    const site = at.siteOrActivitySite(record.values.site, activity);
    let c = counts.get(site);
    if (!c) { c = { site, done: 0, overdue: 0, dueSoon: 0, upcoming: 0 }; counts.set(site, c); }
    if (status === 'Done') c.done += 1; else if (status === 'Overdue') c.overdue += 1; else if (status === 'Due soon') c.dueSoon += 1; else c.upcoming += 1;
  }
  return [...sites.filter((s) => counts.has(s)), ...[...counts.keys()].filter((s) => sites.indexOf(s) < 0)].map((s) => counts.get(s)!);
}

/**
 * Where an activity stands in one month of its plan. The plan is Start to End; what happened is
 * the status as of today: done work is Done throughout; a month already begun of work not done is
 * On track while the End has not passed and Late once it has (or when it never started); months
 * still to come are Planned.
 */
export function timelineMark(status: string, month: string, end: string, today: string): TimelineMark {
  if (status === 'Done') return 'Done';
  if (status === 'Cancelled') return 'Cancelled';
  if (status === 'Blocked') return 'Blocked';
  if (month > monthOf(today)) return 'Planned';
  if (end < today) return 'Late';
  return status === 'In progress' ? 'On track' : 'Late';
}

/**
 * The Action Plan as a Gantt-style grid: one row per dated activity (soonest start first), one
 * column per month, a window of TIMELINE_MONTHS that starts at the plan's first month, or three
 * months before today when the plan began earlier.
 */
export function actionPlanTimeline(plan: Table<'Action Plan'> | undefined, milestones: Table<'Milestones'> | undefined, at: Places, today: string): Timeline {
  const dated: TrackerRecord<'Action Plan'>[] = [];
  let undated = 0;
  for (const record of plan?.records ?? []) {
    const { strategy, status, site, start, end } = record.values;
    if (isBlank(strategy) && isBlank(status) && isBlank(site)) continue;
    if (isIsoDate(start) && isIsoDate(end) && start <= end) dated.push(record); else undated += 1;
  }
  if (!dated.length) return { months: [], rows: [], more: 0, undated };
  dated.sort((a, b) => (String(a.values.start) < String(b.values.start) ? -1 : String(a.values.start) > String(b.values.start) ? 1 : a.row - b.row));
  const first = String(dated[0].values.start);
  const last = dated.reduce((m, r) => (String(r.values.end) > m ? String(r.values.end) : m), first);
  // Today stays in view with most of the year ahead: a plan begun long ago is shown from three months back.
  const earliest = addMonths(`${monthOf(today)}-01`, -3);
  const from = first < earliest && last >= earliest ? earliest : first;
  const months = monthsBetween(from, addMonths(`${monthOf(from)}-01`, TIMELINE_MONTHS - 1)).filter((m) => m <= monthOf(last) || m <= monthOf(today));
  const inWindow = dated.filter((r) => monthOf(String(r.values.end)) >= months[0] && monthOf(String(r.values.start)) <= months[months.length - 1]);
  const shown = inWindow.slice(0, TIMELINE_ROWS);
  const marks = new Map<string, Map<string, '◆' | '✓'>>();
  for (const record of milestones?.records ?? []) {
    const id = refId(record.values.activity);
    const { due, completed } = record.values;
    const when = isIsoDate(completed) ? completed : isIsoDate(due) ? due : '';
    if (!id || !when) continue;
    let byMonth = marks.get(id);
    if (!byMonth) { byMonth = new Map(); marks.set(id, byMonth); }
    // An open milestone's ◆ outranks a completed one's ✓ in the same month: what is still to do shows.
    if (byMonth.get(monthOf(when)) !== '◆') byMonth.set(monthOf(when), isIsoDate(completed) ? '✓' : '◆');
  }
  const known = (s: string): boolean => (ACTIVITY_STATUSES as readonly string[]).indexOf(s) >= 0;
  const rows = shown.map((record): TimelineRow => {
    const start = String(record.values.start);
    const end = String(record.values.end);
    const status = known(text(record.values.status)) ? text(record.values.status) : 'Not started';
    const label = [text(record.values.strategy), text(record.values.description)].filter(Boolean)[0] ?? text(record.values.id);
    const byMonth = marks.get(refId(record.values.id));
    return {
      activity: label, site: at.site(record.values.site), start, end, status,
      cells: months.map((month) => ({
        mark: month >= monthOf(start) && month <= monthOf(end) ? timelineMark(status, month, end, today) : '',
        milestone: byMonth?.get(month) ?? '',
      })),
    };
  });
  return { months, rows, more: inWindow.length - shown.length + (dated.length - inWindow.length), undated };
}

/** Per site, the share of required trainings held for each topic: the coverage matrix without names. */
export function coverageBySite(coverage: readonly CoverageRow[], topics: readonly string[], sites: readonly string[]): SiteCoverage[] {
  const tallies = new Map<string, Record<string, { needed: number; held: number }>>();
  for (const row of coverage) {
    let t = tallies.get(row.site);
    if (!t) { t = {}; tallies.set(row.site, t); }
    for (const topic of topics) {
      const status = row.topics[topic];
      if (!status) continue;
      const c = (t[topic] = t[topic] ?? { needed: 0, held: 0 });
      c.needed += 1;
      if (status === 'Valid' || status === 'Expiring') c.held += 1;
    }
  }
  const order = [...sites.filter((s) => tallies.has(s)), ...[...tallies.keys()].filter((s) => sites.indexOf(s) < 0)];
  return order.map((site) => {
    const t = tallies.get(site)!;
    const shares: Record<string, number | null> = {};
    for (const topic of topics) shares[topic] = t[topic] ? t[topic].held / t[topic].needed : null;
    return { site, topics: shares };
  });
}
