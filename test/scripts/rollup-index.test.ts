// The roll-up's implementation index: counts per organization from the add-on's own index, and no organization's hidden count comes out as the total minus the shown ones.
import { organizationIndex, indexFigures, onTargetMeasure, withFigureMeasure, SHARE_MEASURE, type IndicatorCount } from '../../scripts/lib/rollup-index';
import { rollupTotals, type OrganizationFigures } from '../../scripts/lib/rollup';
import { readSettings } from '../../addon/tracker/settings';
import { tables, type Row } from '../evaluation/tables';

const TODAY = '2026-03-16';
const PHOTO = 'Photo ID issued';

/** An organization with one site of `staff` people, `withPhoto` of them holding a photo ID, and its own minimum group size. */
function organization(name: string, staff: number, withPhoto: number, minimumGroupSize: number): OrganizationFigures {
  const people: Row[] = Array.from({ length: staff }, (_, i) => ({
    ID: `STAFF-${String(i + 1).padStart(4, '0')}`, 'Full name': `${name} Person ${i + 1}`, Role: 'Peer Worker', Site: 'SITE-0001', Start: '2025-01-01',
    'Photo ID issued': i < withPhoto ? '2025-02-01' : '',
  }));
  const settings = { ...readSettings(undefined), minimumGroupSize };
  const implementation = organizationIndex(tables({ Sites: [{ ID: 'SITE-0001', Name: `${name} site` }], Staff: people }), settings, TODAY);
  return { tracker: `id-${name}`, organization: name, minimumGroupSize, figures: new Map(), responses: undefined, implementation };
}

function photo(org: OrganizationFigures): IndicatorCount {
  return org.implementation!.find((c) => c.name === PHOTO)!;
}

describe('the roll-up\'s implementation index', () => {
  // Harbour Lights (6 staff, minimum 5) is on target; Cedar House (10, minimum 8) is not; Riverside (12, minimum 5) is.
  const build = () => [organization('Harbour Lights', 6, 6, 5), organization('Cedar House', 10, 0, 8), organization('Riverside Hub', 12, 12, 5)];

  it('counts each organization\'s sites on target from the add-on\'s index, over the staff it rests on', () => {
    const [harbour, cedar] = build();
    expect(photo(harbour)).toEqual({ name: PHOTO, onTarget: 1, withFigure: 1, staff: 6 });
    expect(photo(cedar)).toEqual({ name: PHOTO, onTarget: 0, withFigure: 1, staff: 10 });
    // A role filled describes the site, not a person: it carries no staff count to suppress on.
    expect(harbour.implementation!.find((c) => c.name === 'Peer Supporter role filled')).toEqual({ name: 'Peer Supporter role filled', onTarget: 0, withFigure: 1, staff: null });
  });

  it('leaves out a site\'s share that its own organization would hide', () => {
    const small = organization('Bay Drop-in', 3, 3, 5);
    expect(photo(small)).toEqual({ name: PHOTO, onTarget: 0, withFigure: 0, staff: 0 });
  });

  it('without complementary suppression, the total minus the shown organizations gives the hidden one (the attack)', () => {
    const orgs = build();
    // Each organization hidden on its own when it rests on fewer staff than the strictest minimum (8), the total pooled.
    const hidden = orgs.filter((o) => (photo(o).staff ?? 0) < 8);
    expect(hidden.map((o) => o.organization)).toEqual(['Harbour Lights']);
    const total = orgs.reduce((n, o) => n + photo(o).onTarget, 0);
    const shown = orgs.filter((o) => !hidden.includes(o)).reduce((n, o) => n + photo(o).onTarget, 0);
    expect(total - shown).toBe(photo(hidden[0]).onTarget);
  });

  it('with it, a second organization is hidden and subtraction gives only a pooled count of at least the minimum staff', () => {
    const orgs = build();
    const { total, minimumGroupSize } = rollupTotals(orgs);
    expect(minimumGroupSize).toBe(8);
    const measure = onTargetMeasure(PHOTO);
    const hidden = orgs.filter((o) => typeof o.figures.get(measure) !== 'number');
    expect(hidden.map((o) => o.organization)).toEqual(['Harbour Lights', 'Cedar House']);
    expect(orgs[0].figures.get(measure)).toBe('suppressed (fewer than 8 staff)');
    expect(orgs[1].figures.get(measure)).toBe('hidden so a smaller group cannot be worked out (complementary suppression)');
    expect(orgs[1].figures.get(withFigureMeasure(PHOTO))).toBe(orgs[1].figures.get(measure));
    // What subtraction gives: Harbour Lights and Cedar House together, 16 staff, 1 site on target between them, either one's.
    const recovered = Number(total.get(measure)) - orgs.filter((o) => !hidden.includes(o)).reduce((n, o) => n + Number(o.figures.get(measure)), 0);
    expect(recovered).toBe(1);
    expect(hidden.reduce((n, o) => n + (photo(o).staff ?? 0), 0)).toBeGreaterThanOrEqual(minimumGroupSize);
    // Swapping which of the two is on target leaves every published figure as it was.
    const swapped = [organization('Harbour Lights', 6, 0, 5), organization('Cedar House', 10, 10, 8), organization('Riverside Hub', 12, 12, 5)];
    const again = rollupTotals(swapped);
    expect([...again.total].filter(([k]) => k.startsWith('Implementation|'))).toEqual([...total].filter(([k]) => k.startsWith('Implementation|')));
    swapped.forEach((org, i) => expect([...org.figures]).toEqual([...orgs[i].figures]));
  });

  it('takes each organization\'s share of indicators on target over its shown counts only', () => {
    const orgs = build();
    const { organizations: columns } = indexFigures(orgs.map((o) => o.implementation!), 8);
    // Harbour Lights without its hidden photo ID count: the same share whether or not it met that target.
    const withoutPhoto = organization('Harbour Lights', 6, 0, 5);
    const other = indexFigures([withoutPhoto, orgs[1], orgs[2]].map((o) => o.implementation!), 8);
    expect(other.organizations[0].get(SHARE_MEASURE)).toBe(columns[0].get(SHARE_MEASURE));
    expect(typeof columns[2].get(SHARE_MEASURE)).toBe('number');
  });
});
