// Evaluation menu items (Apps Script edge): close a site's follow-up wave, the Process evaluation report and the one-page Site report, each read in one batchGet and written in one batchUpdate.
import { METADATA_KEYS } from '../core/keys';
import { isoDateIn } from '../core/dates';
import { ownedTabProblem } from '../core/owned-tabs';
import { readTracker, sheetsApi, tabRows, tablesOf, wholeSheet, type TrackerRead } from '../dashboard/read';
import { itemWithRole, type SurveyDefinition } from '../surveys/definition';
import { surveyDefinitions } from '../surveys/forms';
import { evaluationRowFromRecord, type EvaluationRow } from '../surveys/report';
import { responseRecords, responseValue } from '../surveys/row';
import { checkCoordinators, confirmedFromJson } from '../tracker/coordinators';
import { tabSpec, type TabName } from '../tracker/schema';
import { readSettings, type Settings } from '../tracker/settings';
import type { Plain, Tables } from '../tracker/table';
import { WORKING_ORDER, isFormResponsesTab } from '../tracker/tab-order';
import { interviewSummary, processReport } from './process';
import {
  CHANGE, PROCESS_REPORT_TITLE, SITE_REPORT_TITLE, isFigure, processReportRows, processResponses, sitePages, sitePagesRows, type ReportValue,
} from './report-rows';
import { closeWave, closedWavesFromJson, closedWavesToJson, waveSchedule, waveTiming, withoutLateAnswers, type ClosedWave } from './waves';

type Request = GoogleAppsScript.Sheets.Schema.Request;
type CellData = GoogleAppsScript.Sheets.Schema.CellData;

export const PROCESS_REPORT_TAB = 'Process evaluation report';
export const SITE_REPORT_TAB = 'Site report';

/** The tracker tabs the index, the roster counts and the interview summary read. */
// Wages are on Staff pay and contacts, read in the Staff records workbook once it moved there (readTracker follows the link).
const TRACKER_TABS: readonly TabName[] = ['Settings', 'Sites', 'Staff', 'Staff pay and contacts', 'Events', 'Training Topics', 'Training Log', 'Implementation Targets', 'Interview Log'];

/** What every evaluation action reads: the tracker's tabs, the survey rows (from the Evaluation workbook when linked) and the closed waves. */
export interface EvaluationInputs {
  read: TrackerRead;
  tables: Tables;
  settings: Settings;
  survey: { headerRow: Plain[]; rows: Plain[][] };
  closed: ClosedWave[];
  today: string;
}

/**
 * One spreadsheets.get and one values.batchGet of the tracker (readTracker), and one values.batchGet
 * of the Evaluation workbook's Survey Responses when the tracker links one (Set up private workbooks
 * moves the rows there). `ownTabs` are read in column A only, to tell a tab of ours from a person's.
 */
export function readEvaluationInputs(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, ownTabs: readonly string[]): EvaluationInputs {
  const api = sheetsApi();
  const first = readTracker(ss.getId(), [...TRACKER_TABS, 'Survey Responses'], ownTabs, api);
  const linked = first.metadata.get(METADATA_KEYS.evaluationWorkbook);
  let survey = tabRows(first, 'Survey Responses', tabSpec('Survey Responses'));
  if (linked) {
    let values: Plain[][];
    try {
      const got = api.Spreadsheets!.Values!.batchGet(linked, { ranges: [wholeSheet('Survey Responses')], majorDimension: 'ROWS', valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'SERIAL_NUMBER' });
      values = ((got.valueRanges ?? [])[0]?.values ?? []) as Plain[][];
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`The survey answers are in the Evaluation workbook (Settings → Evaluation workbook), which ${Session.getEffectiveUser().getEmail()} cannot read (${message}). The evaluator or a coordinator can run this; nothing was written.`);
    }
    const workbook: TrackerRead = { spreadsheetId: linked, timeZone: first.timeZone, sheets: new Map(), metadata: new Map(), values: new Map([['Survey Responses', values]]) };
    survey = tabRows(workbook, 'Survey Responses', tabSpec('Survey Responses'));
  }
  const tables = tablesOf(first, TRACKER_TABS);
  const settings = readSettings(tables.Settings);
  const closed = closedWavesFromJson(first.metadata.get(METADATA_KEYS.closedWaves), 'Closed survey waves');
  return { read: first, tables, settings, survey, closed, today: isoDateIn(new Date(), settings.timeZone || first.timeZone) };
}

