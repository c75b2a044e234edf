// ROSE Tracker → Evaluation report: writes the baseline vs follow-up report (small groups suppressed) to its own tab in a fixed number of calls.
import { claimOwnedTab } from '../core/owned-tabs';
import { evaluationReport, evaluationRowFromRecord, reportTable, type EvaluationRow } from './report';
import { surveyDefinitions } from './forms';
import { responseRecords, responseValue } from './row';
import { tabSpec } from '../tracker/schema';
import { readSettings } from '../tracker/settings';
import { readSheet } from '../tracker/sheets';
import { toTable, type Plain } from '../tracker/table';
import type { SurveyDefinition } from './definition';

export const REPORT_TAB = 'Evaluation report';
const MEASURE_COLUMN_PX = 440;
const GROUP_COLUMN_PX = 170;

/** The report's rows for every evaluation survey (those landing in Survey Responses), from the tab's header row and rows. */
export function reportRows(definitions: SurveyDefinition[], headerRow: Plain[], responses: Plain[][], minGroupSize: number): string[][] {
  const { records } = responseRecords(headerRow, responses);
  const out: string[][] = [];
  for (const definition of definitions.filter((d) => d.targetTab === 'Survey Responses')) {
    const rows: EvaluationRow[] = [];
    for (const record of records) {
      if (String(responseValue(record, 'survey') ?? '') !== definition.id) continue;
      const row = evaluationRowFromRecord(definition, record);
      if (row) rows.push(row);
    }
    const table = reportTable(evaluationReport(rows, definition.scales, minGroupSize));
    if (out.length) out.push([]);
    out.push([definition.title], ...table, [scaleNote(definition)]);
  }
  const width = Math.max(1, ...out.map((r) => r.length));
  return out.map((r) => r.concat(new Array(width - r.length).fill('')));
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
 * Menu: Evaluation report. Reads Settings and Survey Responses once each and writes the tab in one call.
 * Not through the tracker store: opening it lists every tab, one call each, past this menu's budget.
 */
export function buildEvaluationReport(): { rows: number } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const responses = ss.getSheetByName('Survey Responses');
  if (!responses) throw new Error('There is no Survey Responses tab yet: run ROSE Tracker → Set up tracker, then Create or update forms.');
  const timeZone = ss.getSpreadsheetTimeZone();
  const settingsSheet = ss.getSheetByName('Settings');
  const settingsGrid = settingsSheet ? readSheet(settingsSheet, timeZone, tabSpec('Settings')) : null;
  const settings = readSettings(settingsGrid ? toTable('Settings', settingsGrid.headerRow, settingsGrid.rows) : undefined);
  const { headerRow, rows: values } = readSheet(responses, timeZone, tabSpec('Survey Responses'));
  const rows = reportRows(surveyDefinitions(), headerRow, values, settings.minimumGroupSize);
  // The report's first cell is always the evaluation survey's title: that is how a re-run knows the tab is ours.
  const sheet = claimOwnedTab(ss, ss.getSheetByName(REPORT_TAB), REPORT_TAB, rows[0][0]);
  sheet.clearContents();
  const height = rows.length;
  const width = rows[0].length;
  if (height > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), height - sheet.getMaxRows());
  if (width > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  // Figures are numbers with their formats; every other cell is text, so a suppressed cell never turns back into a number and a site name never into a formula.
  const cells = rows.map((r) => r.map((v, c) => reportCell(v, c, r[0] === 'Measure')));
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
  sheet.activate();
  return { rows: height };
}
