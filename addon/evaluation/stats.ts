// Paired-sample statistics in plain arithmetic: Student's t distribution, the mean change with its confidence interval, and d_z.

/**
 * ln Γ(x) for x > 0 by the Lanczos approximation with g = 7 and nine coefficients (the set given by
 * Godfrey and used widely; relative error about 1e-15). Below 0.5 the reflection formula
 * Γ(x)Γ(1 − x) = π / sin(πx) is used. Source: C. Lanczos, "A precision approximation of the gamma
 * function", SIAM J. Numer. Anal. B 1 (1964) 86–96.
 */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new Error(`logGamma needs a positive finite number (got ${x}).`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * The regularized incomplete beta function I_x(a, b). Evaluated by its continued fraction (DLMF 8.17.22)
 * with the modified Lentz method, on the side of the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where the
 * fraction converges fast (x below (a + 1) / (a + b + 2)). Method as in Press et al., Numerical Recipes,
 * 3rd ed., §6.4. Throws rather than return a value that did not converge.
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) throw new Error(`The incomplete beta function needs a > 0 and b > 0 (got ${a}, ${b}).`);
  if (!(x >= 0 && x <= 1)) throw new Error(`The incomplete beta function needs 0 ≤ x ≤ 1 (got ${x}).`);
  if (x === 0 || x === 1) return x;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(1 - x, b, a)) / b;
}

const TINY = 1e-300;
const EPSILON = 1e-15;
const MAX_TERMS = 1000;

/** The continued fraction of DLMF 8.17.22 (without its leading factor), by the modified Lentz method. */
function betaFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_TERMS; m++) {
    const m2 = 2 * m;
    // The even step d_{2m}, then the odd step d_{2m+1}.
    let term = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + term * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + term / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    term = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + term * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + term / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < EPSILON) return h;
  }
  throw new Error(`The incomplete beta function did not converge for x = ${x}, a = ${a}, b = ${b}.`);
}

/**
 * P(T ≤ t) for Student's t with df degrees of freedom (df > 0, not necessarily whole), from
 * P(|T| > t) = I_{df/(df+t²)}(df/2, 1/2) (Abramowitz and Stegun 26.7.1 with 26.5.27).
 */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0)) throw new Error(`Student's t needs positive degrees of freedom (got ${df}).`);
  if (Number.isNaN(t)) throw new Error('Student\'s t: t is not a number.');
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * The t with P(T ≤ t) = p for Student's t with df degrees of freedom: the inverse of studentTCdf, found by
 * bisection on a bracket that is widened until it holds the answer. Bisection is slow but cannot fail on
 * a monotone function; 200 halvings pin t far below the precision of a double.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`A quantile needs 0 < p < 1 (got ${p}).`);
  if (!(df > 0)) throw new Error(`Student's t needs positive degrees of freedom (got ${df}).`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let low = 0;
  let high = 1;
  while (studentTCdf(high, df) < p) {
    low = high;
    high *= 2;
    if (high > 1e300) throw new Error(`The t quantile for p = ${p}, df = ${df} is out of range.`);
  }
  for (let i = 0; i < 200 && high - low > 1e-14 * high; i++) {
    const middle = (low + high) / 2;
    if (studentTCdf(middle, df) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/** A paired change: the mean of (after − before) with its confidence interval and standardized effect sizes. */
export interface PairedChange {
  /** Number of pairs. */
  n: number;
  meanChange: number;
  /** Sample standard deviation of the differences (n − 1 in the denominator); null below 2 pairs. */
  sdChange: number | null;
  /** The two-sided confidence level, e.g. 0.95. */
  level: number;
  /** Mean ± t(1 − α/2, n − 1) × SD / √n; null below 2 pairs. */
  lower: number | null;
  upper: number | null;
  /**
   * Cohen's d_z: mean change / SD of the changes (Cohen 1988; Lakens 2013, Front. Psychol. 4:863, eq. 6).
   * Null below 2 pairs or when every change is the same (SD 0: the standardized effect is undefined).
   */
  cohenDz: number | null;
  /**
   * Hedges' g_z: d_z times the exact small-sample correction J(df) = Γ(df/2) / (√(df/2) Γ((df − 1)/2)),
   * df = n − 1 (Hedges 1981, J. Educ. Stat. 6:107–128; Lakens 2013 gives the approximation
   * 1 − 3/(4df − 1)). Null below 3 pairs, where J is 0 or undefined.
   */
  hedgesGz: number | null;
}

/**
 * The paired change for a list of differences (after − before), with a two-sided confidence interval on
 * Student's t with n − 1 degrees of freedom.
 */
export function pairedChange(differences: readonly number[], level = 0.95): PairedChange {
  if (!(level > 0 && level < 1)) throw new Error(`The confidence level must be between 0 and 1 (got ${level}).`);
  const n = differences.length;
  if (n === 0) throw new Error('A paired change needs at least one pair.');
  for (const d of differences) if (!Number.isFinite(d)) throw new Error(`A paired difference is not a number (${d}).`);
  let total = 0;
  for (const d of differences) total += d;
  const meanChange = total / n;
  const result: PairedChange = { n, meanChange, sdChange: null, level, lower: null, upper: null, cohenDz: null, hedgesGz: null };
  if (n < 2) return result;
  let squares = 0;
  for (const d of differences) squares += (d - meanChange) * (d - meanChange);
  const sd = Math.sqrt(squares / (n - 1));
  const df = n - 1;
  const margin = (studentTQuantile(1 - (1 - level) / 2, df) * sd) / Math.sqrt(n);
  result.sdChange = sd;
  result.lower = meanChange - margin;
  result.upper = meanChange + margin;
  if (sd > 0) {
    result.cohenDz = meanChange / sd;
    if (df >= 2) result.hedgesGz = result.cohenDz * hedgesCorrection(df);
  }
  return result;
}

/** Hedges' exact correction J(df) for df ≥ 2. */
export function hedgesCorrection(df: number): number {
  if (!(df >= 2)) throw new Error(`Hedges' correction needs at least 2 degrees of freedom (got ${df}).`);
  return Math.exp(logGamma(df / 2) - logGamma((df - 1) / 2)) / Math.sqrt(df / 2);
}