/** The outcome survey: the one whose answers carry a wave (baseline or follow-up). */
export function outcomeDefinition(): SurveyDefinition {
  const found = surveyDefinitions().find((d) => d.targetTab === 'Survey Responses' && itemWithRole(d, 'wave'));
  if (!found) throw new Error('The bundle has no outcome survey (a survey with a wave question): rebuild the add-on.');
  return found;
}

/** The process evaluation's implementation survey: a Survey Responses survey without a wave, with the respondent-group question. */
export function processDefinition(): SurveyDefinition {
  const found = surveyDefinitions().find((d) => d.targetTab === 'Survey Responses' && !itemWithRole(d, 'wave') && d.items.some((i) => i.id === 'respondent_group'));
  if (!found) throw new Error('The bundle has no implementation survey (templates/evaluation): rebuild the add-on.');
  return found;
}

/** The outcome survey's rows of Survey Responses. */
export function outcomeRows(definition: SurveyDefinition, survey: { headerRow: Plain[]; rows: Plain[][] }): EvaluationRow[] {
  const { records } = responseRecords(survey.headerRow, survey.rows);
  const rows: EvaluationRow[] = [];
  for (const record of records) {
    if (String(responseValue(record, 'survey') ?? '').trim() !== definition.id) continue;
    const row = evaluationRowFromRecord(definition, record);
    if (row) rows.push(row);
  }
  return rows;
}

/** Who may close a wave: a confirmed coordinator, or an evaluator named in Settings. */
function mayClose(inputs: EvaluationInputs, person: string): boolean {
  const me = person.trim().toLowerCase();
  const check = checkCoordinators(inputs.settings.coordinatorEmails, confirmedFromJson(inputs.read.metadata.get(METADATA_KEYS.confirmedCoordinators)));
  return [...check.trusted, ...inputs.settings.evaluatorEmails].some((e) => e.trim().toLowerCase() === me);
}

export interface CloseWaveResult {
  site: string;
  wave: 'follow-up';
  closedOn: string;
  closed: ClosedWave;
}

/**
 * Closes one site's follow-up wave on today's date: freezes its counts, schedule, roster and paired
 * change from the answers in hand, and keeps them in the tracker's developer metadata (PROJECT
 * visibility: only ROSE Tracker's code writes it) in one batchUpdate. A closed wave stays closed.
 */
export function closeSurveyWave(site: string, wave: string): CloseWaveResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const lock = LockService.getDocumentLock();
  if (lock) lock.waitLock(30000);
  try {
    const inputs = readEvaluationInputs(ss, []);
    const person = Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
    if (!mayClose(inputs, person)) {
      throw new Error(`Only a coordinator (Settings → Coordinator emails, confirmed by Set up tracker) or the evaluator (Settings → Evaluator emails) can close a survey wave, and ${person || 'this account'} is neither.`);
    }
    const waveName = String(wave || '').trim().toLowerCase();
    if (waveName !== 'follow-up') {
      throw new Error(`Only a follow-up wave is closed ("${wave}" was asked for): a site's baseline ends where its follow-up begins, and closing the follow-up freezes both.`);
    }
    const definition = outcomeDefinition();
    const rows = outcomeRows(definition, inputs.survey);
    const timing = waveTiming(inputs.settings);
    const schedule = waveSchedule(rows, inputs.tables, inputs.closed, timing, inputs.today);
    const name = String(site || '').trim();
    const siteWave = schedule.find((w) => w.site.toLowerCase() === name.toLowerCase());
    if (!siteWave) throw new Error(`There is no site "${name}" on the Sites tab or in the survey answers. Sites: ${schedule.map((w) => w.site).join(', ') || 'none yet'}.`);
    if (siteWave.state === 'closed') throw new Error(`The follow-up at ${siteWave.site} was closed on ${siteWave.closedOn}; its report stays as it was.`);
    if (siteWave.state === 'no baseline') throw new Error(`${siteWave.site} has no baseline answers yet, so it has no follow-up to close.`);
    if (siteWave.state === 'not due' || siteWave.state === 'opens soon') {
      throw new Error(`The follow-up at ${siteWave.site} opens on ${siteWave.followUpDue}; close it once it has run (Settings → Follow-up open days: ${timing.followUpOpenDays}).`);
    }
    const closed = closeWave(rows, siteWave.site, definition.scales, inputs.today, timing.minGroupSize, inputs.closed, siteWave);
    const all = [...inputs.closed, closed];
    sheetsApi().Spreadsheets!.batchUpdate({ requests: [metadataRequest(inputs.read, METADATA_KEYS.closedWaves, closedWavesToJson(all))] }, ss.getId());
    return { site: siteWave.site, wave: 'follow-up', closedOn: inputs.today, closed };
  } finally {
    if (lock) lock.releaseLock();
  }
}

