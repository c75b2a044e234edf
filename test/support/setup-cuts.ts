// Cuts Set up tracker off at each service call in turn (a time-out or a failed call) and checks that a clean rerun ends where a clean setup does.
import { openAddon, type Harness } from './addon';
import type { SpreadsheetModel } from '../../workspace/spreadsheet-model';
import { protectionsOf } from '../../workspace/spreadsheet-model';

/** What every editor lives with after setup: tabs and whether they are hidden, grids, protections, and every value, formula and note. */
export function endState(model: SpreadsheetModel): string {
  return JSON.stringify(model.sheets.map((sheet) => {
    const cells: unknown[] = [];
    sheet.rows.forEach((row, r) => (row ?? []).forEach((c, col) => {
      if (c && (c.value !== '' || c.formula || c.note)) cells.push([r + 1, col + 1, c.value instanceof Date ? c.value.toISOString() : c.value, c.formula ?? '', c.note ?? '']);
    }));
    return {
      name: sheet.name,
      hidden: sheet.hidden,
      grid: [sheet.maxRows, sheet.maxColumns, sheet.frozenRows],
      protections: protectionsOf(sheet).map((p) => ({
        type: p.type, bounds: p.bounds, description: p.description, warningOnly: p.warningOnly, editors: [...p.editors].sort(), domainEdit: p.domainEdit,
      })),
      cells,
    };
  }));
}

export interface CutRun {
  /** The service calls of one clean setup on a blank Sheet, in order. */
  calls: string[];
  /** The end state of that clean setup. */
  expected: string;
  /** Cuts setup on a blank Sheet with `cut`, reruns it cleanly, and returns the rerun's end state. */
  cutThenRerun(cut: (h: Harness) => void): string;
}

/** One Workspace with the bundle loaded once; every cut gets a new blank spreadsheet in it. */
export function setupCuts(): CutRun {
  const h = openAddon();
  let made = 0;
  const blank = (): SpreadsheetModel => {
    const id = h.ws.createSpreadsheet(`Harbour Lights tracker ${(made += 1)}`);
    h.ws.openInSheets(id);
    return h.ws.spreadsheet(id);
  };
  const clean = blank();
  const mark = h.ws.ledger.mark();
  h.addon.call('setupTracker');
  const calls = h.ws.ledger.since(mark);
  const expected = endState(clean);
  h.ws.host.files.delete(clean.id);
  h.ws.triggers.triggers.splice(0, h.ws.triggers.triggers.length, ...h.ws.triggers.triggers.filter((t) => t.sourceId !== clean.id));
  return {
    calls,
    expected,
    cutThenRerun(cut) {
      const model = blank();
      try { cut(h); } catch { /* the cut is the point */ } finally { h.ws.ledger.clearFaults(); }
      h.addon.call('setupTracker');
      const state = endState(model);
      // Each tracker holds ~100,000 formatted cells: drop it before the next cut, and the edit trigger
      // setup made for it (a person has at most 20 triggers per script, across their documents).
      h.ws.host.files.delete(model.id);
      h.ws.triggers.triggers.splice(0, h.ws.triggers.triggers.length, ...h.ws.triggers.triggers.filter((t) => t.sourceId !== model.id));
      return state;
    },
  };
}
