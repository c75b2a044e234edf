// The dashboard's numbers, from the tracker's records: pure, so the same model feeds the Dashboard tab, the reminder digest and the tests.
import { ROSE_COMPONENTS, TABS, type TabName } from '../tracker/schema';
import { indexById, isBlank, num, refId, type Plain, type Table, type Tables, type TrackerRecord } from '../tracker/table';
import { addDays, addMonths, isIsoDate } from '../core/dates';
import { certificationStatus, livingWageFor, milestoneStatus, spentByBudgetLine, validUntil, validityByTopic } from '../tracker/computed';
import type { Settings } from '../tracker/settings';
import { evaluationReport, isSuppressed, suppress, suppressedText, type EvaluationRow, type ReportCell, type ReportGroup } from '../surveys/report';
import { responseValue, scaleIdFromHeader, type ResponseRecord } from '../surveys/row';
import { releasedBy, type ReleaseRecord } from '../surveys/release';
import {
  OPEN_SUPPORT_STATUSES, actionPlanTimeline, budgetByMonth, coverageBySite, milestonesBySite, scorecard,
  type BudgetByMonth, type MilestoneCounts, type SiteCoverage, type SiteScore, type Timeline,
} from './board';

/** Rows whose site or component cannot be told are still counted, under these names. */
export const NO_SITE = 'No site';
export const NO_COMPONENT = 'Not set';
export const ALL_SITES = 'All sites';
/** The ROSE model plans two teambuilding days a year: one older than six months is overdue. */
export const TEAMBUILDING_MONTHS = 6;

/** Where a listed item lives, so the sheet and the digest can link to its row. */
export interface RowRef {
  tab: TabName;
  row: number;
}

export interface StatusCounts {
  done: number;
  inProgress: number;
  notStarted: number;
  blocked: number;
  cancelled: number;
  milestonesOverdue: number;
  milestonesDueSoon: number;
}

export interface ActivityLine extends StatusCounts {
  site: string;
  component: string;
}

export interface MoneyLine {
  site: string;
  component: string;
  allocated: number;
  spent: number;
  remaining: number;
  /** Spent ÷ allocated; null when nothing is allocated. */
  used: number | null;
}

export interface OverspentLine extends RowRef {
  id: string;
  description: string;
  site: string;
  allocated: number;
  spent: number;
}

export interface SitePeople {
  site: string;
  byRole: Record<string, number>;
  total: number;
  withWage: number;
  atOrAboveLivingWage: number;
  photoIdIssued: number;
  businessCardsIssued: number;
}

export interface PersonItem extends RowRef {
  id: string;
  name: string;
  site: string;
  /** The date that matters for this item (contract end, valid until), or ''. */
  date: string;
}

export type CoverageStatus = 'Valid' | 'Expiring' | 'Expired' | 'Missing';

export interface CoverageRow {
  id: string;
  name: string;
  site: string;
  role: string;
  /** Status per required topic; '' where the topic is not required for this role. */
  topics: Record<string, CoverageStatus | ''>;
}

export interface CertificationItem extends PersonItem {
  topic: string;
}

export interface SiteEvents extends RowRef {
  site: string;
  lastTeambuilding: string;
  /** No teambuilding day, or the last one over six months ago. */
  teambuildingOverdue: boolean;
  meetAndGreetsThisYear: number;
}

export interface MilestoneItem extends RowRef {
  id: string;
  milestone: string;
  site: string;
  due: string;
}

export interface EvaluationLine {
  measure: string;
  /** A number or the text shown in place of a suppressed one. */
  value: number | string;
  /** Decimals the number is shown with: 0 for a count of people, 2 for an average. */
  digits: number;
}

export interface DashboardModel {
  today: string;
  organizationName: string;
  leadDays: number;
  minimumGroupSize: number;
  currency: string;
  livingWage: number | null;
  /** From Settings: who may receive reminders (not shown on the Dashboard). */
  coordinatorEmails: string[];
  /** Plain sentences about what is missing or doubtful, shown at the top. */
  notes: string[];
  sites: string[];
  activities: ActivityLine[];
  budgetBySite: MoneyLine[];
  budgetByComponent: MoneyLine[];
  overspent: OverspentLine[];
  roles: string[];
  people: SitePeople[];
  contractsMissing: PersonItem[];
  contractsEnding: PersonItem[];
  belowLivingWage: PersonItem[];
  coverageTopics: string[];
  coverage: CoverageRow[];
  expiring: CertificationItem[];
  events: SiteEvents[];
  overdueMilestones: MilestoneItem[];
  evaluation: EvaluationLine[];
  /** Form submissions the intake has not processed yet; null when unknown. */
  unprocessedSubmissions: number | null;
  /** The board's headline figures per site, All sites last. */
  scorecard: SiteScore[];
  budgetByMonth: BudgetByMonth;
  milestonesBySite: MilestoneCounts[];
  timeline: Timeline;
  coverageBySite: SiteCoverage[];
}

