// The dashboard's edge: reads the tracker once, computes in pure code, and writes the Dashboard tab in a fixed number of calls.
import { claimOwnedTab } from '../core/owned-tabs';
import { PROPERTY_KEYS } from '../core/keys';
import { isoDateIn } from '../core/dates';
import { TABS, tabSpec, type TabName } from '../tracker/schema';
import { readSettings } from '../tracker/settings';
import { readSheet, readTables, type Sheet, type TrackerFile } from '../tracker/sheets';
import { TrackerStore } from '../tracker/store';
import { toTable, type Plain } from '../tracker/table';
import { responseRecords } from '../surveys/row';
import { computeDashboard, type DashboardInput, type DashboardModel } from './compute';
import { CHART_ACTIVITY, CHART_BUDGET, DASHBOARD_TAB, layoutDashboard, type DashboardLayout } from './layout';

const TITLE_BACKGROUND = '#e8f0fe';
const HEADER_BACKGROUND = '#f1f3f4';
const SIGNATURE = 'ROSE Tracker dashboard';
const RESPONSES = 'Survey Responses';
/** Every tab but Survey Responses, which is read whole so its Score columns come along (one read still). */
const TABS_READ: readonly TabName[] = TABS.map((t) => t.name).filter((name) => name !== RESPONSES);

/**
 * A tracker as the dashboard is handed it: the store, or the TrackerFile the reminders still open
 * (reading it through a new store would list every sheet again).
 */
export type DashboardTracker = TrackerStore | TrackerFile;

const fileOf = (tracker: DashboardTracker): TrackerFile => (tracker instanceof TrackerStore ? tracker.file : tracker);