/** Menu: Close a survey wave…: names the sites whose follow-up can be closed, asks which, closes it. */
export function closeSurveyWaveAction(): CloseWaveResult | null {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const inputs = readEvaluationInputs(ss, []);
  const rows = outcomeRows(outcomeDefinition(), inputs.survey);
  const schedule = waveSchedule(rows, inputs.tables, inputs.closed, waveTiming(inputs.settings), inputs.today);
  const ui = SpreadsheetApp.getUi();
  const closable = schedule.filter((w) => w.state === 'open' || w.state === 'overdue');
  if (!closable.length) {
    const states = schedule.map((w) => `${w.site}: ${w.state === 'closed' ? `closed on ${w.closedOn}` : w.followUpDue ? `${w.state} (follow-up from ${w.followUpDue})` : w.state}`);
    ui.alert('Close a survey wave', ['No follow-up is open to close.', ...states].join('\n'), ui.ButtonSet.OK);
    return null;
  }
  const lines = closable.map((w) => `• ${w.site}: follow-up ${w.state}, from ${w.followUpDue} to ${w.followUpEnds}`);
  const answer = ui.prompt('Close a survey wave', [
    'Closing a site\'s follow-up wave freezes its report: answers that arrive later are not counted.',
    ...lines,
    'Type the site whose follow-up wave to close:',
  ].join('\n'), ui.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== ui.Button.OK) return null;
  const result = closeSurveyWave(answer.getResponseText(), 'follow-up');
  ss.toast(`The follow-up at ${result.site} is closed as of ${result.closedOn}; its figures in the Evaluation report and the Site report are final.`, 'Survey wave closed', 10);
  return result;
}

/** A developer-metadata record of the tracker written in the batch: created the first time, then updated by its key. */
function metadataRequest(read: TrackerRead, key: string, value: string): Request {
  if (read.metadata.has(key)) {
    return { updateDeveloperMetadata: { dataFilters: [{ developerMetadataLookup: { metadataKey: key } }], developerMetadata: { metadataValue: value }, fields: 'metadataValue' } } as Request;
  }
  return { createDeveloperMetadata: { developerMetadata: { metadataKey: key, metadataValue: value, location: { spreadsheet: true }, visibility: 'PROJECT' } } } as Request;
}

// ---------------------------------------------------------------------------------------------
// Writing a report tab in one batchUpdate

const WHITE = { red: 1, green: 1, blue: 1 };
const LIGHTS: Record<string, { red: number; green: number; blue: number }> = {
  Met: { red: 0.80, green: 0.92, blue: 0.80 },
  'Halfway or more': { red: 1, green: 0.93, blue: 0.70 },
  'Less than halfway': { red: 0.96, green: 0.78, blue: 0.78 },
};

export interface TabLayout {
  /** Column widths in pixels, from column A. */
  widths: number[];
  /** Rows (0-based) set in bold: titles and a block's header row. */
  bold: (row: ReportValue[], index: number) => boolean;
  frozenRows: number;
}

