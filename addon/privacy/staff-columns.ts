// Moves a person's email, phone and pay out of the Staff tab of an older tracker into Staff pay and contacts, by Staff ID: copy, read back, compare, then clear.
//
// Trackers made before the split kept Email, Phone, Hourly wage, Hours per week and the Below living
// wage flag on Staff, which everyone the tracker is shared with reads. The values go to the person's
// row of Staff pay and contacts (in the tracker, or in the Staff records workbook once it holds the
// tab); a cell there that already holds something else is never overwritten: the run names both
// cells and moves nothing. Staff is cleared only after the copy reads back as planned, and only the
// cells that still hold what was copied. The emptied columns stay (setup deletes nothing); a value
// typed there again is moved by the next run.
import { headerKey, label, refId, type Plain } from '../tracker/table';
import { headerOf, tabSpec, type ColumnSpec } from '../tracker/schema';
import { PAY_TAB } from '../tracker/pay';
import { blockToA1 } from '../tracker/a1';

type Cell = string | number | boolean | Date;

/** The Staff columns that moved, each with the column of Staff pay and contacts it goes to (null: ROSE Tracker's own flag, recomputed there, only cleared). */
export const MOVED_STAFF_COLUMNS: readonly { headers: readonly string[]; to: ColumnSpec | null }[] = [
  ...tabSpec(PAY_TAB).columns.filter((c) => !c.computed && c.key !== 'id').map((c) => ({ headers: [c.header, ...(c.formerly ?? [])], to: c })),
  { headers: [headerOf(PAY_TAB, 'belowLivingWage')], to: null },
];

export interface StaffMigrationPlan {
  /** Rows of Staff pay and contacts from row 2 as they must read after the copy (existing rows first, new ones after). */
  payRows: Cell[][];
  /** Whether payRows differ from the tab as read. */
  changed: boolean;
  /** Staff cells to clear once the copy is verified: sheet row (1-based), column (1-based), and the value it held. */
  clears: { row: number; column: number; value: Cell; id: string }[];
  /** People whose values moved. */
  people: number;
  /** Why nothing may move (a cell that would be overwritten, a row without an ID, a missing column), naming tab, row and column. */
  problems: string[];
}

const blank = (v: Cell | undefined): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function same(a: Cell, b: Cell): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
  return a === b;
}

function shown(v: Cell): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return typeof v === 'string' ? `"${v}"` : String(v);
}

function columnAt(header: readonly Cell[], names: readonly string[]): number {
  const keys = names.map((n) => headerKey(n));
  return header.findIndex((h) => keys.indexOf(headerKey(h as Plain)) >= 0);
}

/** Pure: what moving the Staff tab's old pay and contact columns into Staff pay and contacts writes and clears. Grids are whole tabs, header first. */
export function planStaffMigration(staff: readonly Cell[][], pay: readonly Cell[][]): StaffMigrationPlan {
  const plan: StaffMigrationPlan = { payRows: [], changed: false, clears: [], people: 0, problems: [] };
  const staffHeader = staff[0] ?? [];
  const moved = MOVED_STAFF_COLUMNS.map((m) => ({ ...m, at: columnAt(staffHeader, m.headers) })).filter((m) => m.at >= 0);
  const holding = staff.slice(1).map((row, i) => ({ row, sheetRow: i + 2 })).filter(({ row }) => moved.some((m) => !blank(row[m.at])));
  if (!holding.length) return plan;
  const idAt = columnAt(staffHeader, [headerOf('Staff', 'id')]);
  const nameAt = columnAt(staffHeader, [headerOf('Staff', 'fullName')]);
  const payHeader = pay[0] ?? [];
  const width = payHeader.length;
  const payAt = new Map(moved.filter((m) => m.to).map((m) => [m.to!.key, columnAt(payHeader, [m.to!.header, ...(m.to!.formerly ?? [])])]));
  const keyAt = columnAt(payHeader, [headerOf(PAY_TAB, 'id')]);
  const missing = [...(keyAt < 0 ? [headerOf(PAY_TAB, 'id')] : []), ...moved.filter((m) => m.to && payAt.get(m.to.key)! < 0).map((m) => m.to!.header)];
  if (missing.length) {
    plan.problems.push(`The ${PAY_TAB} tab has no ${missing.map((h) => `"${h}"`).join(', ')} column, so the Staff tab's pay and contacts were not moved. Add the column there (row 1), then run it again.`);
    return plan;
  }
  const rows = pay.slice(1).map((r) => Array.from({ length: width }, (_, c) => (r[c] === undefined ? '' : r[c])));
  const byId = new Map<string, number>();
  rows.forEach((r, i) => { const id = refId(r[keyAt] as Plain); if (id && !byId.has(id)) byId.set(id, i); });
  const name = (row: readonly Cell[]) => (nameAt >= 0 && !blank(row[nameAt]) ? ` (${String(row[nameAt]).trim()})` : '');
  for (const { row, sheetRow } of holding) {
    const id = idAt < 0 ? '' : refId(row[idAt] as Plain);
    if (!id) {
      plan.problems.push(`Staff row ${sheetRow}${name(row)} has pay or contacts but no ID yet, so nothing was moved: run Set up tracker again once the row has its ID.`);
      continue;
    }
    let index = byId.get(id);
    if (index === undefined) {
      const fresh: Cell[] = Array.from({ length: width }, () => '');
      fresh[keyAt] = label(id, nameAt >= 0 ? String(row[nameAt] ?? '').trim() : '');
      index = rows.push(fresh) - 1;
      byId.set(id, index);
      plan.changed = true;
    }
    plan.people += 1;
    for (const m of moved) {
      const value = row[m.at];
      if (blank(value)) continue;
      plan.clears.push({ row: sheetRow, column: m.at + 1, value, id });
      if (!m.to) continue;
      const at = payAt.get(m.to.key)!;
      const there = rows[index][at];
      if (blank(there)) { rows[index][at] = value; plan.changed = true; } else if (!same(value, there)) {
        plan.problems.push(`Staff row ${sheetRow}${name(row)}, column ${String(staffHeader[m.at]).trim()}, holds ${shown(value)}, but ${PAY_TAB} row ${index + 2}, column ${m.to.header}, holds ${shown(there)} for ${id}. Nothing was moved or cleared: keep the right value on ${PAY_TAB}, clear the Staff cell, then run it again.`);
      }
    }
  }
  if (plan.problems.length) return { ...plan, payRows: [], changed: false, clears: [], people: 0 };
  plan.payRows = rows;
  return plan;
}

