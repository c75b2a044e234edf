// Service calls of the Dashboard and the reminder digest on a 50,000-row tracker, as the benchmark builds it: bounded, and the digest reads only the tabs its items come from.
import { dashboardBenchTracker } from '../../scripts/bench/dashboard';
import { readTracker } from '../../addon/dashboard/read';
import { dashboardInputOf } from '../../addon/dashboard/render';
import { computeDashboard } from '../../addon/dashboard/compute';
import { buildDigest, digestText } from '../../addon/reminders/digest';
import { DIGEST_TABS } from '../../addon/reminders/actions';
import { TABS } from '../../addon/tracker/schema';
import { DIST_CODE } from '../support/addon';

const ROWS = 50000;
const bench = dashboardBenchTracker(ROWS, DIST_CODE);

function callsOf(run: () => void): string[] {
  const mark = bench.ws.ledger.mark();
  run();
  return bench.ws.ledger.since(mark);
}

describe(`on a ${ROWS.toLocaleString('en-CA')}-row tracker`, () => {
  it('Refresh dashboard makes at most 12 service calls: one read of the layout, one of the tabs, one write', () => {
    const calls = callsOf(() => bench.addon.call('refreshDashboard'));
    expect(calls.length).toBeLessThanOrEqual(12);
    expect(calls.filter((c) => c === 'Sheets.Spreadsheets.Values.batchGet')).toHaveLength(1);
    expect(calls.filter((c) => c === 'Sheets.Spreadsheets.batchUpdate')).toHaveLength(1);
    // Nothing cell by cell, no chart built call by call.
    expect(calls.filter((c) => /^(Range|Sheet|EmbeddedChartBuilder)\.(get|set)Value|newChart|insertChart/.test(c))).toEqual([]);
  });

  it('Send reminders now makes at most 15 service calls, one email per recipient', () => {
    const calls = callsOf(() => bench.addon.call('sendRemindersNow'));
    expect(calls.length).toBeLessThanOrEqual(15);
    expect(calls.filter((c) => c === 'MailApp.sendEmail')).toHaveLength(2);
    expect(calls.filter((c) => c === 'Sheets.Spreadsheets.Values.batchGet')).toHaveLength(1);
  });

  it('the digest says the same from its own tabs as from the whole tracker', () => {
    const { ws } = bench;
    const id = ws.host.activeSpreadsheetId!;
    const digestFrom = (tabs: readonly string[]): string => ws.execute(() => {
      const read = readTracker(id, tabs, [], ws.globals().Sheets as GoogleAppsScript.Sheets);
      const model = computeDashboard({ ...dashboardInputOf(read), today: '2026-03-16' });
      return digestText(buildDigest(model, { spreadsheetId: id, sheetIds: {} }));
    }, { timeLimitMs: null });
    const whole = digestFrom(TABS.map((t) => t.name));
    expect(whole).toContain('Overdue milestones');
    expect(digestFrom(DIGEST_TABS)).toBe(whole);
    expect(DIGEST_TABS).not.toContain('Expenses');
  });
});
