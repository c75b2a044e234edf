// Which sites an export names: a small site is merged, and never alone, since a lone merged site is named by elimination from the site list.
import { mergedSitesFor } from '../../scripts/lib/export-evaluation';

const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('mergedSitesFor', () => {
  it('names every site when none is small', () => {
    expect(mergedSitesFor(counts({ Harbour: 20, Cedar: 5 }), 5)).toEqual([]);
  });

  it('merges the smallest named site with a lone small one', () => {
    expect(mergedSitesFor(counts({ Harbour: 20, Cedar: 12, Ridge: 3 }), 5)).toEqual(['Cedar', 'Ridge']);
  });

  it('leaves two small sites together when they hold the minimum between them', () => {
    expect(mergedSitesFor(counts({ Harbour: 20, Cedar: 12, Ridge: 3, Bay: 4 }), 5)).toEqual(['Bay', 'Ridge']);
  });

  it('adds named sites until the merged ones hold the minimum', () => {
    expect(mergedSitesFor(counts({ Harbour: 20, Cedar: 6, Ridge: 2, Bay: 2 }), 5)).toEqual(['Bay', 'Cedar', 'Ridge']);
  });
});
