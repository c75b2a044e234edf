// rollup: several trackers read in a constant number of requests each, summarized side by side with the add-on's own dashboard figures.
import type { sheets_v4 } from 'googleapis';
import { ALL_SITES, computeDashboard, evaluationInput, evaluationLinesOf, type DashboardModel, type SurveyResponses } from '../../addon/dashboard/compute';
import { evaluationReport, type EvaluationRow } from '../../addon/surveys/report';
import { responseRecords } from '../../addon/surveys/row';
import { isoDateIn } from '../../addon/core/dates';
import { columnToLetters } from '../../addon/tracker/a1';
import { ROSE_COMPONENTS, TABS, type TabName } from '../../addon/tracker/schema';
import { readSettings } from '../../addon/tracker/settings';
import { tablesFromGrids, type Plain, type Tables } from '../../addon/tracker/table';
import { explainError } from './errors';
import { RESPONSES_TAB, linkedWorkbook, readLinkedRows } from './evaluation-source';
import { METADATA_KEYS } from '../../addon/core/keys';
import { SECTION as INDEX_SECTION, emptyIndex, indexFigures, organizationIndex, type IndicatorCount } from './rollup-index';
import type { Progress } from './progress';
import { quotedTab, readLinkedTabs, readTrackerTabs, type TrackerTabs } from './tracker-read';
import { PAY_TAB } from '../../addon/tracker/pay';
import type { IndicatorName } from '../../addon/evaluation/implementation';

/** The index indicator that rests on Staff pay and contacts: unavailable when that tab cannot be read. */
export const LIVING_WAGE: IndicatorName = 'Paid at or above the living wage';

/** Every tab the dashboard reads; Support Requests and Documents are not needed for the figures. */
export const ROLLUP_TABS: readonly TabName[] = TABS.map((t) => t.name).filter((name) => name !== 'Support Requests' && name !== 'Documents');

export const ROLLUP_TAB = 'ROSE roll-up';
export const TOTAL = 'All organizations';

const STATUSES: [keyof Pick<DashboardModel['activities'][number], 'done' | 'inProgress' | 'notStarted' | 'blocked' | 'cancelled'>, string][] = [
  ['notStarted', 'Not started'], ['inProgress', 'In progress'], ['done', 'Done'], ['blocked', 'Blocked'], ['cancelled', 'Cancelled'],
];

export interface OrganizationFigures {
  tracker: string;
  organization: string;
  minimumGroupSize: number;
  /** Measure → value, in the order of the summary's rows. */
  figures: Map<string, number | string>;
  /** The Survey Responses table, for pooling across organizations. */
  responses: SurveyResponses | undefined;
  /** The implementation index's counts on the day, for suppressing across organizations (absent: no index figures). */
  implementation?: IndicatorCount[];
}

export interface FailedTracker {
  tracker: string;
  reason: string;
}

export interface Rollup {
  asOf: string;
  organizations: OrganizationFigures[];
  failed: FailedTracker[];
  total: Map<string, number | string>;
  minimumGroupSize: number;
}

