// Pure: the evaluation's report sections as rows of text and figures — the follow-up wave by site, the process evaluation, and each site's one page.
import { evaluationReport, groupBySite, isSuppressed, suppress, suppressedText, type EvaluationRow, type ReportCell } from '../surveys/report';
import type { SurveyDefinition } from '../surveys/definition';
import { responseRecords, responseValue, scaleIdFromHeader, itemIdFromHeader } from '../surveys/row';
import { NPT_CONSTRUCTS, INTERVIEW_ROLES } from '../tracker/schema';
import type { Settings } from '../tracker/settings';
import type { Plain, Tables } from '../tracker/table';
import { implementationIndex, publishableIndex } from './implementation';
import { isSuppressedChange, scaleDifferences, type ChangeCell, type OutcomeGroup } from './outcome';
import { RESPONDENT_GROUP_ITEM, scoreProcessResponse, type InterviewSummary, type ProcessReport, type ProcessResponse, type RespondentGroup } from './process';
import { siteReportRows, type SiteReportInput } from './site-report';
import { pairedChange } from './stats';
import { followUpOutcome, waveSchedule, type ClosedWave, type SiteWave, type WaveTiming } from './waves';

/** A figure to store as a number with its number format (so it sorts and charts), beside cells of text. */
export interface Figure {
  number: number;
  format: string;
}
export type ReportValue = string | Figure;

export const COUNT = '0';
export const SHARE = '0%';
export const SCORE = '0.00';
/** A change always shows its sign, so +0.40 and -0.40 are never mistaken for each other. */
export const CHANGE = '+0.00;-0.00;0.00';

const figure = (number: number, format: string): Figure => ({ number, format });

export function isFigure(value: ReportValue): value is Figure {
  return typeof value === 'object' && value !== null && typeof value.number === 'number';
}

/** Every row as wide as the widest, as one write of the block needs. */
export function padRows(rows: ReportValue[][]): ReportValue[][] {
  const width = Math.max(1, ...rows.map((r) => r.length));
  return rows.map((r) => r.concat(new Array<ReportValue>(width - r.length).fill('')));
}

/**
 * May a figure for all sites together be shown beside the sites' own? Not when it would give a hidden
 * site away by subtraction: exactly one hidden site with anyone in it, or hidden sites that together
 * hold fewer than the minimum group size (the rule of surveys/report.ts suppress, which hides another
 * site; here the pooled figure is hidden instead, since a closed site's frozen figures cannot change).
 */
export function overallShown(sizes: readonly number[], shown: readonly boolean[], minGroupSize: number): boolean {
  const hidden = sizes.filter((size, i) => !shown[i] && size > 0);
  if (hidden.length === 0) return true;
  return hidden.length >= 2 && hidden.reduce((a, b) => a + b, 0) >= minGroupSize;
}

/** What the Evaluation report's own table shows of a site: a figure it hides must stay hidden everywhere, or the table's totals give the hidden group away. */
interface Shown {
  baseline: boolean;
  followUp: boolean;
  matched: boolean;
  change: Record<string, boolean>;
}

/** Per site, which of its figures the Evaluation report's table shows (after its small-group and complementary suppression). */
export function shownInReport(rows: EvaluationRow[], scales: { id: string; title: string }[], minGroupSize: number): Map<string, Shown> {
  const report = evaluationReport(rows, scales, minGroupSize);
  const out = new Map<string, Shown>();
  for (const group of report.sites) {
    const change: Record<string, boolean> = {};
    for (const scale of scales) change[scale.id] = !isSuppressed(group.scales[scale.id].change);
    out.set(group.site as string, { baseline: !isSuppressed(group.baselineN), followUp: !isSuppressed(group.followUpN), matched: !isSuppressed(group.matchedN), change });
  }
  return out;
}

const HIDDEN_FOR_OTHERS: { suppressed: true; complementary: true } = { suppressed: true, complementary: true };

/** A cell the report's table hides becomes hidden here too (as protecting a smaller group, unless it is itself small). */
function masked(cell: ReportCell, shown: boolean | undefined): ReportCell {
  return shown === false && !isSuppressed(cell) ? HIDDEN_FOR_OTHERS : cell;
}

function maskedChange(cell: ChangeCell | null, shown: boolean | undefined): ChangeCell | null {
  return shown === false && cell !== null && !isSuppressedChange(cell) ? HIDDEN_FOR_OTHERS : cell;
}

const STATE_TEXT: Record<SiteWave['state'], string> = {
  'no baseline': 'no baseline answers yet',
  'not due': 'not due yet',
  'opens soon': 'opens soon',
  open: 'open',
  overdue: 'overdue: close it to freeze its report',
  closed: 'closed',
};

