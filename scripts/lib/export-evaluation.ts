// export-evaluation: the process-evaluation answers (one row per respondent) and the implementation index (one row per site and period) as anonymous CSV files, each with its codebook.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { INDICATORS, implementationIndex, publishableIndex, quarterEnds, type IndicatorDefinition, type IndicatorName, type IndicatorResult, type IndicatorStatus, type SiteIndex } from '../../addon/evaluation/implementation';
import { RESPONDENT_GROUPS, RESPONDENT_GROUP_ITEM, scoreProcessResponse, type RespondentGroup } from '../../addon/evaluation/process';
import { waveSchedule, waveTiming } from '../../addon/evaluation/waves';
import { addDays, addMonths, isIsoDate } from '../../addon/core/dates';
import { evaluationInput } from '../../addon/dashboard/compute';
import { answerFields, type AnswerField, type SurveyDefinition } from '../../addon/surveys/definition';
import { answersFromRecord, itemIdFromHeader, responseRecords, responseValue, type ResponseRecord } from '../../addon/surveys/row';
import type { Settings } from '../../addon/tracker/settings';
import type { Plain, Tables } from '../../addon/tracker/table';
import { loadSurveyDefinitions } from '../templates/surveys';
import { Layout, type CodebookVariable } from './codebook';
import type { CsvCell } from './csv';
import { UserFacingError } from './errors';
import type { CellData } from './tracker-read';

/** The implementation survey's id (templates/evaluation/process-evaluation.json). */
export const PROCESS_SURVEY_ID = 'rose-process';

/**
 * The tracker tabs the index is computed from (addon/evaluation/implementation.ts reads exactly these;
 * Staff pay and contacts in the Staff records workbook once the tracker links one). Staff and its pay
 * are read into memory to count; no column of them is written out.
 */
export const INDEX_TABS = ['Settings', 'Sites', 'Staff', 'Staff pay and contacts', 'Events', 'Training Topics', 'Training Log', 'Implementation Targets'] as const;

/** Where the survey definitions live: the implementation survey in templates/evaluation, the others in templates/surveys. */
export const DEFINITION_DIRS = [join(__dirname, '..', '..', 'templates', 'evaluation'), join(__dirname, '..', '..', 'templates', 'surveys')];

/** Suppressed figures in number columns (an SPSS- or Stata-style user-missing code, outside every valid range). */
export const SUPPRESSED_NUMBER = -9;
/** A figure that cannot be counted (nobody on the roster, no wage recorded, no required training). */
export const NO_FIGURE = -8;
/** A figure whose tab could not be read (wages in a Staff records workbook this account cannot open): not known, never 0. */
export const UNAVAILABLE_NUMBER = -7;
export const UNAVAILABLE_TEXT = 'unavailable';
export const SUPPRESSED_TEXT = 'suppressed';

export function otherSitesLabel(minGroupSize: number): string {
  return `Other sites (fewer than ${minGroupSize})`;
}

/** The implementation survey's definition, from the same files the build embeds. */
export function processDefinition(dirs: readonly string[] = DEFINITION_DIRS): SurveyDefinition {
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    const found = loadSurveyDefinitions(dir).find((d) => d.id === PROCESS_SURVEY_ID);
    if (found) {
      if (!found.anonymous || found.collectEmail) throw new UserFacingError(`The survey "${found.id}" is not marked anonymous, so it will not be exported; only anonymous surveys can be exported for analysis`);
      return found;
    }
  }
  throw new UserFacingError(`No survey "${PROCESS_SURVEY_ID}" in templates/evaluation; update this copy of ROSE Tracker`);
}

/** The calendar quarter a day falls in: 2026-03-16 → 2026-Q1. */
export function quarterOf(day: string): string {
  const [year, month] = day.split('-').map(Number);
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

function dayOf(value: Plain): string {
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value === null ? '' : String(value));
  return match ? match[1] : '';
}

// ---------------------------------------------------------------------------------------------
// Process-evaluation answers

interface Respondent {
  record: ResponseRecord;
  site: string;
  group: RespondentGroup | null;
  scores: Record<string, number | null>;
  day: string;
}

export interface ProcessExport {
  header: string[];
  rows: CsvCell[][];
  codebook: CodebookVariable[];
  minGroupSize: number;
  /** Sites written as "Other sites (fewer than N)": too few respondents, or hidden so a lone small one is not named by elimination. */
  mergedSites: string[];
  /** Site columns (a site, or the merged one) where the respondent group is written as "suppressed". */
  groupsSuppressedAt: string[];
  /** Answers that matched none of an item's options (kept as typed), per column. */
  unmatched: Record<string, number>;
  freeTextLeftOut: string[];
}