/** A value written back so that Sheets keeps it as it was: text stays text (a leading apostrophe), the rest as is. */
function asWritten(value: Cell): Cell {
  return typeof value === 'string' && value !== '' ? `'${value}` : value;
}

export interface StaffMigrationResult { people: number; problems: string[] }

/**
 * The edge: reads both tabs (two calls), writes the planned rows of Staff pay and contacts (one),
 * reads them back (one), and only when every cell matches re-reads Staff (one) and clears the cells
 * that still hold what was copied (one). Costs nothing more when the Staff tab holds no such values.
 */
export function migrateStaffColumns(staffSheet: GoogleAppsScript.Spreadsheet.Sheet, paySheet: GoogleAppsScript.Spreadsheet.Sheet): StaffMigrationResult {
  const staff = staffSheet.getDataRange().getValues() as Cell[][];
  const pay = paySheet.getDataRange().getValues() as Cell[][];
  const plan = planStaffMigration(staff, pay);
  if (plan.problems.length || !plan.clears.length) return { people: 0, problems: plan.problems };
  const width = (pay[0] ?? []).length;
  if (plan.changed) {
    const needed = plan.payRows.length + 1;
    if (needed > paySheet.getMaxRows()) paySheet.insertRowsAfter(paySheet.getMaxRows(), needed - paySheet.getMaxRows());
    const range = paySheet.getRange(2, 1, plan.payRows.length, width);
    range.setValues(plan.payRows.map((r) => r.map(asWritten)));
    const back = range.getValues() as Cell[][];
    for (let r = 0; r < plan.payRows.length; r++) {
      for (let c = 0; c < width; c++) {
        const want = plan.payRows[r][c];
        const got = back[r]?.[c] ?? '';
        if (!(blank(want) && blank(got)) && !same(want, got)) {
          return { people: 0, problems: [`The copy on ${PAY_TAB} row ${r + 2}, column ${String(pay[0][c]).trim()}, reads ${shown(got)} instead of ${shown(want)}, so the Staff tab was not cleared. Correct that cell, then run it again.`] };
        }
      }
    }
  }
  // Only cells that still hold what was copied are cleared: a person may have changed one meanwhile.
  const now = staffSheet.getDataRange().getValues() as Cell[][];
  const idAt = columnAt(now[0] ?? [], [headerOf('Staff', 'id')]);
  const still = plan.clears.filter((c) => {
    const row = now[c.row - 1];
    return row !== undefined && refId(row[idAt] as Plain) === c.id && same(row[c.column - 1], c.value);
  });
  if (still.length) staffSheet.getRangeList(still.map((c) => blockToA1(c.row, c.column, 1, 1))).clearContent();
  const left = plan.clears.length - still.length;
  return { people: plan.people, problems: left ? [`${left} Staff cell${left === 1 ? '' : 's'} changed while being moved and ${left === 1 ? 'was' : 'were'} left as typed: run it again to move ${left === 1 ? 'it' : 'them'}.`] : [] };
}
