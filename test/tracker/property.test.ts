// Property: on random existing trackers, setup keeps every user value and running it twice equals running it once.
import fc from 'fast-check';
import { openAddon, type Harness } from '../support/addon';
import { asUser } from '../support/tracker';
import { tabSpec, type TabName } from '../../addon/tracker/schema';
import { protectionsOf } from '../../workspace/spreadsheet-model';

type Value = string | number;

interface ExistingTab {
  name: TabName;
  header: string[];
  rows: Value[][];
}

const TABS_UNDER_TEST: TabName[] = ['Sites', 'Staff', 'Action Plan', 'Events'];
/** Headers of trackers made before the renames (see `formerly` in the schema). */
const OLD_NAMES: Record<string, string> = { 'Full name': 'Name', 'Hourly wage': 'Wage' };

const cellValue = fc.oneof(
  fc.constant(''),
  fc.integer({ min: 0, max: 5000 }),
  fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,12}$/),
);

function existingTab(name: TabName): fc.Arbitrary<ExistingTab> {
  const declared = tabSpec(name).columns.filter((c) => !c.computed).map((c) => c.header);
  return fc.record({
    kept: fc.shuffledSubarray(declared, { minLength: 1 }),
    extra: fc.array(fc.stringMatching(/^My [a-z]{1,6}$/), { maxLength: 2 }),
    old: fc.boolean(),
    rowCount: fc.integer({ min: 0, max: 6 }),
    seed: fc.array(fc.array(cellValue, { minLength: 12, maxLength: 12 }), { minLength: 6, maxLength: 6 }),
    blankAt: fc.integer({ min: 0, max: 5 }),
  }).map(({ kept, extra, old, rowCount, seed, blankAt }) => {
    const header = [...new Set([...kept, ...extra])].map((h) => (old && name === 'Staff' && OLD_NAMES[h] ? OLD_NAMES[h] : h));
    const rows = seed.slice(0, rowCount).map((r) => header.map((_, i) => r[i % r.length]));
    // A blank row in the middle, as users leave them.
    if (rows.length > 2) rows[Math.min(blankAt, rows.length - 2)] = header.map(() => '');
    return { name, header, rows };
  });
}

function build(tabs: ExistingTab[]): Harness {
  const h = openAddon();
  asUser(h, (ss) => {
    for (const tab of tabs) {
      const sheet = ss.insertSheet(tab.name);
      sheet.getRange(1, 1, 1, tab.header.length).setValues([tab.header]);
      if (tab.rows.length) sheet.getRange(2, 1, tab.rows.length, tab.header.length).setValues(tab.rows);
    }
  });
  return h;
}

function snapshot(h: Harness): string {
  const model = h.ws.spreadsheet(h.spreadsheetId);
  return JSON.stringify(model.sheets.map((s) => ({
    name: s.name, rows: s.rows, rules: s.conditionalRules, protections: protectionsOf(s).map((p) => [p.description, [...p.editors]]),
  })));
}

describe('setup on random existing trackers', () => {
  it('keeps every pre-existing user value where it was, and is idempotent', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.constantFrom(...TABS_UNDER_TEST), { minLength: 1, maxLength: 3 }).chain((names) => fc.tuple(...names.map(existingTab))), (tabs) => {
      const h = build(tabs);
      const before = new Map(tabs.map((t) => [t.name, asUser(h, (ss) => ss.getSheetByName(t.name)!.getDataRange().getValues())]));
      const first = h.addon.call<{ ok: boolean; problems: string[] }>('setupTracker');
      expect(first.problems).toEqual([]);
      for (const tab of tabs) {
        const after = asUser(h, (ss) => ss.getSheetByName(tab.name)!.getDataRange().getValues());
        const old = before.get(tab.name)!;
        for (let r = 1; r < old.length; r += 1) {
          for (let c = 0; c < tab.header.length; c += 1) {
            // Every value the user typed is still in its cell (the column may have been renamed by migration).
            if (old[r][c] !== '') expect(after[r][c]).toEqual(old[r][c]);
          }
        }
        // The user's columns keep their order at the front; missing ones are appended after them.
        const renamed = tab.header.map((h2) => (tab.name === 'Staff' ? Object.entries(OLD_NAMES).find(([, o]) => o === h2)?.[0] ?? h2 : h2));
        expect(after[0].slice(0, renamed.length)).toEqual(renamed);
      }
      const once = snapshot(h);
      h.addon.call('setupTracker');
      expect(snapshot(h)).toBe(once);
    }), { numRuns: 25 });
  });
});