const FREE_TEXT = new Set(['short_text', 'long_text']);
const LEADING_ITEMS = new Set([RESPONDENT_GROUP_ITEM]);

function optionsOf(field: AnswerField): string[] | null {
  const item = field.item;
  if (item.type === 'choice' && !item.optionsFrom) return item.options;
  if (item.type === 'grid') return item.columns;
  return null;
}

function scoringOf(field: AnswerField): (number | null)[] | undefined {
  return field.item.type === 'choice' ? field.item.optionValues : field.item.type === 'grid' ? field.item.columnValues : undefined;
}

/** An item's codebook entry: each option's code (its position), which codes do not count in a score, and the scale's direction. */
function itemEntry(field: AnswerField, definition: SurveyDefinition): CodebookVariable {
  const item = field.item;
  const question = field.row ? `${item.title} [${field.row.label}]` : item.title;
  const options = optionsOf(field);
  const scale = definition.scales.find((s) => s.items.includes(field.id));
  const reversed = scale?.reverse.includes(field.id) ?? false;
  if (options) {
    const scoring = scoringOf(field);
    const optOut = options.map((label, i) => ({ label, code: i + 1, counts: scoring ? scoring[i] !== null : true })).filter((o) => !o.counts);
    const counted = options.map((label, i) => ({ label, code: i + 1, value: scoring ? scoring[i] : i + 1 })).filter((o) => o.value !== null);
    const low = counted[0];
    const high = counted[counted.length - 1];
    return {
      variable: field.id, label: question, type: 'code',
      codes: options.map((label, i) => `${i + 1}=${label}`).join('; '),
      direction: scale && low && high
        ? `${low.code} (${low.label}) to ${high.code} (${high.label}): higher = more agreement with the sentence${reversed ? `; worded the other way round, so ${scale.title} counts ${scale.min + scale.max} minus the code` : ''}`
        : '',
      missing: [
        ...optOut.map((o) => `${o.code}=${o.label} (an answer, not counted in any score)`),
        'empty=not answered',
      ].join('; '),
      suppression: '',
    };
  }
  if (item.type === 'scale') {
    return { variable: field.id, label: question, type: 'number', codes: `${item.min} to ${item.max}`, direction: `higher = nearer "${item.maxLabel ?? item.max}"`, missing: 'empty=not answered', suppression: '' };
  }
  if (item.type === 'checkbox') {
    return { variable: field.id, label: question, type: 'text', codes: `the options ticked, joined by ", ": ${item.options.join('; ')}`, direction: '', missing: 'empty=none ticked', suppression: '' };
  }
  if (item.type === 'date') return { variable: field.id, label: question, type: 'date (yyyy-mm-dd)', codes: '', direction: '', missing: 'empty=not answered', suppression: '' };
  return { variable: field.id, label: question, type: 'text', codes: 'free text as typed', direction: '', missing: 'empty=not answered', suppression: '' };
}

/**
 * Which sites keep their name: a site with fewer respondents than the minimum is merged into "Other
 * sites"; and while the merged rows would still be one site's (a lone small site is named by
 * elimination from the site list) or fewer than the minimum, the smallest named site joins them too
 * (the complementary suppression of surveys/report.ts, applied to names).
 */
export function mergedSitesFor(counts: ReadonlyMap<string, number>, minGroupSize: number): string[] {
  const merged = new Set([...counts].filter(([, n]) => n < minGroupSize).map(([site]) => site));
  const total = (): number => [...merged].reduce((sum, site) => sum + (counts.get(site) ?? 0), 0);
  while (merged.size > 0 && (merged.size === 1 || total() < minGroupSize)) {
    const shown = [...counts].filter(([site]) => !merged.has(site)).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
    if (!shown.length) break;
    merged.add(shown[0][0]);
  }
  return [...merged].sort((a, b) => a.localeCompare(b));
}

/**
 * The process-evaluation export from the Survey Responses values (header row first): one row per
 * response to the implementation survey with site, respondent group, period (the quarter it was sent
 * in), wave as stored, the day sent, each item's code, and each construct's score computed by the
 * add-on's own scoring (addon/evaluation/process.ts). Sites too small to name are merged; where a
 * respondent group has fewer people than the minimum at a site, both groups there are written as
 * "suppressed", since the one left shown would name the other by elimination.
 */
