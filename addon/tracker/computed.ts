// Computed columns, from records to values: priority, spent/remaining, milestone and certification status, living-wage flag.
import type { ColumnKey, TabName } from './schema';
import { indexById, isBlank, num, refId, type Plain, type Table, type Tables, type TrackerRecord } from './table';
import { addDays, addMonths, isIsoDate } from '../core/dates';
import type { Settings } from './settings';
import { paymentColumns } from '../payments/rules';

export type { Tables } from './table';

/** Values of each computed column, by column key, aligned with the table's records. */
export type ComputedColumns = { [N in TabName]?: Partial<Record<ColumnKey<N>, Plain[]>> };

function sumBy<N extends 'Expenses' | 'Training Log'>(table: Table<N> | undefined, keyColumn: ColumnKey<N>, amountColumn: ColumnKey<N>): Map<string, number> {
  const sums = new Map<string, number>();
  for (const record of table?.records ?? []) {
    const key = refId(record.values[keyColumn] ?? null);
    const amount = num(record.values[amountColumn] ?? null);
    if (key && amount !== null) sums.set(key, (sums.get(key) ?? 0) + amount);
  }
  return sums;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

export function milestoneStatus(due: Plain, completed: Plain, today: string, leadDays: number): string {
  if (!isBlank(completed)) return 'Done';
  if (!isIsoDate(due)) return 'No due date';
  if (due < today) return 'Overdue';
  if (due <= addDays(today, leadDays)) return 'Due soon';
  return 'Upcoming';
}

export function certificationStatus(validUntil: string, certified: Plain, today: string, leadDays: number): string {
  if (certified === 'No') return 'Not certified';
  if (!validUntil) return 'No expiry';
  if (validUntil < today) return 'Expired';
  if (validUntil <= addDays(today, leadDays)) return 'Expiring soon';
  return 'Valid';
}

/** Expiry if typed, otherwise the training date plus the topic's validity in months; '' when it does not expire. */
export function validUntil(record: TrackerRecord<'Training Log'>, validityByTopic: Map<string, number | null>): string {
  const expiry = record.values.expiry;
  if (isIsoDate(expiry)) return expiry;
  const date = record.values.date;
  const months = validityByTopic.get(refId(record.values.topic ?? null)) ?? null;
  if (!isIsoDate(date) || months === null) return '';
  return addMonths(date, months);
}

export function validityByTopic(topics: Table<'Training Topics'> | undefined): Map<string, number | null> {
  const map = new Map<string, number | null>();
  for (const record of topics?.records ?? []) {
    const topic = record.values.topic;
    if (typeof topic === 'string') map.set(topic, num(record.values.validityMonths ?? null));
  }
  return map;
}

/** Spent per budget line: its expenses plus training costs charged to it. */
export function spentByBudgetLine(tables: Tables): Map<string, number> {
  const spent = sumBy(tables.Expenses, 'budgetLine', 'amount');
  for (const [line, cost] of sumBy(tables['Training Log'], 'budgetLine', 'cost')) spent.set(line, (spent.get(line) ?? 0) + cost);
  return spent;
}

/**
 * The living wage a person's pay is compared with: their site's (Sites → Living wage per hour) when
 * set, since living wages differ by region, otherwise the one in Settings.
 */
export function livingWageFor(staff: TrackerRecord<'Staff'>, sites: Map<string, TrackerRecord<'Sites'>>, settings: Settings): number | null {
  const site = sites.get(refId(staff.values.site ?? null));
  const own = site ? num(site.values.livingWagePerHour ?? null) : null;
  return own !== null ? own : settings.livingWage;
}

export function computeAll(tables: Tables, settings: Settings, today: string): ComputedColumns {
  const out: ComputedColumns = {};
  const lead = settings.reminderLeadDays;
  const spent = spentByBudgetLine(tables);

  const budget = tables.Budget;
  if (budget) {
    const spentCol: Plain[] = [];
    const remaining: Plain[] = [];
    const used: Plain[] = [];
    for (const record of budget.records) {
      const id = refId(record.values.id ?? null);
      const allocated = num(record.values.allocated ?? null);
      if (!id) { spentCol.push(''); remaining.push(''); used.push(''); continue; }
      const s = round2(spent.get(id) ?? 0);
      spentCol.push(s);
      remaining.push(allocated === null ? '' : round2(allocated - s));
      used.push(allocated ? Math.round((s / allocated) * 10000) / 10000 : '');
    }
    out.Budget = { spent: spentCol, remaining, percentUsed: used };
  }

  const plan = tables['Action Plan'];
  if (plan) {
    const spentByActivity = new Map<string, number>();
    for (const record of budget?.records ?? []) {
      const activity = refId(record.values.activity ?? null);
      const id = refId(record.values.id ?? null);
      if (activity && id) spentByActivity.set(activity, (spentByActivity.get(activity) ?? 0) + (spent.get(id) ?? 0));
    }
    const scores = plan.records.map((r) => {
      const ease = num(r.values.ease ?? null);
      const impact = num(r.values.impact ?? null);
      const closed = r.values.status === 'Done' || r.values.status === 'Cancelled';
      return ease !== null && impact !== null && !closed ? { score: ease * impact, impact, end: String(r.values.end ?? '9999') } : null;
    });
    // Rank open work: higher score first, then higher impact, then the earlier end date.
    const order = scores.map((s, i) => ({ s, i })).filter((x) => x.s !== null)
      .sort((a, b) => b.s!.score - a.s!.score || b.s!.impact - a.s!.impact || (a.s!.end < b.s!.end ? -1 : a.s!.end > b.s!.end ? 1 : 0));
    const rank: Plain[] = plan.records.map(() => '');
    order.forEach((x, position) => { rank[x.i] = position + 1; });
    out['Action Plan'] = {
      priorityScore: scores.map((s) => (s ? s.score : '')),
      priorityRank: rank,
      spent: plan.records.map((r) => {
        const id = refId(r.values.id ?? null);
        return id ? round2(spentByActivity.get(id) ?? 0) : '';
      }),
    };
  }

  const milestones = tables.Milestones;
  if (milestones) {
    out.Milestones = {
      status: milestones.records.map((r) => (isBlank(r.values.milestone ?? null) && isBlank(r.values.due ?? null)
        ? '' : milestoneStatus(r.values.due ?? null, r.values.completed ?? null, today, lead))),
    };
  }

  const staff = tables.Staff;
  if (staff) {
    const sites = indexById(tables.Sites);
    out.Staff = {
      belowLivingWage: staff.records.map((r) => {
        const wage = num(r.values.hourlyWage ?? null);
        const livingWage = livingWageFor(r, sites, settings);
        if (wage === null || livingWage === null) return '';
        return wage < livingWage ? 'Yes' : 'No';
      }),
    };
  }

  const log = tables['Training Log'];
  if (log) {
    const validity = validityByTopic(tables['Training Topics']);
    const until = log.records.map((r) => validUntil(r, validity));
    out['Training Log'] = {
      validUntil: until,
      certificationStatus: log.records.map((r, i) => (isBlank(r.values.staff ?? null) && isBlank(r.values.topic ?? null)
        ? '' : certificationStatus(until[i], r.values.certified ?? null, today, lead))),
    };
  }

  if (tables.Payments) out.Payments = paymentColumns(tables.Payments, settings);
  return out;
}

/** Staff by ID, sites by ID…: shared lookups for checks, documents and the dashboard. */
export function lookups(tables: Tables): {
  sites: Map<string, TrackerRecord<'Sites'>>; staff: Map<string, TrackerRecord<'Staff'>>;
  activities: Map<string, TrackerRecord<'Action Plan'>>; budget: Map<string, TrackerRecord<'Budget'>>;
} {
  return {
    sites: indexById(tables.Sites),
    staff: indexById(tables.Staff),
    activities: indexById(tables['Action Plan']),
    budget: indexById(tables.Budget),
  };
}
