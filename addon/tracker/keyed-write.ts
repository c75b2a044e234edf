// Writes values to the rows they were computed for, found by ID (or content) just before writing and checked just after: people sort and insert while a run goes on.
//
// Apps Script has no conditional write: a person can sort, insert, delete or paste between any two
// service calls of a run (each call is atomic; the gaps between them are not). So a write by
// position lands on whoever is at that position now. Instead, for each tab:
//
//   1. re-read the tab in one call and match its rows to the rows as read (row-identity.ts: by ID,
//      for rows without one by what a person typed, by position only when nothing moved);
//   2. write only the cells whose value changes, in one call per column per run of adjacent rows;
//   3. re-read once and match again. When every row is where step 1 found it, the writes landed
//      where they belong. Otherwise rows moved in between: go back to 1 with this read, put right
//      anything that landed on the wrong row (a value of ours on a row that is not its own is
//      replaced by what that row held before), and write again;
//   4. after three tries, stop with a message saying what to do rather than leave values wrong.
//
// New rows (a log's entries) go in the blank rows below the last row, in one call, and are then
// found by their ID like any other row. Below the last row nothing a person typed can be
// overwritten, except when rows are inserted above between the re-read and the write: then the
// last rows are pushed into the block just written. The re-read after the write shows it (rows as
// read are missing, the new rows sit exactly where they were written, with no blank row above
// them, which a deletion would have left): those rows get back what they held and the new rows
// they displaced go below again.
//
// A cell a person may also change (Contract status) is written only while it still holds what the
// run read: a coordinator's "Ended" typed meanwhile wins. The one gap no Apps Script code can close
// is a change made between the re-read of step 1 and the write itself; there the later write wins,
// as when two people type into the same cell.
import type { TabSpec } from './schema';
import { toTable, plainCell, refId, type AnyTable, type Plain } from './table';
import { toPlain } from './sheets';
import { matchRows } from './row-identity';
import { columnToLetters } from './a1';

/** What to write in one row as read: values by column key; `guarded` keys only while the cell still holds the value given. */
export interface RowWrite {
  /** Index of the row in the table as read. */
  index: number;
  cells: Record<string, Plain | Date>;
  guarded?: Record<string, Plain>;
}

/** A row to add below the last row: values by column key, its new ID among them. */
export type NewRow = Record<string, Plain | Date>;

const TRIES = 3;

/**
 * What the keyed write needs of a tab: a SpreadsheetApp Sheet, or setup's view of a tab through the
 * Sheets API (setup-io.ts), where writes go out in one values.batchUpdate before the next read.
 */
export interface RowSheet {
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][];
  getMaxRows(): number;
  insertRowsAfter(afterPosition: number, howMany: number): unknown;
  getRange(row: number, column: number, numRows?: number, numColumns?: number): { setValues(values: unknown[][]): unknown };
  getRangeList(a1Notations: string[]): { setValue(value: unknown): unknown };
}

type Grid = unknown[][];

/**
 * Writes `writes` to the rows of `table` (the tab as read) wherever those rows are now, and adds
 * `added` below the last row; see the file comment.
 */