export function buildProcessExport(grid: readonly (readonly CellData[])[], definition: SurveyDefinition, options: { minGroupSize: number; includeFreeText: boolean }): ProcessExport {
  const { minGroupSize } = options;
  if (!Number.isInteger(minGroupSize) || minGroupSize < 1) throw new UserFacingError(`The minimum group size must be a whole number of at least 1 (got ${minGroupSize})`);
  const table = responseRecords((grid[0] ?? []).map(plainCell), grid.slice(1).map((r) => r.map(plainCell)));
  const respondents: Respondent[] = table.records
    .filter((record) => String(responseValue(record, 'survey') ?? '') === definition.id)
    .map((record) => {
      const scored = scoreProcessResponse(definition, answersFromRecord(definition, record));
      return { record, site: scored.site, group: scored.group, scores: scored.scores, day: dayOf(responseValue(record, 'submitted')) };
    });

  const perSite = new Map<string, number>();
  for (const r of respondents) perSite.set(r.site, (perSite.get(r.site) ?? 0) + 1);
  const mergedSites = mergedSitesFor(perSite, minGroupSize);
  const other = otherSitesLabel(minGroupSize);
  const siteColumn = (r: Respondent): string => (mergedSites.includes(r.site) ? other : r.site);
  const groupCounts = new Map<string, Map<RespondentGroup, number>>();
  for (const r of respondents) {
    if (!r.group) continue;
    const counts = groupCounts.get(siteColumn(r)) ?? new Map<RespondentGroup, number>();
    counts.set(r.group, (counts.get(r.group) ?? 0) + 1);
    groupCounts.set(siteColumn(r), counts);
  }
  const groupsSuppressedAt = [...groupCounts].filter(([, counts]) => [...counts.values()].some((n) => n < minGroupSize)).map(([site]) => site).sort();

  const fields = answerFields(definition).filter((f) => f.item.role !== 'site' && !LEADING_ITEMS.has(f.id));
  const freeTextLeftOut = options.includeFreeText ? [] : fields.filter((f) => FREE_TEXT.has(f.item.type)).map((f) => f.id);
  const exported = fields.filter((f) => !f.item.identifying && (options.includeFreeText || !FREE_TEXT.has(f.item.type)));
  // Columns by item id: headers carry the question text, which may change.
  const itemColumns = new Map<string, string>();
  for (const header of table.headers) {
    const id = itemIdFromHeader(header);
    if (id && !itemColumns.has(id)) itemColumns.set(id, header);
  }

  const groupItem = definition.items.find((i) => i.id === RESPONDENT_GROUP_ITEM);
  const groupLabels = groupItem && groupItem.type === 'choice' ? groupItem.options : [];
  const unmatched: Record<string, number> = {};
  const layout = new Layout<Respondent>()
    .add({ variable: 'survey', label: `Survey id (${definition.title})`, type: 'text', codes: definition.id, direction: '', missing: '', suppression: '' }, () => definition.id)
    .add({ variable: 'survey_version', label: 'Version of the survey definition the answer was given to', type: 'number', codes: '', direction: '', missing: 'empty=not recorded', suppression: '' }, (r) => responseValue(r.record, 'surveyVersion'))
    .add({
      variable: 'site', label: 'Where the person works (their answer)', type: 'text', codes: 'the site\'s name', direction: '',
      missing: 'empty=not answered',
      suppression: `a site with fewer than ${minGroupSize} respondents is written "${other}"; when that would leave one site's rows or fewer than ${minGroupSize} there, the smallest named site is merged too`,
    }, (r) => siteColumn(r))
    .add({
      variable: 'respondent_group', label: 'The person\'s part in ROSE', type: 'code',
      codes: RESPONDENT_GROUPS.map((key, i) => `${key}=${groupLabels[i] ?? key}`).join('; '), direction: '',
      missing: `empty=not answered; ${SUPPRESSED_TEXT}=hidden to protect a small group`,
      suppression: `where implementers or recipients number fewer than ${minGroupSize} in a site column, both groups there are written "${SUPPRESSED_TEXT}"`,
    }, (r) => (groupsSuppressedAt.includes(siteColumn(r)) ? SUPPRESSED_TEXT : r.group ?? ''))
    .add({ variable: 'period', label: 'Calendar quarter the answer was sent in (joins the implementation index\'s period)', type: 'text', codes: 'yyyy-Qn, e.g. 2026-Q1', direction: '', missing: 'empty=day not recorded', suppression: '' }, (r) => (r.day ? quarterOf(r.day) : ''))
    .add({ variable: 'wave', label: 'Survey wave, when the answer was tied to one', type: 'text', codes: 'Baseline; Follow-up', direction: '', missing: 'empty=not tied to a wave', suppression: '' }, (r) => responseValue(r.record, 'wave'))
    .add({ variable: 'submitted', label: 'Day the answer was sent (no time of day, to protect anonymity)', type: 'date (yyyy-mm-dd)', codes: '', direction: '', missing: 'empty=not recorded', suppression: '' }, (r) => r.day);
  for (const field of exported) {
    const options = optionsOf(field);
    layout.add(itemEntry(field, definition), (r) => {
      const column = itemColumns.get(field.id);
      const value = column === undefined ? null : r.record[column] ?? null;
      if (!options || value === null) return value;
      const code = options.indexOf(String(value));
      if (code >= 0) return code + 1;
      unmatched[field.id] = (unmatched[field.id] ?? 0) + 1;
      return value;
    });
  }
  for (const scale of definition.scales) {
    layout.add({
      variable: `${scale.id}_score`, label: `${scale.title}: construct score`, type: 'number',
      codes: `${scale.scoring} of items ${scale.items.join(' ')}, each ${scale.min} to ${scale.max}${scale.reverse.length ? `; ${scale.reverse.join(' ')} counted as ${scale.min + scale.max} minus the code` : ''}; rounded to 2 decimals`,
      direction: `${scale.min} to ${scale.max}: higher = ${scale.title.toLowerCase()} more in place`,
      missing: `empty=fewer than ${scale.minAnswered} of its items answered (the "not relevant" codes count as not answered)`,
      suppression: '',
    }, (r) => r.scores[scale.id] ?? null);
  }
  // Rows are laid out after every column is declared, so unmatched counts follow the file.
  const rows = layout.rows(respondents);
  return { header: layout.header, rows, codebook: layout.codebook, minGroupSize, mergedSites, groupsSuppressedAt, unmatched, freeTextLeftOut };
}

