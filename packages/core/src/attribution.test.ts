import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from './analyzer.js';
import { byCredit, createAttribution, type AttributionOptions, type AttributionResult } from './attribution.js';
import { FootfallError } from './errors.js';
import { ev } from '../test/journey-events.js';

const GA = 'google/cpc';
const MAIL = 'newsletter/email';
const D = 86_400;

/** A person's sessions: `[channel, converts]`, one day apart. */
function person(id: string, sessions: Array<[string, boolean]>): NormalizedEvent[] {
  return sessions.flatMap(([channel, converts], i) => {
    const o = { session: `${id}-${i}`, channel };
    const page = ev(id, i * D, 'page:/', o);
    return converts ? [page, ev(id, i * D + 60, 'cart:purchase', o)] : [page];
  });
}

/** The docs/metrics.md#attribution case: GA (2 conversions), Mail (1), GA>Mail (1), GA (1 non-conversion). */
const workedCase = [
  ...person('u1', [[GA, true]]),
  ...person('u2', [[GA, true]]),
  ...person('u3', [[MAIL, true]]),
  ...person('u4', [[GA, false], [MAIL, true]]),
  ...person('u5', [[GA, false]]),
];

const run = (options: AttributionOptions, events: NormalizedEvent[]) => {
  const a = createAttribution(options);
  for (const e of events) a.add(e);
  return a.result();
};
const credit = (r: AttributionResult) => Object.fromEntries(r.channels.map((c) => [c.channel, c.conversions]));

describe('attribution (docs/metrics.md#attribution worked case)', () => {
  it('attribution case: Markov P(conv) 0.8, removal effects GA 0.75 / Mail 0.5, credit 2.4 / 1.6', () => {
    const r = run({ model: 'markov' }, workedCase);
    expect(r.conversionProbability).toBeCloseTo(0.8, 12);
    expect(r.channels.map((c) => c.channel)).toEqual([GA, MAIL]);
    expect(r.channels[0].removalEffect).toBeCloseTo(0.75, 12);
    expect(r.channels[1].removalEffect).toBeCloseTo(0.5, 12);
    expect(r.channels[0].conversions).toBeCloseTo(2.4, 12);
    expect(r.channels[1].conversions).toBeCloseTo(1.6, 12);
  });

  it('attribution case: first touch 3/1, last touch 2/2, linear 2.5/1.5', () => {
    expect(credit(run({ model: 'first' }, workedCase))).toEqual({ [GA]: 3, [MAIL]: 1 });
    expect(credit(run({ model: 'last' }, workedCase))).toEqual({ [GA]: 2, [MAIL]: 2 });
    expect(credit(run({ model: 'linear' }, workedCase))).toEqual({ [GA]: 2.5, [MAIL]: 1.5 });
    expect(run({ model: 'first' }, workedCase).channels[0].removalEffect).toBeUndefined();
    expect(run({ model: 'linear' }, workedCase).conversionProbability).toBeCloseTo(0.8, 12);
  });
});

describe('attribution behaviour', () => {
  it('position-based gives 40/20/40, two touches 50/50, one touch 100 %', () => {
    const three = person('p', [['a', false], ['b', false], ['c', true]]);
    expect(credit(run({ model: 'position' }, three))).toEqual({ a: 0.4, b: 0.2, c: 0.4 });
    expect(credit(run({ model: 'position' }, person('p', [['a', false], ['b', true]])))).toEqual({ a: 0.5, b: 0.5 });
    expect(credit(run({ model: 'position' }, person('p', [['a', true]])))).toEqual({ a: 1 });
  });

  it('time decay halves the weight of a touch 7 days older', () => {
    const events = [ev('p', 0, 'page:/', { session: 's1', channel: 'old' }), ev('p', 7 * D, 'cart:purchase', { session: 's2', channel: 'new' })];
    const c = credit(run({ model: 'time-decay' }, events));
    expect(c.new).toBeCloseTo(2 / 3, 12);
    expect(c.old).toBeCloseTo(1 / 3, 12);
  });

  it('a journey restarts after each conversion; no channel means direct; a custom conversion step', () => {
    const events = [
      ev('p', 0, 'page:/', { session: 's1', channel: 'a' }), ev('p', 10, 'track:signup', { session: 's1', channel: 'a' }),
      ev('p', D, 'page:/', { session: 's2' }), ev('p', D + 10, 'track:signup', { session: 's2' }),
    ];
    expect(credit(run({ model: 'last', conversion: 'track:signup' }, events))).toEqual({ a: 1, direct: 1 });
    expect(credit(run({ model: 'first', conversion: 'track:signup' }, events))).toEqual({ a: 1, direct: 1 });
    expect(() => createAttribution({ model: 'shapley' as 'markov' })).toThrowError(FootfallError);
    expect(() => createAttribution({ conversion: 'buy' })).toThrowError(/not a step/);
  });
});