export function writeByRow(sheet: RowSheet, spec: TabSpec, table: AnyTable, writes: readonly RowWrite[], timeZone: string, added: readonly NewRow[] = []): void {
  if (!writes.length && !added.length) return;
  const old = table.records.length;
  const wanted = new Map<number, RowWrite>(writes.map((w) => [w.index, { ...w, cells: { ...w.cells } }]));
  // A new row is row `old + k` of the tab as this run knows it; what it held before is nothing.
  added.forEach((cells, k) => wanted.set(old + k, { index: old + k, cells: { ...cells } }));
  const newIds = added.map((cells) => refId(cells.id instanceof Date ? null : cells.id ?? null));
  const then = table.records.map((r) => r.values);
  /** What each row as read held in a column before this run wrote anything (for putting a misplaced write right). */
  const held = new Map<number, Map<number, unknown>>();
  /** The cells the last attempt wrote: position → column → value. */
  let wrote = new Map<number, Map<number, unknown>>();
  /** Where the last attempt expected each row, and where it put new rows (position → new row). */
  let last: { match: number[]; block: Map<number, number> } | null = null;
  let grid = sheet.getSheetValues(1, 1, -1, -1) as Grid;
  for (let attempt = 0; attempt < TRIES; attempt += 1) {
    const now = current(grid, spec, timeZone);
    const match = locate(spec, then, now.records.map((r) => r.values), newIds, old);
    if (attempt === 0) {
      match.forEach((j, q) => { if (j >= 0) held.set(j, new Map((grid[q + 1] ?? []).map((v, c) => [c, v]))); });
    } else if (last) reclaim(grid, match, last, old);
    const block = place(grid, match, old, added.length);
    const { plan, fill } = planCells(grid, now, match, wanted, wrote, held, timeZone, spec);
    if (!plan.size) return;
    wrote = writeBlock(sheet, grid, plan, fill, block);
    for (const [q, cells] of writeRuns(sheet, plan, fill)) wrote.set(q, new Map([...(wrote.get(q) ?? []), ...cells]));
    const after = sheet.getSheetValues(1, 1, -1, -1) as Grid;
    const moved = locate(spec, then, current(after, spec, timeZone).records.map((r) => r.values), newIds, old);
    if (after.length === grid.length && moved.every((j, q) => j === match[q]) && sameHeader(after, grid)) return;
    last = { match, block };
    grid = after;
  }
  throw new Error(`Rows of the ${spec.name} tab kept moving (sorted, inserted or deleted) while ROSE Tracker was writing, so it stopped rather than write values on the wrong rows. Wait until nobody is sorting ${spec.name}, then run the action again.`);
}

/** For each row now, the row as read it is (row-identity.ts), or new row `old + k`, found by its ID alone. */
function locate(spec: TabSpec, then: readonly AnyTable['records'][number]['values'][], now: readonly AnyTable['records'][number]['values'][], newIds: readonly string[], old: number): number[] {
  const match = matchRows(spec, then, now);
  if (!newIds.length) return match;
  const at = new Map<string, number[]>();
  now.forEach((values, q) => {
    const id = match[q] < 0 ? refId(values.id ?? null) : '';
    if (id) at.set(id, [...(at.get(id) ?? []), q]);
  });
  newIds.forEach((id, k) => {
    const rows = at.get(id) ?? [];
    if (rows.length === 1) match[rows[0]] = old + k;
  });
  return match;
}

/**
 * Rows inserted above between the last attempt's re-read and its write pushed the last rows into
 * the new rows' block: rows as read went missing while every new row sits exactly where it was
 * written with no blank row above the block (a deletion leaves one). Those positions are theirs
 * again, in order, so their cells are put back and the new rows they held go below once more.
 */
function reclaim(grid: Grid, match: number[], last: { match: number[]; block: Map<number, number> }, old: number): void {
  if (!last.block.size) return;
  const positions = [...last.block.keys()].sort((a, b) => a - b);
  if (!positions.every((q) => match[q] === last.block.get(q))) return;
  const above = grid[positions[0]] ?? [];
  if (positions[0] === 0 || above.every((v) => v === '' || v === null)) return;
  const present = new Set(match);
  const before = last.match.map((j, q) => ({ j, q })).filter(({ j }) => j >= 0 && j < old);
  const missing = before.filter(({ j }) => !present.has(j));
  if (!missing.length || missing.length > positions.length) return;
  // Only the last rows can have been pushed down into the block.
  const lastRows = before.slice(before.length - missing.length);
  if (!missing.every((m, i) => m.j === lastRows[i].j)) return;
  missing.forEach(({ j }, i) => { match[positions[i]] = j; });
}

