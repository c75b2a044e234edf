// The dashboard's numbers, from the tracker's records: pure, so the same model feeds the Dashboard tab, the reminder digest and the tests.
import { ROSE_COMPONENTS, TABS, type TabName } from '../tracker/schema';
import { indexById, isBlank, num, refId, type Plain, type Table, type TrackerRecord } from '../tracker/table';
import { addDays, addMonths, isIsoDate } from '../tracker/dates';
import { certificationStatus, livingWageFor, milestoneStatus, spentByBudgetLine, validUntil, validityByTopic, type Tables } from '../tracker/computed';
import type { Settings } from '../tracker/settings';
import { evaluationReport, isSuppressed, type EvaluationRow, type ReportCell } from '../surveys/report';
import { scaleIdFromHeader } from '../surveys/normalize';

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
}

export interface DashboardInput {
  tables: Tables;
  settings: Settings;
  today: string;
  unprocessedSubmissions?: number | null;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
const text = (value: Plain | undefined): string => (value === null || value === undefined ? '' : String(value).trim());
const dateOf = (value: Plain | undefined): string => (isIsoDate(value) ? value : '');

/** Sites by ID with their names; names fall back to the ID so a site without a name still shows. */
function siteNames(tables: Tables): Map<string, string> {
  const names = new Map<string, string>();
  for (const record of tables.Sites?.records ?? []) {
    const id = refId(record.values.ID ?? null);
    if (id && !names.has(id)) names.set(id, text(record.values.Name) || id);
  }
  return names;
}

export function computeDashboard(input: DashboardInput): DashboardModel {
  const { tables, settings, today } = input;
  const lead = settings.reminderLeadDays;
  const notes: string[] = [];
  for (const spec of TABS) {
    if (!tables[spec.name]) notes.push(`The ${spec.name} tab is missing: run ROSE Tracker → Set up tracker to add it.`);
  }
  for (const problem of settings.problems) notes.push(`Settings, ${problem.key}: ${problem.message}`);
  if (tables.Settings && !tables.Settings.records.some((r) => r.values.Setting === 'Living wage per hour')) {
    notes.push('Settings has no "Living wage per hour" row: the default living wage is used.');
  }
  if (settings.livingWage === null) notes.push('No living wage in Settings: wages cannot be compared with it.');
  else if (isIsoDate(settings.livingWageAsOf) && addMonths(settings.livingWageAsOf, 12) < today) {
    notes.push(`The living wage in Settings dates from ${settings.livingWageAsOf}: check for a newer figure.`);
  }

  const names = siteNames(tables);
  const siteName = (value: Plain | undefined): string => {
    const id = refId(value ?? null);
    if (!id) return NO_SITE;
    return names.get(id) ?? id;
  };
  const activities = indexById(tables['Action Plan']);
  const activitySite = (value: Plain | undefined): string => {
    const activity = activities.get(refId(value ?? null));
    return activity ? siteName(activity.values.Site) : NO_SITE;
  };
  const componentOf = (value: Plain | undefined): string => {
    const c = text(value);
    return (ROSE_COMPONENTS as readonly string[]).indexOf(c) >= 0 ? c : NO_COMPONENT;
  };

  const sites = [...new Set(names.values())];
  const addSite = (site: string): void => { if (sites.indexOf(site) < 0) sites.push(site); };
  if (!tables.Sites?.records.length) notes.push('No sites yet: add them on the Sites tab.');

  // Activities and milestones by site and component.
  const statusLines = new Map<string, ActivityLine>();
  const line = (site: string, component: string): ActivityLine => {
    const key = `${site}\u0000${component}`;
    let found = statusLines.get(key);
    if (!found) {
      found = { site, component, done: 0, inProgress: 0, notStarted: 0, blocked: 0, cancelled: 0, milestonesOverdue: 0, milestonesDueSoon: 0 };
      statusLines.set(key, found);
    }
    return found;
  };
  for (const record of tables['Action Plan']?.records ?? []) {
    if (isBlank(record.values.Strategy ?? null) && isBlank(record.values.Status ?? null) && isBlank(record.values.Site ?? null)) continue;
    const site = siteName(record.values.Site);
    addSite(site);
    const target = line(site, componentOf(record.values['ROSE component']));
    const status = text(record.values.Status);
    if (status === 'Done') target.done += 1;
    else if (status === 'In progress') target.inProgress += 1;
    else if (status === 'Blocked') target.blocked += 1;
    else if (status === 'Cancelled') target.cancelled += 1;
    else target.notStarted += 1; // blank or unknown counts as not started: nothing says it began
  }
  const overdueMilestones: MilestoneItem[] = [];
  for (const record of tables.Milestones?.records ?? []) {
    if (isBlank(record.values.Milestone ?? null) && isBlank(record.values.Due ?? null)) continue;
    const status = milestoneStatus(record.values.Due ?? null, record.values.Completed ?? null, today, lead);
    if (status !== 'Overdue' && status !== 'Due soon') continue;
    const activity = activities.get(refId(record.values.Activity ?? null));
    const site = isBlank(record.values.Site ?? null) ? activitySite(record.values.Activity) : siteName(record.values.Site);
    addSite(site);
    const target = line(site, componentOf(activity?.values['ROSE component']));
    if (status === 'Overdue') {
      target.milestonesOverdue += 1;
      overdueMilestones.push({
        tab: 'Milestones', row: record.row, id: text(record.values.ID), milestone: text(record.values.Milestone), site, due: dateOf(record.values.Due),
      });
    } else target.milestonesDueSoon += 1;
  }
  if (tables['Action Plan'] && !tables['Action Plan'].records.length) notes.push('No activities yet: add them on the Action Plan tab.');

  // Budget by site and by component.
  const spent = spentByBudgetLine(tables);
  const bySite = new Map<string, MoneyLine>();
  const byComponent = new Map<string, MoneyLine>();
  const money = (map: Map<string, MoneyLine>, site: string, component: string, key: string): MoneyLine => {
    let found = map.get(key);
    if (!found) { found = { site, component, allocated: 0, spent: 0, remaining: 0, used: null }; map.set(key, found); }
    return found;
  };
  const overspent: OverspentLine[] = [];
  for (const record of tables.Budget?.records ?? []) {
    const id = refId(record.values.ID ?? null);
    const allocated = num(record.values.Allocated ?? null);
    const lineSpent = id ? spent.get(id) ?? 0 : 0;
    if (allocated === null && lineSpent === 0) continue;
    const activity = activities.get(refId(record.values.Activity ?? null));
    const site = isBlank(record.values.Site ?? null) ? activitySite(record.values.Activity) : siteName(record.values.Site);
    const component = componentOf(isBlank(record.values['ROSE component'] ?? null) ? activity?.values['ROSE component'] : record.values['ROSE component']);
    addSite(site);
    for (const target of [money(bySite, site, ALL_SITES, site), money(byComponent, ALL_SITES, component, component)]) {
      target.allocated += allocated ?? 0;
      target.spent += lineSpent;
    }
    if (lineSpent > (allocated ?? 0) + 0.005) {
      overspent.push({ tab: 'Budget', row: record.row, id, description: text(record.values.Description), site, allocated: round2(allocated ?? 0), spent: round2(lineSpent) });
    }
  }
  const finish = (lines: MoneyLine[]): MoneyLine[] => lines.map((l) => ({
    ...l, allocated: round2(l.allocated), spent: round2(l.spent), remaining: round2(l.allocated - l.spent),
    used: l.allocated > 0 ? l.spent / l.allocated : null,
  }));
  const budgetByComponent = finish([...ROSE_COMPONENTS, NO_COMPONENT].map((c) => byComponent.get(c)).filter((l): l is MoneyLine => !!l));

  // People: current staff are those whose end date has not passed.
  const roles: string[] = [];
  const people = new Map<string, SitePeople>();
  const peopleAt = (site: string): SitePeople => {
    let found = people.get(site);
    if (!found) { found = { site, byRole: {}, total: 0, withWage: 0, atOrAboveLivingWage: 0, photoIdIssued: 0, businessCardsIssued: 0 }; people.set(site, found); }
    return found;
  };
  const contractsMissing: PersonItem[] = [];
  const contractsEnding: PersonItem[] = [];
  const belowLivingWage: PersonItem[] = [];
  const current: TrackerRecord[] = [];
  const contractHorizon = addDays(today, lead);
  const sitesById = indexById(tables.Sites);
  for (const record of tables.Staff?.records ?? []) {
    const name = text(record.values['Full name']);
    if (!name) continue;
    const end = dateOf(record.values.End);
    if (end && end < today) continue;
    current.push(record);
    const site = siteName(record.values.Site);
    addSite(site);
    const role = text(record.values.Role) || 'Role not set';
    if (roles.indexOf(role) < 0) roles.push(role);
    const at = peopleAt(site);
    at.byRole[role] = (at.byRole[role] ?? 0) + 1;
    at.total += 1;
    const item = (date: string): PersonItem => ({ tab: 'Staff', row: record.row, id: text(record.values.ID), name, site, date });
    const wage = num(record.values['Hourly wage'] ?? null);
    if (wage !== null) {
      at.withWage += 1;
      const livingWage = livingWageFor(record, sitesById, settings);
      if (livingWage !== null && wage >= livingWage) at.atOrAboveLivingWage += 1;
      if (livingWage !== null && wage < livingWage) belowLivingWage.push(item(''));
    }
    if (isIsoDate(record.values['Photo ID issued']) && record.values['Photo ID issued'] <= today) at.photoIdIssued += 1;
    if (isIsoDate(record.values['Business cards issued']) && record.values['Business cards issued'] <= today) at.businessCardsIssued += 1;
    const contract = text(record.values['Contract status']);
    if (contract !== 'Signed') contractsMissing.push(item(''));
    const contractEnd = dateOf(record.values['Contract end']);
    if (contractEnd && contractEnd >= today && contractEnd <= contractHorizon) contractsEnding.push(item(contractEnd));
  }
  if (tables.Staff && !current.length) notes.push('No current staff on the Staff tab.');
  for (const site of sites) if (!people.has(site) && site !== NO_SITE) notes.push(`${site} has no current staff on the Staff tab.`);

  // Training: the best certificate each person holds per topic.
  const validity = validityByTopic(tables['Training Topics']);
  const requiredFor = new Map<string, string[]>();
  const coverageTopics: string[] = [];
  for (const record of tables['Training Topics']?.records ?? []) {
    const topic = text(record.values.Topic);
    if (!topic) continue;
    const forRoles = text(record.values['Required for roles']).split(',').map((r) => r.trim().toLowerCase()).filter(Boolean);
    if (forRoles.length) { requiredFor.set(topic, forRoles); coverageTopics.push(topic); }
  }
  const best = new Map<string, { until: string; record: TrackerRecord }>();
  for (const record of tables['Training Log']?.records ?? []) {
    const staffId = refId(record.values.Staff ?? null);
    const topic = refId(record.values.Topic ?? null);
    if (!staffId || !topic || record.values.Certified === 'No') continue;
    const date = dateOf(record.values.Date);
    if (date && date > today) continue; // a training booked for later is not held yet
    const until = validUntil(record, validity);
    const key = `${staffId}\u0000${topic}`;
    const seen = best.get(key);
    // No expiry beats any date; otherwise the later date wins.
    if (!seen || (seen.until !== '' && (until === '' || until > seen.until))) best.set(key, { until, record });
  }
  const staffById = indexById(tables.Staff);
  const expiring: CertificationItem[] = [];
  best.forEach(({ until, record }, key) => {
    const [staffId, topic] = key.split('\u0000');
    const person = staffById.get(staffId);
    if (!person || certificationStatus(until, null, today, lead) !== 'Expiring soon') return;
    const end = dateOf(person.values.End);
    if (end && end < today) return;
    expiring.push({
      tab: 'Training Log', row: record.row, id: text(record.values.ID), name: text(person.values['Full name']) || staffId,
      site: siteName(person.values.Site), date: until, topic,
    });
  });
  expiring.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.row - b.row));
  const coverage: CoverageRow[] = [];
  for (const record of current) {
    const role = text(record.values.Role);
    const needed = coverageTopics.filter((t) => requiredFor.get(t)!.indexOf(role.toLowerCase()) >= 0);
    if (!needed.length) continue;
    const id = refId(record.values.ID ?? null);
    const topics: Record<string, CoverageStatus | ''> = {};
    for (const topic of coverageTopics) {
      if (needed.indexOf(topic) < 0) { topics[topic] = ''; continue; }
      const held = best.get(`${id}\u0000${topic}`);
      if (!held || !id) { topics[topic] = 'Missing'; continue; }
      const status = certificationStatus(held.until, null, today, lead);
      topics[topic] = status === 'Expired' ? 'Expired' : status === 'Expiring soon' ? 'Expiring' : 'Valid';
    }
    coverage.push({ id, name: text(record.values['Full name']), site: siteName(record.values.Site), role, topics });
  }

  // Events: teambuilding and meet-and-greets that have happened (future dates are plans, not events).
  const year = today.slice(0, 4);
  const lastTeambuilding = new Map<string, string>();
  const meetAndGreets = new Map<string, number>();
  for (const record of tables.Events?.records ?? []) {
    const date = dateOf(record.values.Date);
    if (!date || date > today) continue;
    const site = siteName(record.values.Site);
    const type = text(record.values.Type);
    if (type === 'Teambuilding day' && date > (lastTeambuilding.get(site) ?? '')) lastTeambuilding.set(site, date);
    if (type === 'Meet-and-greet' && date.slice(0, 4) === year) meetAndGreets.set(site, (meetAndGreets.get(site) ?? 0) + 1);
  }
  const siteRows = new Map<string, number>();
  for (const record of tables.Sites?.records ?? []) {
    const id = refId(record.values.ID ?? null);
    if (id && !siteRows.has(names.get(id)!)) siteRows.set(names.get(id)!, record.row);
  }
  const events: SiteEvents[] = [...siteRows.keys()].map((site) => {
    const last = lastTeambuilding.get(site) ?? '';
    return {
      tab: 'Sites', row: siteRows.get(site)!, site, lastTeambuilding: last,
      teambuildingOverdue: !last || addMonths(last, TEAMBUILDING_MONTHS) < today,
      meetAndGreetsThisYear: meetAndGreets.get(site) ?? 0,
    };
  });

  const ordered = [...sites.filter((s) => s !== NO_SITE), ...sites.filter((s) => s === NO_SITE)];
  const activityLines: ActivityLine[] = [];
  for (const site of ordered) {
    for (const component of [...ROSE_COMPONENTS, NO_COMPONENT]) {
      const found = statusLines.get(`${site}\u0000${component}`);
      if (found) activityLines.push(found);
    }
  }
  // Whole organization, per component.
  for (const component of [...ROSE_COMPONENTS, NO_COMPONENT]) {
    const parts = activityLines.filter((l) => l.component === component);
    if (!parts.length) continue;
    const total = line(ALL_SITES, component);
    for (const part of parts) {
      total.done += part.done; total.inProgress += part.inProgress; total.notStarted += part.notStarted;
      total.blocked += part.blocked; total.cancelled += part.cancelled;
      total.milestonesOverdue += part.milestonesOverdue; total.milestonesDueSoon += part.milestonesDueSoon;
    }
    activityLines.push(total);
  }

  return {
    today,
    organizationName: settings.organizationName,
    leadDays: lead,
    minimumGroupSize: settings.minimumGroupSize,
    currency: settings.currency,
    livingWage: settings.livingWage,
    coordinatorEmails: [...settings.coordinatorEmails],
    notes,
    sites: ordered,
    activities: activityLines,
    budgetBySite: finish(ordered.map((s) => bySite.get(s)).filter((l): l is MoneyLine => !!l)),
    budgetByComponent,
    overspent,
    roles,
    people: ordered.map((s) => people.get(s)).filter((p): p is SitePeople => !!p),
    contractsMissing,
    contractsEnding: contractsEnding.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    belowLivingWage,
    coverageTopics,
    coverage,
    expiring,
    events,
    overdueMilestones: overdueMilestones.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.row - b.row)),
    evaluation: evaluationLines(tables['Survey Responses'], settings.minimumGroupSize),
    unprocessedSubmissions: input.unprocessedSubmissions ?? null,
  };
}

