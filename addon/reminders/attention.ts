// What the digest adds to the Dashboard's lists, from the tabs it read: who owns each overdue milestone and blocked activity and how many days late it is, and new urgent support requests as a count. Pure.
//
// Privacy: a support request never leaves as more than a count. Its details, name and contact stay
// in the tracker, where only coordinators can open them (the confidential tabs' protection).
import { daysBetween, isIsoDate } from '../core/dates';
import { refId, type Plain, type Tables } from '../tracker/table';
import type { RowRef } from '../dashboard/compute';
import { exemptionStandings } from '../payments/rules';
import { readSettings } from '../tracker/settings';

export interface Owned extends RowRef {
  id: string;
  owner: string;
  /** Days past the due or end date; 0 when not past it or undated. */
  daysLate: number;
}

export interface BlockedActivity extends Owned {
  strategy: string;
  site: string;
}

export interface Attention {
  /** Milestone ID → its owner and days late. */
  milestones: Map<string, Owned>;
  blocked: BlockedActivity[];
  /** Support requests still New that asked for help today. */
  urgentRequests: number;
  /** People who asked for a running total against their earnings exemption and reached 75 % of it this period, and how many of them are over it: counts only, never who. */
  exemption: { near: number; over: number };
}

const text = (value: Plain | undefined): string => (value === null || value === undefined ? '' : String(value).trim());

function daysLate(date: Plain | undefined, today: string): number {
  return isIsoDate(date) && date < today ? daysBetween(date, today) : 0;
}

export function attentionOf(tables: Tables, today: string): Attention {
  const siteNames = new Map<string, string>();
  for (const record of tables.Sites?.records ?? []) siteNames.set(refId(record.values.id), text(record.values.name) || refId(record.values.id));
  const milestones = new Map<string, Owned>();
  for (const record of tables.Milestones?.records ?? []) {
    const id = text(record.values.id);
    if (id) milestones.set(id, { tab: 'Milestones', row: record.row, id, owner: text(record.values.owner), daysLate: daysLate(record.values.due, today) });
  }
  const blocked: BlockedActivity[] = [];
  for (const record of tables['Action Plan']?.records ?? []) {
    if (text(record.values.status) !== 'Blocked') continue;
    const siteId = refId(record.values.site);
    blocked.push({
      tab: 'Action Plan', row: record.row, id: text(record.values.id), owner: text(record.values.owner), daysLate: daysLate(record.values.end, today),
      strategy: text(record.values.strategy) || text(record.values.id), site: siteNames.get(siteId) ?? siteId,
    });
  }
  const urgentRequests = (tables['Support Requests']?.records ?? [])
    .filter((record) => text(record.values.status) === 'New' && text(record.values.urgency) === 'Today').length;
  // Settings are read with the tabs when the caller has them; the figures' defaults otherwise.
  const standings = exemptionStandings(tables.Payments, readSettings(tables.Settings), today);
  const exemption = {
    near: standings.filter((s) => s.warning !== '').length,
    over: standings.filter((s) => s.warning === 'Over the limit').length,
  };
  return { milestones, blocked, urgentRequests, exemption };
}

/** "owner: Sam Lee, 12 days overdue": who to ask and how late, as far as the row says. */
export function ownerAndLateness(item: { owner: string; daysLate: number }): string {
  const parts: string[] = [];
  parts.push(item.owner ? `owner: ${item.owner}` : 'no owner named');
  if (item.daysLate > 0) parts.push(`${item.daysLate} day${item.daysLate === 1 ? '' : 's'} overdue`);
  return parts.join(', ');
}
