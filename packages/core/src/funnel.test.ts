import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from './analyzer.js';
import { FootfallError } from './errors.js';
import { createFunnel, type FunnelOptions } from './funnel.js';
import { byTime, ev } from '../test/journey-events.js';

const ABC = ['page:/a', 'page:/b', 'page:/c'];
const AB = ['page:/a', 'page:/b'];
const H = 3600;
const run = (options: FunnelOptions, events: NormalizedEvent[]) => {
  const f = createFunnel(options);
  for (const e of events) f.add(e);
  return f.result();
};
const counts = (r: ReturnType<typeof run>) => r.steps.map((s) => s.count);

describe('funnel (docs/metrics.md#funnels worked cases)', () => {
  it('funnel case 1: A@100, A@700, B@1300 converts, time to convert 600 s from the latest A', () => {
    const r = run({ steps: AB }, [ev('p', 100, 'page:/a'), ev('p', 700, 'page:/a'), ev('p', 1300, 'page:/b')]);
    expect(counts(r)).toEqual([1, 1]);
    expect(r.steps[1].avgTimeMs).toBe(600_000);
    expect(r.steps[1].medianTimeMs).toBe(600_000);
    expect(r.windowMs).toBe(14 * 86_400_000);
  });

  it('funnel case 2: the window is inclusive (B at start + 300 s converts, + 301 s does not)', () => {
    expect(counts(run({ steps: AB, windowMs: 300_000 }, [ev('p', 100, 'page:/a'), ev('p', 400, 'page:/b')]))).toEqual([1, 1]);
    expect(counts(run({ steps: AB, windowMs: 300_000 }, [ev('p', 100, 'page:/a'), ev('p', 401, 'page:/b')]))).toEqual([1, 0]);
  });

  it('funnel case 3: strict resets on another seen event between steps; ordered converts', () => {
    const events = [ev('p', 1, 'page:/a'), ev('p', 2, 'page:/x'), ev('p', 3, 'page:/b')];
    expect(counts(run({ steps: AB, mode: 'strict' }, events))).toEqual([1, 0]);
    expect(counts(run({ steps: AB, mode: 'ordered' }, events))).toEqual([1, 1]);
    // Instrumentation events (clicks) are not seen by a strict funnel that has no click step.
    const withClick = [ev('p', 1, 'page:/a'), ev('p', 2, 'click:#menu'), ev('p', 3, 'page:/b')];
    expect(counts(run({ steps: AB, mode: 'strict' }, withClick))).toEqual([1, 1]);
    expect(run({ steps: AB, mode: 'strict' }, events).mode).toBe('strict');
  });

  it('funnel case 4: an exclusion inside the attempt removes the person unless a later clean attempt reaches the level', () => {
    const o = { steps: AB, exclude: ['track:x'] };
    const removed = run(o, [ev('p', 1, 'page:/a'), ev('p', 2, 'track:x'), ev('p', 3, 'page:/b')]);
    expect(counts(removed)).toEqual([0, 0]);
    expect(removed.persons).toBe(1);
    expect(counts(run(o, [ev('p', 1, 'page:/a'), ev('p', 2, 'track:x'), ev('p', 3, 'page:/a'), ev('p', 4, 'page:/b')]))).toEqual([1, 1]);
    expect(counts(run(o, [ev('p', 1, 'page:/a'), ev('p', 2, 'page:/b'), ev('p', 3, 'track:x')]))).toEqual([1, 1]);
  });

  it('funnel case 5: signup → pageview, three persons, 14 d and 5 min windows', () => {
    const steps = ['track:signup', 'page'];
    const events = byTime([
      ev('p1', 14 * H, 'track:signup'), ev('p1', 14 * H + 300, 'page:/home'),
      ev('p2', 14 * H, 'track:signup'),
      ev('p3', 12 * H, 'track:signup'), ev('p3', 12 * H + 900, 'page:/home'),
    ]);
    const wide = run({ steps }, events);
    expect(counts(wide)).toEqual([3, 2]);
    expect(wide.steps[1].avgTimeMs).toBe(600_000);
    expect(wide.steps[1].conversion).toBeCloseTo(2 / 3, 12);
    const narrow = run({ steps, windowMs: 300_000 }, events);
    expect(counts(narrow)).toEqual([3, 1]);
    expect(narrow.steps[1].avgTimeMs).toBe(300_000);
  });

  it('funnel case 6: average and median time per step over persons', () => {
    const events = byTime([
      ev('p1', 12 * H, 'page:/a'), ev('p1', 13 * H, 'page:/b'), ev('p1', 15 * H, 'page:/c'),
      ev('p2', 14 * H, 'page:/a'), ev('p2', 16 * H, 'page:/b'),
      ev('p3', 14 * H, 'page:/a'), ev('p3', 16 * H, 'page:/b'), ev('p3', 17 * H, 'page:/c'),
    ]);
    const r = run({ steps: ABC }, events);
    expect(counts(r)).toEqual([3, 3, 2]);
    expect(r.steps[1]).toMatchObject({ avgTimeMs: 6_000_000, medianTimeMs: 7_200_000 });
    expect(r.steps[2]).toMatchObject({ avgTimeMs: 5_400_000, medianTimeMs: 5_400_000 });
    expect(r.steps[0]).toMatchObject({ avgTimeMs: null, medianTimeMs: null, conversion: 1, fromPrevious: 1 });
  });

  it('funnel case 7: converted on day 1, incomplete tries on days 3 and 4 → converted, step-2 time from the first full attempt', () => {
    const D = 86_400;
    const events = [
      ev('p', D, 'page:/a'), ev('p', D + H, 'page:/b'), ev('p', D + 2 * H, 'page:/c'),
      ev('p', 3 * D, 'page:/a'), ev('p', 3 * D + 10, 'page:/b'),
      ev('p', 4 * D, 'page:/a'),
    ];
    const r = run({ steps: ABC, windowMs: 86_400_000 }, events);
    expect(counts(r)).toEqual([1, 1, 1]);
    expect(r.steps[1].avgTimeMs).toBe(3_600_000);
    expect(r.steps[2].avgTimeMs).toBe(3_600_000);
  });
});

