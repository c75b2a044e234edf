// The ROSE implementation index per site: how much of the model is in place, indicator by indicator, from the tracker's own tabs.
import { addDays, addMonths, isIsoDate } from '../core/dates';
import { livingWageFor, validUntil, validityByTopic } from '../tracker/computed';
import { payByStaffId, payOf } from '../tracker/pay';
import { IMPLEMENTATION_INDICATORS } from '../tracker/schema';
import type { Settings } from '../tracker/settings';
import { indexById, isBlank, num, refId, type Plain, type Tables, type TrackerRecord } from '../tracker/table';

export type IndicatorName = (typeof IMPLEMENTATION_INDICATORS)[number];

/**
 * How an indicator is measured:
 * - share: a share (0 to 1) of the staff on the roster that day;
 * - filled: 1 when at least one person on the roster holds the role, else 0;
 * - perYear: events of a type at the site in the 12 months up to the day.
 */
export type IndicatorKind = 'share' | 'filled' | 'perYear';

export interface IndicatorDefinition {
  name: IndicatorName;
  kind: IndicatorKind;
  /** The target when the Implementation Targets tab gives none for the site. */
  defaultTarget: number;
  /**
   * True when the Staff tab keeps only today's state for it (contract status, job description, wage): a
   * past period then reads today's values for the people on the roster then, and a report must say so.
   */
  currentStateOnly: boolean;
  /** What it counts, in words for the report. */
  about: string;
}

/** The indicators, in the order of the ROSE model (Recognition, Organizational Support, Skill Development). */
export const INDICATORS: readonly IndicatorDefinition[] = [
  { name: 'Photo ID issued', kind: 'share', defaultTarget: 1, currentStateOnly: false, about: 'Staff with a photo ID issued on or before the day (Staff: Photo ID issued).' },
  { name: 'Business cards issued', kind: 'share', defaultTarget: 1, currentStateOnly: false, about: 'Staff with business cards issued on or before the day (Staff: Business cards issued).' },
  { name: 'Meet-and-greets held', kind: 'perYear', defaultTarget: 1, currentStateOnly: false, about: 'Meet-and-greets at the site in the 12 months up to the day (Events).' },
  { name: 'Contract signed', kind: 'share', defaultTarget: 1, currentStateOnly: true, about: 'Staff whose contract status is Signed (Staff: Contract status).' },
  { name: 'Job description in place', kind: 'share', defaultTarget: 1, currentStateOnly: true, about: 'Staff with a job description link (Staff: Job description link).' },
  { name: 'Paid at or above the living wage', kind: 'share', defaultTarget: 1, currentStateOnly: true, about: 'Staff with a wage whose hourly wage is at or above the living wage (the site\'s, else Settings).' },
  { name: 'Peer Supporter role filled', kind: 'filled', defaultTarget: 1, currentStateOnly: false, about: 'Someone on the roster has the role Peer Supporter.' },
  { name: 'Systems Navigator role filled', kind: 'filled', defaultTarget: 1, currentStateOnly: false, about: 'Someone on the roster has the role Systems Navigator.' },
  { name: 'Teambuilding days a year', kind: 'perYear', defaultTarget: 2, currentStateOnly: false, about: 'Teambuilding days at the site in the 12 months up to the day (Events); the ROSE plan holds two a year.' },
  { name: 'Required training covered', kind: 'share', defaultTarget: 1, currentStateOnly: false, about: 'Of the trainings each person\'s role requires (Training Topics), the share held and valid on the day (Training Log).' },
];

/**
 * Traffic light: green when the target is met; amber when at least half of the way from the baseline
 * to the target (or, without a baseline, half the target); red below that; none without a figure.
 */
export type IndicatorStatus = 'green' | 'amber' | 'red' | 'none';

export interface IndicatorValue {
  /** The figure on the day; null when nothing can be counted (no staff, no wages, no required training). */
  value: number | null;
  /**
   * How many people a share rests on (for the training share, the people on the roster whose role
   * requires a training, not their person × topic pairs); the people on the roster for a role filled;
   * events counted for perYear. What the minimum group size is checked against.
   */
  basis: number;
}

export interface IndicatorResult {
  name: IndicatorName;
  kind: IndicatorKind;
  currentStateOnly: boolean;
  target: number;
  /** Where the target comes from: "default" or the Implementation Targets row. */
  targetFrom: string;
  baseline: IndicatorValue & { date: string | null; typed: boolean };
  /** One figure per period end, in the order given. */
  periods: (IndicatorValue & { end: string; status: IndicatorStatus })[];
}