// ---------------------------------------------------------------------------------------------
// Implementation index

export interface IndexPeriods {
  periodEnds: string[];
  from: string;
  asOf: string;
}

/**
 * The periods of the index export: the end of every calendar quarter from `from` through `asOf`, the
 * last one cut at `asOf` when the quarter is still running (its figure is "so far").
 */
export function indexPeriods(from: string, asOf: string): IndexPeriods {
  if (!isIsoDate(from) || !isIsoDate(asOf)) throw new UserFacingError(`The index needs days written yyyy-mm-dd (got ${from} and ${asOf})`);
  if (from > asOf) throw new UserFacingError(`--from (${from}) is after --as-of (${asOf}); give a start before the end`);
  const ends = quarterEnds(from, asOf);
  ends[ends.length - 1] = asOf < ends[ends.length - 1] ? asOf : ends[ends.length - 1];
  return { periodEnds: ends, from, asOf };
}

/** Where the index starts by default: the first baseline answer of the outcome survey at any site, else a year before asOf. */
export function defaultFrom(baselineDates: ReadonlyMap<string, string>, asOf: string): string {
  const days = [...baselineDates.values()].filter((d) => d <= asOf).sort();
  return days[0] ?? addDays(addMonths(asOf, -12), 1);
}

/** Each site's first baseline answer (the wave schedule's baselineFirst), the day its index baseline is taken on. */
export function baselineDatesFrom(grid: readonly (readonly CellData[])[] | undefined, tables: Tables, settings: Settings, asOf: string): Map<string, string> {
  const responses = grid?.length ? responseRecords(grid[0].map(plainCell), grid.slice(1).map((r) => r.map(plainCell))) : undefined;
  const { rows } = evaluationInput(responses);
  const dates = new Map<string, string>();
  for (const wave of waveSchedule(rows, tables, [], waveTiming(settings), asOf)) if (wave.baselineFirst) dates.set(wave.site, wave.baselineFirst);
  return dates;
}

interface SitePeriod {
  site: SiteIndex;
  shown: SiteIndex;
  period: number;
}

