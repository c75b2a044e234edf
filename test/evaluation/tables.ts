// Tracker tables for pure evaluation tests, written as coordinators see them: rows of header → value.
import { TABS, type TabName } from '../../addon/tracker/schema';
import { toTable, type Plain, type Tables } from '../../addon/tracker/table';

export type Row = Record<string, Plain>;

/** Tables from rows keyed by header; every declared header of the tab is present, in the schema's order. */
export function tables(rows: Partial<Record<TabName, Row[]>>): Tables {
  const out: Tables = {};
  for (const name of Object.keys(rows) as TabName[]) {
    const spec = TABS.find((t) => t.name === name);
    if (!spec) throw new Error(`No tab ${name}`);
    const headers = spec.columns.map((c) => c.header);
    const grid = (rows[name] ?? []).map((row) => {
      for (const header of Object.keys(row)) if (headers.indexOf(header) < 0) throw new Error(`${name} has no column ${header}`);
      return headers.map((h) => (h in row ? row[h] : ''));
    });
    (out as Record<string, unknown>)[name] = toTable(name, headers, grid);
  }
  return out;
}
