// The roll-up's subtraction attack: a suppressed organization's evaluation figures must not come out as the total minus the shown ones.
import { evaluationLines, type SurveyResponses } from '../../addon/dashboard/compute';
import { rollupTotals, type OrganizationFigures } from '../../scripts/lib/rollup';

const SCORE = 'Score: Role clarity [role_clarity]';
const CHANGE = 'Evaluation|Role clarity: average change for matched people';
const MATCHED = 'Evaluation|People who answered both (matched)';

/** An organization whose `pairs` people answered both waves, each changing by `change` (baseline 2). */
function organization(name: string, pairs: number, change: number): OrganizationFigures {
  const records: Record<string, string | number>[] = [];
  for (let i = 0; i < pairs; i += 1) {
    const code = `${name.slice(0, 2).toUpperCase()}${String(i).padStart(2, '0')}X${i}`;
    records.push({ Wave: 'Baseline', Site: 'Main site', 'Participant code': code, [SCORE]: 2 });
    records.push({ Wave: 'Follow-up', Site: 'Main site', 'Participant code': code, [SCORE]: 2 + change });
  }
  const responses: SurveyResponses = { headers: ['Wave', 'Site', 'Participant code', SCORE], records };
  // The figures each organization's own Dashboard shows (its own suppression only).
  const figures = new Map<string, number | string>(evaluationLines(responses, 5).map((l) => [`Evaluation|${l.measure}`, l.value]));
  return { tracker: `id-${name}`, organization: name, minimumGroupSize: 5, figures, responses };
}

/** What subtracting the shown organizations from the total gives for the hidden ones: their pooled size and average change, or null when nothing can be recovered. */
function subtract(orgs: OrganizationFigures[], total: Map<string, number | string>): { size: number; change: number } | null {
  const n = total.get(MATCHED);
  const avg = total.get(CHANGE);
  if (typeof n !== 'number' || typeof avg !== 'number') return null;
  let shownN = 0;
  let shownSum = 0;
  for (const org of orgs) {
    const on = org.figures.get(MATCHED);
    const oc = org.figures.get(CHANGE);
    if (typeof on === 'number' && typeof oc === 'number') { shownN += on; shownSum += on * oc; }
  }
  const size = n - shownN;
  return size > 0 ? { size, change: (n * avg - shownSum) / size } : null;
}

describe('roll-up across organizations', () => {
  const build = () => [organization('Harbour Lights', 6, 2), organization('Cedar House', 7, 1), organization('Riverside Hub', 3, 4)];

  it('before complementary suppression, the total minus the shown organizations gives the small one exactly (the attack)', () => {
    const orgs = build();
    // The pooled total as each organization shows it on its own: Riverside is hidden, the others shown.
    const pooled = evaluationLines({ headers: ['Wave', 'Site', 'Participant code', SCORE], records: orgs.flatMap((o) => o.responses!.records) }, 5);
    const total = new Map<string, number | string>(pooled.map((l) => [`Evaluation|${l.measure}`, l.value]));
    expect(orgs[2].figures.get(CHANGE)).toBe('suppressed (fewer than 5 people)');
    const recovered = subtract(orgs, total)!;
    expect(recovered.size).toBe(3);
    expect(recovered.change).toBeCloseTo(4, 1);
  });

  it('after it, the smallest shown organization is hidden too and subtraction gives only a pooled figure of at least five people', () => {
    const orgs = build();
    const { total } = rollupTotals(orgs);
    const hidden = orgs.filter((o) => typeof o.figures.get(CHANGE) !== 'number');
    expect(hidden.map((o) => o.organization).sort()).toEqual(['Harbour Lights', 'Riverside Hub']);
    expect(typeof total.get(CHANGE)).toBe('number');
    const recovered = subtract(orgs, total)!;
    expect(recovered.size).toBeGreaterThanOrEqual(5);
    // Harbour (6 × 2) and Riverside (3 × 4) pooled: 2.67, neither organization's own figure.
    expect(recovered.change).toBeCloseTo((6 * 2 + 3 * 4) / 9, 1);
    expect(Math.abs(recovered.change - 4)).toBeGreaterThan(1);
    // The counts are protected the same way: Riverside's 3 is not the total minus the shown counts.
    expect(orgs.filter((o) => typeof o.figures.get(MATCHED) !== 'number')).toHaveLength(2);
  });

  it('two small organizations hidden together with fewer than five people between them hide a third', () => {
    const orgs = [organization('Harbour Lights', 6, 2), organization('Cedar House', 8, 1), organization('Riverside Hub', 2, 4), organization('Bay Drop-in', 2, 3)];
    const { total } = rollupTotals(orgs);
    expect(orgs.filter((o) => typeof o.figures.get(CHANGE) !== 'number').map((o) => o.organization).sort()).toEqual(['Bay Drop-in', 'Harbour Lights', 'Riverside Hub']);
    expect(subtract(orgs, total)!.size).toBeGreaterThanOrEqual(5);
  });
});