function unprocessedSubmissions(): number | null {
  const properties = PropertiesService.getDocumentProperties();
  const raw = properties ? properties.getProperty(PROPERTY_KEYS.unprocessedSubmissions) : null;
  if (raw === null || raw === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
}

/** What the pure dashboard reads, one read per tab: the tables, Settings, and Survey Responses with its Score columns. */
export function readDashboardInput(tracker: DashboardTracker): Pick<DashboardInput, 'tables' | 'settings' | 'responses'> {
  const file = fileOf(tracker);
  const tables = tracker instanceof TrackerStore ? tracker.tables(TABS_READ) : readTables(tracker, TABS_READ);
  // Typed records keep only the schema's columns; the scores are the survey's, so both come from the same read.
  const sheet = file.sheets.get(RESPONSES);
  let responses: DashboardInput['responses'];
  if (sheet) {
    const { headerRow, rows } = readSheet(sheet, file.timeZone, tabSpec(RESPONSES));
    tables[RESPONSES] = toTable(RESPONSES, headerRow, rows);
    responses = responseRecords(headerRow, rows);
  }
  return { tables, settings: tracker instanceof TrackerStore ? tracker.settings() : readSettings(tables.Settings), responses };
}

/** The dashboard model for a tracker: one read per tab, then pure code. */
export function loadDashboardModel(tracker: DashboardTracker): DashboardModel {
  const today = isoDateIn(new Date(), fileOf(tracker).timeZone);
  return computeDashboard({ ...readDashboardInput(tracker), today, unprocessedSubmissions: unprocessedSubmissions() });
}

/** Sheets would read "=…", "+…", dates and numbers typed as text; a leading apostrophe keeps every text cell as written. */
function cellInput(value: Plain): Plain {
  if (typeof value === 'string') return value === '' ? '' : `'${value}`;
  return value === null ? '' : value;
}

/** The Dashboard tab, first of all: created when missing, refused when a person made a tab of that name. */
function dashboardTab(tracker: DashboardTracker): Sheet {
  if (tracker instanceof TrackerStore) return tracker.ownedTab(DASHBOARD_TAB, SIGNATURE, 0);
  const sheet = claimOwnedTab(tracker.ss, tracker.sheets.get(DASHBOARD_TAB), DASHBOARD_TAB, SIGNATURE, 0);
  tracker.sheets.set(DASHBOARD_TAB, sheet);
  return sheet;
}

/** Writes the laid-out dashboard: clear, one setValues, one call each for formats, weights and shading, then our charts. */
export function writeDashboard(tracker: DashboardTracker, layout: DashboardLayout): Sheet {
  const sheet = dashboardTab(tracker);
  const height = layout.rows.length;
  const width = layout.width;
  const maxRows = sheet.getMaxRows();
  if (height > maxRows) sheet.insertRowsAfter(maxRows, height - maxRows);
  // Charts sit two columns right of the tables; keep room for them.
  const maxColumns = sheet.getMaxColumns();
  if (width + 8 > maxColumns) sheet.insertColumnsAfter(maxColumns, width + 8 - maxColumns);
  sheet.clear();
  const range = sheet.getRange(1, 1, height, width);
  range.setValues(layout.rows.map((row) => row.map(cellInput)));
  range.setNumberFormats(layout.formats);
  const titles = new Set(layout.titleRows);
  const headers = new Set(layout.headerRows);
  const shade = (r: number): string | null => (titles.has(r) ? TITLE_BACKGROUND : headers.has(r) ? HEADER_BACKGROUND : null);
  range.setFontWeights(layout.rows.map((row, i) => row.map(() => (titles.has(i + 1) || headers.has(i + 1) ? 'bold' : 'normal'))));
  range.setBackgrounds(layout.rows.map((row, i) => row.map(() => shade(i + 1))));
  sheet.setColumnWidth(1, 260);

  // Replace our charts (found by title) and keep any chart a coordinator added.
  const ours = [CHART_BUDGET, CHART_ACTIVITY];
  for (const chart of sheet.getCharts()) {
    if (ours.indexOf(String(chart.getOptions().get('title'))) >= 0) sheet.removeChart(chart);
  }
  for (const spec of layout.charts) {
    const chart = sheet.newChart()
      .setChartType(spec.type === 'BAR' ? Charts.ChartType.BAR : Charts.ChartType.COLUMN)
      .addRange(sheet.getRange(spec.range.row, spec.range.column, spec.range.numRows, spec.range.numColumns))
      .setPosition(spec.anchor.row, spec.anchor.column, 0, 0)
      .setOption('title', spec.title)
      .setOption('isStacked', spec.stacked)
      .setOption('useFirstColumnAsDomain', true)
      .build();
    sheet.insertChart(chart);
  }
  return sheet;
}

/** Computes and writes the Dashboard tab; returns the model so callers (reminders) need not read the tracker again. */
export function refreshDashboardIn(tracker: DashboardTracker): DashboardModel {
  const model = loadDashboardModel(tracker);
  writeDashboard(tracker, layoutDashboard(model));
  return model;
}

/** Menu: ROSE Tracker → Refresh dashboard. */
export function refreshDashboardAction(): { rows: number; notes: string[] } {
  const store = TrackerStore.open();
  const model = refreshDashboardIn(store);
  const sheet = store.sheet(DASHBOARD_TAB)!;
  sheet.activate();
  store.ss.toast(model.notes.length ? `${model.notes.length} thing(s) missing or to check: see the top of the Dashboard.` : 'Dashboard is up to date.', 'Dashboard', 5);
  return { rows: sheet.getLastRow(), notes: model.notes };
}

/** After intake (missed responses processed, report rebuilt): the Dashboard's evaluation figures follow. */
export function alsoRefreshDashboard<T>(result: T): T {
  try {
    refreshDashboardIn(TrackerStore.open());
  } catch (error) {
    SpreadsheetApp.getActiveSpreadsheet().toast(`The Dashboard was not refreshed: ${error instanceof Error ? error.message : String(error)}`, 'ROSE Tracker', 15);
  }
  return result;
}

/** After a successful setup, brings the Dashboard up to date without moving the user to it. */
export function refreshDashboardAfter<T extends { ok: boolean; lines: string[] }>(result: T): T {
  if (!result.ok) return result;
  try {
    refreshDashboardIn(TrackerStore.open());
  } catch (error) {
    // Setup itself succeeded; the coordinator is told why the Dashboard was not refreshed.
    const message = `The Dashboard was not refreshed: ${error instanceof Error ? error.message : String(error)}`;
    result.lines.push(message);
    SpreadsheetApp.getActiveSpreadsheet().toast(message, 'ROSE Tracker', 15);
  }
  return result;
}