/**
 * Survey Responses read back row by row with every column: the Score columns ("Score: Burnout
 * [burnout]") are the survey's, not the schema's, so typed records do not carry them.
 */
export interface SurveyResponses {
  headers: readonly string[];
  records: readonly ResponseRecord[];
}

/** What the Dashboard read from a private workbook the tracker links (privacy/workbooks.ts): its rows, or why the person refreshing cannot read them. */
export type PrivateRead<T> = { rows: T } | { unreadable: string };

export interface DashboardInput {
  tables: Tables;
  settings: Settings;
  today: string;
  unprocessedSubmissions?: number | null;
  /** The evaluation's source; without it every evaluation figure shows as suppressed. */
  responses?: SurveyResponses;
  /**
   * Set once the tracker links a Support requests workbook, which then holds the requests: its rows
   * (the tracker's tab is empty). Every count from them is suppressed below the minimum group size,
   * since the people who read the tracker may not read the requests.
   */
  supportWorkbook?: PrivateRead<Table<'Support Requests'>>;
  /**
   * Set once the tracker links an Evaluation workbook, which then holds the survey rows: its Survey
   * Responses and the tracker's record of the last Evaluation report, whose answers alone are counted
   * (surveys/release.ts), so that comparing two Dashboards reveals no more than two reports do.
   */
  evaluationWorkbook?: PrivateRead<{ responses: SurveyResponses; released: ReleaseRecord | null }>;
}

/** What a figure from a private workbook shows when the person refreshing cannot read it (the Dashboard's notes say why, in one line). */
export const NOT_READABLE = 'not readable';

const round2 = (n: number): number => Math.round(n * 100) / 100;
const text = (value: Plain | undefined): string => (value === null || value === undefined ? '' : String(value).trim());
const dateOf = (value: Plain | undefined): string => (isIsoDate(value) ? value : '');
const byDate = <T extends { date: string }>(a: T, b: T): number => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
/** The components in the order every section lists them, unreadable ones last. */
const COMPONENTS: readonly string[] = [...ROSE_COMPONENTS, NO_COMPONENT];

/** Sites by ID with their names; names fall back to the ID so a site without a name still shows. */
function siteNames(tables: Tables): Map<string, string> {
  const names = new Map<string, string>();
  for (const record of tables.Sites?.records ?? []) {
    const id = refId(record.values.id);
    if (id && !names.has(id)) names.set(id, text(record.values.name) || id);
  }
  return names;
}

/** How every section names a row's site and ROSE component: built once from Sites and Action Plan. */
export interface Places {
  /** Site names by ID, in the Sites tab's order. */
  names: Map<string, string>;
  activities: Map<string, TrackerRecord<'Action Plan'>>;
  /** The site a Site cell names, NO_SITE when blank. */
  site(value: Plain): string;
  /** A row's own site, else the site of the activity it belongs to. */
  siteOrActivitySite(site: Plain, activity: Plain): string;
  /** A ROSE component as written, NO_COMPONENT for anything else. */
  component(value: Plain | undefined): string;
}

export function places(tables: Tables): Places {
  const names = siteNames(tables);
  const activities = indexById(tables['Action Plan']);
  const site = (value: Plain): string => {
    const id = refId(value);
    if (!id) return NO_SITE;
    return names.get(id) ?? id;
  };
  return {
    names,
    activities,
    site,
    siteOrActivitySite(own, activity) {
      if (!isBlank(own)) return site(own);
      const found = activities.get(refId(activity));
      return found ? site(found.values.site) : NO_SITE;
    },
    component(value) {
      const c = text(value);
      return ROSE_COMPONENTS.some((known) => known === c) ? c : NO_COMPONENT;
    },
  };
}

