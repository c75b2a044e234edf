// ROSE Tracker → Evaluation report: writes the baseline vs follow-up report (small groups suppressed) to its own tab in a fixed number of calls.
import { claimOwnedTab } from '../core/owned-tabs';
import { evaluationReport, evaluationRowFromRecord, reportTable, type EvaluationRow } from './report';
import { surveyDefinitions } from './forms';
import { responseRecords, responseValue } from './row';
import { tabSpec, type TabName } from '../tracker/schema';
import { readSettings } from '../tracker/settings';
import type { Plain } from '../tracker/table';
import type { SurveyDefinition } from './definition';
import { decideRelease, releaseFromJson, releaseToJson, type KeyedRow, type ReleaseRecord } from './release';
import { METADATA_KEYS } from '../core/keys';
import { sheetsApi } from '../tracker/setup-io';
import { tabRecordRequest } from '../tracker/setup-requests';
import { itemWithRole } from './definition';
import { closedWavesFromJson, waveSchedule, waveTiming, withoutLateAnswers, type ClosedWave, type WaveTiming } from '../evaluation/waves';
import { followUpSection, isFigure, type ReportValue } from '../evaluation/report-rows';
import { followUpScheduleRecord } from '../evaluation/reminders';
import { tabRows, tablesOf, wholeSheet, type TrackerRead } from '../dashboard/read';
import { isoDateIn } from '../core/dates';
import type { Tables } from '../tracker/table';

export const REPORT_TAB = 'Evaluation report';
const MEASURE_COLUMN_PX = 440;
const GROUP_COLUMN_PX = 170;

/** The report's rows for every evaluation survey (those landing in Survey Responses), from the tab's header row and rows. */
export function reportRows(definitions: SurveyDefinition[], headerRow: Plain[], responses: Plain[][], minGroupSize: number): string[][] {
  return tableOf(keyedRowsOf(definitions, headerRow, responses).map(({ definition, rows }) => ({ definition, rows: rows.map((k) => k.row) })), minGroupSize, []);
}

/** Each evaluation survey's rows, with the key each is counted by (its ID, else its submission key). */
function keyedRowsOf(definitions: SurveyDefinition[], headerRow: Plain[], responses: Plain[][]): { definition: SurveyDefinition; rows: KeyedRow[] }[] {
  const { records } = responseRecords(headerRow, responses);
  // The outcome surveys: those whose answers carry a wave (the implementation survey has its own report).
  return definitions.filter((d) => d.targetTab === 'Survey Responses' && itemWithRole(d, 'wave')).map((definition) => {
    const rows: KeyedRow[] = [];
    for (const record of records) {
      if (String(responseValue(record, 'survey') ?? '') !== definition.id) continue;
      const row = evaluationRowFromRecord(definition, record);
      const key = String(responseValue(record, 'id') ?? '').trim() || String(responseValue(record, 'submissionKey') ?? '').trim();
      if (row) rows.push({ key, row });
    }
    return { definition, rows };
  });
}

function tableOf(surveys: { definition: SurveyDefinition; rows: EvaluationRow[] }[], minGroupSize: number, notes: string[]): string[][] {
  return padded(sectionsOf(surveys, minGroupSize, notes));
}

function sectionsOf(surveys: { definition: SurveyDefinition; rows: EvaluationRow[] }[], minGroupSize: number, notes: string[]): string[][] {
  const out: string[][] = [];
  for (const { definition, rows } of surveys) {
    const table = reportTable(evaluationReport(rows, definition.scales, minGroupSize));
    if (out.length) out.push([]);
    out.push([definition.title], ...table, [scaleNote(definition)]);
  }
  for (const note of notes) out.push([note]);
  return out;
}

function padded<T extends ReportValue>(out: T[][]): T[][] {
  const width = Math.max(1, ...out.map((r) => r.length));
  return out.map((r) => r.concat(new Array<T>(width - r.length).fill('' as T)));
}

/** What the follow-up block needs besides the answers: the roster and sites, the closed waves, the timing and the day. */
export interface FollowUpInput {
  tables: Tables;
  closed: readonly ClosedWave[];
  timing: WaveTiming;
  today: string;
}

/** How to read the averages: each scale's range and which way is better (every ROSE scale is worded so that higher is better). */
export function scaleNote(definition: SurveyDefinition): string {
  const ranges = [...new Set(definition.scales.map((s) => (s.scoring === 'mean' ? `${s.min} (lowest) to ${s.max} (highest)` : `a sum of answers from ${s.min} to ${s.max} each`)))];
  return `How to read the averages: each scale is the average of its questions, from ${ranges.join(' or ')}; higher is better, so a positive change is an improvement.`;
}

/**
 * A report cell as the sheet stores it: a figure as a number with its format (so it can be charted
 * and sorted), anything else as text. The first column and a block's header row (site names, from
 * form answers) always stay text.
 */
