// ROSE Tracker → Evaluation report: writes the baseline vs follow-up report (small groups suppressed) to its own tab in a fixed number of calls.
import { claimOwnedTab } from '../core/owned-tabs';
import { surveyRowsFile } from '../privacy/workbooks';
import { evaluationReport, evaluationRowFromRecord, reportTable, type EvaluationRow } from './report';
import { surveyDefinitions } from './forms';
import { responseRecords, responseValue } from './row';
import { tabSpec } from '../tracker/schema';
import { readSettings } from '../tracker/settings';
import { readSheet } from '../tracker/sheets';
import { toTable, type Plain } from '../tracker/table';
import type { SurveyDefinition } from './definition';

export const REPORT_TAB = 'Evaluation report';

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
    out.push([definition.title], ...table);
  }
  const width = Math.max(1, ...out.map((r) => r.length));
  return out.map((r) => r.concat(new Array(width - r.length).fill('')));
}

/**
 * Menu: Evaluation report. Reads Settings and Survey Responses once each and writes the tab in one call.
 * Not through the tracker store: opening it lists every tab, one call each, past this menu's budget.
 */
export function buildEvaluationReport(): { rows: number } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const responses = surveyRowsFile(ss).getSheetByName('Survey Responses');
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
  // Every cell is written as text: a suppressed cell must never turn back into a number, and a site name never into a formula.
  sheet.getRange(1, 1, height, width).setValues(rows.map((r) => r.map((v) => (v === '' ? '' : `'${v}`))));
  sheet.setFrozenRows(2);
  sheet.activate();
  return { rows: height };
}