/** Sites in first-seen order, each once, the rows without a site last. */
function orderedSites(...lists: Iterable<string>[]): string[] {
  const seen = new Set<string>();
  for (const list of lists) for (const site of list) seen.add(site);
  const sites = [...seen];
  return [...sites.filter((s) => s !== NO_SITE), ...sites.filter((s) => s === NO_SITE)];
}

/** What is missing from the tracker or doubtful in Settings, before any figure. */
export function setupNotes(tables: Tables, settings: Settings, today: string): string[] {
  const notes: string[] = [];
  for (const spec of TABS) {
    if (!tables[spec.name]) notes.push(`The ${spec.name} tab is missing: run ROSE Tracker → Set up tracker to add it.`);
  }
  for (const problem of settings.problems) notes.push(`Settings, ${problem.key}: ${problem.message}`);
  if (tables.Settings && !tables.Settings.records.some((r) => r.values.setting === 'Living wage per hour')) {
    notes.push('Settings has no "Living wage per hour" row: the default living wage is used.');
  }
  if (settings.livingWage === null) notes.push('No living wage in Settings: wages cannot be compared with it.');
  else if (isIsoDate(settings.livingWageAsOf) && addMonths(settings.livingWageAsOf, 12) < today) {
    notes.push(`The living wage in Settings dates from ${settings.livingWageAsOf}: check for a newer figure.`);
  }
  if (!tables.Sites?.records.length) notes.push('No sites yet: add them on the Sites tab.');
  return notes;
}

const lineKey = (site: string, component: string): string => `${site}\u0000${component}`;

/** Activity statuses and milestones due, by site and component; the lines are unordered until `activityLines`. */
export function activityStatus(
  plan: Table<'Action Plan'> | undefined, milestones: Table<'Milestones'> | undefined, at: Places, today: string, lead: number,
): { lines: Map<string, ActivityLine>; overdueMilestones: MilestoneItem[]; sites: string[]; notes: string[] } {
  const lines = new Map<string, ActivityLine>();
  const sites: string[] = [];
  const line = (site: string, component: string): ActivityLine => {
    const key = lineKey(site, component);
    let found = lines.get(key);
    if (!found) {
      found = { site, component, done: 0, inProgress: 0, notStarted: 0, blocked: 0, cancelled: 0, milestonesOverdue: 0, milestonesDueSoon: 0 };
      lines.set(key, found);
    }
    return found;
  };
  for (const record of plan?.records ?? []) {
    const { strategy, status, site: siteCell, roseComponent } = record.values;
    if (isBlank(strategy) && isBlank(status) && isBlank(siteCell)) continue;
    const site = at.site(siteCell);
    sites.push(site);
    const target = line(site, at.component(roseComponent));
    const shown = text(status);
    if (shown === 'Done') target.done += 1;
    else if (shown === 'In progress') target.inProgress += 1;
    else if (shown === 'Blocked') target.blocked += 1;
    else if (shown === 'Cancelled') target.cancelled += 1;
    else target.notStarted += 1; // blank or unknown counts as not started: nothing says it began
  }
  const overdueMilestones: MilestoneItem[] = [];
  for (const record of milestones?.records ?? []) {
    const { milestone, due, completed, activity } = record.values;
    if (isBlank(milestone) && isBlank(due)) continue;
    const status = milestoneStatus(due, completed, today, lead);
    if (status !== 'Overdue' && status !== 'Due soon') continue;
    const site = at.siteOrActivitySite(record.values.site, activity);
    sites.push(site);
    const target = line(site, at.component(at.activities.get(refId(activity))?.values.roseComponent));
    if (status === 'Overdue') {
      target.milestonesOverdue += 1;
      overdueMilestones.push({ tab: 'Milestones', row: record.row, id: text(record.values.id), milestone: text(milestone), site, due: dateOf(due) });
    } else target.milestonesDueSoon += 1;
  }
  overdueMilestones.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.row - b.row));
  const notes = plan && !plan.records.length ? ['No activities yet: add them on the Action Plan tab.'] : [];
  return { lines, overdueMilestones, sites, notes };
}

