// The dashboard's edge: reads the tracker once, computes in pure code, and writes the Dashboard tab in a fixed number of calls.
import { claimOwnedTab } from '../core/owned-tabs';
import { openTracker, readTables, type Sheet, type TrackerFile } from '../tracker/sheets';
import { readSettings } from '../tracker/settings';
import { isoDateIn } from '../tracker/dates';
import type { Plain } from '../tracker/table';
import { computeDashboard, type DashboardModel } from './compute';
import { CHART_ACTIVITY, CHART_BUDGET, DASHBOARD_TAB, layoutDashboard, type DashboardLayout } from './layout';

/** Document property the form intake keeps: how many submissions it has not processed yet. */
export const UNPROCESSED_KEY = 'rose.unprocessedSubmissions';

const TITLE_BACKGROUND = '#e8f0fe';
const HEADER_BACKGROUND = '#f1f3f4';

function unprocessedSubmissions(): number | null {
  const properties = PropertiesService.getDocumentProperties();
  const raw = properties ? properties.getProperty(UNPROCESSED_KEY) : null;
  if (raw === null || raw === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
}

/** The dashboard model for a tracker file: one read per tab, then pure code. */
export function loadDashboardModel(file: TrackerFile): DashboardModel {
  const tables = readTables(file);
  const settings = readSettings(tables.Settings);
  const today = isoDateIn(new Date(), file.timeZone);
  return computeDashboard({ tables, settings, today, unprocessedSubmissions: unprocessedSubmissions() });
}

/** Sheets would read "=…", "+…", dates and numbers typed as text; a leading apostrophe keeps every text cell as written. */
function cellInput(value: Plain): Plain {
  if (typeof value === 'string') return value === '' ? '' : `'${value}`;
  return value === null ? '' : value;
}

/** Writes the laid-out dashboard: clear, one setValues, one call each for formats, weights and shading, then our charts. */
export function writeDashboard(file: TrackerFile, layout: DashboardLayout): Sheet {
  const sheet = claimOwnedTab(file.ss, file.sheets.get(DASHBOARD_TAB), DASHBOARD_TAB, 'ROSE Tracker dashboard', 0);
  file.sheets.set(DASHBOARD_TAB, sheet);
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
export function refreshDashboardIn(file: TrackerFile): DashboardModel {
  const model = loadDashboardModel(file);
  writeDashboard(file, layoutDashboard(model));
  return model;
}

/** Menu: ROSE Tracker → Refresh dashboard. */
export function refreshDashboardAction(): { rows: number; notes: string[] } {
  const file = openTracker();
  const model = refreshDashboardIn(file);
  const sheet = file.sheets.get(DASHBOARD_TAB)!;
  sheet.activate();
  file.ss.toast(model.notes.length ? `${model.notes.length} thing(s) missing or to check: see the top of the Dashboard.` : 'Dashboard is up to date.', 'Dashboard', 5);
  return { rows: sheet.getLastRow(), notes: model.notes };
}

/** After a successful setup (or intake), brings the Dashboard up to date without moving the user to it. */
/** After intake (missed responses processed, report rebuilt): the Dashboard's evaluation figures follow. */
export function alsoRefreshDashboard<T>(result: T): T {
  try {
    refreshDashboardIn(openTracker());
  } catch (error) {
    SpreadsheetApp.getActiveSpreadsheet().toast(`The Dashboard was not refreshed: ${error instanceof Error ? error.message : String(error)}`, 'ROSE Tracker', 15);
  }
  return result;
}

export function refreshDashboardAfter<T extends { ok: boolean; lines: string[] }>(result: T): T {
  if (!result.ok) return result;
  try {
    refreshDashboardIn(openTracker());
  } catch (error) {
    // Setup itself succeeded; the coordinator is told why the Dashboard was not refreshed.
    const message = `The Dashboard was not refreshed: ${error instanceof Error ? error.message : String(error)}`;
    result.lines.push(message);
    SpreadsheetApp.getActiveSpreadsheet().toast(message, 'ROSE Tracker', 15);
  }
  return result;
}