export function reportCell(value: string, column: number, headerRow: boolean): { value: string | number; format: string } {
  if (column > 0 && !headerRow) {
    if (/^-?\d+$/.test(value)) return { value: Number(value), format: '0' };
    if (/^-?\d+\.\d+$/.test(value)) return { value: Number(value), format: '0.00' };
    if (/^-?\d+%$/.test(value)) return { value: Number(value.slice(0, -1)) / 100, format: '0%' };
  }
  return { value, format: '@' };
}

/**
 * The report as the release rule allows it (release.ts): the rows to write, or null when the report
 * must stay as last released, and the record of this release to keep.
 */
export function releasedReportRows(
  definitions: SurveyDefinition[], headerRow: Plain[], responses: Plain[][], minGroupSize: number, previous: ReleaseRecord | null, now: Date,
  followUp?: FollowUpInput,
): { rows: ReportValue[][] | null; record: ReleaseRecord | null; waiting: string[]; counted: EvaluationRow[] } {
  // Answers a closed site received after its closing day are never counted: closing froze its figures.
  const surveys = keyedRowsOf(definitions, headerRow, responses).map(({ definition, rows }) => ({ definition, rows: followUp ? withoutLateAnswers(rows.map((k) => ({ ...k, site: k.row.site, submitted: k.row.submitted })), followUp.closed) : rows }));
  const decision = decideRelease(surveys.flatMap((s) => s.rows), previous, minGroupSize, now);
  if (!decision.record) return { rows: null, record: null, waiting: decision.waiting, counted: [] };
  const counted = new Set(decision.rows);
  const notes = [
    `New answers are counted in batches of at least ${minGroupSize} per site and survey, so that comparing two reports never reveals one person's answers.`,
    ...decision.waiting,
    ...(decision.unkeyed ? [`${decision.unkeyed === 1 ? 'One answer has' : 'Some answers have'} no ID in Survey Responses and ${decision.unkeyed === 1 ? 'is' : 'are'} not counted: run ROSE Tracker → Set up tracker to give every row its ID.`] : []),
  ];
  const countedSurveys = surveys.map(({ definition, rows }) => ({ definition, rows: rows.filter((k) => counted.has(k.row)).map((k) => k.row) }));
  const out: ReportValue[][] = sectionsOf(countedSurveys, minGroupSize, notes);
  // The follow-up wave by site, from the same counted answers, after the outcome survey's table.
  if (followUp && countedSurveys.length) {
    const { definition, rows } = countedSurveys[0];
    out.push([], ...followUpSection({
      rows, tables: followUp.tables, closed: followUp.closed, timing: followUp.timing, today: followUp.today,
      scales: definition.scales.map((sc) => ({ id: sc.id, title: sc.title })), scaleNote: scaleNote(definition),
    }));
  }
  return { rows: padded(out), record: decision.record, waiting: decision.waiting, counted: countedSurveys.length ? countedSurveys[0].rows : [] };
}

/**
 * Menu: Evaluation report. One spreadsheets.get and one values.batchGet of the tracker (and one of the
 * Evaluation workbook when the survey rows are there), then the tab written through SpreadsheetApp.
 * Not through the tracker store: opening it lists every tab, one call each, past this menu's budget.
 */
