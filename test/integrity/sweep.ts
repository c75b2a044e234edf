// Sweeps a person's action (sort, insert, delete, paste) over every service call of an execution and counts values that moved or were lost.
import { openAddon, type Harness } from '../support/addon';
import { appendRecords, asUser, setSetting, tabValues } from '../support/tracker';
import { byHand } from '../documents/support';

type Cell = string | number | boolean | Date;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The other coordinator, who works in the Sheet while ROSE Tracker runs. */
export const COLLEAGUE = 'colleague@example.org';

export interface PersonAction {
  name: string;
  act(sheet: Sheet): void;
}

function columnOf(sheet: Sheet, header: string): number {
  const index = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String).indexOf(header);
  if (index < 0) throw new Error(`no column ${header}`);
  return index + 1;
}

/**
 * What a person does, through the Workspace's SpreadsheetApp so Google's semantics apply:
 * Range.sort moves whole rows within the range and leaves the header row, which the range leaves
 * out, in place; insertRowsBefore and deleteRows shift the rows below (Sheet and Range reference,
 * developers.google.com/apps-script/reference/spreadsheet/range#sortsortspecobj and
 * /sheet#insertrowsbeforebeforeposition,-howmany, /sheet#deleterowsrowposition,-howmany); a paste
 * is one setValues of a block, as pasting values is.
 */
export function personActions(paste: { header: string; row: number; values: Cell[][] }, sortBy = 'Full name'): PersonAction[] {
  return [
    {
      name: `sort by ${sortBy}, Z to A`,
      act: (sheet) => sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn()).sort({ column: columnOf(sheet, sortBy), ascending: false }),
    },
    { name: 'insert a row at the top', act: (sheet) => { sheet.insertRowsBefore(2, 1); } },
    { name: 'delete the 4th row', act: (sheet) => sheet.deleteRows(5, 1) },
    {
      name: `paste over ${paste.values.length} × ${paste.values[0].length} from ${paste.header}`,
      act: (sheet) => { sheet.getRange(paste.row, columnOf(sheet, paste.header), paste.values.length, paste.values[0].length).setValues(paste.values); },
    },
  ];
}

export interface Scenario {
  name: string;
  harness: Harness;
  /** The tab the person works in. */
  tab: string;
  /** A column whose value names each row (unique), which no one changes. */
  token: string;
  /** Columns only ROSE Tracker fills (IDs, computed columns). */
  written: string[];
  /** Person columns ROSE Tracker may also fill (Contract status): the person's own value must win. */
  shared: string[];
  paste: { header: string; row: number; values: Cell[][] };
  /** The column the person sorts by (Full name when not given). */
  sortBy?: string;
  /** How a cell is compared, when its text differs from run to run for the same result (a Drive link: by the file it opens). */
  canonical?(column: string, value: string): string;
  /** Puts the tracker back as it was before each run (and starts a job when the run needs one). */
  prepare(): void;
  /** The execution under test. */
  run(): void;
}

export interface SweepResult {
  action: string;
  calls: number;
  tried: number;
  moved: number;
  lost: number;
  /** A person's value in a shared column overwritten by a write that came right after it (the later write wins). */
  raced: number;
  gaveUp: number;
  /** Runs that stopped with any other error (which leaves the tab however far the run got). */
  failed: number;
}

type Row = Record<string, string>;

function norm(value: Cell): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** The person's tab as rows by token (blank-token rows apart). */
function readRows(s: Scenario): { byToken: Map<string, Row[]>; others: Row[] } {
  const [header, ...rows] = byHand(s.harness, () => tabValues(s.harness, s.tab));
  const byToken = new Map<string, Row[]>();
  const others: Row[] = [];
  for (const row of rows) {
    const record: Row = Object.fromEntries(header.map((name, i) => [String(name), s.canonical ? s.canonical(String(name), norm(row[i])) : norm(row[i])]));
    const token = record[s.token];
    if (!token) others.push(record);
    else byToken.set(token, [...(byToken.get(token) ?? []), record]);
  }
  return { byToken, others };
}

