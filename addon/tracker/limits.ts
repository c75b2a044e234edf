// Google Sheets' grid limits, and what setup would need against them: checked before anything is written.
import { columnToLetters } from './a1';

/**
 * support.google.com/drive/answer/37603 ("Files you can store in Google Drive"): a spreadsheet holds
 * up to 10 million cells, and a tab up to 18,278 columns (the last is ZZZ). Every cell of every
 * tab's grid counts, empty or not.
 */
export const MAX_CELLS = 10_000_000;
export const MAX_COLUMNS = 18_278;
/** A tab made by insertSheet starts with Sheets' default grid. */
export const NEW_TAB_GRID = { rows: 1000, columns: 26 } as const;

export interface Grid {
  rows: number;
  columns: number;
}

/** One tab setup writes: its grid now (null when setup creates it) and the grid setup gives it. */
export interface TabNeed {
  tab: string;
  now: Grid | null;
  needs: Grid;
  /** Columns setup adds after the tab's last one. */
  addedColumns: number;
}

const count = (n: number): string => n.toLocaleString('en-US');

/** The grid a tab has after setup: it never shrinks, and a new tab starts at the default. */
export function gridAfter(need: TabNeed): Grid {
  const start = need.now ?? NEW_TAB_GRID;
  return { rows: Math.max(start.rows, need.needs.rows), columns: Math.max(start.columns, need.needs.columns) };
}

/**
 * Problems that would stop setup part-way at Google's limits, in the coordinator's words: a tab that
 * would pass 18,278 columns, or a spreadsheet that would pass 10 million cells. `others` are the
 * grids of the tabs setup does not touch (they count towards the file's cells all the same).
 */
export function gridProblems(needs: readonly TabNeed[], others: readonly Grid[]): string[] {
  const problems: string[] = [];
  for (const need of needs) {
    const columns = gridAfter(need).columns;
    if (columns <= MAX_COLUMNS) continue;
    const last = need.now ? need.now.columns : 0;
    problems.push(`The tab "${need.tab}" would need ${count(columns)} columns: ROSE Tracker adds ${need.addedColumns} column${need.addedColumns === 1 ? '' : 's'} after its last one (${columnToLetters(Math.min(last, MAX_COLUMNS))}), but a Google Sheets tab holds at most ${count(MAX_COLUMNS)} (up to column ZZZ). Delete the columns you do not use at the right of "${need.tab}" (or move them to another tab), then run Set up tracker again; nothing was changed.`);
  }
  const grids = needs.map((need) => ({ tab: need.tab, grid: gridAfter(need) }));
  const total = [...grids.map((g) => g.grid), ...others].reduce((sum, g) => sum + g.rows * g.columns, 0);
  if (total > MAX_CELLS) {
    const largest = [...grids].sort((a, b) => b.grid.rows * b.grid.columns - a.grid.rows * a.grid.columns)[0];
    const added = grids.reduce((sum, g, i) => sum + g.grid.rows * g.grid.columns - (needs[i].now ? needs[i].now!.rows * needs[i].now!.columns : 0), 0);
    problems.push(`This spreadsheet would hold ${count(total)} cells after setup (setup adds ${count(added)}), more than the ${count(MAX_CELLS)} Google Sheets allows in one file; every cell of every tab counts, empty or not${largest ? ` (the largest tracker tab is "${largest.tab}", ${count(largest.grid.rows)} rows × ${count(largest.grid.columns)} columns)` : ''}. Delete empty rows and columns at the bottom and right of your largest tabs, or move a tab to another file, then run Set up tracker again; nothing was changed.`);
  }
  return problems;
}