/** The status lines in site then component order, followed by the whole organization's per component. */
export function activityLines(counted: ReadonlyMap<string, ActivityLine>, sites: readonly string[]): ActivityLine[] {
  const lines = new Map([...counted].map(([key, line]) => [key, { ...line }]));
  const shown: ActivityLine[] = [];
  for (const site of sites) {
    for (const component of COMPONENTS) {
      const found = lines.get(lineKey(site, component));
      if (found) shown.push(found);
    }
  }
  for (const component of COMPONENTS) {
    const parts = shown.filter((l) => l.component === component);
    if (!parts.length) continue;
    // Taken from the same lines so a site that is itself called "All sites" adds up as it always has.
    const key = lineKey(ALL_SITES, component);
    const total = lines.get(key) ?? { site: ALL_SITES, component, done: 0, inProgress: 0, notStarted: 0, blocked: 0, cancelled: 0, milestonesOverdue: 0, milestonesDueSoon: 0 };
    lines.set(key, total);
    for (const part of parts) {
      total.done += part.done; total.inProgress += part.inProgress; total.notStarted += part.notStarted;
      total.blocked += part.blocked; total.cancelled += part.cancelled;
      total.milestonesOverdue += part.milestonesOverdue; total.milestonesDueSoon += part.milestonesDueSoon;
    }
    shown.push(total);
  }
  return shown;
}

/** Allocated and spent by site and by component, and the lines spent past their allocation. */
export function budgetTotals(
  budget: Table<'Budget'> | undefined, spent: ReadonlyMap<string, number>, at: Places,
): { bySite: Map<string, MoneyLine>; byComponent: Map<string, MoneyLine>; overspent: OverspentLine[]; sites: string[] } {
  const bySite = new Map<string, MoneyLine>();
  const byComponent = new Map<string, MoneyLine>();
  const money = (map: Map<string, MoneyLine>, site: string, component: string, key: string): MoneyLine => {
    let found = map.get(key);
    if (!found) { found = { site, component, allocated: 0, spent: 0, remaining: 0, used: null }; map.set(key, found); }
    return found;
  };
  const overspent: OverspentLine[] = [];
  const sites: string[] = [];
  for (const record of budget?.records ?? []) {
    const { activity, roseComponent } = record.values;
    const id = refId(record.values.id);
    const allocated = num(record.values.allocated);
    const lineSpent = id ? spent.get(id) ?? 0 : 0;
    if (allocated === null && lineSpent === 0) continue;
    const site = at.siteOrActivitySite(record.values.site, activity);
    const component = at.component(isBlank(roseComponent) ? at.activities.get(refId(activity))?.values.roseComponent : roseComponent);
    sites.push(site);
    for (const target of [money(bySite, site, ALL_SITES, site), money(byComponent, ALL_SITES, component, component)]) {
      target.allocated += allocated ?? 0;
      target.spent += lineSpent;
    }
    if (lineSpent > (allocated ?? 0) + 0.005) {
      overspent.push({ tab: 'Budget', row: record.row, id, description: text(record.values.description), site, allocated: round2(allocated ?? 0), spent: round2(lineSpent) });
    }
  }
  return { bySite, byComponent, overspent, sites };
}

/** The money lines for these keys, in their order, rounded, with what remains and the share used. */
export function moneyLines(lines: ReadonlyMap<string, MoneyLine>, keys: readonly string[]): MoneyLine[] {
  return keys.map((k) => lines.get(k)).filter((l): l is MoneyLine => !!l).map((l) => ({
    ...l, allocated: round2(l.allocated), spent: round2(l.spent), remaining: round2(l.allocated - l.spent),
    used: l.allocated > 0 ? l.spent / l.allocated : null,
  }));
}

/** Current staff: named people whose end date has not passed. */
export function currentStaff(staff: Table<'Staff'> | undefined, today: string): TrackerRecord<'Staff'>[] {
  return (staff?.records ?? []).filter((record) => {
    if (!text(record.values.fullName)) return false;
    const end = dateOf(record.values.end);
    return !(end && end < today);
  });
}

/** A current staff member as a listed item. */
function personItem(record: TrackerRecord<'Staff'>, at: Places, date: string): PersonItem {
  return { tab: 'Staff', row: record.row, id: text(record.values.id), name: text(record.values.fullName), site: at.site(record.values.site), date };
}

