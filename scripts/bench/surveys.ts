// Survey benchmarks: service calls per form submission (whatever the tab's size) and CPU time to score 10,000 responses.
import { join } from 'node:path';
import { createWorkspace } from '../../workspace';
import { AddOn } from '../../workspace/bundle';
import { definitionById, evaluationAnswers, formIdOf } from '../sample/surveys';
import { scoreMany, type Answers } from '../../addon/surveys/scoring';
import { answerFields } from '../../addon/surveys/definition';

const CODE = join(__dirname, '..', '..', 'dist', 'Code.js');

/** Calls the trigger makes for one submission when Survey Responses already holds `existingRows` rows. */
function callsPerSubmission(existingRows: number): number {
  const ws = createWorkspace({ now: '2026-03-16T17:00:00Z' });
  const addon = AddOn.load(ws, CODE);
  const id = ws.createSpreadsheet('Bench tracker');
  ws.openInSheets(id);
  addon.call('setupTracker');
  const SpreadsheetApp = ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  ws.execute(() => {
    const ss = SpreadsheetApp.openById(id);
    ss.getSheetByName('Sites')!.getRange(2, 2, 2, 1).setValues([['Harbour Lights Drop-in'], ['Cedar House']]);
  });
  addon.call('refreshComputed');
  addon.call('createOrUpdateForms');
  if (existingRows) {
    ws.execute(() => {
      const sheet = SpreadsheetApp.openById(id).getSheetByName('Survey Responses')!;
      sheet.insertRowsAfter(sheet.getMaxRows(), existingRows);
      sheet.getRange(2, 1, existingRows, 3).setValues(Array.from({ length: existingRows }, (_, i) => [`RESP-${i + 1}`, '2025-03-01', 'rose-evaluation']));
    });
  }
  const definition = definitionById('rose-evaluation');
  const answers = evaluationAnswers(definition, { wave: 'baseline', site: 'Cedar House', code: 'RO07K2', mood: 4 });
  const mark = ws.ledger.mark();
  const result = ws.submitForm(formIdOf(ws, id, definition.id), answers);
  const calls = ws.ledger.since(mark).length;
  if (result.runs.some((r) => r.error)) throw new Error(`The trigger failed in the benchmark: ${result.runs.map((r) => r.error).join(' ')}`);
  return calls;
}

/** CPU milliseconds to score `count` evaluation responses (varied answers, a few unanswered). */
function scoreCpuMs(count: number): number {
  const definition = definitionById('rose-evaluation');
  const fields = answerFields(definition);
  const rows: Answers[] = [];
  for (let r = 0; r < count; r += 1) {
    const answers: Answers = {};
    fields.forEach((field, i) => {
      const item = field.item;
      if ((r + i) % 17 === 0) answers[field.id] = null;
      else if (item.type === 'choice' && item.optionValues) answers[field.id] = item.options[(r + i) % item.options.length];
      else answers[field.id] = null;
    });
    rows.push(answers);
  }
  const start = process.cpuUsage();
  scoreMany(definition, rows);
  const used = process.cpuUsage(start);
  return Math.round(((used.user + used.system) / 1000) * 10) / 10;
}

/** Needs dist/Code.js (npm run build). */
export function benchSurveys(): Record<string, number> {
  return {
    'surveys.calls_per_submission': Math.max(callsPerSubmission(10), callsPerSubmission(5000)),
    'surveys.score_cpu_ms.10000': scoreCpuMs(10000),
  };
}

if (require.main === module) {
  console.table(benchSurveys());
}