/**
 * Counts what a run left wrong, against the two runs without a race: `before` (the person acted after
 * the execution) and `after` (before it). Values ROSE Tracker fills must all come from one of them
 * (the tab as it was read); person data, and a person's value in a shared column, must be as the
 * person left it. A value on a row it was not computed for is moved; a value missing is lost.
 */
function judge(s: Scenario, final: ReturnType<typeof readRows>, before: ReturnType<typeof readRows>, after: ReturnType<typeof readRows>): { moved: number; lost: number; shared: number } {
  let moved = 0;
  let lost = 0;
  let shared = 0;
  const mismatches = (baseline: ReturnType<typeof readRows>): number => {
    let count = 0;
    for (const token of after.byToken.keys()) {
      const expected = baseline.byToken.get(token)?.[0];
      const got = final.byToken.get(token)?.[0];
      if (expected && got) for (const column of s.written) if (expected[column] !== got[column]) count += 1;
    }
    return count;
  };
  const baseline = mismatches(before) <= mismatches(after) ? before : after;
  for (const [token, rows] of after.byToken) {
    const got = final.byToken.get(token) ?? [];
    const expected = rows[0];
    if (got.length === 0) { lost += Object.values(expected).filter((v) => v !== '').length; continue; }
    if (got.length > 1) moved += got.length - 1;
    const row = got[0];
    const computed = baseline.byToken.get(token)?.[0] ?? expected;
    for (const column of Object.keys(expected)) {
      const want = s.written.includes(column) ? computed[column] : expected[column];
      if (row[column] === want) continue;
      if (s.shared.includes(column) && row[column] !== '') shared += 1;
      else if (row[column] === '') lost += 1;
      else if (s.written.includes(column)) moved += 1;
      else lost += 1;
    }
  }
  // A row no one named (an inserted blank row) must not have received anything.
  for (const row of final.others) for (const column of s.written) if (row[column] !== '') moved += 1;
  return { moved, lost, shared };
}

/** Runs the execution once per service call with the person's action placed just before that call. */
export function sweep(s: Scenario, action: PersonAction): SweepResult {
  const ws = s.harness.ws;
  const place = (at: number): { readonly ran: boolean } => ws.interleave(at, ({ SpreadsheetApp }) => {
    action.act(SpreadsheetApp.openById(s.harness.spreadsheetId).getSheetByName(s.tab)!);
  }, { user: COLLEAGUE });

  s.prepare();
  const mark = ws.ledger.mark();
  s.run();
  const calls = ws.ledger.since(mark).length;
  const before = readRows(s);
  s.prepare();
  place(0);
  s.run();
  const after = readRows(s);

  const result: SweepResult = { action: action.name, calls, tried: 0, moved: 0, lost: 0, raced: 0, gaveUp: 0, failed: 0 };
  for (let at = 0; at < calls; at += 1) {
    s.prepare();
    const start = ws.ledger.mark();
    const placed = place(at);
    try {
      s.run();
    } catch (error) {
      // Giving up with a message is allowed; writing wrong is not (judged below either way).
      if (/while ROSE Tracker was writing/.test(String(error))) result.gaveUp += 1;
      else result.failed += 1;
    }
    if (!placed.ran) continue;
    result.tried += 1;
    const { moved, lost, shared } = judge(s, readRows(s), before, after);
    result.moved += moved;
    result.lost += lost;
    // Apps Script has no conditional write: a person's change landing between the run's last read of
    // a cell and its write of that cell (the next calls: getRange, then setValues) races it, and the
    // later write wins, as when two people type in one cell. Only that gap may change a shared cell.
    const next = ws.ledger.since(start).slice(at).find((call) => call !== 'Sheet.getRange' && call !== 'Sheet.getRangeList');
    if (next === 'Range.setValues' || next === 'Range.setValue' || next === 'RangeList.setValue') result.raced += shared;
    else result.lost += shared;
  }
  return result;
}

