// Benchmark of the tracker: service calls of setup and Check data, and the pure CPU time of checking 5,000 rows.
import { join } from 'node:path';
import { createWorkspace } from '../../workspace';
import { AddOn } from '../../workspace/bundle';
import { checkTables } from '../../addon/tracker/check';
import { readSettings } from '../../addon/tracker/settings';
import { toTable } from '../../addon/tracker/table';
import { tabSpec } from '../../addon/tracker/schema';

const CODE = join(__dirname, '..', '..', 'dist', 'Code.js');

function setupTracker(rows: number): { ws: ReturnType<typeof createWorkspace>; addon: AddOn } {
  const ws = createWorkspace({ now: '2026-03-16T17:00:00Z' });
  const addon = AddOn.load(ws, CODE);
  const id = ws.createSpreadsheet('Benchmark tracker');
  ws.openInSheets(id);
  addon.call('setupTracker');
  if (rows > 0) {
    const SpreadsheetApp = ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    ws.execute(() => {
      const sheet = SpreadsheetApp.openById(id).getSheetByName('Staff')!;
      const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
      const grid = Array.from({ length: rows }, (_, i) => header.map((h) => ({ 'Full name': `Person ${i}`, Role: 'Peer Worker', Start: '2025-01-01' } as Record<string, unknown>)[String(h)] ?? ''));
      sheet.insertRowsAfter(sheet.getMaxRows(), rows);
      sheet.getRange(2, 1, rows, header.length).setValues(grid);
      // Each person's wage on Staff pay and contacts, by the Staff ID setup is about to give them (STAFF-0001 onwards).
      const pay = SpreadsheetApp.openById(id).getSheetByName('Staff pay and contacts')!;
      const payHeader = pay.getRange(1, 1, 1, pay.getLastColumn()).getValues()[0];
      const payGrid = Array.from({ length: rows }, (_, i) => payHeader.map((h) => ({ 'Staff ID': `STAFF-${String(i + 1).padStart(4, '0')}`, 'Hourly wage': 26 + (i % 4) } as Record<string, unknown>)[String(h)] ?? ''));
      if (rows + 1 > pay.getMaxRows()) pay.insertRowsAfter(pay.getMaxRows(), rows + 1 - pay.getMaxRows());
      pay.getRange(2, 1, rows, payHeader.length).setValues(payGrid);
    }, { timeLimitMs: null });
  }
  return { ws, addon };
}

/**
 * Set up tracker's own calls and modelled milliseconds: everything up to and including its message to
 * the coordinator (a toast). The Dashboard refresh that follows is the Dashboard's work, counted in
 * `setup.calls_with_dashboard.*` and measured on its own by the Dashboard benchmark.
 */
function setupOf(ws: ReturnType<typeof createWorkspace>, addon: AddOn): { calls: number; ms: number; withDashboard: number } {
  const mark = ws.ledger.mark();
  addon.call('setupTracker');
  const calls = ws.ledger.since(mark);
  const own = calls.indexOf('Spreadsheet.toast') + 1;
  if (own === 0) throw new Error('Set up tracker did not tell the coordinator it was done');
  const ms = own < calls.length ? ws.ledger.startedMs[mark + own] : ws.ledger.elapsedMs;
  return { calls: own, ms: Math.round(ms), withDashboard: calls.length };
}

function callsOf(ws: ReturnType<typeof createWorkspace>, run: () => void): number {
  const mark = ws.ledger.mark();
  run();
  return ws.ledger.since(mark).length;
}

export function benchTracker(): Record<string, number> {
  const empty = createWorkspace({ now: '2026-03-16T17:00:00Z' });
  const emptyAddon = AddOn.load(empty, CODE);
  empty.openInSheets(empty.createSpreadsheet('Empty'));
  const setupEmpty = setupOf(empty, emptyAddon);

  const { ws, addon } = setupTracker(5000);
  // 5,000 staff rows without IDs: setup numbers them and fills their computed columns.
  const setupLarge = setupOf(ws, addon);
  const checkLarge = callsOf(ws, () => addon.call('checkData'));
  // What one edit costs, fired as Sheets fires it (Workspace.personEdits): the simple onEdit as the
  // person editing (LIMITED), and the installable on-edit trigger setup made, as the coordinator, which
  // gives new rows IDs and recomputes what the edit can change. Staff is coordinator-only, so a
  // coordinator edits it; the two runs are separate executions, counted apart.
  // The edit: a coordinator raises the first person's hourly wage (Staff pay and contacts) above the living wage, so their "Below living wage" flag changes.
  const firing = ws.personEdits(ws.host.activeSpreadsheetId!, ws.host.activeUser, (ss) => {
    const sheet = ss.getSheetByName('Staff pay and contacts')!;
    const column = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].indexOf('Hourly wage') + 1;
    const range = sheet.getRange(2, column);
    range.setValue(40);
    return range;
  });
  const simpleCalls = firing.simple?.calls ?? [];
  const editCalls = firing.installable.flatMap((run) => run.calls);
  if (!firing.installable.length || firing.installable.some((run) => !run.ok)) throw new Error('The on-edit trigger did not run cleanly in the benchmark.');

  // Pure CPU: checking 5,000 staff rows, without the service edge.
  const spec = tabSpec('Staff');
  const header = spec.columns.map((c) => c.header);
  const rows = Array.from({ length: 5000 }, (_, i) => header.map((h) => ({ ID: `STAFF-${String(i + 1).padStart(4, '0')}`, 'Full name': `Person ${i}`, Role: 'Peer Worker', Start: '2025-01-01' } as Record<string, string | number>)[h] ?? null));
  const payHeader = tabSpec('Staff pay and contacts').columns.map((c) => c.header);
  const payRows = Array.from({ length: 5000 }, (_, i) => payHeader.map((h) => ({ 'Staff ID': `STAFF-${String(i + 1).padStart(4, '0')}`, 'Hourly wage': 26 } as Record<string, string | number>)[h] ?? null));
  const tables = { Staff: toTable('Staff', header, rows), 'Staff pay and contacts': toTable('Staff pay and contacts', payHeader, payRows) };
  const started = process.hrtime.bigint();
  checkTables(tables, readSettings(undefined));
  const cpuMs = Number(process.hrtime.bigint() - started) / 1e6;

  return {
    'setup.calls.empty': setupEmpty.calls,
    'setup.calls.5000rows': setupLarge.calls,
    // The ledger's modelled time: each call's base cost plus the Sheets work inside it (ledger.ts).
    'setup.modelled_ms.empty': setupEmpty.ms,
    'setup.modelled_ms.5000rows': setupLarge.ms,
    'setup.calls_with_dashboard.5000rows': setupLarge.withDashboard,
    'check.calls.5000rows': checkLarge,
    'refresh_on_edit.calls.5000rows': editCalls.length,
    // Each run's modelled time as the ledger kept it: base costs plus the Sheets API work (cells read and written).
    'refresh_on_edit.modelled_ms.5000rows': Math.round(firing.installable.reduce((sum, run) => sum + run.modelledMs, 0)),
    'refresh_on_edit.simple_trigger_calls.5000rows': simpleCalls.length,
    'check.cpu_ms.5000rows': Math.round(cpuMs * 10) / 10,
  };
}
