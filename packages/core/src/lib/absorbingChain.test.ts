import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { absorptionProbabilities, type TransitionCounts } from './absorbingChain.js';

/** The same counts with the states (and each row's targets) inserted in another order. */
const reordered = (counts: TransitionCounts, order: number[]): TransitionCounts => {
  const keys = Object.keys(counts);
  const pick = <T>(list: T[]) => list.map((_, i) => list[order[i % order.length] % list.length]).filter((x, i, all) => all.indexOf(x) === i).concat(list).filter((x, i, all) => all.indexOf(x) === i);
  return Object.fromEntries(pick(keys).map((k) => [k, Object.fromEntries(pick(Object.keys(counts[k])).map((t) => [t, counts[k][t]]))]));
};

describe('absorptionProbabilities', () => {
  it('solves a small chain exactly', () => {
    const p = absorptionProbabilities({ start: { a: 1 }, a: { conv: 1, null: 1 } }, 'conv');
    expect(p.get('start')).toBeCloseTo(0.5, 15);
    expect(p.get('a')).toBeCloseTo(0.5, 15);
  });

  it('gives the same bits whatever order the states were first seen in (merged shards = one run)', () => {
    const state = fc.constantFrom('start', '/', '/a', '/b', '/c', 'cart', 'conv', 'null');
    const counts = fc
      .array(fc.tuple(state, state, fc.integer({ min: 1, max: 50 })), { minLength: 1, maxLength: 40 })
      .map((rows) => {
        const c: Record<string, Record<string, number>> = {};
        for (const [from, to, n] of rows) if (from !== 'conv' && from !== 'null') (c[from] ??= {})[to] = (c[from][to] ?? 0) + n;
        return c;
      });
    fc.assert(
      fc.property(counts, fc.array(fc.nat(20), { minLength: 1, maxLength: 10 }), (c, order) => {
        const a = absorptionProbabilities(c, 'conv');
        const b = absorptionProbabilities(reordered(c, order), 'conv');
        expect([...b.entries()].sort()).toEqual([...a.entries()].sort());
      }),
      { numRuns: 300 },
    );
  });
});