/** A report cell as the Sheets API writes it: a figure as a number with its format, text as text (never a formula), a traffic light coloured. */
function cellData(value: ReportValue, bold: boolean): CellData {
  // Left-aligned throughout, so a column mixing figures and words ("Yes · Met") reads as one column.
  const format: GoogleAppsScript.Sheets.Schema.CellFormat = { textFormat: { bold } as GoogleAppsScript.Sheets.Schema.TextFormat, backgroundColor: WHITE, horizontalAlignment: 'LEFT' };
  if (isFigure(value)) {
    format.numberFormat = { type: value.format === CHANGE || !/%/.test(value.format) ? 'NUMBER' : 'PERCENT', pattern: value.format };
    return { userEnteredValue: { numberValue: value.number }, userEnteredFormat: format };
  }
  format.numberFormat = { type: 'TEXT', pattern: '@' };
  const light = Object.keys(LIGHTS).find((name) => value.endsWith(` · ${name}`));
  if (light) format.backgroundColor = LIGHTS[light];
  return value === '' ? { userEnteredFormat: format } : { userEnteredValue: { stringValue: value }, userEnteredFormat: format };
}

/** A sheet ID that no sheet of the file has (addSheet takes one that "must not conflict"). */
function freeSheetId(read: TrackerRead): number {
  const taken = new Set([...read.sheets.values()].map((s) => s.sheetId));
  let id = 1 + Math.floor(Math.random() * 2000000000);
  while (taken.has(id)) id += 1;
  return id;
}

/** Where a new report tab goes so the tabs stay in working order: before the first tab that ranks after it. */
function indexFor(read: TrackerRead, title: string): number {
  const rank = (name: string): number => {
    const ours = WORKING_ORDER.indexOf(name);
    return ours >= 0 ? ours : WORKING_ORDER.length + (isFormResponsesTab(name) ? 1 : 0);
  };
  const mine = rank(title);
  const layouts = [...new Map([...read.sheets.values()].map((s) => [s.sheetId, s])).values()];
  const after = layouts.filter((s) => rank(s.title) > mine).map((s) => s.index);
  return after.length ? Math.min(...after) : layouts.length;
}

/**
 * The requests that rewrite a report tab whole: the tab added the first time (in working order),
 * else cleared; rows and columns added when the report outgrows the grid; every cell with its value
 * and format; widths and frozen rows. A tab of that name a person made is never touched.
 */
export function reportTabRequests(read: TrackerRead, title: string, signature: string, rows: ReportValue[][], layout: TabLayout): Request[] {
  const requests: Request[] = [];
  const height = rows.length;
  const width = Math.max(1, ...rows.map((r) => r.length));
  let sheet = read.sheets.get(title);
  if (sheet) {
    const problem = ownedTabProblem(read.values.get(title) ?? [], title, signature);
    if (problem) throw problem;
    requests.push({ updateCells: { range: { sheetId: sheet.sheetId }, fields: 'userEnteredValue,userEnteredFormat' } } as Request);
    if (height > sheet.rowCount) requests.push({ appendDimension: { sheetId: sheet.sheetId, dimension: 'ROWS', length: height - sheet.rowCount } });
    if (width > sheet.columnCount) requests.push({ appendDimension: { sheetId: sheet.sheetId, dimension: 'COLUMNS', length: width - sheet.columnCount } });
  } else {
    sheet = { sheetId: freeSheetId(read), title, rowCount: Math.max(height, 100), columnCount: Math.max(width, 26), index: indexFor(read, title), charts: [] };
    requests.push({ addSheet: { properties: { sheetId: sheet.sheetId, title, index: sheet.index, gridProperties: { rowCount: sheet.rowCount, columnCount: sheet.columnCount } } } } as Request);
  }
  requests.push({
    updateCells: {
      start: { sheetId: sheet.sheetId, rowIndex: 0, columnIndex: 0 },
      fields: 'userEnteredValue,userEnteredFormat.numberFormat,userEnteredFormat.textFormat.bold,userEnteredFormat.backgroundColor,userEnteredFormat.horizontalAlignment',
      rows: rows.map((row, r) => ({ values: row.map((value) => cellData(value, layout.bold(row, r))) })),
    },
  } as Request);
  layout.widths.forEach((pixelSize, column) => {
    if (column >= width) return;
    requests.push({ updateDimensionProperties: { range: { sheetId: sheet!.sheetId, dimension: 'COLUMNS', startIndex: column, endIndex: column + 1 }, properties: { pixelSize }, fields: 'pixelSize' } } as Request);
  });
  requests.push({ updateSheetProperties: { properties: { sheetId: sheet.sheetId, gridProperties: { frozenRowCount: layout.frozenRows } }, fields: 'gridProperties.frozenRowCount' } } as Request);
  return requests;
}

