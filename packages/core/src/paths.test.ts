import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from './analyzer.js';
import { FootfallError } from './errors.js';
import { byTime, ev } from '../test/journey-events.js';
import { createPaths, type PathsOptions } from './paths.js';

const run = (options: PathsOptions, events: NormalizedEvent[]) => {
  const p = createPaths(options);
  for (const e of events) p.add(e);
  return p.result();
};

describe('paths (docs/metrics.md#paths worked case)', () => {
  it('paths case: /a, /a, /b/, /a in one session → 1_/a→2_/b, 2_/b→3_/a, weight 1 each', () => {
    const r = run({}, [ev('p', 1, 'page:/a'), ev('p', 2, 'page:/a'), ev('p', 3, 'page:/b/'), ev('p', 4, 'page:/a')]);
    expect(r.links).toEqual([
      { source: '1_/a', target: '2_/b', value: 1 },
      { source: '2_/b', target: '3_/a', value: 1 },
    ]);
    expect(r.nodes).toEqual([
      { id: '1_/a', step: 1, item: '/a', count: 1 },
      { id: '2_/b', step: 2, item: '/b', count: 1 },
      { id: '3_/a', step: 3, item: '/a', count: 1 },
    ]);
    expect(r.transitions).toEqual([
      { from: '/a', to: '/b', count: 1 },
      { from: '/b', to: '/a', count: 1 },
    ]);
    expect(r.topPaths).toEqual([{ path: ['/a', '/b', '/a'], count: 1 }]);
  });
});

describe('paths behaviour', () => {
  const sessions = byTime([
    ev('p1', 1, 'page:/'), ev('p1', 2, 'page:/product/1'), ev('p1', 3, 'cart:add'), ev('p1', 4, 'page:/cart'),
    ev('p1', 5000, 'page:/', { session: 'p1-s2' }), ev('p1', 5001, 'click:#x', { session: 'p1-s2' }), ev('p1', 5002, 'page:/product/2', { session: 'p1-s2' }),
    ev('p2', 1, 'page:/product/3'), ev('p2', 2, 'track:signup'),
  ]);

  it('items are URL paths and type:name, cleaned first; clicks are not items; one path per session', () => {
    const r = run({ clean: [['/product/*', '/product/*']] }, sessions);
    expect(r.paths).toBe(3);
    expect(r.topPaths).toEqual([
      { path: ['/', '/product/*'], count: 1 },
      { path: ['/', '/product/*', 'cart:add', '/cart'], count: 1 },
      { path: ['/product/*', 'track:signup'], count: 1 },
    ]);
    expect(r.nodes.find((n) => n.id === '2_/product/*')!.count).toBe(2);
    expect(r.links.find((l) => l.source === '1_/' && l.target === '2_/product/*')!.value).toBe(2);
  });

  it('start cuts at the first occurrence, end cuts after it, steps limits the depth', () => {
    const clean: PathsOptions['clean'] = [[/^\/product\/\d+$/, '/product/*']];
    const fromProduct = run({ clean, start: '/product/*' }, sessions);
    expect(fromProduct.nodes.filter((n) => n.step === 1)).toEqual([{ id: '1_/product/*', step: 1, item: '/product/*', count: 3 }]);
    const toCartAdd = run({ clean, end: 'cart:add' }, sessions);
    expect(toCartAdd.topPaths).toEqual([{ path: ['/', '/product/*', 'cart:add'], count: 1 }]);
    const short = run({ clean, steps: 2 }, sessions);
    expect(Math.max(...short.nodes.map((n) => n.step))).toBe(2);
    expect(short.transitions.find((t) => t.from === 'cart:add')!.to).toBe('/cart');
    expect(() => createPaths({ steps: 0 })).toThrowError(FootfallError);
    // A string is a glob, never a regular expression: `(` is a literal, `^` too.
    expect(run({ clean: [['(', 'x'], ['^/product/*', 'x']] }, sessions)).toEqual(run({}, sessions));
  });

  it('result() does not consume open sessions', () => {
    const p = createPaths();
    p.add(ev('p', 1, 'page:/a'));
    expect(p.result().paths).toBe(1);
    p.add(ev('p', 2, 'page:/b'));
    expect(p.result().topPaths).toEqual([{ path: ['/a', '/b'], count: 1 }]);
  });
});

describe('paths properties', () => {
  it('shard-and-merge over a random person partition equals one run', () => {
    const arb = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 100 }), fc.constantFrom('page:/a', 'page:/b/', 'page:/c', 'cart:add', 'click:#k')), { maxLength: 60 })
      .map((rows) => rows.sort((a, b) => a[1] - b[1] || a[2] - b[2]).map(([p, s, t, what]) => ev(`p${p}`, s * 1000 + t, what, { session: `p${p}-${s}` })));
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 4 }), fc.constantFrom({}, { start: '/b' }, { steps: 2, end: 'cart:add' }), (events, shards, options) => {
        const whole = run(options, events);
        const parts = Array.from({ length: shards }, () => createPaths(options));
        for (const e of events) parts[Number(e.person.slice(1)) % shards].add(e);
        const merged = parts.reduce((acc, p) => acc.merge(JSON.parse(JSON.stringify(p.state))), createPaths(options));
        expect(merged.result()).toEqual(whole);
      }),
      { numRuns: 150 },
    );
  });
});
