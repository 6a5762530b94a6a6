import { describe, expect, it } from 'vitest';
import { erfc, normalCdf, twoProportionZTest } from './stats.js';

describe('stats', () => {
  it('normal CDF matches known values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-2.575829304)).toBeCloseTo(0.005, 6);
    expect(normalCdf(3)).toBeCloseTo(0.998650102, 6);
    // small tails keep relative accuracy
    expect(erfc(5 / Math.SQRT2) / 5.733031438e-7).toBeCloseTo(1, 5);
  });

  it('two-proportion z-test', () => {
    // 18/100 vs 46/100: pooled p 0.32, se 0.06597, z −4.244
    const t = twoProportionZTest(18, 100, 46, 100);
    expect(t.z).toBeCloseTo(-4.2443, 3);
    expect(t.pValue).toBeCloseTo(2.193e-5, 7);
    expect(twoProportionZTest(50, 100, 50, 100).pValue).toBeCloseTo(1, 6);
    expect(twoProportionZTest(0, 0, 5, 10)).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionZTest(0, 10, 0, 10)).toEqual({ z: 0, pValue: 1 });
  });
});