export interface IndexExport {
  header: string[];
  rows: CsvCell[][];
  codebook: CodebookVariable[];
  minGroupSize: number;
  periods: IndexPeriods;
  /** Implementation Targets rows that could not be read (tab, row, column named); defaults were used. */
  problems: string[];
  /** Figures written as suppressed. */
  suppressedCells: number;
}

/** A stable column stem from an indicator's name: "Paid at or above the living wage" → paid_at_or_above_the_living_wage. */
export function indicatorVariable(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

function units(definition: IndicatorDefinition): { codes: string; direction: string } {
  if (definition.kind === 'share') return { codes: '0 to 1: share of the staff counted', direction: 'higher = more of ROSE in place' };
  if (definition.kind === 'filled') return { codes: '1=someone on the roster holds the role; 0=nobody does', direction: '1 = in place' };
  return { codes: 'whole number: events at the site in the 12 months up to the day', direction: 'higher = more of ROSE in place' };
}

const STATUS_CODES: Record<Exclude<IndicatorStatus, 'none'>, string> = {
  green: 'target met',
  amber: 'at least halfway from the baseline (or from 0) to the target',
  red: 'less than halfway',
};

/**
 * The index export: one row per site of the Sites tab and period, each indicator's baseline, target,
 * figure and traffic light, then the share of the model in place, all computed by the add-on's own
 * implementationIndex from the tracker's tabs. A staff share resting on fewer staff than the minimum
 * group size is suppressed (publishableIndex), and the share in place is recounted without it. An
 * indicator in `unavailable` (its tab could not be read) is written as unavailable and left out of the
 * share in place as well.
 */
export function buildIndexExport(tables: Tables, settings: Settings, options: { periods: IndexPeriods; baselineDates: Map<string, string>; minGroupSize: number; unavailable?: ReadonlySet<IndicatorName> }): IndexExport {
  const { periods, minGroupSize } = options;
  const unavailable = options.unavailable ?? new Set<IndicatorName>();
  for (const tab of ['Sites', 'Staff'] as const) {
    if (!tables[tab]) throw new UserFacingError(`The tracker has no ${tab} tab, which the implementation index is computed from; open it and run ROSE Tracker → Set up tracker`);
  }
  const { sites, problems } = implementationIndex(tables, settings, { periodEnds: periods.periodEnds, baselineDates: options.baselineDates });
  const shown = withoutIndicators(publishableIndex(sites, minGroupSize), unavailable);
  let suppressedCells = 0;
  const figure = (raw: IndicatorResult, kept: IndicatorResult, pick: (i: IndicatorResult) => number | null): number => {
    if (unavailable.has(raw.name)) return UNAVAILABLE_NUMBER;
    const value = pick(kept);
    if (value !== null) return value;
    if (pick(raw) !== null) { suppressedCells++; return SUPPRESSED_NUMBER; }
    return NO_FIGURE;
  };
  // Worded so no cell starts with "-": the CSV formula guard would put an apostrophe before it.
  const figureMissing = `numbers below 0 are codes: ${UNAVAILABLE_NUMBER}=unavailable (the wages are in a Staff records workbook the exporting account could not open); ${NO_FIGURE}=no figure (nobody to count: no staff on the roster, no wage recorded, or no required training); ${SUPPRESSED_NUMBER}=suppressed`;
  const layout = new Layout<SitePeriod>()
    .add({ variable: 'site', label: 'Site (Sites tab: Name)', type: 'text', codes: 'the site\'s name', direction: '', missing: '', suppression: '' }, (r) => r.site.site)
    .add({ variable: 'site_id', label: 'Site ID (Sites tab: ID)', type: 'text', codes: 'SITE-nnnn', direction: '', missing: '', suppression: '' }, (r) => r.site.siteId)
    .add({ variable: 'period', label: 'Calendar quarter of the figure (joins the process answers\' period)', type: 'text', codes: 'yyyy-Qn, e.g. 2026-Q1', direction: '', missing: '', suppression: '' }, (r) => quarterOf(periods.periodEnds[r.period]))
    .add({ variable: 'period_end', label: 'Day the figures are counted on: the quarter\'s last day, or the export\'s as-of day for a quarter still running', type: 'date (yyyy-mm-dd)', codes: '', direction: '', missing: '', suppression: '' }, (r) => periods.periodEnds[r.period]);
  INDICATORS.forEach((definition, i) => {
    const stem = indicatorVariable(definition.name);
    const { codes, direction } = units(definition);
    const suppression = definition.kind === 'share'
      ? `written as ${SUPPRESSED_NUMBER} when the share rests on fewer than ${minGroupSize} staff (at a small site a share points at people)`
      : 'none: it describes the site, not a person';
    const stateNote = definition.currentStateOnly ? ' Staff keeps only today\'s value of this, so past periods read today\'s values for the people on the roster then.' : '';
    const at = (r: SitePeriod): [IndicatorResult, IndicatorResult] => [r.site.indicators[i], r.shown.indicators[i]];
    layout
      .add({
        variable: `${stem}_baseline`, label: `${definition.name}: baseline (typed in Implementation Targets, else counted on the site's baseline date: its first baseline survey answer, else the first period's end)`,
        type: definition.kind === 'share' ? 'share (0 to 1)' : definition.kind === 'perYear' ? 'count' : 'code', codes, direction, missing: figureMissing, suppression,
      }, (r) => { const [raw, kept] = at(r); return figure(raw, kept, (x) => x.baseline.value); })
      .add({
        variable: `${stem}_target`, label: `${definition.name}: target (Implementation Targets for the site, else the default ${definition.defaultTarget})`,
        type: definition.kind === 'share' ? 'share (0 to 1)' : definition.kind === 'perYear' ? 'count' : 'code', codes, direction, missing: '', suppression: '',
      }, (r) => r.site.indicators[i].target)
      .add({
        variable: `${stem}_actual`, label: `${definition.name}: figure on the period's end. ${definition.about}${stateNote}`,
        type: definition.kind === 'share' ? 'share (0 to 1)' : definition.kind === 'perYear' ? 'count' : 'code', codes, direction, missing: figureMissing, suppression,
      }, (r) => { const [raw, kept] = at(r); return figure(raw, kept, (x) => x.periods[r.period].value); })
      .add({
        variable: `${stem}_status`, label: `${definition.name}: traffic light against the target`, type: 'code',
        codes: Object.entries(STATUS_CODES).map(([code, meaning]) => `${code}=${meaning}`).join('; '),
        direction: 'green better than amber better than red',
        missing: `none=no figure; ${SUPPRESSED_TEXT}=the figure is suppressed; ${UNAVAILABLE_TEXT}=the figure could not be read`, suppression: definition.kind === 'share' ? `${SUPPRESSED_TEXT} with the figure` : '',
      }, (r) => {
        const [raw, kept] = at(r);
        if (unavailable.has(raw.name)) return UNAVAILABLE_TEXT;
        const status = kept.periods[r.period].status;
        return status === 'none' && raw.periods[r.period].status !== 'none' ? SUPPRESSED_TEXT : status;
      });
  });
  layout.add({
    variable: 'share_in_place', label: 'Share of the indicators with a figure that meet their target: how much of the ROSE model is in place', type: 'share (0 to 1)',
    codes: '0 to 1', direction: 'higher = more of ROSE in place', missing: `numbers below 0 are codes: ${NO_FIGURE}=no indicator has a figure`,
    suppression: 'counted over the figures shown only, so it cannot reveal a suppressed one',
  }, (r) => r.shown.inPlace[r.period] ?? NO_FIGURE);

  const lines: SitePeriod[] = [];
  sites.forEach((site, s) => periods.periodEnds.forEach((_, period) => lines.push({ site, shown: shown[s], period })));
  const rows = layout.rows(lines);
  return { header: layout.header, rows, codebook: layout.codebook, minGroupSize, periods, problems, suppressedCells };
}

/** The index with the named indicators blanked (no figure, no light) and the share in place counted over the rest. */
function withoutIndicators(sites: SiteIndex[], names: ReadonlySet<IndicatorName>): SiteIndex[] {
  if (!names.size) return sites;
  return sites.map((site) => {
    const indicators = site.indicators.map((indicator): IndicatorResult => (names.has(indicator.name)
      ? { ...indicator, baseline: { ...indicator.baseline, value: null, basis: 0 }, periods: indicator.periods.map((p) => ({ ...p, value: null, basis: 0, status: 'none' as const })) }
      : indicator));
    const inPlace = site.inPlace.map((_, i) => {
      const known = indicators.filter((indicator) => indicator.periods[i].status !== 'none');
      return known.length ? known.filter((indicator) => indicator.periods[i].status === 'green').length / known.length : null;
    });
    return { ...site, indicators, inPlace };
  });
}

function plainCell(cell: CellData | undefined): Plain {
  return cell === undefined ? null : cell;
}