export interface FollowUpSectionInput {
  /** The outcome survey's answers the report counts (answers a closed site received after closing left out). */
  rows: EvaluationRow[];
  tables: Tables;
  closed: readonly ClosedWave[];
  timing: WaveTiming;
  today: string;
  scales: { id: string; title: string }[];
  /** How the outcome survey's scales read (their range and direction), for the closing note. */
  scaleNote: string;
}

/**
 * The Evaluation report's follow-up block, one column per site: the baseline window, the follow-up
 * due date (baseline + the setting's months) and state, answers against the roster's headcount,
 * matched pairs, and per scale the paired change with its 95 % interval and effect sizes. A closed
 * site shows what was frozen when it closed; open sites' figures are provisional and computed now.
 */
export function followUpSection(input: FollowUpSectionInput): ReportValue[][] {
  const { rows, tables, closed, timing, today, scales } = input;
  const min = timing.minGroupSize;
  // Sites in name order, as the outcome table above lists them.
  const schedule = waveSchedule(rows, tables, closed, timing, today).sort((a, b) => a.site.localeCompare(b.site));
  const frozen = new Map(closed.map((c) => [c.site, c]));
  const outcomes = new Map(followUpOutcome(rows, scales, closed, min).map((o) => [o.site, o]));
  const groups = groupBySite(rows);
  // Matched pairs of open sites, suppressed among themselves as the outcome figures are.
  const openSites = schedule.filter((w) => !frozen.has(w.site));
  const matchedRaw = openSites.map((w) => groups.get(w.site)?.matched.length ?? 0);
  const matchedTotal = matchedRaw.reduce((a, b) => a + b, 0);
  const matchedCells = suppress(matchedRaw.map((n) => ({ value: n, size: n })), { value: matchedTotal, size: matchedTotal }, min).sites;
  const hidden = (cell: ReportCell): string => suppressedText(isSuppressed(cell) ? cell : {}, min);
  const cellValue = (cell: ReportCell, format: string): ReportValue => (isSuppressed(cell) ? hidden(cell) : figure(cell, format));

  interface Column {
    site: string;
    wave: SiteWave;
    baseline: ReportCell;
    followUp: ReportCell;
    matched: ReportCell;
    outcome: OutcomeGroup | null;
    final: boolean;
  }
  const shownHere = shownInReport(rows, scales, min);
  const columns: Column[] = schedule.map((wave) => {
    const closure = frozen.get(wave.site);
    const column: Column = closure
      ? { site: wave.site, wave: closure.schedule ? { ...wave, ...closure.schedule } : wave, baseline: closure.baselineResponses, followUp: closure.followUpResponses, matched: closure.matchedPairs, outcome: closure.outcome, final: true }
      : { site: wave.site, wave, baseline: wave.baselineResponses, followUp: wave.followUpResponses, matched: matchedCells[openSites.indexOf(wave)], outcome: outcomes.get(wave.site)?.outcome ?? null, final: false };
    const shown = shownHere.get(wave.site);
    if (!shown) return column;
    const outcome = column.outcome
      ? { site: column.outcome.site, scales: Object.fromEntries(scales.map((sc) => [sc.id, maskedChange(column.outcome!.scales[sc.id] ?? null, shown.change[sc.id]) ?? { suppressed: true as const }])) }
      : null;
    return { ...column, baseline: masked(column.baseline, shown.baseline), followUp: masked(column.followUp, shown.followUp), matched: masked(column.matched, shown.matched), outcome };
  });

  const sizeOf = (site: string, pick: (g: { baseline: unknown[]; followUp: unknown[]; matched: unknown[] }) => unknown[]): number => {
    const group = groups.get(site);
    return group ? pick(group).length : 0;
  };
  /** A count row: per site, then all sites as the sum when no hidden site can be worked out from it. */
  const countRow = (label: string, pick: (c: Column) => ReportCell, size: (site: string) => number): ReportValue[] => {
    const cells = columns.map(pick);
    const sizes = columns.map((c) => size(c.site));
    const total = sizes.reduce((a, b) => a + b, 0);
    const all: ReportValue = total < min ? hidden({ suppressed: true }) : overallShown(sizes, cells.map((c) => !isSuppressed(c)), min) ? figure(total, COUNT) : hidden({ suppressed: true, complementary: true });
    return [label, all, ...cells.map((c) => cellValue(c, COUNT))];
  };
  const rate = (count: ReportCell, headcount: number): ReportValue => (isSuppressed(count) ? hidden(count) : headcount === 0 ? '—' : figure(count / headcount, SHARE));
  const text = (label: string, pick: (c: Column) => string): ReportValue[] => [label, '', ...columns.map(pick)];
  const headcountRow = (label: string, pick: (w: SiteWave) => number): ReportValue[] => {
    const values = columns.map((c) => pick(c.wave));
    return [label, figure(values.reduce((a, b) => a + b, 0), COUNT), ...values.map((v) => figure(v, COUNT))];
  };

  const out: ReportValue[][] = [
    ['Follow-up wave by site', 'All sites', ...columns.map((c) => c.site)],
    text('Baseline answers from', (c) => c.wave.baselineFirst ?? 'no answers yet'),
    text('Baseline answers until', (c) => c.wave.baselineLast ?? ''),
    text(`Follow-up opens (${timing.followUpAfterMonths} months after the first baseline answer)`, (c) => c.wave.followUpDue ?? ''),
    text(`Follow-up open until (${timing.followUpOpenDays} days)`, (c) => c.wave.followUpEnds ?? ''),
    text('Follow-up state', (c) => (c.final ? `closed on ${frozen.get(c.site)!.closedOn}: final` : `${STATE_TEXT[c.wave.state]}: provisional`)),
    headcountRow('On the roster on the first baseline day', (w) => w.headcountAtBaseline),
    countRow('People who answered the first survey (baseline)', (c) => c.baseline, (site) => sizeOf(site, (g) => g.baseline)),
    ['Baseline answers as a share of the roster', '', ...columns.map((c) => rate(c.baseline, c.wave.headcountAtBaseline))],
    headcountRow('On the roster on the follow-up day (or today, before it)', (w) => w.headcountAtFollowUp),
    countRow('People who answered the follow-up survey', (c) => c.followUp, (site) => sizeOf(site, (g) => g.followUp)),
    ['Follow-up answers as a share of the roster', '', ...columns.map((c) => rate(c.followUp, c.wave.headcountAtFollowUp))],
    countRow('People who answered both (matched pairs)', (c) => c.matched, (site) => sizeOf(site, (g) => g.matched)),
  ];

  for (const scale of scales) {
    const cells: (ChangeCell | null)[] = columns.map((c) => (c.outcome ? c.outcome.scales[scale.id] ?? null : null));
    const sizes = columns.map((c) => {
      const group = groups.get(c.site);
      return group ? scaleDifferences(group, scale.id).length : 0;
    });
    const pooled: number[] = [];
    for (const c of columns) {
      const group = groups.get(c.site);
      if (group) pooled.push(...scaleDifferences(group, scale.id));
    }
    const shown = cells.map((cell) => cell !== null && !isSuppressedChange(cell));
    const overall: ChangeCell = pooled.length >= min && overallShown(sizes, shown, min) ? pairedChange(pooled) : { suppressed: true };
    const all = [overall, ...cells];
    const pick = (label: string, value: (change: Exclude<ChangeCell, { suppressed: true }>) => number | null, format: string): ReportValue[] => [
      `${scale.title}: ${label}`,
      ...all.map((cell): ReportValue => {
        if (cell === null) return hidden({ suppressed: true });
        if (isSuppressedChange(cell)) return hidden(cell.complementary ? cell : { suppressed: true });
        const v = value(cell);
        return v === null ? '—' : figure(v, format);
      }),
    ];
    out.push(
      pick('people matched on this scale', (c) => c.n, COUNT),
      pick('average change (follow-up − baseline)', (c) => c.meanChange, CHANGE),
      pick('95% confidence interval, lower', (c) => c.lower, CHANGE),
      pick('95% confidence interval, upper', (c) => c.upper, CHANGE),
      pick('effect size d_z (change ÷ SD of changes)', (c) => c.cohenDz, SCORE),
      pick("effect size Hedges' g_z (small-sample corrected)", (c) => c.hedgesGz, SCORE),
    );
  }
  out.push([`${input.scaleNote} The change is follow-up minus baseline for the same people (matched by their code at the same site). The 95% interval comes from Student's t on the paired differences; d_z is the average change divided by the standard deviation of the changes (about 0.2 is small, 0.5 medium, 0.8 large).`]);
  out.push(['A closed site\'s figures were frozen on its closing day and answers that arrive later are not counted; an open site\'s figures are provisional and move as answers come in.']);
  return padRows(out);
}

