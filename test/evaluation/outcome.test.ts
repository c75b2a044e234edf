// Per scale the matched change, its interval and effect size per site, with small groups suppressed as in the report.
import { isSuppressedChange, outcomeReport, type ChangeCell } from '../../addon/evaluation/outcome';
import type { PairedChange } from '../../addon/evaluation/stats';
import { evaluationReport, type EvaluationRow } from '../../addon/surveys/report';

const scales = [{ id: 'pay', title: 'Fair pay' }, { id: 'respect', title: 'Respect at work' }];
// R's `sleep` data (see stats.test.ts): the same 10 people before and after.
const BEFORE = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const AFTER = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

function pair(site: string, code: string, before: number | null, after: number | null, respect = 3): EvaluationRow[] {
  return [
    { site, wave: 'baseline', code, scores: { pay: before, respect } },
    { site, wave: 'follow-up', code, scores: { pay: after, respect: respect + 1 } },
  ];
}

function shown(cell: ChangeCell): PairedChange {
  if (isSuppressedChange(cell)) throw new Error('suppressed');
  return cell;
}

describe('outcomeReport', () => {
  const harbour = BEFORE.flatMap((before, i) => pair('Harbour', `HB${i}`, before, AFTER[i]));

  it("gives each site's paired change with the interval R's t.test prints for the same data", () => {
    const report = outcomeReport(harbour, scales, 5);
    const pay = shown(report.sites[0].scales.pay);
    expect(report.sites.map((s) => s.site)).toEqual(['Harbour']);
    expect(pay.n).toBe(10);
    expect(pay.meanChange).toBeCloseTo(1.58, 12);
    expect(pay.lower).toBeCloseTo(0.7001142, 7);
    expect(pay.upper).toBeCloseTo(2.4598858, 7);
    expect(pay.cohenDz).toBeCloseTo(1.2845575625910546, 12);
    // Every respect change is +1: the interval is that point and no standardized effect exists.
    expect(shown(report.sites[0].scales.respect)).toMatchObject({ meanChange: 1, lower: 1, upper: 1, cohenDz: null });
  });

  it('agrees with the evaluation report on the average change', () => {
    const report = evaluationReport(harbour, scales, 5);
    expect(report.sites[0].scales.pay.change).toBeCloseTo(shown(outcomeReport(harbour, scales, 5).sites[0].scales.pay).meanChange, 12);
  });

  it('counts only people scored on the scale at both waves, and only matched codes', () => {
    const rows = [
      ...harbour,
      ...pair('Harbour', 'NOPAY', null, 4), // matched but no baseline pay score: not a pay pair
      { site: 'Harbour', wave: 'follow-up', code: 'NEW1', scores: { pay: 5, respect: 5 } } as EvaluationRow, // no baseline
    ];
    const report = outcomeReport(rows, scales, 5);
    expect(shown(report.sites[0].scales.pay).n).toBe(10);
    expect(shown(report.sites[0].scales.respect).n).toBe(11);
  });

  it('suppresses a site below the minimum group size, and the smallest other site so that the total does not give it away', () => {
    const rows = [
      ...harbour, // 10 pairs
      ...[1, 2, 3, 4, 5, 6].flatMap((i) => pair('Main', `MN${i}`, 3, 3 + (i % 3))), // 6 pairs
      ...[1, 2].flatMap((i) => pair('Ridge', `RG${i}`, 2, 4)), // 2 pairs
    ];
    const report = outcomeReport(rows, scales, 5);
    const bySite = (name: string): ChangeCell => report.sites.find((s) => s.site === name)!.scales.pay;
    expect(bySite('Ridge')).toEqual({ suppressed: true });
    expect(bySite('Main')).toEqual({ suppressed: true }); // complementary: otherwise Ridge = total − Harbour − Main
    expect(shown(bySite('Harbour')).n).toBe(10);
    expect(shown(report.overall.scales.pay).n).toBe(18);
  });

  it('refuses a minimum group size that is not a whole number of at least 1', () => {
    expect(() => outcomeReport(harbour, scales, 0)).toThrow('at least 1');
  });
});
