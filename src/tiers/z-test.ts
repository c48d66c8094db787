/* eslint-disable no-loss-of-precision -- Cody's published coefficients, kept digit for digit as printed */
/**
 * Two-proportion z-test for baseline comparisons (docs/http-contract.md "Baselines"), with an accurate
 * complementary error function.
 *
 * erfc is W. J. Cody's rational Chebyshev approximation (CALERF, "Rational Chebyshev
 * approximations for the error function", Math. Comp. 23 (1969) 631–637; netlib SPECFUN),
 * whose approximations have relative error below 1e-17 before rounding, so results are good to
 * a few units in the last place of a double. (The Abramowitz–Stegun 7.1.26 formula, error
 * 1.5e-7, is not accurate enough for small p-values.)
 */

// Coefficients exactly as published in CALERF.
// erf on |x| ≤ 0.46875
const A = [3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1];
const B = [2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03, 2.84423683343917062e03];
// erfc on 0.46875 < |x| ≤ 4
const C = [
  5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01, 2.98635138197400131e02, 8.81952221241769090e02,
  1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8,
];
const D = [
  1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02, 1.62138957456669019e03, 3.29079923573345963e03,
  4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03,
];
// erfc on |x| > 4
const P = [
  3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4,
  1.63153871373020978e-2,
];
const Q = [2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3];

const ONE_OVER_SQRT_PI = 0.56418958354775628695;
const THRESHOLD = 0.46875;
/** erfc(x) underflows to 0 for x ≥ this (IEEE double). */
const X_BIG = 26.543;
/** Below this, x² is negligible against 1. */
const X_SMALL = 1.11e-16;

/** exp(−y²) computed without the cancellation error of squaring y directly (Cody's trick). */
function expMinusSquare(y: number): number {
  const ySplit = Math.trunc(y * 16) / 16;
  const del = (y - ySplit) * (y + ySplit);
  return Math.exp(-ySplit * ySplit) * Math.exp(-del);
}

/** The complementary error function erfc(x) = 1 − erf(x), for any real x. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  let result: number;
  if (y <= THRESHOLD) {
    const ysq = y > X_SMALL ? y * y : 0;
    let num = A[4] * ysq;
    let den = ysq;
    for (let i = 0; i < 3; i++) {
      num = (num + A[i]) * ysq;
      den = (den + B[i]) * ysq;
    }
    return 1 - (x * (num + A[3])) / (den + B[3]);
  } else if (y <= 4) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]) * y;
      den = (den + D[i]) * y;
    }
    result = ((num + C[7]) / (den + D[7])) * expMinusSquare(y);
  } else if (y >= X_BIG) {
    result = 0;
  } else {
    const ysq = 1 / (y * y);
    let num = P[5] * ysq;
    let den = ysq;
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]) * ysq;
      den = (den + Q[i]) * ysq;
    }
    const r = (ysq * (num + P[4])) / (den + Q[4]);
    result = ((ONE_OVER_SQRT_PI - r) / y) * expMinusSquare(y);
  }
  return x < 0 ? 2 - result : result;
}

/** The standard normal distribution function Φ(z) = P(Z ≤ z), accurate in both tails. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** The two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|) = erfc(|z| ÷ √2). */
export function twoSidedPValue(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}

export interface ZTestResult {
  /** (p1 − p2) ÷ standard error; positive when the first proportion is the larger. */
  z: number | null;
  pValue: number | null;
}

function checkCount(x: number, n: number, which: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n${which} must be a non-negative integer, got ${n}`);
  if (!Number.isSafeInteger(x) || x < 0 || x > n) {
    throw new RangeError(`x${which} must be an integer from 0 to n${which} (${n}), got ${x}`);
  }
}

/**
 * Two-sided two-proportion z-test with pooled proportion: is x1/n1 different from x2/n2?
 *
 *   p = (x1 + x2) ÷ (n1 + n2),  z = (x1/n1 − x2/n2) ÷ √(p(1 − p)(1/n1 + 1/n2)),  pValue = P(|Z| ≥ |z|).
 *
 * - n1 or n2 is 0 (a side with no cases): z and pValue are null — there is nothing to test.
 * - pooled p is 0 or 1 (every case, or none, on both sides): the proportions are equal and the
 *   standard error is 0, so z (0 ÷ 0) is null and pValue is 1.
 * Counts must be integers with 0 ≤ x ≤ n (RangeError otherwise). The difference is taken as
 * (x1·n2 − x2·n1) ÷ (n1·n2), exact while those products stay below 2^53.
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): ZTestResult {
  checkCount(x1, n1, '1');
  checkCount(x2, n2, '2');
  if (n1 === 0 || n2 === 0) return { z: null, pValue: null };
  const x = x1 + x2;
  const n = n1 + n2;
  if (x === 0 || x === n) return { z: null, pValue: 1 };
  const pooled = x / n;
  const cross = x1 * n2 - x2 * n1;
  const difference = Number.isSafeInteger(x1 * n2) && Number.isSafeInteger(x2 * n1) && Number.isSafeInteger(n1 * n2)
    ? cross / (n1 * n2)
    : x1 / n1 - x2 / n2;
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = difference / standardError;
  return { z, pValue: twoSidedPValue(z) };
}