// ---------------------------------------------------------------------------------------------
// The process evaluation

/** The implementation survey's rows of Survey Responses, scored per construct (the stored Score columns, the site and the respondent's group). */
export function processResponses(definition: SurveyDefinition, headerRow: readonly Plain[], rows: readonly (readonly Plain[])[]): ProcessResponse[] {
  const { records } = responseRecords(headerRow, rows);
  const out: ProcessResponse[] = [];
  for (const record of records) {
    if (String(responseValue(record, 'survey') ?? '').trim() !== definition.id) continue;
    // The group and site from their columns; the construct scores as intake stored them.
    const answers: Record<string, string | null> = {};
    let groupAnswer: string | null = null;
    const scores: Record<string, number | null> = {};
    for (const scale of definition.scales) scores[scale.id] = null;
    for (const header of Object.keys(record)) {
      const scale = scaleIdFromHeader(header);
      const value = record[header];
      if (scale && scale.kind === 'score' && scale.scaleId in scores) {
        const n = typeof value === 'number' ? value : value === null || value === '' ? NaN : Number(value);
        scores[scale.scaleId] = Number.isFinite(n) ? n : null;
      } else if (itemIdFromHeader(header) === RESPONDENT_GROUP_ITEM) groupAnswer = value === null ? null : String(value);
    }
    answers[RESPONDENT_GROUP_ITEM] = groupAnswer;
    const site = String(responseValue(record, 'site') ?? '').trim();
    const scored = scoreProcessResponse(definition, { [RESPONDENT_GROUP_ITEM]: groupAnswer, ...(site ? { site } : {}) });
    out.push({ site, group: scored.group, scores });
  }
  return out;
}

