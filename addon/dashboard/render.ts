// The dashboard's edge: reads the tracker in two Sheets API calls, computes in pure code, and writes the Dashboard tab (values, formats, charts) in one batchUpdate.
import { METADATA_KEYS, PROPERTY_KEYS } from '../core/keys';
import { PRIVATE_WORKBOOKS } from '../privacy/workbooks';
import { releaseFromJson } from '../surveys/release';
import { isoDateIn } from '../core/dates';
import { ownedTabProblem } from '../core/owned-tabs';
import { TABS, tabSpec, type TabName } from '../tracker/schema';
import { readSettings } from '../tracker/settings';
import { toTable, type Plain } from '../tracker/table';
import { responseRecords } from '../surveys/row';
import { computeDashboard, type DashboardInput, type DashboardModel } from './compute';
import { DASHBOARD_CHARTS, DASHBOARD_TAB, layoutDashboard, type ChartSpec, type DashboardLayout } from './layout';
import { readLinkedWorkbooks, readTracker, sheetsApi, tablesOf, tabRows, type LinkedTab, type TrackerRead } from './read';

type Request = GoogleAppsScript.Sheets.Schema.Request;

const TITLE_BACKGROUND = { red: 0xe8 / 255, green: 0xf0 / 255, blue: 0xfe / 255 };
const HEADER_BACKGROUND = { red: 0xf1 / 255, green: 0xf3 / 255, blue: 0xf4 / 255 };
const SIGNATURE = 'ROSE Tracker dashboard';
const RESPONSES = 'Survey Responses';
const SUPPORT = 'Support Requests';
/** Every tab but Survey Responses, whose records keep its Score columns too (same read). */
const TABLES_READ: readonly TabName[] = TABS.map((t) => t.name).filter((name) => name !== RESPONSES);
/** A new tab's grid (Sheets' default), and the room kept right of the tables for the charts. */
const NEW_TAB_GRID = { rows: 1000, columns: 26 };
const CHART_ROOM = 8;
/** Column A holds labels and sentences; the others figures, months and short headers (wrapped). */
const LABEL_COLUMN_PX = 260;
const FIGURE_COLUMN_PX = 96;

/** '#rrggbb' as the API's Color (components 0–1). */
function colorOf(hex: string): GoogleAppsScript.Sheets.Schema.Color {
  const part = (i: number): number => parseInt(hex.slice(i, i + 2), 16) / 255;
  return { red: part(1), green: part(3), blue: part(5) };
}