/** Headcount by site and role, pay against the living wage, and photo ID and business cards issued. */
export function peopleBySite(
  current: readonly TrackerRecord<'Staff'>[], sitesById: Map<string, TrackerRecord<'Sites'>>, at: Places, settings: Settings, today: string,
): { roles: string[]; bySite: Map<string, SitePeople>; belowLivingWage: PersonItem[] } {
  const roles: string[] = [];
  const bySite = new Map<string, SitePeople>();
  const belowLivingWage: PersonItem[] = [];
  for (const record of current) {
    const { site: siteCell, role: roleCell, hourlyWage, photoIdIssued, businessCardsIssued } = record.values;
    const site = at.site(siteCell);
    const role = text(roleCell) || 'Role not set';
    if (roles.indexOf(role) < 0) roles.push(role);
    let here = bySite.get(site);
    if (!here) { here = { site, byRole: {}, total: 0, withWage: 0, atOrAboveLivingWage: 0, photoIdIssued: 0, businessCardsIssued: 0 }; bySite.set(site, here); }
    here.byRole[role] = (here.byRole[role] ?? 0) + 1;
    here.total += 1;
    const wage = num(hourlyWage);
    if (wage !== null) {
      here.withWage += 1;
      const livingWage = livingWageFor(record, sitesById, settings);
      if (livingWage !== null && wage >= livingWage) here.atOrAboveLivingWage += 1;
      if (livingWage !== null && wage < livingWage) belowLivingWage.push(personItem(record, at, ''));
    }
    if (isIsoDate(photoIdIssued) && photoIdIssued <= today) here.photoIdIssued += 1;
    if (isIsoDate(businessCardsIssued) && businessCardsIssued <= today) here.businessCardsIssued += 1;
  }
  return { roles, bySite, belowLivingWage };
}

/** Current staff without a signed contract, and contracts ending within the lead days (soonest first). */
export function contracts(current: readonly TrackerRecord<'Staff'>[], at: Places, today: string, lead: number): { missing: PersonItem[]; ending: PersonItem[] } {
  const horizon = addDays(today, lead);
  const missing: PersonItem[] = [];
  const ending: PersonItem[] = [];
  for (const record of current) {
    if (text(record.values.contractStatus) !== 'Signed') missing.push(personItem(record, at, ''));
    const end = dateOf(record.values.contractEnd);
    if (end && end >= today && end <= horizon) ending.push(personItem(record, at, end));
  }
  return { missing, ending: ending.sort(byDate) };
}

/** Notes on staffing: no current staff at all, or a site without anyone. */
export function staffNotes(staff: Table<'Staff'> | undefined, current: readonly TrackerRecord<'Staff'>[], sites: readonly string[], people: ReadonlyMap<string, SitePeople>): string[] {
  const notes: string[] = [];
  if (staff && !current.length) notes.push('No current staff on the Staff tab.');
  for (const site of sites) if (!people.has(site) && site !== NO_SITE) notes.push(`${site} has no current staff on the Staff tab.`);
  return notes;
}

/** Topics that name the roles needing them, in Training Topics order, and those roles in lower case. */
export interface RequiredTopics {
  topics: string[];
  roles: Map<string, string[]>;
}

export function requiredTopics(topics: Table<'Training Topics'> | undefined): RequiredTopics {
  const required: RequiredTopics = { topics: [], roles: new Map() };
  for (const record of topics?.records ?? []) {
    const topic = text(record.values.topic);
    if (!topic) continue;
    const forRoles = text(record.values.requiredForRoles).split(',').map((r) => r.trim().toLowerCase()).filter(Boolean);
    if (forRoles.length) { required.roles.set(topic, forRoles); required.topics.push(topic); }
  }
  return required;
}

/** The best certificate held per "staff ID\0topic"; `until` '' means it does not expire. */
export type HeldCertificates = Map<string, { until: string; record: TrackerRecord<'Training Log'> }>;

/** The longest-valid certificate each person holds per topic, from trainings that have happened. */
export function bestCertificates(log: Table<'Training Log'> | undefined, validity: Map<string, number | null>, today: string): HeldCertificates {
  const best: HeldCertificates = new Map();
  for (const record of log?.records ?? []) {
    const staffId = refId(record.values.staff);
    const topic = refId(record.values.topic);
    if (!staffId || !topic || record.values.certified === 'No') continue;
    const date = dateOf(record.values.date);
    if (date && date > today) continue; // a training booked for later is not held yet
    const until = validUntil(record, validity);
    const key = `${staffId}\u0000${topic}`;
    const seen = best.get(key);
    // No expiry beats any date; otherwise the later date wins.
    if (!seen || (seen.until !== '' && (until === '' || until > seen.until))) best.set(key, { until, record });
  }
  return best;
}