/**
 * Evaluation headline: counts per wave, matched pairs and the change of each scale, using the survey
 * report's own suppression so a small group never shows as a number here either.
 */
export function evaluationLines(responses: Table | undefined, minimumGroupSize: number): EvaluationLine[] {
  const scales: { id: string; title: string; header: string }[] = [];
  for (const header of responses?.headers ?? []) {
    const scale = scaleIdFromHeader(header);
    if (scale && scale.kind === 'score') {
      const title = /^Score: (.*) \[[a-z0-9_]+\]$/.exec(header)?.[1] ?? scale.scaleId;
      scales.push({ id: scale.scaleId, title, header });
    }
  }
  const rows: EvaluationRow[] = [];
  for (const record of responses?.records ?? []) {
    const wave = text(record.values.Wave).toLowerCase();
    if (wave !== 'baseline' && wave !== 'follow-up') continue;
    const scores: Record<string, number | null> = {};
    for (const scale of scales) scores[scale.id] = num(record.values[scale.header] ?? null);
    rows.push({ site: text(record.values.Site), wave, code: text(record.values['Participant code']), scores, submitted: text(record.values.Submitted) || undefined });
  }
  const size = Math.max(1, Math.floor(minimumGroupSize));
  const report = evaluationReport(rows, scales, size);
  const hidden = `suppressed (fewer than ${size})`;
  const cell = (value: ReportCell, digits: number): number | string => (isSuppressed(value) ? hidden : Math.round(value * 10 ** digits) / 10 ** digits);
  const lines: EvaluationLine[] = [
    { measure: 'People who answered the baseline survey', value: cell(report.overall.baselineN, 0) },
    { measure: 'People who answered the follow-up survey', value: cell(report.overall.followUpN, 0) },
    { measure: 'People who answered both (matched)', value: cell(report.overall.matchedN, 0) },
  ];
  for (const scale of scales) {
    lines.push({ measure: `${scale.title}: average change for matched people`, value: cell(report.overall.scales[scale.id].change, 2) });
  }
  return lines;
}