/** New rows not on the tab go in the blank rows below the last row: position → new row. */
function place(grid: Grid, match: number[], old: number, count: number): Map<number, number> {
  const block = new Map<number, number>();
  const width = (grid[0] ?? []).length;
  const placed = new Set(match.filter((j) => j >= old));
  for (let k = 0; k < count; k += 1) {
    if (placed.has(old + k)) continue;
    const q = grid.length - 1;
    grid.push(new Array<unknown>(width).fill(''));
    match[q] = old + k;
    block.set(q, old + k);
  }
  return block;
}

/** The tab as it stands, as a table (same cell reading as the store's). */
function current(grid: Grid, spec: TabSpec, timeZone: string): AnyTable {
  const header = (grid[0] ?? []).map((v) => toPlain(v, timeZone));
  const columns = header.map((h) => spec.columns.find((c) => c.header === String(h ?? '').trim()));
  const rows = grid.slice(1).map((row) => row.map((v, i) => toPlain(v, timeZone, columns[i])));
  return toTable(spec.name, header, rows) as AnyTable;
}

function sameHeader(a: Grid, b: Grid): boolean {
  return JSON.stringify(a[0] ?? []) === JSON.stringify(b[0] ?? []);
}

/** Column (0-based) → sheet row offset (0-based data row) → value to write. */
type Plan = Map<number, Map<number, unknown>>;

function planCells(
  grid: Grid, now: AnyTable, match: number[], wanted: Map<number, RowWrite>, wrote: Map<number, Map<number, unknown>>,
  held: Map<number, Map<number, unknown>>, timeZone: string, spec: TabSpec,
): { plan: Plan; fill: Plan } {
  const plan: Plan = new Map();
  /** Cells that already hold their value, which a run may cover to join two writes into one call (never a guarded cell). */
  const fill: Plan = new Map();
  const same = (a: unknown, b: unknown, column: number): boolean => {
    const header = String((grid[0] ?? [])[column] ?? '').trim();
    const declared = spec.columns.find((c) => c.header === header);
    return plainCell(toPlain(a, timeZone, declared)) === plainCell(toPlain(b, timeZone, declared));
  };
  const put = (column: number, q: number, value: unknown, into: Plan = plan): void => {
    if (!into.has(column)) into.set(column, new Map());
    into.get(column)!.set(q, value);
  };
  const targets = new Set<string>();
  match.forEach((j, q) => {
    const write = j >= 0 ? wanted.get(j) : undefined;
    if (!write) return;
    for (const key of Object.keys(write.cells)) {
      const column = (now.columnOf as Record<string, number | undefined>)[key];
      // A person's own column under the same header: which one is ours cannot be told, so neither is written.
      if (column === undefined || (now.ambiguous as Record<string, number[] | undefined>)[key]) continue;
      const cellNow = grid[q + 1][column];
      targets.add(`${q},${column}`);
      const guarded = !!write.guarded && key in write.guarded;
      if (same(cellNow, write.cells[key], column)) {
        if (!guarded) put(column, q, write.cells[key], fill);
        continue;
      }
      if (guarded && !same(cellNow, write.guarded![key], column)) {
        // A person changed it since it was read: theirs wins, now and in later tries.
        delete write.cells[key];
        continue;
      }
      put(column, q, write.cells[key]);
    }
  });
  // A value the last try wrote on a row that is not its own goes back to what that row held.
  for (const [q, cells] of wrote) {
    if (q >= grid.length - 1) continue;
    for (const [column, value] of cells) {
      if (targets.has(`${q},${column}`) || !same(grid[q + 1][column], value, column)) continue;
      const j = match[q];
      put(column, q, j >= 0 ? held.get(j)?.get(column) ?? '' : '');
    }
  }
  return { plan, fill };
}

/**
 * The new rows in one setValues over the columns they fill (cells between them hold the blank the
 * rows below the last row have), taken out of `plan`; the grid grows first when it has too few rows.
 */
