// npm run bench: service calls per operation (from the Workspace ledger) and pure-CPU timings, as a table or as JSON.
import { buildAddon } from './build';
import { createWorkspace } from '../workspace';
import { CALL_COST_MS, SHEETS_WORK_COST_MS } from '../workspace/ledger';
import { AddOn } from '../workspace/bundle';
import { benchTracker } from './bench/tracker';
import { benchSurveys } from './bench/surveys';
import { benchDashboard } from './bench/dashboard';
import { benchDocuments } from './bench/documents';
import { benchRollup } from './bench/rollup';
import { benchExports } from './bench/exports';
import { benchEvaluation } from './bench/evaluation';
import { benchCards } from './bench/cards';
import { join } from 'node:path';

type Metrics = Record<string, number>;

function benchOnOpen(): Metrics {
  const ws = createWorkspace();
  const addon = AddOn.load(ws, join(__dirname, '..', 'dist', 'Code.js'));
  ws.openInSheets(ws.createSpreadsheet('Bench'));
  const mark = ws.ledger.mark();
  addon.call('onOpen', [{ authMode: 'NONE' }], { authMode: 'NONE' });
  return { 'onOpen.calls': ws.ledger.since(mark).length };
}

/** Each benchmark is a function returning named figures; features add theirs here. */
const BENCHMARKS: { name: string; run: () => Metrics | Promise<Metrics> }[] = [
  { name: 'onOpen', run: benchOnOpen },
  { name: 'tracker', run: benchTracker },
  { name: 'surveys', run: benchSurveys },
  { name: 'dashboard', run: benchDashboard },
  { name: 'documents', run: benchDocuments },
  { name: 'rollup', run: benchRollup },
  { name: 'exports', run: benchExports },
  { name: 'evaluation', run: benchEvaluation },
  { name: 'cards', run: benchCards },
];

export async function runBenchmarks(): Promise<Metrics> {
  const { bytes } = await buildAddon();
  const metrics: Metrics = { 'bundle.bytes': bytes };
  for (const bench of BENCHMARKS) Object.assign(metrics, await bench.run());
  return metrics;
}

/**
 * Issue 14's goals by metric, with the physical limit each is measured against (the limit column is
 * the issue's own words). A metric without a goal is printed without one.
 */
export const GOALS: Record<string, { goal: string; met: (value: number) => boolean; limit: string }> = {
  'setup.calls.empty': { goal: '≤ 20', met: (v) => v <= 20, limit: 'one Sheets batchUpdate plus the reads' },
  'setup.calls.5000rows': { goal: '≤ 20', met: (v) => v <= 20, limit: 'one Sheets batchUpdate plus the reads' },
  'refresh_on_edit.calls.5000rows': { goal: '≤ 8', met: (v) => v <= 8, limit: 'the edited rows and their lookups' },
  'refresh_on_edit.modelled_ms.5000rows': { goal: '≤ 2000', met: (v) => v <= 2000, limit: 'the edited rows and their lookups' },
  'dashboard.calls': { goal: '≤ 12', met: (v) => v <= 12, limit: 'one read of the tabs, one write' },
  'reminders.calls': { goal: '≤ 15', met: (v) => v <= 15, limit: '—' },
  'reminders.calls.linked_workbooks': { goal: '≤ 15', met: (v) => v <= 15, limit: '—' },
  'documents.calls_per_document': { goal: '≤ 4', met: (v) => v <= 4, limit: 'Docs API: 60 write requests a minute per user ≈ 60 documents a minute' },
  'documents.per_minute': { goal: '≥ 45', met: (v) => v >= 45, limit: 'Docs API: 60 write requests a minute per user ≈ 60 documents a minute' },
};

/** The figures as a table: each with its goal, whether it is met, and the physical limit. */
export function metricLines(metrics: Record<string, number>): string[] {
  const width = Math.max('metric'.length, ...Object.keys(metrics).map((k) => k.length));
  const valueWidth = Math.max(10, ...Object.values(metrics).map((v) => String(v).length));
  const lines = [`${'metric'.padEnd(width)}  ${'value'.padEnd(valueWidth)}  ${'goal'.padEnd(12)}  limit`];
  lines.push(`${'-'.repeat(width)}  ${'-'.repeat(valueWidth)}  ${'-'.repeat(12)}  ${'-'.repeat(10)}`);
  for (const [name, value] of Object.entries(metrics)) {
    const goal = GOALS[name];
    const verdict = goal ? `${goal.goal} ${goal.met(value) ? 'met' : 'NOT met'}` : '';
    lines.push(`${name.padEnd(width)}  ${String(value).padEnd(valueWidth)}  ${verdict.padEnd(12)}  ${goal ? goal.limit : ''}`.trimEnd());
  }
  return lines;
}

/** The ledger's cost model the modelled-ms figures rest on: base ms per method, and the Sheets work terms. */
export function costModelLines(): string[] {
  const width = Math.max(...Object.keys(CALL_COST_MS).map((k) => k.length));
  const lines = ['', 'cost model (modelled ms per call, workspace/ledger.ts)', `${'method'.padEnd(width)}  ms`, `${'-'.repeat(width)}  ${'-'.repeat(10)}`];
  for (const [method, ms] of Object.entries(CALL_COST_MS)) lines.push(`${method.padEnd(width)}  ${ms}`);
  lines.push(`Sheets.* calls add ${SHEETS_WORK_COST_MS.perRequest} ms per batchUpdate request and ${SHEETS_WORK_COST_MS.perCell} ms per cell written or returned`);
  return lines;
}

if (require.main === module) {
  runBenchmarks().then((metrics) => {
    if (process.argv.includes('--json')) {
      console.log(JSON.stringify(metrics, null, 2));
      return;
    }
    for (const line of metricLines(metrics)) console.log(line);
    for (const line of costModelLines()) console.log(line);
  }, (error: Error) => {
    console.error(`Benchmark failed: ${error.message}`);
    process.exit(1);
  });
}
