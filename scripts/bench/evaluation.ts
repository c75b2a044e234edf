// Evaluation benchmarks: service calls of the Evaluation report, the Process evaluation report, the one-page Site report and closing a wave, on the sample organization.
import { join } from 'node:path';
import { createWorkspace } from '../../workspace';
import { AddOn } from '../../workspace/bundle';
import { fillSampleOrganization, loadSampleOrganization } from '../sample/organization';
import { SAMPLE_EVALUATOR, submitSampleResponses } from '../sample/surveys';

const CODE = join(__dirname, '..', '..', 'dist', 'Code.js');

export function benchEvaluation(): Record<string, number> {
  const sample = loadSampleOrganization();
  const ws = createWorkspace({ now: `${sample.today}T17:00:00Z`, user: 'coordinator@example.org' });
  const addon = AddOn.load(ws, CODE);
  const id = ws.createSpreadsheet('Bench tracker');
  ws.openInSheets(id);
  addon.call('setupTracker');
  fillSampleOrganization(ws, id, sample);
  addon.call('refreshComputed');
  submitSampleResponses(ws, addon, id, sample.shiftDays, { evaluation: true });
  ws.share(id, SAMPLE_EVALUATOR, 'editor');
  const measure = (run: () => unknown): number => {
    const mark = ws.ledger.mark();
    run();
    return ws.ledger.since(mark).length;
  };
  return {
    'evaluation_report.calls': measure(() => addon.call('buildEvaluationReport')),
    // Closing a wave rewrites the Evaluation report after it.
    'close_wave.calls': measure(() => addon.call('closeSurveyWave', ['Harbour Lights Drop-in', 'follow-up'], { user: SAMPLE_EVALUATOR })),
    'process_report.calls': measure(() => addon.call('buildProcessEvaluationReport')),
    'site_report.calls': measure(() => addon.call('buildSiteReportPage')),
  };
}
