// Benchmark of the analysis exports over the loopback REST server: requests per export before and after the survey rows move to the Evaluation workbook.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkspace } from '../../workspace';
import { AddOn } from '../../workspace/bundle';
import { localToken, startRestServer } from '../../workspace/rest';
import { main as exportEvaluation } from '../export-evaluation';
import { main as exportSurvey } from '../export-survey';
import type { CommandIO } from '../lib/cli';
import { fillSampleOrganization, loadSampleOrganization } from '../sample/organization';
import { submitSampleResponses } from '../sample/surveys';

const USER = 'coordinator@example.org';
const TODAY = '2026-03-16';

export async function benchExports(): Promise<Record<string, number>> {
  const ws = createWorkspace({ user: USER, now: `${TODAY}T17:00:00Z` });
  const addon = AddOn.load(ws, join(__dirname, '..', '..', 'dist', 'Code.js'));
  const tracker = ws.createSpreadsheet('Bench tracker');
  ws.openInSheets(tracker);
  addon.call('setupTracker');
  fillSampleOrganization(ws, tracker, loadSampleOrganization());
  addon.call('refreshComputed');
  submitSampleResponses(ws, addon, tracker);
  const server = await startRestServer(ws);
  const dir = mkdtempSync(join(tmpdir(), 'rose-bench-exports-'));
  const io: CommandIO = {
    out: () => undefined, err: () => undefined, errRaw: () => undefined, stderrIsTTY: false, openBrowser: () => undefined,
    env: { ROSE_API_ROOT: server.rootUrl, ROSE_ACCESS_TOKEN: localToken(USER) }, homeDir: dir, cwd: dir,
  };
  const requests = async (run: () => Promise<number>): Promise<number> => {
    const before = server.requests.length;
    const code = await run();
    if (code !== 0) throw new Error(`bench export failed with exit code ${code}`);
    return server.requests.length - before;
  };
  const survey = () => exportSurvey(['--tracker', tracker, '--out', 'survey.csv'], io);
  const evaluation = () => exportEvaluation(['--tracker', tracker, '--process', 'process.csv', '--index', 'index.csv', '--as-of', TODAY], io);
  try {
    const metrics: Record<string, number> = {
      'export_survey.requests.in_tracker': await requests(survey),
      'export_evaluation.requests.in_tracker': await requests(evaluation),
    };
    ws.openInSheets(tracker);
    // Set up tracker run again confirms the coordinator list the sample typed; only a confirmed coordinator sets up the workbooks.
    addon.call('setupTracker');
    addon.call('setUpPrivateWorkbooks');
    metrics['export_survey.requests.linked_workbook'] = await requests(survey);
    metrics['export_evaluation.requests.linked_workbook'] = await requests(evaluation);
    return metrics;
  } finally {
    await server.close();
  }
}