describe('funnel behaviour', () => {
  it('one event never advances an attempt two steps', () => {
    const r = run({ steps: ['page:/a', 'page', 'page'] }, [ev('p', 1, 'page:/a'), ev('p', 2, 'page:/b')]);
    expect(counts(r)).toEqual([1, 1, 0]);
  });

  it('unordered counts distinct steps within the window, from any first step', () => {
    const o: FunnelOptions = { steps: ABC, mode: 'unordered', windowMs: 100_000 };
    expect(counts(run(o, [ev('p', 1, 'page:/c'), ev('p', 2, 'page:/a'), ev('p', 3, 'page:/b')]))).toEqual([1, 1, 1]);
    expect(counts(run(o, [ev('p', 1, 'page:/c'), ev('p', 2, 'page:/c'), ev('p', 500, 'page:/b')]))).toEqual([1, 0, 0]);
    const t = run(o, [ev('p', 1, 'page:/b'), ev('p', 11, 'page:/a'), ev('p', 41, 'page:/c')]);
    expect(t.steps.map((s) => s.avgTimeMs)).toEqual([null, 10_000, 30_000]);
  });

  it('breaks down by first touch: props, top-level field, channel, device', () => {
    const events = byTime([
      ev('p1', 1, 'page:/a', { props: { plan: 'pro' }, channel: 'google/cpc', device: 'mobile' }),
      ev('p1', 2, 'page:/a', { props: { plan: 'free' } }),
      ev('p1', 3, 'page:/b'),
      ev('p2', 1, 'page:/a', { channel: 'direct', device: 'desktop' }),
      ev('p3', 1, 'page:/a', { props: { plan: 'free' }, channel: 'direct', device: 'desktop' }),
    ]);
    const plan = run({ steps: AB, breakdown: 'plan' }, events).breakdown!;
    expect(plan.map((g) => [g.value, g.steps.map((s) => s.count)])).toEqual([
      ['(none)', [1, 0]], ['free', [1, 0]], ['pro', [1, 1]],
    ]);
    const channel = run({ steps: AB, breakdown: 'channel' }, events).breakdown!;
    expect(channel.map((g) => [g.value, g.steps[0].count, g.steps[1].count])).toEqual([['direct', 2, 0], ['google/cpc', 1, 1]]);
    const device = run({ steps: AB, breakdown: 'device' }, events).breakdown!;
    expect(device.map((g) => g.value)).toEqual(['desktop', 'mobile']);
    expect(run({ steps: AB }, events).breakdown).toBeNull();
    expect(run({ steps: AB, breakdown: 'anonymousId' }, events).breakdown!.map((g) => g.value)).toEqual(['p1', 'p2', 'p3']);
  });

  it('counts persons seen without entering, and rejects bad options with FootfallError', () => {
    const r = run({ steps: AB }, [ev('p1', 1, 'page:/b'), ev('p2', 1, 'page:/a')]);
    expect(r.persons).toBe(2);
    expect(counts(r)).toEqual([1, 0]);
    expect(() => createFunnel({ steps: [] })).toThrowError(FootfallError);
    expect(() => createFunnel({ steps: ['pgae:/'] })).toThrowError(/not a step/);
    expect(() => createFunnel({ steps: AB, mode: 'loose' as 'strict' })).toThrowError(/mode/);
    const a = createFunnel({ steps: AB });
    expect(() => a.merge(createFunnel({ steps: ABC }))).toThrowError(/different options/);
  });

  it('has a JSON state that survives a round trip', () => {
    const a = createFunnel({ steps: AB });
    a.add(ev('p', 1, 'page:/a'));
    const b = createFunnel({ steps: AB }).merge(JSON.parse(JSON.stringify(a.state)));
    b.add(ev('p', 2, 'page:/b'));
    expect(counts(b.result())).toEqual([1, 1]);
  });
});

