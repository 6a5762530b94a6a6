import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptySketch, SKETCH_EXACT_LIMIT, sketchAdd, sketchMean, sketchMerge, sketchQuantile } from './sketch.js';

const nearestRank = (values: number[], q: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(1, Math.ceil(q * s.length)) - 1];
};

describe('quantile sketch', () => {
  it('is exact (nearest rank) below the limit', () => {
    const s = emptySketch();
    for (const v of [5, 1, 4, 2, 3]) sketchAdd(s, v);
    expect(sketchQuantile(s, 0.5)).toBe(3);
    expect(sketchQuantile(s, 0.75)).toBe(4);
    expect(sketchQuantile(s, 0)).toBe(1);
    expect(sketchQuantile(s, 1)).toBe(5);
    expect(sketchMean(s)).toBe(3);
    expect(sketchQuantile(emptySketch(), 0.5)).toBeNull();
  });

  it('stays within 1% relative error above the limit, negatives and zeros included', () => {
    const s = emptySketch();
    const values: number[] = [];
    let x = 7;
    for (let i = 0; i < SKETCH_EXACT_LIMIT * 3; i++) {
      x = (x * 48271) % 2147483647;
      const v = i % 50 === 0 ? 0 : i % 7 === 0 ? -(x % 5000) : (x % 100000) / 10;
      values.push(v);
      sketchAdd(s, v);
    }
    expect(s.exact).toBeNull();
    for (const q of [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99]) {
      const truth = nearestRank(values, q);
      expect(Math.abs((sketchQuantile(s, q) as number) - truth)).toBeLessThanOrEqual(0.01 * Math.abs(truth) + 1e-9);
    }
  });

  it('merges shards into exactly the one-run sketch (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 100000 }), { maxLength: 300 }), fc.array(fc.nat(), { maxLength: 300 }), (values, cuts) => {
        const one = emptySketch();
        for (const v of values) sketchAdd(one, v);
        const a = emptySketch();
        const b = emptySketch();
        values.forEach((v, i) => sketchAdd((cuts[i] ?? 0) % 2 ? a : b, v));
        sketchMerge(a, b);
        for (const q of [0, 0.25, 0.5, 0.75, 0.99, 1]) expect(sketchQuantile(a, q)).toBe(sketchQuantile(one, q));
        expect(a.n).toBe(one.n);
      }),
      { numRuns: 100 },
    );
  });

  it('merges across the exact limit into the same buckets as one run', () => {
    const one = emptySketch();
    const a = emptySketch();
    const b = emptySketch();
    for (let i = 0; i < 12_000; i++) {
      const v = (i * 7919) % 10007;
      sketchAdd(one, v);
      sketchAdd(i < 6000 ? a : b, v);
    }
    sketchMerge(a, b);
    expect(a.exact).toBeNull();
    expect(a.pos).toEqual(one.pos);
    expect(a.zero).toBe(one.zero);
    expect(sketchQuantile(a, 0.75)).toBe(sketchQuantile(one, 0.75));
  });
});