export function report(s: Scenario, results: SweepResult[]): string {
  const total = results.reduce((sum, r) => ({ tried: sum.tried + r.tried, moved: sum.moved + r.moved, lost: sum.lost + r.lost }), { tried: 0, moved: 0, lost: 0 });
  const lines = results.map((r) => `  ${r.action}: ${r.tried} interleavings (${r.calls} calls), ${r.moved} moved, ${r.lost} lost${r.raced ? `, ${r.raced} raced a write in the same gap` : ''}${r.gaveUp ? `, ${r.gaveUp} gave up` : ''}${r.failed ? `, ${r.failed} runs failed` : ''}`);
  return [`${s.name}: ${total.tried} interleavings tried, ${total.moved} values moved, ${total.lost} lost`, ...lines].join('\n');
}

// ---- trackers to sweep -------------------------------------------------------------------------

const STAFF_COUNT = 20;

/** 20 people at two sites (one with its own living wage). */
export function staffRows(count = STAFF_COUNT, offset = 0): Record<string, Cell>[] {
  return Array.from({ length: count }, (_, i) => ({
    'Full name': `Person ${String.fromCharCode(65 + ((i + offset) % 26))}${Math.floor((i + offset) / 26) || ''}`,
    Role: 'Peer Worker',
    Site: i % 3 === 0 ? 'SITE-0001 · North Shore' : 'SITE-0002 · Eastside',
    'Preferred name': '',
    Start: '2025-01-06',
  }));
}

/** Their wages around the living wage, on Staff pay and contacts by Staff ID (the first `count` people, who have IDs). */
export function payRows(count = STAFF_COUNT): Record<string, Cell>[] {
  return Array.from({ length: count }, (_, i) => ({
    'Staff ID': `STAFF-${String(i + 1).padStart(4, '0')}`,
    'Hourly wage': 24 + ((i * 7) % 9),
    'Hours per week': 20,
  }));
}

/** Keeps every tab small (a tracker of ~20 rows), so one run is quick: setup formats every row of every tab. */
function shrinkTabs(h: Harness, rows = 24): void {
  byHand(h, () => asUser(h, (ss) => {
    for (const sheet of ss.getSheets()) {
      const extra = sheet.getMaxRows() - Math.max(rows, sheet.getLastRow() + 5);
      if (extra > 0) sheet.deleteRows(sheet.getMaxRows() - extra + 1, extra);
    }
  }));
}

/** A set-up tracker shared with a second coordinator, with two sites; `staff` people, IDs given or not. */
export function smallTracker(options: { withIds: number; withoutIds: number }): Harness {
  const h = openAddon({ user: 'coordinator@example.org' });
  h.ws.share(h.spreadsheetId, COLLEAGUE);
  h.addon.call('setupTracker');
  setSetting(h, 'Coordinator emails', `coordinator@example.org, ${COLLEAGUE}`);
  appendRecords(h, 'Sites', [{ Name: 'North Shore', 'Living wage per hour': 26 }, { Name: 'Eastside' }]);
  if (options.withIds) appendRecords(h, 'Staff', staffRows(options.withIds));
  h.addon.call('setupTracker');
  if (options.withIds) appendRecords(h, 'Staff pay and contacts', payRows(options.withIds));
  // Their names and flags filled, as a tracker in use has them (a tracker with rows still to be given IDs keeps them waiting).
  if (options.withIds && !options.withoutIds) h.addon.call('refreshComputed');
  if (options.withoutIds) appendRecords(h, 'Staff', staffRows(options.withoutIds, options.withIds));
  shrinkTabs(h);
  return h;
}

export { shrinkTabs };

/**
 * The sweep as tests: one test per person action (those whose name matches `only`), each asserting
 * that every interleaving point was tried and nothing moved, was lost or failed; the counts are printed.
 */
export function describeSweep(title: string, scenario: Scenario, options: { only?: RegExp; outcome?: string } = {}): void {
  const results: SweepResult[] = [];
  afterAll(() => console.log(report(scenario, results)));
  describe(title, () => {
    for (const action of personActions(scenario.paste, scenario.sortBy).filter((a) => !options.only || options.only.test(a.name))) {
      test(`${action.name}: ${options.outcome ?? 'no value moved to another row, none lost'}`, () => {
        const result = sweep(scenario, action);
        results.push(result);
        expect(result.tried).toBe(result.calls);
        expect({ moved: result.moved, lost: result.lost, failed: result.failed }).toEqual({ moved: 0, lost: 0, failed: 0 });
      });
    }
  });
}