/** Certificates of current staff that expire within the lead days, soonest first. */
export function expiringCertificates(
  best: HeldCertificates, staffById: Map<string, TrackerRecord<'Staff'>>, at: Places, today: string, lead: number,
): CertificationItem[] {
  const expiring: CertificationItem[] = [];
  best.forEach(({ until, record }, key) => {
    const [staffId, topic] = key.split('\u0000');
    const person = staffById.get(staffId);
    if (!person || certificationStatus(until, null, today, lead) !== 'Expiring soon') return;
    const end = dateOf(person.values.end);
    if (end && end < today) return;
    expiring.push({
      tab: 'Training Log', row: record.row, id: text(record.values.id), name: text(person.values.fullName) || staffId,
      site: at.site(person.values.site), date: until, topic,
    });
  });
  return expiring.sort((a, b) => byDate(a, b) || a.row - b.row);
}

/** For each current staff member whose role needs training: where each required topic stands. */
export function trainingCoverage(
  current: readonly TrackerRecord<'Staff'>[], required: RequiredTopics, best: HeldCertificates, at: Places, today: string, lead: number,
): CoverageRow[] {
  const topicsShown = required.topics;
  const coverage: CoverageRow[] = [];
  for (const record of current) {
    const role = text(record.values.role);
    const needed = topicsShown.filter((t) => required.roles.get(t)!.indexOf(role.toLowerCase()) >= 0);
    if (!needed.length) continue;
    const id = refId(record.values.id);
    const topics: Record<string, CoverageStatus | ''> = {};
    for (const topic of topicsShown) {
      if (needed.indexOf(topic) < 0) { topics[topic] = ''; continue; }
      const held = best.get(`${id}\u0000${topic}`);
      if (!held || !id) { topics[topic] = 'Missing'; continue; }
      const status = certificationStatus(held.until, null, today, lead);
      topics[topic] = status === 'Expired' ? 'Expired' : status === 'Expiring soon' ? 'Expiring' : 'Valid';
    }
    coverage.push({ id, name: text(record.values.fullName), site: at.site(record.values.site), role, topics });
  }
  return coverage;
}

/** Per site on the Sites tab: the last teambuilding day and this year's meet-and-greets that have happened (future dates are plans). */
export function siteEvents(events: Table<'Events'> | undefined, sites: Table<'Sites'> | undefined, at: Places, today: string): SiteEvents[] {
  const year = today.slice(0, 4);
  const lastTeambuilding = new Map<string, string>();
  const meetAndGreets = new Map<string, number>();
  for (const record of events?.records ?? []) {
    const date = dateOf(record.values.date);
    if (!date || date > today) continue;
    const site = at.site(record.values.site);
    const type = text(record.values.type);
    if (type === 'Teambuilding day' && date > (lastTeambuilding.get(site) ?? '')) lastTeambuilding.set(site, date);
    if (type === 'Meet-and-greet' && date.slice(0, 4) === year) meetAndGreets.set(site, (meetAndGreets.get(site) ?? 0) + 1);
  }
  const siteRows = new Map<string, number>();
  for (const record of sites?.records ?? []) {
    const name = at.names.get(refId(record.values.id));
    if (name !== undefined && !siteRows.has(name)) siteRows.set(name, record.row);
  }
  return [...siteRows].map(([site, row]) => {
    const last = lastTeambuilding.get(site) ?? '';
    return {
      tab: 'Sites', row, site, lastTeambuilding: last,
      teambuildingOverdue: !last || addMonths(last, TEAMBUILDING_MONTHS) < today,
      meetAndGreetsThisYear: meetAndGreets.get(site) ?? 0,
    };
  });
}