export function buildEvaluationReport(): { rows: number; waiting: string[] } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  // The record of the last release, the closed waves and where the survey rows are, in one spreadsheets.get, however much other metadata the file holds.
  const api = sheetsApi();
  const spreadsheetId = ss.getId();
  const file = api.Spreadsheets.get(spreadsheetId, { fields: 'properties.timeZone,developerMetadata(metadataId,metadataKey,metadataValue),sheets(properties(title))' });
  const timeZone = file.properties?.timeZone ?? 'UTC';
  const metadata = file.developerMetadata ?? [];
  const held = metadata.filter((m) => m.metadataKey === METADATA_KEYS.evaluationRelease)[0];
  const kept = held ? { id: held.metadataId ?? 0, value: held.metadataValue ?? null } : undefined;
  const previous = releaseFromJson(kept ? kept.value : null, 'Evaluation report');
  // The survey rows live in the Evaluation workbook once Set up private workbooks made one (privacy/workbooks.ts), else here.
  const linked = metadata.filter((m) => m.metadataKey === METADATA_KEYS.evaluationWorkbook)[0]?.metadataValue || null;
  const titles = new Set((file.sheets ?? []).map((sh) => sh.properties?.title ?? ''));
  if (!linked && !titles.has('Survey Responses')) throw new Error('There is no Survey Responses tab yet: run ROSE Tracker → Set up tracker, then Create or update forms.');
  // Settings, the sites and the roster (for the follow-up block), and here the survey rows, in one values.batchGet of the tracker.
  const tabs = (['Settings', 'Sites', 'Staff', ...(linked ? [] : ['Survey Responses'])] as TabName[]).filter((name) => titles.has(name));
  const read: TrackerRead = { spreadsheetId, timeZone, sheets: new Map(), metadata: new Map(), values: new Map() };
  const unformatted = { majorDimension: 'ROWS', valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'SERIAL_NUMBER' };
  const got = tabs.length ? api.Spreadsheets.Values.batchGet(spreadsheetId, { ranges: tabs.map(wholeSheet), ...unformatted }).valueRanges ?? [] : [];
  tabs.forEach((name, i) => read.values.set(name, (got[i]?.values ?? []) as Plain[][]));
  if (linked) {
    try {
      const rows = api.Spreadsheets.Values.batchGet(linked, { ranges: [wholeSheet('Survey Responses')], ...unformatted }).valueRanges ?? [];
      read.values.set('Survey Responses', (rows[0]?.values ?? []) as Plain[][]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`The survey answers are in the Evaluation workbook (Settings → Evaluation workbook), which ${Session.getEffectiveUser().getEmail()} cannot open (${message}). The evaluator or a coordinator can build the report; no report was written.`);
    }
  }
  const { headerRow, rows: values } = tabRows(read, 'Survey Responses', tabSpec('Survey Responses'));
  const tables = tablesOf(read, ['Settings', 'Sites', 'Staff']);
  const settings = readSettings(tables.Settings);
  const closedHeld = metadata.filter((m) => m.metadataKey === METADATA_KEYS.closedWaves)[0];
  const closed = closedWavesFromJson(closedHeld ? closedHeld.metadataValue : null, 'Closed survey waves');
  const timing = waveTiming(settings);
  const today = isoDateIn(new Date(), settings.timeZone || timeZone);
  const release = releasedReportRows(surveyDefinitions(), headerRow, values, settings.minimumGroupSize, previous, new Date(), { tables, closed, timing, today });
  // A minimum group size below the floor is ignored (tracker/settings.ts): the report says so, naming the row.
  const floor = settings.problems.filter((p) => p.key === 'Minimum group size for reports').map((p) => `Settings, row ${p.row}: ${p.message}`);
  if (!release.rows) {
    ss.toast([...floor, ...release.waiting].join(' '), 'Evaluation report unchanged', 15);
    return { rows: 0, waiting: release.waiting };
  }
  const rows = release.rows;
  // The report's first cell is always the evaluation survey's title: that is how a re-run knows the tab is ours.
  const sheet = claimOwnedTab(ss, ss.getSheetByName(REPORT_TAB), REPORT_TAB, String(rows[0][0]));
  sheet.clearContents();
  const height = rows.length;
  const width = rows[0].length;
  if (height > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), height - sheet.getMaxRows());
  if (width > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  // Figures are numbers with their formats; every other cell is text, so a suppressed cell never turns back into a number and a site name never into a formula.
  const cells = rows.map((r) => r.map((v, c) => (isFigure(v) ? { value: v.number, format: v.format } : reportCell(v, c, r[0] === 'Measure'))));
  const range = sheet.getRange(1, 1, height, width);
  range.setNumberFormats(cells.map((r) => r.map((c) => c.format)));
  range.setValues(cells.map((r) => r.map((c) => (c.value === '' ? '' : typeof c.value === 'number' ? c.value : `'${c.value}`))));
  // Measures fit column A on one line (the closing notes run on to the right); the reasons a figure is hidden wrap in their group's column.
  sheet.setColumnWidth(1, MEASURE_COLUMN_PX);
  if (width > 1) {
    sheet.setColumnWidths(2, width - 1, GROUP_COLUMN_PX);
    sheet.getRange(1, 2, height, width - 1).setWrap(true);
  }
  sheet.setFrozenRows(2);
  // What this report counted, so the next one moves only by whole batches (PROJECT: only ROSE Tracker's code writes it).
  const request = tabRecordRequest(kept, METADATA_KEYS.evaluationRelease, releaseToJson(release.record!), 'PROJECT');
  // Each site's follow-up dates for the reminders, which never read survey answers themselves (evaluation/reminders.ts).
  const scheduleHeld = metadata.filter((m) => m.metadataKey === METADATA_KEYS.followUpSchedule)[0];
  const schedule = followUpScheduleRecord(waveSchedule(release.counted, tables, closed, timing, today), settings.evaluatorEmails, Session.getEffectiveUser().getEmail(), new Date());
  const scheduleRequest = tabRecordRequest(scheduleHeld ? { id: scheduleHeld.metadataId ?? 0, value: scheduleHeld.metadataValue ?? null } : undefined, METADATA_KEYS.followUpSchedule, JSON.stringify(schedule), 'PROJECT');
  const requests = [request, scheduleRequest].filter((r): r is NonNullable<typeof r> => r !== null);
  if (requests.length) api.Spreadsheets.batchUpdate({ requests } as GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetRequest, spreadsheetId);
  sheet.activate();
  if (floor.length) ss.toast(floor.join(' '), 'Evaluation report', 15);
  return { rows: height, waiting: release.waiting };
}
