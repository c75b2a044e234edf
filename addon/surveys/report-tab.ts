// ROSE Tracker → Evaluation report: writes the baseline vs follow-up report (small groups suppressed) to its own tab in a fixed number of calls.
import { claimOwnedTab } from '../core/owned-tabs';
import { evaluationReport, evaluationRowFromRecord, reportTable, type EvaluationRow } from './report';
import { surveyDefinitions } from './forms';
import { readSettings } from '../tracker/settings';
import { toTable, type Plain } from '../tracker/table';
import type { SurveyDefinition } from './definition';

export const REPORT_TAB = 'Evaluation report';

/** The report's rows for every evaluation survey (those landing in Survey Responses), from the tab's values. */
export function reportRows(definitions: SurveyDefinition[], responses: unknown[][], minGroupSize: number): string[][] {
  const header = (responses[0] ?? []).map((h) => String(h).trim());
  const records = responses.slice(1).map((row) => {
    const record: Record<string, unknown> = {};
    header.forEach((h, i) => { if (h && !(h in record)) record[h] = row[i]; });
    return record;
  });
  const out: string[][] = [];
  for (const definition of definitions.filter((d) => d.targetTab === 'Survey Responses')) {
    const rows: EvaluationRow[] = [];
    for (const record of records) {
      if (String(record.Survey ?? '').trim() !== definition.id) continue;
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

/** Menu: Evaluation report. Reads Settings and Survey Responses once each and writes the tab in one call. */
export function buildEvaluationReport(): { rows: number } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const responses = ss.getSheetByName('Survey Responses');
  if (!responses) throw new Error('There is no Survey Responses tab yet: run ROSE Tracker → Set up tracker, then Create or update forms.');
  const settingsSheet = ss.getSheetByName('Settings');
  const settingsValues = settingsSheet ? settingsSheet.getDataRange().getValues() : [];
  const settings = readSettings(settingsValues.length
    ? toTable('Settings', settingsValues[0] as Plain[], settingsValues.slice(1).map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : v)) as Plain[]))
    : undefined);
  const rows = reportRows(surveyDefinitions(), responses.getDataRange().getValues(), settings.minimumGroupSize);
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
