// The Apps Script edge of the lists tab: read what was issued, write the dropdown labels and the highest IDs (lists.ts decides).
import { TABS } from './schema';
import type { AnyTable, Plain, Tables } from './table';
import type { TrackerFile } from './sheets';
import { IdIssuer, LISTS_LAYOUT, LISTS_TAB, REFERENCE_LISTS, isListsSignature, listsGrid, readIssuedGrid } from './lists';
import { claimOwnedTab } from '../core/owned-tabs';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The highest numbers issued, as the lists tab holds them (an empty map when there is no lists tab yet). */
export function readIssued(file: TrackerFile): Map<string, number> {
  const lists = file.sheets.get(LISTS_TAB);
  if (!lists) return new Map();
  return readIssuedGrid(lists.getDataRange().getValues());
}

/** An issuer that knows every number issued so far. */
export function issuerFor(file: TrackerFile): IdIssuer {
  return new IdIssuer(readIssued(file));
}

/** A problem when a person's own tab already has the lists tab's name (setup stops before writing anything); `grid` is that tab's values. */
export function foreignListsProblemIn(grid: readonly (readonly unknown[])[]): string | null {
  const first = grid[0]?.[0] ?? '';
  if (isListsSignature(first) || (first === '' && grid.length === 0)) return null;
  return `A tab named "${LISTS_TAB}" already exists and was not made by ROSE Tracker. Rename it, then run Set up tracker again; nothing was changed.`;
}

/** Updates only the highest-ID block, leaving the dropdown lists as they are (one call). */
export function writeIssued(file: TrackerFile, issuer: IdIssuer): void {
  const lists = file.sheets.get(LISTS_TAB);
  if (!lists) return;
  const block = issuer.issuedGrid();
  lists.getRange(1, LISTS_LAYOUT.issuedColumn, block.length, 2).setValues(block);
}

/** Rewrites the hidden lists tab (ours alone): dropdown labels and the highest ID issued per prefix. */
export function writeLists(file: TrackerFile, tables: Tables, issuer: IdIssuer): Sheet {
  const existed = file.sheets.has(LISTS_TAB);
  const lists = claimOwnedTab(file.ss, file.sheets.get(LISTS_TAB), LISTS_TAB, REFERENCE_LISTS[0].title, file.sheets.size - (file.linked?.size ?? 0));
  if (!existed) {
    file.sheets.set(LISTS_TAB, lists);
    lists.hideSheet();
  }
  const grid = listsContent(tables, issuer);
  const width = LISTS_LAYOUT.width;
  const maxRows = lists.getMaxRows();
  if (grid.length > maxRows) lists.insertRowsAfter(maxRows, grid.length - maxRows);
  lists.getRange(1, 1, lists.getMaxRows(), width).clearContent();
  lists.getRange(1, 1, grid.length, width).setValues(grid);
  return lists;
}

/** The lists tab's whole grid once the issuer has seen every ID the tables hold (pure). */
export function listsContent(tables: Tables, issuer: IdIssuer): Plain[][] {
  for (const spec of TABS) {
    const table: AnyTable | undefined = tables[spec.name];
    if (spec.idPrefix && table) issuer.observe(spec.idPrefix, table.records.map((r) => r.values.id ?? null));
  }
  return listsGrid(tables, issuer);
}
