import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ev } from '../test/make-events.js';
import { oneRunAndMerged } from '../test/merge-property.js';
import { createVitals, rateVital } from './vitals.js';

describe('web vitals', () => {
  it('rates by the web-vitals thresholds (docs/metrics.md#web-vitals case)', () => {
    expect(rateVital('LCP', 2500)).toBe('good');
    expect(rateVital('LCP', 2501)).toBe('needs-improvement');
    expect(rateVital('LCP', 4000)).toBe('needs-improvement');
    expect(rateVital('LCP', 4001)).toBe('poor');
    expect(rateVital('CLS', 0.1)).toBe('good');
    expect(rateVital('CLS', 0.25)).toBe('needs-improvement');
    expect(rateVital('CLS', 0.2501)).toBe('poor');
    expect(rateVital('INP', 201)).toBe('needs-improvement');
    expect(rateVital('FCP', 3001)).toBe('poor');
    expect(rateVital('TTFB', 800)).toBe('good');
    expect(rateVital('LOAD', 9000)).toBeUndefined();
  });

  it('reports p75 (nearest rank) and rating shares per page and overall', () => {
    const v = createVitals();
    const lcp = [1000, 2000, 3000, 5000];
    lcp.forEach((value, i) => v.add(ev('vitals', `p${i}`, `s${i}`, i, '/a', { metric: 'LCP', value, rating: 'good' })));
    v.add(ev('vitals', 'p9', 's9', 9, '/b?x=1', { metric: 'CLS', value: 0.3, rating: 'poor' }));
    v.add(ev('vitals', 'p9', 's9', 10, '/b', { metric: 'LOAD', value: 3000, rating: 'good' }));
    const r = v.result();
    expect(r.pages.map((p) => p.path)).toEqual(['/a', '/b']);
    expect(r.pages[0].vitals.LCP).toEqual({ p75: 3000, good: 0.5, needsImprovement: 0.25, poor: 0.25, samples: 4 });
    expect(r.pages[1].vitals).toEqual({ CLS: { p75: 0.3, good: 0, needsImprovement: 0, poor: 1, samples: 1 } });
    expect(r.overall.LCP?.samples).toBe(4);
  });

  const vitalsEvents = fc.array(
    fc.record({
      person: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      path: fc.constantFrom('/', '/x', '/y'),
      metric: fc.constantFrom('LCP', 'INP', 'CLS', 'FCP', 'TTFB', 'LOAD'),
      value: fc.integer({ min: 0, max: 6000 }),
    }),
    { maxLength: 120 },
  );

  it('shard-and-merge equals one run; rating shares sum to 1 (property)', () => {
    fc.assert(
      fc.property(vitalsEvents, fc.integer({ min: 1, max: 4 }), (rows, k) => {
        const events = rows.map((r, i) => ev('vitals', r.person, `${r.person}1`, i, r.path, { metric: r.metric, value: r.metric === 'CLS' ? r.value / 10000 : r.value, rating: 'good' }));
        const [one, merged] = oneRunAndMerged(createVitals, events, k);
        expect(merged).toEqual(one);
        for (const p of one.pages)
          for (const s of Object.values(p.vitals)) expect(s.good + s.needsImprovement + s.poor).toBeCloseTo(1, 12);
      }),
      { numRuns: 100 },
    );
  });
});

describe('merge guard', () => {
  it('refuses to merge states made with other options', async () => {
    const { createHeatmap } = await import('./heatmap.js');
    expect(() => createHeatmap({ page: '/a' }).merge(createHeatmap({ page: '/b' }))).toThrow(/different options/);
  });
});
