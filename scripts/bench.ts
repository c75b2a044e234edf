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
];

export async function runBenchmarks(): Promise<Metrics> {
  const { bytes } = await buildAddon();
  const metrics: Metrics = { 'bundle.bytes': bytes };
  for (const bench of BENCHMARKS) Object.assign(metrics, await bench.run());
  return metrics;
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
    const width = Math.max(...Object.keys(metrics).map((k) => k.length));
    console.log(`${'metric'.padEnd(width)}  value`);
    console.log(`${'-'.repeat(width)}  ${'-'.repeat(10)}`);
    for (const [name, value] of Object.entries(metrics)) console.log(`${name.padEnd(width)}  ${value}`);
    for (const line of costModelLines()) console.log(line);
  }, (error: Error) => {
    console.error(`Benchmark failed: ${error.message}`);
    process.exit(1);
  });
}