export interface SiteIndex {
  site: string;
  siteId: string;
  indicators: IndicatorResult[];
  /** Per period: the share of indicators with a figure whose target is met (the share of the model in place). */
  inPlace: (number | null)[];
}

export interface IndexOptions {
  /** The last day of each period, ascending (e.g. quarter ends). */
  periodEnds: string[];
  /** Per site name: the day to take the baseline on when its target row gives none (e.g. its first baseline survey answer). */
  baselineDates?: Map<string, string>;
}

const text = (value: Plain | undefined): string => (value === null || value === undefined ? '' : String(value).trim());

/** A named Staff row on the roster on a day: started by then (or no start) and not ended before it. */
export function onRoster(record: TrackerRecord<'Staff'>, day: string): boolean {
  const { fullName, start, end } = record.values;
  if (isBlank(fullName)) return false;
  if (isIsoDate(start) && start > day) return false;
  if (isIsoDate(end) && end < day) return false;
  return true;
}

/** The last day of each quarter from the quarter holding `from` through the one holding `to`. */
export function quarterEnds(from: string, to: string): string[] {
  if (!isIsoDate(from) || !isIsoDate(to) || from > to) throw new Error(`Quarters need two dates in order (got ${from} and ${to}).`);
  const ends: string[] = [];
  const [year, month] = from.split('-').map(Number);
  let start = `${year}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  while (start <= to) {
    const next = addMonths(start, 3);
    ends.push(addDays(next, -1));
    start = next;
  }
  return ends;
}

/** Everything an indicator needs, indexed once for all sites and days. */
interface Context {
  tables: Tables;
  settings: Settings;
  sites: Map<string, TrackerRecord<'Sites'>>;
  validity: Map<string, number | null>;
  /** Topic → roles (lower case) that need it. */
  required: Map<string, string[]>;
}

function context(tables: Tables, settings: Settings): Context {
  const required = new Map<string, string[]>();
  for (const record of tables['Training Topics']?.records ?? []) {
    const topic = text(record.values.topic);
    const roles = text(record.values.requiredForRoles).split(',').map((r) => r.trim().toLowerCase()).filter(Boolean);
    if (topic && roles.length) required.set(topic, roles);
  }
  return { tables, settings, sites: indexById(tables.Sites), validity: validityByTopic(tables['Training Topics']), required };
}

function share(count: number, basis: number): IndicatorValue {
  return { value: basis ? count / basis : null, basis };
}

/** One indicator's figure for one site on one day. */
function indicatorValue(name: IndicatorName, ctx: Context, siteId: string, day: string): IndicatorValue {
  const staff = (ctx.tables.Staff?.records ?? []).filter((r) => refId(r.values.site) === siteId && onRoster(r, day));
  const count = (test: (r: TrackerRecord<'Staff'>) => boolean): number => staff.filter(test).length;
  const issued = (value: Plain): boolean => isIsoDate(value) && value <= day;
  const hasRole = (role: string): IndicatorValue => ({ value: staff.some((r) => text(r.values.role).toLowerCase() === role) ? 1 : 0, basis: staff.length });
  const events = (type: string): IndicatorValue => {
    const from = addDays(addMonths(day, -12), 1);
    const held = (ctx.tables.Events?.records ?? []).filter((e) => {
      const date = e.values.date;
      return refId(e.values.site) === siteId && text(e.values.type).toLowerCase() === type && isIsoDate(date) && date >= from && date <= day;
    }).length;
    return { value: held, basis: held };
  };
  switch (name) {
    case 'Photo ID issued': return share(count((r) => issued(r.values.photoIdIssued)), staff.length);
    case 'Business cards issued': return share(count((r) => issued(r.values.businessCardsIssued)), staff.length);
    case 'Contract signed': return share(count((r) => text(r.values.contractStatus) === 'Signed'), staff.length);
    case 'Job description in place': return share(count((r) => !isBlank(r.values.jobDescriptionLink)), staff.length);
    case 'Paid at or above the living wage': {
      // Only people with a wage and a living wage to compare it with count; without either nothing is known.
      let compared = 0;
      let atOrAbove = 0;
      const pay = payByStaffId(ctx.tables['Staff pay and contacts']);
      for (const person of staff) {
        const wage = num(payOf(ctx.tables, person, pay)?.values.hourlyWage ?? null);
        const living = livingWageFor(person, ctx.sites, ctx.settings);
        if (wage === null || living === null) continue;
        compared++;
        if (wage >= living) atOrAbove++;
      }
      return share(atOrAbove, compared);
    }
    case 'Peer Supporter role filled': return hasRole('peer supporter');
    case 'Systems Navigator role filled': return hasRole('systems navigator');
    case 'Teambuilding days a year': return events('teambuilding day');
    case 'Meet-and-greets held': return events('meet-and-greet');
    case 'Required training covered': return trainingCovered(ctx, staff, day);
  }
}

/**
 * Of each roster person's required (person, topic) pairs, the share with a training held and valid on
 * the day. Its basis is the people those pairs belong to: three people with three topics each are three
 * people, whom a minimum group size of 5 protects, not nine.
 */
function trainingCovered(ctx: Context, staff: TrackerRecord<'Staff'>[], day: string): IndicatorValue {
  const held = new Set<string>();
  for (const record of ctx.tables['Training Log']?.records ?? []) {
    const date = record.values.date;
    if (!isIsoDate(date) || date > day || text(record.values.certified) === 'No') continue;
    const until = validUntil(record, ctx.validity);
    if (until !== '' && until < day) continue;
    held.add(`${refId(record.values.staff)}\u0000${refId(record.values.topic)}`);
  }
  let pairs = 0;
  let covered = 0;
  let people = 0;
  for (const person of staff) {
    const role = text(person.values.role).toLowerCase();
    const id = refId(person.values.id);
    const before = pairs;
    ctx.required.forEach((roles, topic) => {
      if (roles.indexOf(role) < 0) return;
      pairs++;
      if (held.has(`${id}\u0000${topic}`)) covered++;
    });
    if (pairs > before) people++;
  }
  return { value: pairs ? covered / pairs : null, basis: people };
}

/** The traffic light for a figure against its target and baseline. */
export function indicatorStatus(value: number | null, target: number, baseline: number | null): IndicatorStatus {
  if (value === null) return 'none';
  if (value >= target) return 'green';
  const from = baseline !== null && baseline < target ? baseline : 0;
  const halfway = from + (target - from) / 2;
  return value >= halfway ? 'amber' : 'red';
}

/** A target typed as 80%, 0.8 or 80 for a share; a count for events. */
function targetValue(raw: Plain, kind: IndicatorKind): number | null {
  const n = typeof raw === 'string' && raw.trim().endsWith('%') ? num(raw.trim().slice(0, -1)) : num(raw);
  if (n === null) return null;
  const asShare = typeof raw === 'string' && raw.trim().endsWith('%') ? n / 100 : n;
  return kind === 'share' && asShare > 1 ? asShare / 100 : asShare;
}

/**
 * The index for every site of the Sites tab: each indicator's target (the site's Implementation Targets
 * row, else the default), its baseline (typed, else computed on the row's baseline date, else the site's
 * baseline date from the options, else the first period's end), a figure and traffic light per period, and
 * per period the share of indicators in place. Targets that cannot be read are reported in `problems`
 * naming the tab and row, and the default is used until they are fixed.
 */
export function implementationIndex(tables: Tables, settings: Settings, options: IndexOptions): { sites: SiteIndex[]; problems: string[] } {
  const { periodEnds } = options;
  if (periodEnds.length === 0) throw new Error('The implementation index needs at least one period.');
  periodEnds.forEach((end, i) => {
    if (!isIsoDate(end)) throw new Error(`Period end ${i + 1} is not a date (yyyy-mm-dd): "${end}".`);
    if (i > 0 && end <= periodEnds[i - 1]) throw new Error(`Period ends must go forward in time: ${end} follows ${periodEnds[i - 1]}.`);
  });
  const ctx = context(tables, settings);
  const problems: string[] = [];
  const targets = new Map<string, TrackerRecord<'Implementation Targets'>>();
  for (const record of tables['Implementation Targets']?.records ?? []) {
    const site = refId(record.values.site);
    const indicator = INDICATORS.find((d) => d.name.toLowerCase() === text(record.values.indicator).toLowerCase());
    if (!site && !text(record.values.indicator)) continue;
    if (!site || !ctx.sites.has(site)) {
      problems.push(`Implementation Targets, row ${record.row}, column Site: "${text(record.values.site)}" is not a site on the Sites tab.`);
      continue;
    }
    if (!indicator) {
      problems.push(`Implementation Targets, row ${record.row}, column Indicator: "${text(record.values.indicator)}" is not one of ${INDICATORS.map((d) => d.name).join(', ')}.`);
      continue;
    }
    const key = `${site}\u0000${indicator.name}`;
    if (targets.has(key)) {
      problems.push(`Implementation Targets, row ${record.row}: ${indicator.name} at this site already has a target on row ${targets.get(key)!.row}; the first one counts.`);
      continue;
    }
    targets.set(key, record);
  }

  const sites: SiteIndex[] = [];
  for (const [siteId, siteRecord] of ctx.sites) {
    const site = text(siteRecord.values.name) || siteId;
    const indicators = INDICATORS.map((definition): IndicatorResult => {
      const row = targets.get(`${siteId}\u0000${definition.name}`);
      let target = definition.defaultTarget;
      let targetFrom = 'default';
      if (row) {
        const typed = targetValue(row.values.target, definition.kind);
        if (typed === null) problems.push(`Implementation Targets, row ${row.row}, column Target: type a number (a share such as 80% for staff indicators, a count for events); using ${definition.defaultTarget} until then.`);
        else {
          target = typed;
          targetFrom = `Implementation Targets row ${row.row}`;
        }
      }
      const typedBaseline = row ? targetValue(row.values.baseline, definition.kind) : null;
      const baselineDate = row && isIsoDate(row.values.baselineDate) ? row.values.baselineDate : options.baselineDates?.get(site) ?? periodEnds[0];
      const baseline = typedBaseline !== null
        ? { value: typedBaseline, basis: 0, date: row && isIsoDate(row.values.baselineDate) ? row.values.baselineDate : null, typed: true }
        : { ...indicatorValue(definition.name, ctx, siteId, baselineDate), date: baselineDate, typed: false };
      const periods = periodEnds.map((end) => {
        const figure = indicatorValue(definition.name, ctx, siteId, end);
        return { ...figure, end, status: indicatorStatus(figure.value, target, baseline.value) };
      });
      return { name: definition.name, kind: definition.kind, currentStateOnly: definition.currentStateOnly, target, targetFrom, baseline, periods };
    });
    sites.push({ site, siteId, indicators, inPlace: shareInPlace(indicators, periodEnds.length) });
  }
  return { sites, problems };
}

/** Per period, the share of indicators with a figure whose target is met. */
function shareInPlace(indicators: IndicatorResult[], periods: number): (number | null)[] {
  const shares: (number | null)[] = [];
  for (let i = 0; i < periods; i++) {
    const known = indicators.filter((indicator) => indicator.periods[i].status !== 'none');
    shares.push(known.length ? known.filter((indicator) => indicator.periods[i].status === 'green').length / known.length : null);
  }
  return shares;
}

/**
 * The index as it may leave the organization (the roll-up, a funder, the Site report): a share resting
 * on fewer than minGroupSize people is suppressed, since at a small site a share of staff paid below the
 * living wage, or without a contract, points at people. Every share's basis counts people (the training
 * share's too), so the one check covers them all. Role-filled and event counts describe the site, not a person.
 */
export function publishableIndex(sites: SiteIndex[], minGroupSize: number): SiteIndex[] {
  if (!Number.isInteger(minGroupSize) || minGroupSize < 1) throw new Error(`The minimum group size must be a whole number of at least 1 (got ${minGroupSize}).`);
  return sites.map((site) => {
    const indicators = site.indicators.map((indicator): IndicatorResult => {
      if (indicator.kind !== 'share') return indicator;
      const small = (basis: number): boolean => basis < minGroupSize;
      // A typed baseline has no basis of its own: it is shown only when the first period rests on enough staff.
      const hideBaseline = indicator.baseline.typed ? small(indicator.periods[0].basis) : small(indicator.baseline.basis);
      return {
        ...indicator,
        baseline: hideBaseline ? { ...indicator.baseline, value: null, basis: 0 } : indicator.baseline,
        periods: indicator.periods.map((p) => (small(p.basis) ? { ...p, value: null, basis: 0, status: 'none' as const } : p)),
      };
    });
    // The share in place is recounted over what is shown, so it cannot reveal a hidden indicator's light.
    return { ...site, indicators, inPlace: shareInPlace(indicators, indicators[0] ? indicators[0].periods.length : 0) };
  });
}