function activate(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, title: string): void {
  const sheet = ss.getSheetByName(title);
  if (sheet) sheet.activate();
}

// ---------------------------------------------------------------------------------------------
// Process evaluation report

export interface ReportWritten {
  tab: string;
  rows: number;
}

/**
 * Menu: Process evaluation report. The implementation survey's answers scored per NPT construct, by
 * implementers and recipients and by site, small groups suppressed, and the interview log summed up per
 * ROSE strategy (counts only), written to its own tab of the tracker.
 */
export function buildProcessReport(): ReportWritten {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const inputs = readEvaluationInputs(ss, [PROCESS_REPORT_TAB]);
  const definition = processDefinition();
  const responses = processResponses(definition, inputs.survey.headerRow, inputs.survey.rows);
  const report = processReport(responses, definition.scales.map((s) => ({ id: s.id, title: s.title })), inputs.settings.minimumGroupSize);
  const rows = processReportRows(definition, report, interviewSummary(inputs.tables['Interview Log']), inputs.today);
  const requests = reportTabRequests(inputs.read, PROCESS_REPORT_TAB, PROCESS_REPORT_TITLE, rows, {
    widths: [380, ...new Array<number>(rows[0].length - 1).fill(150)],
    bold: (row, r) => r === 0 || row[1] === 'All sites' || row[1] === 'Interviews',
    frozenRows: 1,
  });
  sheetsApi().Spreadsheets!.batchUpdate({ requests }, ss.getId());
  activate(ss, PROCESS_REPORT_TAB);
  return { tab: PROCESS_REPORT_TAB, rows: rows.length };
}

// ---------------------------------------------------------------------------------------------
// Site report (one page)

/**
 * Menu: Site report (one page). For each site, the ROSE implementation index from the tracker's own
 * tabs (targets from Implementation Targets) beside the follow-up wave's counts and matched change,
 * on the Site report tab. Printed or downloaded as PDF, it is landscape and fits a page's width.
 */
export function buildSiteReport(): ReportWritten {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const inputs = readEvaluationInputs(ss, [SITE_REPORT_TAB]);
  const definition = outcomeDefinition();
  const rows = withoutLateAnswers(outcomeRows(definition, inputs.survey), inputs.closed);
  const pages = sitePages({
    tables: inputs.tables, settings: inputs.settings, rows, closed: inputs.closed, timing: waveTiming(inputs.settings), today: inputs.today,
    scales: definition.scales.map((s) => ({ id: s.id, title: s.title })),
  });
  const grid = sitePagesRows(pages, inputs.settings.organizationName, inputs.today);
  const requests = reportTabRequests(inputs.read, SITE_REPORT_TAB, SITE_REPORT_TITLE, grid, {
    widths: [420, 200, 170, 230],
    bold: (row, r) => r === 0 || (typeof row[0] === 'string' && / ROSE in place and what changed$/.test(row[0])) || row[1] === 'Baseline' || row[1] === 'Change',
    frozenRows: 1,
  });
  sheetsApi().Spreadsheets!.batchUpdate({ requests }, ss.getId());
  activate(ss, SITE_REPORT_TAB);
  return { tab: SITE_REPORT_TAB, rows: grid.length };
}
