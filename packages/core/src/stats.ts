/**
 * Small statistics used by the bottleneck scores: the normal CDF and the two-proportion
 * z-test.
 */

/**
 * Complementary error function, Chebyshev fit (Numerical Recipes `erfcc`): fractional
 * error below 1.2e-7 everywhere, so small p-values stay accurate in relative terms.
 *
 * @example
 * ```ts
 * erfc(0); // 1
 * ```
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/**
 * The standard normal cumulative distribution function Φ(z).
 *
 * @example
 * ```ts
 * normalCdf(1.959964); // ≈ 0.975
 * ```
 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** The outcome of a two-proportion z-test. */
export interface ZTest {
  /** `p1 − p2` over its pooled standard error; 0 when undefined. */
  z: number;
  /** Two-sided p-value, `2 · (1 − Φ(|z|))`; 1 when the test is undefined. */
  pValue: number;
}

/**
 * Two-proportion z-test with pooled variance: `x1` successes of `n1` against `x2` of `n2`.
 *
 * @example
 * ```ts
 * twoProportionZTest(18, 100, 46, 100).pValue; // ≈ 2.4e-5
 * ```
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): ZTest {
  if (n1 <= 0 || n2 <= 0) return { z: 0, pValue: 1 };
  const p = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return { z: 0, pValue: 1 };
  const z = (x1 / n1 - x2 / n2) / se;
  return { z, pValue: Math.min(1, erfc(Math.abs(z) / Math.SQRT2)) };
}