function unprocessedSubmissions(): number | null {
  // A time-driven run of an add-on has no document properties: the count is then unknown, not zero.
  const properties = PropertiesService.getDocumentProperties();
  const raw = properties ? properties.getProperty(PROPERTY_KEYS.unprocessedSubmissions) : null;
  if (raw === null || raw === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
}

type ReadInput = Pick<DashboardInput, 'tables' | 'settings' | 'responses' | 'supportWorkbook' | 'evaluationWorkbook'>;

/** The private workbooks whose rows the Dashboard counts once Set up private workbooks moved them out of the tracker. */
function linkedTabs(): LinkedTab[] {
  return PRIVATE_WORKBOOKS.flatMap((w) => w.tabs.filter((tab) => tab === SUPPORT || tab === RESPONSES)
    .map((tab) => ({ name: w.name, linkSetting: w.linkSetting, metadataKey: w.metadataKey, tab })));
}

/** A tab of a private workbook as the tracker's tabs are read (the tracker's time zone for its date-times). */
function linkedRows(read: TrackerRead, values: Plain[][], tab: TabName): { headerRow: Plain[]; rows: Plain[][] } {
  return tabRows({ ...read, values: new Map([[tab, values]]) }, tab, tabSpec(tab));
}

/** What the pure dashboard reads: the tables, Settings, Survey Responses with its Score columns, and the linked private workbooks' rows. */
export function dashboardInputOf(read: TrackerRead): ReadInput {
  const tables = tablesOf(read, TABLES_READ);
  let responses: DashboardInput['responses'];
  if (read.values.has(RESPONSES)) {
    const { headerRow, rows } = tabRows(read, RESPONSES, tabSpec(RESPONSES));
    tables[RESPONSES] = toTable(RESPONSES, headerRow, rows);
    responses = responseRecords(headerRow, rows);
  }
  const input: ReadInput = { tables, settings: readSettings(tables.Settings), responses };
  const support = read.linked?.get(SUPPORT);
  if (support) {
    if ('unreadable' in support) input.supportWorkbook = support;
    else {
      const { headerRow, rows } = linkedRows(read, support.values, SUPPORT);
      input.supportWorkbook = { rows: toTable(SUPPORT, headerRow, rows) };
    }
  }
  const survey = read.linked?.get(RESPONSES);
  if (survey) {
    if ('unreadable' in survey) input.evaluationWorkbook = survey;
    else {
      const { headerRow, rows } = linkedRows(read, survey.values, RESPONSES);
      input.evaluationWorkbook = { rows: { responses: responseRecords(headerRow, rows), released: releaseFromJson(read.metadata.get(METADATA_KEYS.evaluationRelease), 'Dashboard') } };
    }
  }
  return input;
}

/** Who is refreshing, for the line saying they cannot read a workbook (asked only then). */
function person(): string {
  return Session.getEffectiveUser().getEmail();
}

/**
 * The tabs the Dashboard reads (its own too, to check it is ours), plus the first column of the tabs
 * in `firstColumns`, in the same call; then one values.batchGet per private workbook the tracker links.
 */
export function readForDashboard(spreadsheetId: string, firstColumns: readonly string[] = [], api: GoogleAppsScript.Sheets = sheetsApi()): TrackerRead {
  const read = readTracker(spreadsheetId, [...TABS.map((t) => t.name), DASHBOARD_TAB], firstColumns, api);
  read.linked = readLinkedWorkbooks(read, linkedTabs(), person, api);
  return read;
}

/** For the benchmark and tests: the pure dashboard's input for a spreadsheet, read as the add-on reads it (through `api`, the Sheets service given). */
export function readDashboardInput(spreadsheetId: string, api: GoogleAppsScript.Sheets): ReadInput {
  return dashboardInputOf(readForDashboard(spreadsheetId, [], api));
}

/** The dashboard model from a read: pure code, plus the form submissions count. */
export function dashboardModelOf(read: TrackerRead): DashboardModel {
  const today = isoDateIn(new Date(), read.timeZone);
  return computeDashboard({ ...dashboardInputOf(read), today, unprocessedSubmissions: unprocessedSubmissions() });
}

/** A layout pattern as the API's NumberFormat; "General" is no format at all (the field cleared). */
function numberFormatOf(pattern: string): GoogleAppsScript.Sheets.Schema.NumberFormat | undefined {
  if (pattern === 'General') return undefined;
  if (pattern === '@') return { type: 'TEXT', pattern };
  if (pattern.indexOf('%') >= 0) return { type: 'PERCENT', pattern };
  return { type: /^[#0.,]+$/.test(pattern) ? 'NUMBER' : 'CURRENCY', pattern };
}

/**
 * A cell's value as the API takes it: a stringValue is stored as written, never read as a formula,
 * number or date ("Leading single quotes are not included", ExtendedValue reference), so text
 * needs no apostrophe here. Empty is no value.
 */
function valueOf(value: Plain): GoogleAppsScript.Sheets.Schema.ExtendedValue | undefined {
  if (value === null || value === '') return undefined;
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  return { stringValue: value };
}

function chartRequest(sheetId: number, chart: ChartSpec): Request {
  const column = (c: number) => ({
    sourceRange: { sources: [{ sheetId, startRowIndex: chart.range.row - 1, endRowIndex: chart.range.row - 1 + chart.range.numRows, startColumnIndex: c - 1, endColumnIndex: c }] },
  });
  const series = Array.from({ length: chart.range.numColumns - 1 }, (_, i) => ({ series: column(chart.range.column + 1 + i) }));
  return {
    addChart: {
      chart: {
        spec: {
          title: chart.title,
          basicChart: { chartType: chart.type, stackedType: chart.stacked ? 'STACKED' : 'NOT_STACKED', headerCount: 1, domains: [{ domain: column(chart.range.column) }], series },
        },
        position: { overlayPosition: { anchorCell: { sheetId, rowIndex: chart.anchor.row - 1, columnIndex: chart.anchor.column - 1 } } },
      },
    },
  };
}

/**
 * Writes the laid-out dashboard in one batchUpdate: grow the grid if needed, clear values and
 * formats, write every cell with its format, set column A's width, replace our charts (found by
 * title; a coordinator's own stay). A missing tab is added first, which takes one more call the
 * first time. A tab of that name a person made is never touched.
 */
export function writeDashboard(read: TrackerRead, layout: DashboardLayout): void {
  const api = sheetsApi().Spreadsheets!;
  const problem = ownedTabProblem(read.values.get(DASHBOARD_TAB) ?? [], DASHBOARD_TAB, SIGNATURE);
  if (problem) throw problem;
  const height = layout.rows.length;
  const width = layout.width;
  let tab = read.sheets.get(DASHBOARD_TAB);
  if (!tab) {
    const reply = api.batchUpdate({ requests: [{ addSheet: { properties: { title: DASHBOARD_TAB, index: 0, gridProperties: { rowCount: NEW_TAB_GRID.rows, columnCount: NEW_TAB_GRID.columns } } } }] }, read.spreadsheetId);
    const added = reply.replies![0].addSheet!.properties!;
    tab = { sheetId: added.sheetId ?? 0, title: DASHBOARD_TAB, rowCount: NEW_TAB_GRID.rows, columnCount: NEW_TAB_GRID.columns, index: added.index ?? 0, charts: [] };
    read.sheets.set(DASHBOARD_TAB, tab);
  }
  const sheetId = tab.sheetId;
  const requests: Request[] = [];
  const rowCount = Math.max(tab.rowCount, height);
  const columnCount = Math.max(tab.columnCount, width + CHART_ROOM);
  if (rowCount !== tab.rowCount || columnCount !== tab.columnCount) {
    requests.push({ updateSheetProperties: { properties: { sheetId, gridProperties: { rowCount, columnCount } }, fields: 'gridProperties.rowCount,gridProperties.columnCount' } });
  }
  requests.push({ updateCells: { range: { sheetId }, fields: 'userEnteredValue,userEnteredFormat' } });
  const titles = new Set(layout.titleRows);
  const headers = new Set(layout.headerRows);
  requests.push({
    updateCells: {
      start: { sheetId, rowIndex: 0, columnIndex: 0 },
      fields: 'userEnteredValue,userEnteredFormat.numberFormat,userEnteredFormat.textFormat.bold,userEnteredFormat.backgroundColor,'
        + 'userEnteredFormat.wrapStrategy,userEnteredFormat.horizontalAlignment',
      rows: layout.rows.map((row, i) => {
        const r = i + 1;
        const bold = titles.has(r) || headers.has(r);
        const background = titles.has(r) ? TITLE_BACKGROUND : headers.has(r) ? HEADER_BACKGROUND : undefined;
        return {
          values: row.map((value, c) => ({
            userEnteredValue: valueOf(value),
            userEnteredFormat: {
              numberFormat: numberFormatOf(layout.formats[i][c]), textFormat: { bold },
              backgroundColor: layout.fills[i][c] ? colorOf(layout.fills[i][c]) : background,
              // Column A's sentences run on to the right; headers and timeline labels wrap in their column.
              wrapStrategy: layout.wraps[i][c] ? 'WRAP' : undefined,
              horizontalAlignment: layout.aligns[i][c] || undefined,
            },
          })),
        };
      }),
    },
  });
  requests.push({ updateDimensionProperties: { range: { sheetId, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 }, properties: { pixelSize: LABEL_COLUMN_PX }, fields: 'pixelSize' } });
  requests.push({ updateDimensionProperties: { range: { sheetId, dimension: 'COLUMNS', startIndex: 1, endIndex: width }, properties: { pixelSize: FIGURE_COLUMN_PX }, fields: 'pixelSize' } });
  for (const chart of tab.charts) if (DASHBOARD_CHARTS.indexOf(chart.title) >= 0) requests.push({ deleteEmbeddedObject: { objectId: chart.chartId } });
  for (const chart of layout.charts) requests.push(chartRequest(sheetId, chart));
  api.batchUpdate({ requests }, read.spreadsheetId);
}

/** Reads, computes and writes the Dashboard tab; returns the read and the model so callers (reminders) need not read the tracker again. */
export function refreshDashboardIn(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, firstColumns: readonly string[] = []): { read: TrackerRead; model: DashboardModel } {
  const read = readForDashboard(ss.getId(), firstColumns);
  const model = dashboardModelOf(read);
  const layout = layoutDashboard(model);
  writeDashboard(read, layout);
  return { read, model };
}

/** Menu: ROSE Tracker → Refresh dashboard. */
export function refreshDashboardAction(): { rows: number; notes: string[] } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const { model } = refreshDashboardIn(ss);
  ss.getSheetByName(DASHBOARD_TAB)!.activate();
  ss.toast(model.notes.length ? `${model.notes.length} thing(s) missing or to check: see the top of the Dashboard.` : 'Dashboard is up to date.', 'Dashboard', 5);
  return { rows: layoutDashboard(model).rows.length, notes: model.notes };
}

/** After intake (missed responses processed, report rebuilt): the Dashboard's evaluation figures follow. */
export function alsoRefreshDashboard<T>(result: T): T {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  try {
    refreshDashboardIn(ss);
  } catch (error) {
    ss.toast(`The Dashboard was not refreshed: ${error instanceof Error ? error.message : String(error)}`, 'ROSE Tracker', 15);
  }
  return result;
}

/** After a successful setup, brings the Dashboard up to date without moving the user to it. */
export function refreshDashboardAfter<T extends { ok: boolean; lines: string[] }>(result: T): T {
  if (!result.ok) return result;
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  try {
    refreshDashboardIn(ss);
  } catch (error) {
    // Setup itself succeeded; the coordinator is told why the Dashboard was not refreshed.
    const message = `The Dashboard was not refreshed: ${error instanceof Error ? error.message : String(error)}`;
    result.lines.push(message);
    ss.toast(message, 'ROSE Tracker', 15);
  }
  return result;
}