export function computeDashboard(input: DashboardInput): DashboardModel {
  const { tables, settings, today } = input;
  const lead = settings.reminderLeadDays;
  const at = places(tables);

  const status = activityStatus(tables['Action Plan'], tables.Milestones, at, today, lead);
  const budget = budgetTotals(tables.Budget, spentByBudgetLine(tables), at);
  const current = currentStaff(tables.Staff, today);
  const people = peopleBySite(current, indexById(tables.Sites), at, settings, today);
  const staffSites = current.map((record) => at.site(record.values.site));
  const sites = orderedSites(at.names.values(), status.sites, budget.sites, staffSites);
  const contract = contracts(current, at, today, lead);
  const required = requiredTopics(tables['Training Topics']);
  const best = bestCertificates(tables['Training Log'], validityByTopic(tables['Training Topics']), today);
  const coverage = trainingCoverage(current, required, best, at, today, lead);
  const sitePeople = sites.map((s) => people.bySite.get(s)).filter((p): p is SitePeople => !!p);
  const size = Math.max(1, Math.floor(settings.minimumGroupSize));
  const linked = privateWorkbookNotes(input);
  const supportRead = input.supportWorkbook;
  const support = supportRead ? ('rows' in supportRead ? supportRead.rows : undefined) : tables['Support Requests'];
  const scores = scorecard({
    sites, people: sitePeople, current, coverage, plan: tables['Action Plan'], milestones: tables.Milestones,
    support, at, today, livingWageSet: settings.livingWage !== null,
  });

  return {
    today,
    organizationName: settings.organizationName,
    leadDays: lead,
    minimumGroupSize: settings.minimumGroupSize,
    currency: settings.currency,
    livingWage: settings.livingWage,
    coordinatorEmails: [...settings.coordinatorEmails],
    notes: [...setupNotes(tables, settings, today), ...linked, ...status.notes, ...staffNotes(tables.Staff, current, sites, people.bySite)],
    sites,
    activities: activityLines(status.lines, sites),
    budgetBySite: moneyLines(budget.bySite, sites),
    budgetByComponent: moneyLines(budget.byComponent, COMPONENTS),
    overspent: budget.overspent,
    roles: people.roles,
    people: sitePeople,
    contractsMissing: contract.missing,
    contractsEnding: contract.ending,
    belowLivingWage: people.belowLivingWage,
    coverageTopics: required.topics,
    coverage,
    expiring: expiringCertificates(best, indexById(tables.Staff), at, today, lead),
    events: siteEvents(tables.Events, tables.Sites, at, today),
    overdueMilestones: status.overdueMilestones,
    evaluation: input.evaluationWorkbook ? releasedEvaluationLines(input.evaluationWorkbook, size) : evaluationLines(input.responses, settings.minimumGroupSize),
    unprocessedSubmissions: input.unprocessedSubmissions ?? null,
    scorecard: supportRead ? privateSupportCounts(scores, supportRead, current, at, size) : scores,
    budgetByMonth: budgetByMonth({ budget: tables.Budget, expenses: tables.Expenses, training: tables['Training Log'] }, at),
    milestonesBySite: milestonesBySite(tables.Milestones, sites, at, today, lead),
    timeline: actionPlanTimeline(tables['Action Plan'], tables.Milestones, at, today),
    coverageBySite: coverageBySite(coverage, required.topics, sites),
  };
}

/**
 * Evaluation headline: counts per wave, matched pairs and the change of each scale, using the survey
 * report's own suppression so a small group never shows as a number here either.
 */
export function evaluationLines(responses: SurveyResponses | undefined, minimumGroupSize: number): EvaluationLine[] {
  const { rows, scales } = evaluationInput(responses);
  const size = Math.max(1, Math.floor(minimumGroupSize));
  return evaluationLinesOf(evaluationReport(rows, scales, size).overall, scales, size);
}

/** Survey Responses as the evaluation report reads them: its scored rows and the scales its score columns name. */
export function evaluationInput(responses: SurveyResponses | undefined): { rows: EvaluationRow[]; keys: string[]; scales: { id: string; title: string; header: string }[] } {
  const scales: { id: string; title: string; header: string }[] = [];
  for (const header of responses?.headers ?? []) {
    const scale = scaleIdFromHeader(header);
    if (scale && scale.kind === 'score') {
      const title = /^Score: (.*) \[[a-z0-9_]+\]$/.exec(header)?.[1] ?? scale.scaleId;
      scales.push({ id: scale.scaleId, title, header });
    }
  }
  const rows: EvaluationRow[] = [];
  // Each row's key as the Evaluation report counts it (its ID, else its submission key).
  const keys: string[] = [];
  for (const record of responses?.records ?? []) {
    const wave = text(responseValue(record, 'wave')).toLowerCase();
    if (wave !== 'baseline' && wave !== 'follow-up') continue;
    keys.push(text(responseValue(record, 'id')) || text(responseValue(record, 'submissionKey')));
    const scores: Record<string, number | null> = {};
    for (const scale of scales) scores[scale.id] = num(record[scale.header] ?? null);
    rows.push({
      site: text(responseValue(record, 'site')), wave, code: text(responseValue(record, 'participantCode')), scores,
      submitted: text(responseValue(record, 'submitted')) || undefined,
    });
  }
  // Scales only the implementation survey scores (its rows carry no wave) are not the outcome's.
  return { rows, keys, scales: scales.filter((scale) => rows.some((row) => row.scores[scale.id] !== null)) };
}