const GROUP_TITLES: Record<RespondentGroup | 'everyone', string> = {
  implementer: 'Implementers (managers, coordinators, site leads)',
  recipient: 'Recipients (peer staff)',
  everyone: 'Everyone who answered',
};

/** The signature the process report's first cell always starts with. */
export const PROCESS_REPORT_TITLE = 'Process evaluation';

/**
 * The Process evaluation report: per respondent group and site, how many answered and each NPT
 * construct's average, small groups suppressed; then what the interviews said per ROSE strategy
 * (counts only: the notes stay in the Interview Log for the evaluator).
 */
export function processReportRows(definition: SurveyDefinition, report: ProcessReport, interviews: InterviewSummary, asOf: string): ReportValue[][] {
  const min = report.minGroupSize;
  const hidden = (cell: ReportCell): string => suppressedText(isSuppressed(cell) ? cell : {}, min);
  const out: ReportValue[][] = [[`${PROCESS_REPORT_TITLE}: ${definition.title} (answers to ${asOf})`]];
  for (const group of report.groups) {
    out.push([]);
    out.push([GROUP_TITLES[group.group], 'All sites', ...group.sites.map((s) => s.site ?? '')]);
    const line = (label: string, pick: (cells: typeof group.overall) => ReportCell, format: string): ReportValue[] =>
      [label, ...[group.overall, ...group.sites].map((cells) => (isSuppressed(pick(cells)) ? hidden(pick(cells)) : figure(pick(cells) as number, format)))];
    out.push(line('People who answered', (c) => c.respondents, COUNT));
    for (const construct of report.constructs) out.push(line(`${construct.title}: average`, (c) => c.constructs[construct.id], SCORE));
  }
  const ranges = [...new Set(definition.scales.map((s) => `${s.min} (strongly disagree) to ${s.max} (strongly agree)`))].join(' or ');
  out.push([`How to read: each construct is the average of its answered questions, from ${ranges}; higher means ROSE is more a normal part of the work. "Not relevant", "Too early to tell" and "Not part of ROSE at my site" are left out. A figure about fewer than ${min} people is not shown; some larger groups are hidden too, so that a hidden one cannot be worked out.`]);
  out.push([]);
  out.push(['Interviews by ROSE strategy (consent recorded)', 'Interviews', 'Works', 'Does not work', 'Mixed', ...INTERVIEW_ROLES, ...NPT_CONSTRUCTS]);
  for (const s of interviews.strategies) {
    out.push([
      s.strategy, figure(s.interviews, COUNT), figure(s.works, COUNT), figure(s.doesNotWork, COUNT), figure(s.mixed, COUNT),
      ...INTERVIEW_ROLES.map((role) => figure(s.byRole[role] ?? 0, COUNT)),
      ...NPT_CONSTRUCTS.map((construct) => figure(s.constructs[construct] ?? 0, COUNT)),
    ]);
  }
  if (!interviews.strategies.length) out.push(['No interview with consent recorded yet (Interview Log).']);
  if (interviews.withoutConsent.length) out.push([`Left out: Interview Log row${interviews.withoutConsent.length === 1 ? '' : 's'} ${interviews.withoutConsent.join(', ')}, without consent recorded as Yes.`]);
  for (const problem of interviews.problems) out.push([problem]);
  return padRows(out);
}