/** Values as the API sent them → a table the add-on's pure code reads (header row first). */
export function tablesFrom(tracker: Pick<TrackerTabs, 'tabs'>): Tables {
  return tablesFromGrids(tracker.tabs as ReadonlyMap<string, Plain[][]>, ROLLUP_TABS);
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The summary's figures for one organization, from the same model the Dashboard tab shows. */
export function organizationFigures(model: DashboardModel): Map<string, number | string> {
  const figures = new Map<string, number | string>();
  const whole = model.activities.filter((line) => line.site === ALL_SITES);
  for (const component of [...ROSE_COMPONENTS, 'Not set']) {
    const line = whole.find((l) => l.component === component);
    for (const [key, status] of STATUSES) {
      if (component === 'Not set' && !line) continue;
      figures.set(`Activities|${component}: ${status}`, line ? line[key] : 0);
    }
  }
  figures.set('Milestones|Overdue', model.overdueMilestones.length);
  const allocated = model.budgetByComponent.reduce((n, l) => n + l.allocated, 0);
  const spent = model.budgetByComponent.reduce((n, l) => n + l.spent, 0);
  figures.set('Budget|Allocated', round2(allocated));
  figures.set('Budget|Spent', round2(spent));
  figures.set('Budget|% used', allocated > 0 ? round2((spent / allocated) * 100) : '');
  figures.set('People|Current staff', model.people.reduce((n, p) => n + p.total, 0));
  let required = 0;
  let held = 0;
  for (const row of model.coverage) {
    for (const status of Object.values(row.topics)) {
      if (!status) continue;
      required += 1;
      if (status === 'Valid' || status === 'Expiring') held += 1;
    }
  }
  figures.set('Training|Required certificates', required);
  figures.set('Training|Held and valid', held);
  figures.set('Training|% covered', required > 0 ? round2((held / required) * 100) : '');
  for (const line of model.evaluation) figures.set(`Evaluation|${line.measure}`, line.value);
  return figures;
}

/** Survey Responses with every column (the survey's score columns too), as the evaluation reads them. */
function responsesOf(tracker: Pick<TrackerTabs, 'tabs'>): SurveyResponses | undefined {
  const grid = tracker.tabs.get('Survey Responses') as Plain[][] | undefined;
  return grid ? responseRecords(grid[0] ?? [], grid.slice(1)) : undefined;
}

/** The dashboard model of one tracker's values, and its implementation index, as of a day (the tracker's today by default). */
export function dashboardOf(tracker: Pick<TrackerTabs, 'tabs' | 'timeZone'>, asOf: string | undefined, now: Date, unavailable: ReadonlySet<IndicatorName> = new Set()): { model: DashboardModel; responses: SurveyResponses | undefined; implementation: IndicatorCount[] } {
  const tables = tablesFrom(tracker);
  const responses = responsesOf(tracker);
  const settings = readSettings(tables.Settings);
  const today = asOf ?? isoDateIn(now, settings.timeZone || tracker.timeZone || 'UTC');
  return { model: computeDashboard({ tables, settings, today, responses }), responses, implementation: organizationIndex(tables, settings, today, unavailable) };
}

/** What makes a spreadsheet a tracker here: the tabs every figure rests on. */
function notATracker(tracker: TrackerTabs): string | null {
  const missing = ['Settings', 'Action Plan', 'Staff'].filter((tab) => !tracker.tabs.has(tab));
  return missing.length ? `it is not a ROSE tracker, or it was never set up (no ${missing.join(', ')} tab); open it and run ROSE Tracker → Set up tracker` : null;
}

/**
 * Reads each tracker (one spreadsheets.get and one values.batchGet each, whatever its size, then one
 * batchGet per private workbook it links: the Evaluation workbook's Survey Responses, and the Staff
 * records workbook's Staff pay and contacts for the living-wage indicator) and computes its figures.
 * A tracker that cannot be read, or is not a tracker, is listed with the reason and the rest carry on;
 * an Evaluation workbook the account cannot read leaves that organization's evaluation figures empty
 * (shown suppressed), a Staff records workbook its living-wage counts unavailable, each named in `notes`.
 */
export async function readOrganizations(sheets: sheets_v4.Sheets, trackers: string[], options: { asOf?: string; now: Date; progress?: Progress }): Promise<{ organizations: OrganizationFigures[]; failed: FailedTracker[]; notes: string[] }> {
  const organizations: OrganizationFigures[] = [];
  const failed: FailedTracker[] = [];
  const notes: string[] = [];
  for (const tracker of trackers) {
    options.progress?.step(tracker.length > 24 ? `${tracker.slice(0, 12)}…${tracker.slice(-6)}` : tracker);
    try {
      // Once the survey rows moved to the Evaluation workbook, the tracker's own tab is not read.
      const tabs = await readTrackerTabs(sheets, tracker, (metadata) => (metadata.get(METADATA_KEYS.evaluationWorkbook) ? ROLLUP_TABS.filter((t) => t !== RESPONSES_TAB) : ROLLUP_TABS));
      const problem = notATracker(tabs);
      if (problem) { failed.push({ tracker, reason: problem }); continue; }
      const workbook = linkedWorkbook(tabs);
      if (workbook) {
        tabs.tabs.delete(RESPONSES_TAB);
        try {
          tabs.tabs.set(RESPONSES_TAB, await readLinkedRows(sheets, workbook));
        } catch (error) {
          notes.push(`${tabs.title || tracker}: ${explainError(error).replace(/\.$/, '')}; its evaluation figures are shown as suppressed.`);
        }
      }
      const unreadable = await readLinkedTabs(sheets, tabs, [PAY_TAB]);
      if (unreadable.length) notes.push(`${tabs.title || tracker}: ${capitalized(unreadable[0].reason)}; its "${LIVING_WAGE}" counts are shown as unavailable.`);
      const { model, responses, implementation } = dashboardOf(tabs, options.asOf, options.now, new Set(unreadable.length ? [LIVING_WAGE] : []));
      organizations.push({
        tracker: tabs.spreadsheetId, organization: model.organizationName || tabs.title || tracker,
        minimumGroupSize: model.minimumGroupSize, figures: organizationFigures(model), responses, implementation,
      });
    } catch (error) {
      failed.push({ tracker, reason: explainError(error) });
    }
  }
  options.progress?.done();
  return { organizations, failed, notes };
}

/** Totals: sums of counts and money, shares recomputed from the sums, evaluation pooled and suppressed across organizations (which rewrites their Evaluation figures too). */
export function rollupTotals(organizations: OrganizationFigures[]): { total: Map<string, number | string>; minimumGroupSize: number } {
  const total = new Map<string, number | string>();
  for (const org of organizations) {
    for (const [measure, value] of org.figures) {
      if (measure.startsWith('Evaluation|') || measure.startsWith(`${INDEX_SECTION}|`) || measure.endsWith('% used') || measure.endsWith('% covered')) continue;
      total.set(measure, (Number(total.get(measure) ?? 0)) + (typeof value === 'number' ? value : 0));
    }
  }
  for (const key of ['Budget|Allocated', 'Budget|Spent']) if (total.has(key)) total.set(key, round2(Number(total.get(key))));
  const allocated = Number(total.get('Budget|Allocated') ?? 0);
  total.set('Budget|% used', allocated > 0 ? round2((Number(total.get('Budget|Spent') ?? 0) / allocated) * 100) : '');
  const required = Number(total.get('Training|Required certificates') ?? 0);
  total.set('Training|% covered', required > 0 ? round2((Number(total.get('Training|Held and valid') ?? 0) / required) * 100) : '');
  // The strictest organization's minimum applies to the pooled figures.
  const minimumGroupSize = Math.max(1, ...organizations.map((o) => o.minimumGroupSize));
  if (organizations.length) suppressAcross(organizations, total, minimumGroupSize);
  if (organizations.some((o) => o.implementation)) {
    const index = indexFigures(organizations.map((o) => o.implementation ?? emptyIndex()), minimumGroupSize);
    organizations.forEach((org, i) => { for (const [measure, value] of index.organizations[i]) org.figures.set(measure, value); });
    for (const [measure, value] of index.total) total.set(measure, value);
  }
  return { total, minimumGroupSize };
}

/**
 * Each organization's evaluation figures side by side with the pooled total, suppressed together:
 * the organizations are the groups and the total their margin, so the report's complementary
 * suppression (surveys/report.ts, suppress) hides a second organization whenever one hidden alone could
 * be worked out as the total minus the shown ones (secondary suppression: Hundepool et al., Handbook
 * on Statistical Disclosure Control, 2nd ed., 2024, ch. 4, sdctools.github.io/HandbookSDC). Every
 * organization's column then uses the strictest minimum, like the total, so that its own smaller
 * minimum cannot undo the pooled suppression. Rewrites the organizations' Evaluation figures in place.
 */
export function suppressAcross(organizations: OrganizationFigures[], total: Map<string, number | string>, minimumGroupSize: number): void {
  const scales = new Map<string, { id: string; title: string }>();
  const rows: EvaluationRow[] = [];
  organizations.forEach((org, i) => {
    const input = evaluationInput(org.responses);
    for (const scale of input.scales) if (!scales.has(scale.id)) scales.set(scale.id, { id: scale.id, title: scale.title });
    // The organization is the group (keyed by position: two organizations may share a name); a code
    // stays tied to its site, so answers are deduplicated and matched per site as in the add-on.
    for (const row of input.rows) rows.push({ ...row, site: `org ${String(i).padStart(4, '0')}`, code: row.code.trim() ? `${row.site} ${row.code}` : '' });
  });
  const list = [...scales.values()];
  const report = evaluationReport(rows, list, minimumGroupSize);
  const empty = evaluationReport([], list, minimumGroupSize).overall;
  organizations.forEach((org, i) => {
    const group = report.sites.find((g) => g.site === `org ${String(i).padStart(4, '0')}`) ?? empty;
    for (const key of [...org.figures.keys()]) if (key.startsWith('Evaluation|')) org.figures.delete(key);
    for (const line of evaluationLinesOf(group, list, minimumGroupSize)) org.figures.set(`Evaluation|${line.measure}`, line.value);
  });
  for (const line of evaluationLinesOf(report.overall, list, minimumGroupSize)) total.set(`Evaluation|${line.measure}`, line.value);
}

export function buildRollup(organizations: OrganizationFigures[], failed: FailedTracker[], asOf: string): Rollup {
  const { total, minimumGroupSize } = rollupTotals(organizations);
  return { asOf, organizations, failed, total, minimumGroupSize };
}

/**
 * The summary as rows: Section, Measure, one column per organization and the total; then a note on
 * suppression and a Failed section. Every row has the same width (one write to a tab, tidy in R).
 */
export function rollupRows(rollup: Rollup): (string | number)[][] {
  const measures: string[] = [];
  for (const map of [...rollup.organizations.map((o) => o.figures), rollup.total]) for (const key of map.keys()) if (!measures.includes(key)) measures.push(key);
  const width = 3 + rollup.organizations.length;
  const pad = (row: (string | number)[]): (string | number)[] => [...row, ...Array<string>(Math.max(0, width - row.length)).fill('')];
  const rows: (string | number)[][] = [
    ['Section', 'Measure', ...rollup.organizations.map((o) => o.organization), TOTAL],
    ['Tracker', 'Spreadsheet ID', ...rollup.organizations.map((o) => o.tracker), ''],
  ];
  for (const measure of measures) {
    const [section, name] = measure.split('|');
    rows.push([section, name, ...rollup.organizations.map((o) => o.figures.get(measure) ?? ''), rollup.total.get(measure) ?? '']);
  }
  rows.push(pad([]));
  rows.push(pad(['Note', `Figures as of ${rollup.asOf}. Evaluation figures about fewer people than the largest minimum group size of the organizations (${rollup.minimumGroupSize}) are suppressed, and so is a second organization's wherever a lone hidden figure could be worked out from the total. `
    + `Implementation counts leave out a site's staff share resting on fewer staff than its organization's minimum; a count resting on fewer than ${rollup.minimumGroupSize} staff is suppressed the same way.`]));
  if (rollup.failed.length) {
    rows.push(pad([]));
    rows.push(pad(['Failed', 'Tracker', 'Reason']));
    for (const f of rollup.failed) rows.push(pad(['Failed', f.tracker, f.reason]));
  }
  return rows.map(pad);
}

/** The grid a tab needs for the rows (Sheets refuses writes past a tab's last row or column). */
export function gridFor(rows: (string | number)[][]): { rowCount: number; columnCount: number } {
  return { rowCount: Math.max(rows.length, 100), columnCount: Math.max(26, ...rows.map((r) => r.length)) };
}

/** Where the summary goes in a spreadsheet: its own tab, cleared and rewritten, the other tabs untouched. */
export async function writeRollupTab(sheets: sheets_v4.Sheets, spreadsheetId: string, rows: (string | number)[][]): Promise<void> {
  const meta = await sheets.spreadsheets.get({ spreadsheetId, fields: 'sheets.properties(sheetId,title,gridProperties)' });
  const tab = (meta.data.sheets ?? []).find((s) => s.properties?.title === ROLLUP_TAB)?.properties;
  const grid = gridFor(rows);
  if (!tab) {
    await sheets.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: [{ addSheet: { properties: { title: ROLLUP_TAB, gridProperties: grid } } }] } });
  } else {
    const have = tab.gridProperties ?? {};
    if ((have.rowCount ?? 0) < grid.rowCount || (have.columnCount ?? 0) < grid.columnCount) {
      const gridProperties = { rowCount: Math.max(have.rowCount ?? 0, grid.rowCount), columnCount: Math.max(have.columnCount ?? 0, grid.columnCount) };
      await sheets.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: [{ updateSheetProperties: { properties: { sheetId: tab.sheetId, gridProperties }, fields: 'gridProperties.rowCount,gridProperties.columnCount' } }] } });
    }
    await sheets.spreadsheets.values.clear({ spreadsheetId, range: quotedTab(ROLLUP_TAB) });
  }
  await writeRows(sheets, spreadsheetId, rows);
}

/** RAW: an organization or site name that looks like a formula is stored as the text it is. */
export async function writeRows(sheets: sheets_v4.Sheets, spreadsheetId: string, rows: (string | number)[][]): Promise<void> {
  await sheets.spreadsheets.values.update({
    spreadsheetId, range: `${quotedTab(ROLLUP_TAB)}!A1:${columnToLetters(Math.max(1, ...rows.map((r) => r.length)))}${rows.length}`,
    valueInputOption: 'RAW', requestBody: { values: rows },
  });
}

/** Tracker IDs or links from a file: one per line, blank lines and # comments skipped. */
export function trackersFromFile(text: string): string[] {
  return text.split(/\r?\n/).map((line) => line.replace(/#.*$/, '').trim()).filter(Boolean);
}
