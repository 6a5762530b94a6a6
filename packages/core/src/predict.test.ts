import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from './analyzer.js';
import { ev } from '../test/journey-events.js';
import { createJourneyModel, predict } from './predict.js';

/** One session per row: its items. */
function sessions(rows: string[][]): NormalizedEvent[] {
  return rows.flatMap((items, s) => items.map((what, i) => ev(`p${s % 3}`, s * 10_000 + i, what, { session: `s${s}` })));
}

describe('journey model and predict', () => {
  // 4 sessions: / → /product → cart:add → purchase (×2), / → /product → exit, / → exit.
  const history = [
    ['page:/', 'page:/product/1', 'cart:add', 'cart:purchase'],
    ['page:/', 'page:/product/2', 'cart:add', 'cart:purchase'],
    ['page:/', 'page:/product/3'],
    ['page:/'],
  ];
  const sorted = (rows: string[][]) => sessions(rows).sort((a, b) => a.person.localeCompare(b.person) || a.ts - b.ts);

  it('fits the first-order chain with absorbing conversion and exit states', () => {
    const fit = createJourneyModel({ clean: [['/product/*', '/product/*']] });
    for (const e of sorted(history)) fit.add(e);
    const model = fit.result();
    expect(model.sessions).toBe(4);
    expect(model.chain['(start)']).toEqual({ '/': 4 });
    expect(model.chain['/']).toEqual({ '/product/*': 3, '(exit)': 1 });
    expect(model.chain['/product/*']).toEqual({ 'cart:add': 2, '(exit)': 1 });
    expect(model.chain['cart:add']).toEqual({ '(conversion)': 2 });
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });

  it('predicts the conversion probability from the current item and the likely next items', () => {
    const fit = createJourneyModel({ clean: [['/product/*', '/product/*']] });
    for (const e of sorted(history)) fit.add(e);
    const model = fit.result();
    expect(predict(model, []).conversionProbability).toBeCloseTo(0.5, 12);
    const atHome = predict(model, [ev('x', 1, 'page:/')]);
    expect(atHome.conversionProbability).toBeCloseTo(0.5, 12);
    expect(atHome.next).toEqual([{ item: '/product/*', probability: 0.75 }, { item: '(exit)', probability: 0.25 }]);
    expect(predict(model, [ev('x', 1, 'page:/'), ev('x', 2, 'page:/product/9')]).conversionProbability).toBeCloseTo(2 / 3, 12);
    expect(predict(model, [ev('x', 1, 'cart:add')]).conversionProbability).toBeCloseTo(1, 12);
    expect(predict(model, [ev('x', 1, 'cart:purchase')])).toEqual({ conversionProbability: 1, next: [] });
    expect(predict(model, [ev('x', 1, 'page:/never-seen')]).conversionProbability).toBeCloseTo(0.5, 12);
  });

  it('shard-and-merge over a random person partition equals one run', () => {
    const arb = fc.array(fc.array(fc.constantFrom('page:/', 'page:/a', 'cart:add', 'cart:purchase', 'click:#x'), { minLength: 1, maxLength: 5 }), { maxLength: 12 });
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 3 }), (rows, shards) => {
        const events = sorted(rows);
        const whole = createJourneyModel();
        for (const e of events) whole.add(e);
        const parts = Array.from({ length: shards }, () => createJourneyModel());
        for (const e of events) parts[Number(e.person.slice(1)) % shards].add(e);
        const merged = parts.reduce((acc, p) => acc.merge(JSON.parse(JSON.stringify(p.state))), createJourneyModel());
        const canon = (m: ReturnType<typeof whole.result>) => JSON.stringify(Object.entries(m.chain).map(([k, r]) => [k, Object.entries(r).sort()]).sort());
        expect(canon(merged.result())).toEqual(canon(whole.result()));
        expect(merged.result().sessions).toBe(whole.result().sessions);
      }),
      { numRuns: 100 },
    );
  });
});