describe('attribution properties', () => {
  it('lists tied channels by name whatever the summation order', () => {
    const events = [
      ...person('p0', [['d', false]]),
      ...person('p1', [['b', true], ['c', true]]),
      ...person('p2', [['a', false], ['a', false], ['a', true], ['d', true]]),
    ];
    const shard = (keep: (p: string) => boolean) => {
      const a = createAttribution();
      for (const e of events) if (keep(e.person)) a.add(e);
      return a;
    };
    const merged = shard((p) => p === 'p1').merge(shard((p) => p !== 'p1').state);
    expect(run({}, events).channels.map((c) => c.channel)).toEqual(['a', 'b', 'c', 'd']);
    expect(merged.result().channels.map((c) => c.channel)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('treats credits equal up to float noise as a tie even on a 1e-9 grid midpoint', () => {
    const k = 1 / 1024; // k × 1e9 = 976562.5: rounding to 1e-9 would split k and k − 1 ulp
    const below = k - Number.EPSILON * k;
    expect(byCredit([{ channel: 'b', conversions: k }, { channel: 'a', conversions: below }]).map((c) => c.channel)).toEqual(['a', 'b']);
    expect(byCredit([{ channel: 'b', conversions: below }, { channel: 'a', conversions: k }]).map((c) => c.channel)).toEqual(['a', 'b']);
    expect(byCredit([{ channel: 'a', conversions: 1 }, { channel: 'b', conversions: 2 }, { channel: 'c', conversions: 2 - 1e-15 }]).map((c) => c.channel)).toEqual(['b', 'c', 'a']);
  });

  it('shard-and-merge over a random person partition equals one run', () => {
    const arb = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 7 }), fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.boolean()), { minLength: 1, maxLength: 4 })),
      { maxLength: 20 },
    );
    // Merging sums credits and solves the chain in another order: equal up to float noise, listed in the same order.
    const close = (a: number | undefined, b: number | undefined) => a === b || Math.abs(a! - b!) <= 1e-12 * Math.max(1, Math.abs(b!));
    const same = (merged: AttributionResult, whole: AttributionResult) => {
      expect(merged.channels.map((c) => c.channel)).toEqual(whole.channels.map((c) => c.channel));
      expect(close(merged.conversionProbability, whole.conversionProbability)).toBe(true);
      merged.channels.forEach((c, i) => {
        expect(close(c.conversions, whole.channels[i].conversions), `${c.channel}: ${c.conversions} vs ${whole.channels[i].conversions}`).toBe(true);
        expect(close(c.removalEffect, whole.channels[i].removalEffect)).toBe(true);
      });
    };
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 4 }), fc.constantFrom<AttributionOptions['model']>('markov', 'linear', 'time-decay', 'position'), (people, shards, model) => {
        const byPerson = new Map<string, NormalizedEvent[]>();
        for (const [p, sessions] of people) byPerson.set(`p${p}`, person(`p${p}`, sessions));
        const events = [...byPerson.values()].flat();
        const whole = run({ model }, events);
        const parts = Array.from({ length: shards }, () => createAttribution({ model }));
        for (const e of events) parts[Number(e.person.slice(1)) % shards].add(e);
        const merged = parts.reduce((acc, p) => acc.merge(JSON.parse(JSON.stringify(p.state))), createAttribution({ model }));
        same(merged.result(), whole);
      }),
      { numRuns: 150 },
    );
  });
});