// ---------------------------------------------------------------------------------------------
// The one-page site report

export interface SitePagesInput {
  tables: Tables;
  settings: Settings;
  /** The outcome survey's answers the report counts (late answers at closed sites left out). */
  rows: EvaluationRow[];
  closed: readonly ClosedWave[];
  timing: WaveTiming;
  today: string;
  scales: { id: string; title: string }[];
}

/**
 * Each site's one page: the implementation index on the day its follow-up closed (today while it is
 * open), measured against the baseline on the site's first baseline answer, beside the same site's
 * follow-up counts and matched change (frozen once closed).
 */
export function sitePages(input: SitePagesInput): { site: string; input: SiteReportInput }[] {
  const { tables, settings, rows, closed, timing, today, scales } = input;
  const schedule = waveSchedule(rows, tables, closed, timing, today);
  const frozen = new Map(closed.map((c) => [c.site, c]));
  const outcomes = new Map(followUpOutcome(rows, scales, closed, timing.minGroupSize).map((o) => [o.site, o]));
  const baselineDates = new Map<string, string>();
  for (const wave of schedule) if (wave.baselineFirst) baselineDates.set(wave.site, wave.baselineFirst);
  const shownHere = shownInReport(rows, scales, timing.minGroupSize);
  const pages: { site: string; input: SiteReportInput }[] = [];
  for (const live of schedule) {
    const closure = frozen.get(live.site);
    const shown = shownHere.get(live.site);
    const kept: SiteWave = closure
      ? { ...live, ...(closure.schedule ?? {}), baselineResponses: closure.baselineResponses, followUpResponses: closure.followUpResponses }
      : live;
    const wave: SiteWave = shown ? { ...kept, baselineResponses: masked(kept.baselineResponses, shown.baseline), followUpResponses: masked(kept.followUpResponses, shown.followUp) } : kept;
    const end = closure ? closure.closedOn : today;
    // The page goes to funders: a staff share about fewer people than the minimum is not shown (publishableIndex).
    const index = publishableIndex(implementationIndex(tables, settings, { periodEnds: [end], baselineDates }).sites, timing.minGroupSize).find((s) => s.site === live.site);
    if (!index) continue; // a site named only in survey answers has no tracker rows to measure
    const found = closure ? closure.outcome : outcomes.get(live.site)?.outcome ?? { site: live.site, scales: Object.fromEntries(scales.map((s) => [s.id, { suppressed: true as const }])) };
    const visible: OutcomeGroup = shown
      ? { site: found.site, scales: Object.fromEntries(scales.map((sc) => [sc.id, maskedChange(found.scales[sc.id] ?? null, shown.change[sc.id]) ?? { suppressed: true as const }])) }
      : found;
    const outcome = { final: closure !== undefined, outcome: visible };
    pages.push({ site: live.site, input: { index, wave, outcome, scales, minGroupSize: timing.minGroupSize } });
  }
  return pages;
}

/** The signature the site report's first cell always starts with. */
export const SITE_REPORT_TITLE = 'Site report';

/**
 * The Site report tab: a title line, then each site's page (four columns) with a blank row between.
 * Text that reads as a figure (a count, a share, a signed change) is stored as that number.
 */
export function sitePagesRows(pages: { site: string; input: SiteReportInput }[], organization: string, today: string): ReportValue[][] {
  const out: ReportValue[][] = [[`${SITE_REPORT_TITLE}: ${organization || 'ROSE Tracker'}, ${today}`, '', '', '']];
  for (const page of pages) {
    out.push(['', '', '', '']);
    siteReportRows(page.input).forEach((row, r) => out.push(row.map((cell, c) => (r < 2 || c === 0 ? cell : asFigure(cell)))));
  }
  if (!pages.length) out.push(['No site on the Sites tab yet.', '', '', '']);
  return padRows(out);
}

/** "12" → a count, "80%" → a share, "+0.52" → a change; anything else stays text. */
export function asFigure(text: string): ReportValue {
  if (/^-?\d+$/.test(text)) return figure(Number(text), COUNT);
  if (/^-?\d+%$/.test(text)) return figure(Number(text.slice(0, -1)) / 100, SHARE);
  if (/^[+-]\d+\.\d+$/.test(text)) return figure(Number(text), CHANGE);
  if (/^-?\d+\.\d+$/.test(text)) return figure(Number(text), SCORE);
  return text;
}

