// Student's t and the paired change agree with closed forms, printed tables and R's t.test on a published dataset.
import { hedgesCorrection, logGamma, pairedChange, regularizedIncompleteBeta, studentTCdf, studentTQuantile } from '../../addon/evaluation/stats';

describe("Student's t distribution", () => {
  it('matches the closed forms for 1 and 2 degrees of freedom at many probabilities', () => {
    // df = 1 is the Cauchy distribution: t = tan(π(p − ½)). df = 2: t = (2p − 1) / √(2p(1 − p)).
    for (const p of [0.51, 0.6, 0.75, 0.9, 0.95, 0.975, 0.99, 0.999, 0.025, 0.2]) {
      expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 9);
      expect(studentTQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 9);
    }
  });

  it('gives the two-sided 95 % critical values of the printed t tables', () => {
    // Expected: scipy.stats.t.ppf(0.975, df) (SciPy 1.17), which agree with the usual printed tables
    // (12.706, 4.303, 3.182, 2.571, 2.262, 2.228, 2.042, 1.984, 1.962) to the digits printed.
    const expected: [number, number][] = [
      [1, 12.706204736174694], [2, 4.302652729749462], [3, 3.1824463052837078], [5, 2.5705818356363146],
      [9, 2.262157162798205], [10, 2.228138851986274], [30, 2.0422724563012378], [100, 1.9839715185235518],
      [1000, 1.9623390808264083],
    ];
    for (const [df, t] of expected) expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 9);
  });

  it('handles other levels and fractional degrees of freedom', () => {
    // scipy.stats.t.ppf(0.995, 4) and scipy.stats.t.ppf(0.9, 2.5).
    expect(studentTQuantile(0.995, 4)).toBeCloseTo(4.604094871349992, 9);
    expect(studentTQuantile(0.9, 2.5)).toBeCloseTo(1.7302509288071766, 9);
  });

  it('has a CDF that the quantile inverts, symmetric about 0', () => {
    // scipy.stats.t.cdf(2.0, df).
    expect(studentTCdf(2, 1)).toBeCloseTo(0.8524163823495667, 12);
    expect(studentTCdf(2, 10)).toBeCloseTo(0.9633059826146299, 12);
    expect(studentTCdf(-2, 10)).toBeCloseTo(1 - 0.9633059826146299, 12);
    for (const df of [1, 3, 7.5, 40]) for (const p of [0.05, 0.5, 0.8, 0.999]) expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 12);
  });

  it('approaches the normal 97.5th percentile as the degrees of freedom grow', () => {
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959963984540054, 5);
  });

  it('rests on a log-gamma and an incomplete beta that agree with known values', () => {
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.1)).toBeCloseTo(Math.log(9.513507698668732), 12);
    // I_x(a, 1) = x^a; I_x(1, b) = 1 − (1 − x)^b; scipy.special.betainc(2.5, 0.5, 0.3) and (10, 3, 0.9).
    expect(regularizedIncompleteBeta(0.3, 4, 1)).toBeCloseTo(0.3 ** 4, 14);
    expect(regularizedIncompleteBeta(0.3, 1, 6)).toBeCloseTo(1 - 0.7 ** 6, 14);
    expect(regularizedIncompleteBeta(0.3, 2.5, 0.5)).toBeCloseTo(0.018927124071945658, 13);
    expect(regularizedIncompleteBeta(0.9, 10, 3)).toBeCloseTo(0.889130022255, 11);
  });

  it('refuses probabilities and degrees of freedom it cannot answer', () => {
    expect(() => studentTQuantile(1, 5)).toThrow('0 < p < 1');
    expect(() => studentTQuantile(0.9, 0)).toThrow('positive degrees of freedom');
    expect(() => regularizedIncompleteBeta(1.2, 1, 1)).toThrow('0 ≤ x ≤ 1');
  });
});

describe('pairedChange', () => {
  // Student (1908) / Cushny and Peebles: extra hours of sleep under two drugs for the same 10 patients,
  // R's built-in `sleep` data. t.test(extra ~ group, data = sleep, paired = TRUE) prints
  // t = -4.0621, df = 9, p-value = 0.002833, 95 percent confidence interval -2.4598858 -0.7001142,
  // mean difference -1.58 (group 1 − group 2). Here the change is group 2 − group 1, so the signs flip.
  // The same figures from scipy.stats.ttest_rel(g2, g1).confidence_interval(): 0.7001142367230175, 2.459885763276983.
  const drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
  const change = pairedChange(drug2.map((after, i) => after - drug1[i]));

  it("matches R's paired t.test on the sleep data", () => {
    expect(change.n).toBe(10);
    expect(change.meanChange).toBeCloseTo(1.58, 12);
    expect(change.lower).toBeCloseTo(0.7001142367230175, 9);
    expect(change.upper).toBeCloseTo(2.459885763276983, 9);
    // The t statistic R prints is mean / (SD / √n).
    expect((change.meanChange / (change.sdChange as number)) * Math.sqrt(10)).toBeCloseTo(4.062127683382037, 9);
  });

  it("gives Cohen's d_z as mean change over the SD of changes, and Hedges' g_z with the exact correction", () => {
    // SD of the differences: numpy std(ddof=1) = 1.2299954832798732; d_z = 1.58 / 1.22999548… = 1.2845575625910546.
    // J(9) = Γ(4.5) / (√4.5 Γ(4)) = 0.9138748917925524 (scipy.special.gammaln); g_z = 1.173924903514205.
    expect(change.sdChange).toBeCloseTo(1.2299954832798732, 12);
    expect(change.cohenDz).toBeCloseTo(1.2845575625910546, 12);
    expect(change.hedgesGz).toBeCloseTo(1.173924903514205, 10);
    // Hedges' approximation 1 − 3/(4·df − 1) is within 0.001 of the exact correction at df = 9.
    expect(Math.abs(hedgesCorrection(9) - (1 - 3 / 35))).toBeLessThan(1e-3);
  });

  it('computes by hand on a tiny dataset: changes 1, 2, 3', () => {
    // Mean 2, SD 1, t(0.975, 2) = 4.302652729749462, so the interval is 2 ± 4.30265… / √3; d_z = 2.
    const tiny = pairedChange([1, 2, 3]);
    expect(tiny.lower).toBeCloseTo(2 - 4.302652729749462 / Math.sqrt(3), 10);
    expect(tiny.upper).toBeCloseTo(2 + 4.302652729749462 / Math.sqrt(3), 10);
    expect(tiny.cohenDz).toBe(2);
    // J(2) = Γ(1) / (1 · Γ(½)) = 1/√π.
    expect(tiny.hedgesGz).toBeCloseTo(2 / Math.sqrt(Math.PI), 12);
  });

  it('leaves what cannot be estimated empty instead of guessing', () => {
    expect(pairedChange([0.5])).toMatchObject({ n: 1, meanChange: 0.5, sdChange: null, lower: null, upper: null, cohenDz: null, hedgesGz: null });
    expect(pairedChange([1, 1, 1])).toMatchObject({ sdChange: 0, lower: 1, upper: 1, cohenDz: null, hedgesGz: null });
    const two = pairedChange([1, 3]);
    expect(two.cohenDz).toBeCloseTo(Math.SQRT2, 14); // mean 2, SD √2
    expect(two.hedgesGz).toBeNull();
    expect(() => pairedChange([])).toThrow('at least one pair');
    expect(() => pairedChange([1, NaN])).toThrow('not a number');
  });
});