/** The headline lines of one group of the report (a site, all sites, or in the roll-up one organization). */
export function evaluationLinesOf(group: ReportGroup, scales: readonly { id: string; title: string }[], size: number): EvaluationLine[] {
  const line = (measure: string, value: ReportCell, digits: number): EvaluationLine => ({
    measure, digits, value: isSuppressed(value) ? suppressedText(value, size) : Math.round(value * 10 ** digits) / 10 ** digits,
  });
  const lines: EvaluationLine[] = [
    line('People who answered the baseline survey', group.baselineN, 0),
    line('People who answered the follow-up survey', group.followUpN, 0),
    line('People who answered both (matched)', group.matchedN, 0),
  ];
  for (const scale of scales) lines.push(line(`${scale.title}: average change for matched people`, group.scales[scale.id].change, 2));
  return lines;
}

/** One line per linked workbook the person refreshing cannot read, and one when no Evaluation report has been released yet. */
function privateWorkbookNotes(input: DashboardInput): string[] {
  const notes: string[] = [];
  if (input.supportWorkbook && 'unreadable' in input.supportWorkbook) notes.push(input.supportWorkbook.unreadable);
  const evaluation = input.evaluationWorkbook;
  if (evaluation && 'unreadable' in evaluation) notes.push(evaluation.unreadable);
  else if (evaluation && !evaluation.rows.released) {
    notes.push('The survey answers are in the Evaluation workbook, and the Dashboard shows only what the Evaluation report has released: choose ROSE Tracker → Evaluation report to release the first figures.');
  }
  return notes;
}

/**
 * The scorecard's open support requests when they come from the Support requests workbook: a site's
 * count is shown only when at least the minimum group size of people asked (so it points at nobody),
 * with complementary suppression against All sites (surveys/report.ts suppress). All sites also holds
 * requests made without a name; each counts as one person there. Unreadable: every count says so.
 */
export function privateSupportCounts(
  scores: readonly SiteScore[], read: PrivateRead<Table<'Support Requests'>>, current: readonly TrackerRecord<'Staff'>[], at: Places, size: number,
): SiteScore[] {
  if ('unreadable' in read) return scores.map((s) => ({ ...s, openSupport: NOT_READABLE }));
  const staffSite = new Map(current.map((record) => [refId(record.values.id), at.site(record.values.site)]));
  const askers = new Map<string, Set<string>>();
  let unnamed = 0;
  for (const record of read.rows.records) {
    if (OPEN_SUPPORT_STATUSES.indexOf(text(record.values.status)) < 0) continue;
    const staff = refId(record.values.staff);
    const site = staffSite.get(staff);
    if (!site) { unnamed += 1; continue; }
    const people = askers.get(site) ?? new Set<string>();
    people.add(staff);
    askers.set(site, people);
  }
  const sites = scores.filter((s) => s.site !== ALL_SITES);
  const everyone = [...askers.values()].reduce((n, people) => n + people.size, 0) + unnamed;
  const count = (s: SiteScore): number => (typeof s.openSupport === 'number' ? s.openSupport : 0);
  const all = scores.find((s) => s.site === ALL_SITES);
  const cells = suppress(sites.map((s) => ({ value: count(s), size: askers.get(s.site)?.size ?? 0 })), { value: all ? count(all) : 0, size: everyone }, size);
  const shown = (cell: ReportCell): number | string => (isSuppressed(cell) ? suppressedText(cell, size) : cell);
  return scores.map((s) => ({ ...s, openSupport: s.site === ALL_SITES ? shown(cells.overall) : shown(cells.sites[sites.indexOf(s)]) }));
}

/** The evaluation headline from the Evaluation workbook's rows, counting only the answers the last Evaluation report released. */
export function releasedEvaluationLines(read: PrivateRead<{ responses: SurveyResponses; released: ReleaseRecord | null }>, size: number): EvaluationLine[] {
  if ('unreadable' in read) return [];
  const { rows, keys, scales } = evaluationInput(read.rows.responses);
  const released = read.rows.released ? releasedBy(read.rows.released) : () => false;
  const counted = rows.filter((row, i) => released(keys[i], row));
  return evaluationLinesOf(evaluationReport(counted, scales, size).overall, scales, size);
}