const ITEMS = ['page:/a', 'page:/b', 'page:/c', 'page:/x', 'track:x', 'click:#k'];
const arbEvents = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 400 }), fc.constantFrom(...ITEMS)), { maxLength: 60 })
  .map((rows) => byTime(rows.map(([p, t, what]) => ev(`p${p}`, t, what))));

describe('funnel properties', () => {
  const optionsArb = fc.record({
    mode: fc.constantFrom('ordered' as const, 'strict' as const, 'unordered' as const),
    windowMs: fc.constantFrom(50_000, 200_000),
    exclude: fc.constantFrom([], ['track:x']),
    breakdown: fc.constantFrom(undefined, 'anonymousId'),
  });

  it('shard-and-merge over a random person partition equals one run', () => {
    fc.assert(
      fc.property(arbEvents, optionsArb, fc.integer({ min: 1, max: 4 }), fc.integer(), (events, o, shards, salt) => {
        const options = { steps: ABC, ...o };
        const whole = run(options, events);
        const parts = Array.from({ length: shards }, () => createFunnel(options));
        for (const e of events) parts[Math.abs(hash(e.person) ^ salt) % shards].add(e);
        const merged = parts.reduce((acc, p) => acc.merge(JSON.parse(JSON.stringify(p.state))), createFunnel(options));
        expect(merged.result()).toEqual(whole);
      }),
      { numRuns: 150 },
    );
  });

  it('counts never increase along the steps', () => {
    fc.assert(
      fc.property(arbEvents, optionsArb, (events, o) => {
        const c = counts(run({ steps: ABC, ...o }, events));
        for (let k = 1; k < c.length; k++) expect(c[k]).toBeLessThanOrEqual(c[k - 1]);
      }),
      { numRuns: 200 },
    );
  });
});

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}