function writeBlock(sheet: RowSheet, grid: Grid, plan: Plan, fill: Plan, block: Map<number, number>): Map<number, Map<number, unknown>> {
  const wrote = new Map<number, Map<number, unknown>>();
  if (!block.size) return wrote;
  const rows = [...block.keys()].sort((a, b) => a - b);
  const columns = [...plan.keys()].filter((column) => rows.some((q) => plan.get(column)!.has(q)));
  if (!columns.length) return wrote;
  const first = Math.min(...columns);
  const lastColumn = Math.max(...columns);
  const values = rows.map((q) => {
    const cells = new Map<number, unknown>();
    const row: unknown[] = [];
    for (let column = first; column <= lastColumn; column += 1) {
      const value = plan.get(column)?.get(q) ?? fill.get(column)?.get(q) ?? grid[q + 1][column];
      cells.set(column, value);
      row.push(cellInput(value));
      plan.get(column)?.delete(q);
    }
    wrote.set(q, cells);
    return row;
  });
  for (const column of columns) if (!plan.get(column)!.size) plan.delete(column);
  const needed = rows[rows.length - 1] + 2;
  const maxRows = sheet.getMaxRows();
  if (needed > maxRows) sheet.insertRowsAfter(maxRows, needed - maxRows);
  sheet.getRange(rows[0] + 2, first + 1, rows.length, lastColumn - first + 1).setValues(values);
  return wrote;
}

/**
 * One setValues per column per run of rows to write; rows between two writes that already hold their
 * value join the run. Lone cells of a column that get the same value (Contract status → Drafted for
 * people far apart) go in one RangeList.setValue.
 */
function writeRuns(sheet: RowSheet, plan: Plan, fill: Plan): Map<number, Map<number, unknown>> {
  const wrote = new Map<number, Map<number, unknown>>();
  const note = (q: number, column: number, value: unknown): void => {
    if (!wrote.has(q)) wrote.set(q, new Map());
    wrote.get(q)!.set(column, value);
  };
  for (const [column, cells] of plan) {
    const lone = new Map<string, { value: unknown; rows: number[] }>();
    const filler = fill.get(column) ?? new Map<number, unknown>();
    const rows = [...cells.keys()].sort((a, b) => a - b);
    const bridged = (from: number, to: number): boolean => {
      for (let q = from + 1; q < to; q += 1) if (!filler.has(q)) return false;
      return true;
    };
    let first = rows[0];
    for (let i = 1; i <= rows.length; i += 1) {
      if (i < rows.length && bridged(rows[i - 1], rows[i])) continue;
      const last = rows[i - 1];
      if (first === last) {
        const key = JSON.stringify(cells.get(first) ?? null);
        lone.set(key, { value: cells.get(first), rows: [...(lone.get(key)?.rows ?? []), first] });
      } else {
        const values: unknown[][] = [];
        for (let q = first; q <= last; q += 1) {
          const value = cells.has(q) ? cells.get(q) : filler.get(q);
          values.push([cellInput(value)]);
          note(q, column, value);
        }
        sheet.getRange(first + 2, column + 1, values.length, 1).setValues(values);
      }
      first = rows[i];
    }
    for (const { value, rows: singles } of lone.values()) {
      singles.forEach((q) => note(q, column, value));
      if (singles.length === 1) sheet.getRange(singles[0] + 2, column + 1).setValues([[cellInput(value)]]);
      else sheet.getRangeList(singles.map((q) => `${columnToLetters(column + 1)}${q + 2}`)).setValue(cellInput(value));
    }
  }
  return wrote;
}

function cellInput(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  // A value ROSE Tracker copies from what a person typed (a name shown beside their pay) is text, never a formula: Sheets reads a leading "=" as one.
  return typeof value === 'string' && value.startsWith('=') ? `'${value}` : value;
}
