// Computed columns, from records to values: priority, spent/remaining, milestone and certification status, living-wage flag.
import type { TabName } from './schema';
import { indexById, isBlank, num, refId, type Plain, type Table, type TrackerRecord } from './table';
import { addDays, addMonths, isIsoDate } from './dates';
import type { Settings } from './settings';

export type Tables = Partial<Record<TabName, Table>>;

/** Values of each computed column, aligned with the table's records. */
export type ComputedColumns = Partial<Record<TabName, Record<string, Plain[]>>>;

function sumBy(table: Table | undefined, keyHeader: string, amountHeader: string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const record of table?.records ?? []) {
    const key = refId(record.values[keyHeader] ?? null);
    const amount = num(record.values[amountHeader] ?? null);
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
export function validUntil(record: TrackerRecord, validityByTopic: Map<string, number | null>): string {
  const expiry = record.values.Expiry;
  if (isIsoDate(expiry)) return expiry;
  const date = record.values.Date;
  const months = validityByTopic.get(refId(record.values.Topic ?? null)) ?? null;
  if (!isIsoDate(date) || months === null) return '';
  return addMonths(date, months);
}

export function validityByTopic(topics: Table | undefined): Map<string, number | null> {
  const map = new Map<string, number | null>();
  for (const record of topics?.records ?? []) {
    const topic = record.values.Topic;
    if (typeof topic === 'string') map.set(topic, num(record.values['Validity (months)'] ?? null));
  }
  return map;
}

/** Spent per budget line: its expenses plus training costs charged to it. */
export function spentByBudgetLine(tables: Tables): Map<string, number> {
  const spent = sumBy(tables.Expenses, 'Budget line', 'Amount');
  for (const [line, cost] of sumBy(tables['Training Log'], 'Budget line', 'Cost')) spent.set(line, (spent.get(line) ?? 0) + cost);
  return spent;
}

/**
 * The living wage a person's pay is compared with: their site's (Sites → Living wage per hour) when
 * set, since living wages differ by region, otherwise the one in Settings.
 */
export function livingWageFor(staff: TrackerRecord, sites: Map<string, TrackerRecord>, settings: Settings): number | null {
  const site = sites.get(refId(staff.values.Site ?? null));
  const own = site ? num(site.values['Living wage per hour'] ?? null) : null;
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
      const id = refId(record.values.ID ?? null);
      const allocated = num(record.values.Allocated ?? null);
      if (!id) { spentCol.push(''); remaining.push(''); used.push(''); continue; }
      const s = round2(spent.get(id) ?? 0);
      spentCol.push(s);
      remaining.push(allocated === null ? '' : round2(allocated - s));
      used.push(allocated ? Math.round((s / allocated) * 10000) / 10000 : '');
    }
    out.Budget = { Spent: spentCol, Remaining: remaining, '% used': used };
  }

  const plan = tables['Action Plan'];
  if (plan) {
    const spentByActivity = new Map<string, number>();
    for (const record of budget?.records ?? []) {
      const activity = refId(record.values.Activity ?? null);
      const id = refId(record.values.ID ?? null);
      if (activity && id) spentByActivity.set(activity, (spentByActivity.get(activity) ?? 0) + (spent.get(id) ?? 0));
    }
    const scores = plan.records.map((r) => {
      const ease = num(r.values['Ease (1-5)'] ?? null);
      const impact = num(r.values['Impact (1-5)'] ?? null);
      const closed = r.values.Status === 'Done' || r.values.Status === 'Cancelled';
      return ease !== null && impact !== null && !closed ? { score: ease * impact, impact, end: String(r.values.End ?? '9999') } : null;
    });
    // Rank open work: higher score first, then higher impact, then the earlier end date.
    const order = scores.map((s, i) => ({ s, i })).filter((x) => x.s !== null)
      .sort((a, b) => b.s!.score - a.s!.score || b.s!.impact - a.s!.impact || (a.s!.end < b.s!.end ? -1 : a.s!.end > b.s!.end ? 1 : 0));
    const rank: Plain[] = plan.records.map(() => '');
    order.forEach((x, position) => { rank[x.i] = position + 1; });
    out['Action Plan'] = {
      'Priority score': scores.map((s) => (s ? s.score : '')),
      'Priority rank': rank,
      Spent: plan.records.map((r) => {
        const id = refId(r.values.ID ?? null);
        return id ? round2(spentByActivity.get(id) ?? 0) : '';
      }),
    };
  }

  const milestones = tables.Milestones;
  if (milestones) {
    out.Milestones = {
      Status: milestones.records.map((r) => (isBlank(r.values.Milestone ?? null) && isBlank(r.values.Due ?? null)
        ? '' : milestoneStatus(r.values.Due ?? null, r.values.Completed ?? null, today, lead))),
    };
  }

  const staff = tables.Staff;
  if (staff) {
    const sites = indexById(tables.Sites);
    out.Staff = {
      'Below living wage': staff.records.map((r) => {
        const wage = num(r.values['Hourly wage'] ?? null);
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
      'Valid until': until,
      'Certification status': log.records.map((r, i) => (isBlank(r.values.Staff ?? null) && isBlank(r.values.Topic ?? null)
        ? '' : certificationStatus(until[i], r.values.Certified ?? null, today, lead))),
    };
  }
  return out;
}

/** Staff by ID, sites by ID…: shared lookups for checks, documents and the dashboard. */
export function lookups(tables: Tables): Record<'sites' | 'staff' | 'activities' | 'budget', Map<string, TrackerRecord>> {
  return {
    sites: indexById(tables.Sites),
    staff: indexById(tables.Staff),
    activities: indexById(tables['Action Plan']),
    budget: indexById(tables.Budget),
  };
}
