// The Apps Script edge of the lists tab: read what was issued, write the dropdown labels and the highest IDs (lists.ts decides).
import { TABS } from './schema';
import type { AnyTable, Tables } from './table';
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

/** A problem when a person's own tab already has the lists tab's name (setup stops before writing anything). */
export function foreignListsProblem(file: TrackerFile): string | null {
  const sheet = file.sheets.get(LISTS_TAB);
  if (!sheet) return null;
  const first = sheet.getRange(1, 1).getValue();
  if (isListsSignature(first) || (first === '' && sheet.getLastRow() === 0)) return null;
  return `A tab named "${LISTS_TAB}" already exists and was not made by ROSE Tracker. Rename it, then run Set up tracker again; nothing was changed.`;
}

/** Gives the lists tab back its name when a person renamed it (found by its recorded ID); says so, or null. */
export function restoreListsName(file: TrackerFile): string | null {
  const from = file.followed?.get(LISTS_TAB);
  const lists = file.sheets.get(LISTS_TAB);
  if (!from || !lists) return null;
  lists.setName(LISTS_TAB);
  return `The tab "${from}" is ROSE Tracker's hidden lists tab: renamed it back to "${LISTS_TAB}" (dropdowns and ID numbering read it under that name).`;
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
  const lists = claimOwnedTab(file.ss, file.sheets.get(LISTS_TAB), LISTS_TAB, REFERENCE_LISTS[0].title, file.sheets.size);
  if (!existed) {
    file.sheets.set(LISTS_TAB, lists);
    lists.hideSheet();
  }
  for (const spec of TABS) {
    const table: AnyTable | undefined = tables[spec.name];
    if (spec.idPrefix && table) issuer.observe(spec.idPrefix, table.records.map((r) => r.values.id ?? null));
  }
  const grid = listsGrid(tables, issuer);
  const width = LISTS_LAYOUT.width;
  const maxRows = lists.getMaxRows();
  if (grid.length > maxRows) lists.insertRowsAfter(maxRows, grid.length - maxRows);
  lists.getRange(1, 1, lists.getMaxRows(), width).clearContent();
  lists.getRange(1, 1, grid.length, width).setValues(grid);
  return lists;
}
