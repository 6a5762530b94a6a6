import { describe, expect, it } from 'vitest';
import { click, ev } from '../test/make-events.js';
import { assertMergeEqualsOneRun } from '../test/merge-property.js';
import { createPages } from './pages.js';

const run = (events: ReturnType<typeof ev>[]) => {
  const p = createPages();
  for (const e of events) p.add(e);
  return Object.fromEntries(p.result().pages.map((x) => [x.path, x]));
};

describe('pages', () => {
  it('bounce and exit rates (docs/metrics.md#pages case)', () => {
    const sessions = ['B>A>C', 'B', 'A>C>B', 'C', 'B>C>A'];
    const events = sessions.flatMap((s, i) => s.split('>').map((p, j) => ev('page', `p${i}`, `s${i}`, 1000 * j, `/${p}`)));
    const r = run(events);
    expect(r['/A'].bounceRate).toBe(0);
    expect(r['/B'].bounceRate).toBeCloseTo(1 / 3, 12);
    expect(r['/C'].bounceRate).toBe(1);
    expect(r['/A'].exitRate).toBeCloseTo(1 / 3, 12);
    expect(r['/B'].exitRate).toBe(0.5);
    expect(r['/C'].exitRate).toBe(0.5);
    expect([r['/A'].views, r['/B'].views, r['/C'].views]).toEqual([3, 4, 4]);
    expect(r['/B'].sessions).toBe(4);
  });

  it('time on page runs to the next view; the last view is left out', () => {
    const r = run([ev('page', 'p', 's', 0, '/a'), ev('page', 'p', 's', 4000, '/b'), ev('page', 'p', 's', 10_000, '/a'), ev('page', 'p', 's', 12_000, '/c')]);
    expect(r['/a'].avgTimeMs).toBe(3000); // (4000 + 2000) / 2
    expect(r['/b'].avgTimeMs).toBe(6000);
    expect(r['/c'].avgTimeMs).toBeNull();
  });

  it('counts rage runs, dead clicks, scroll depth and vitals on the page of their URL', () => {
    const r = run([
      ev('page', 'p', 's', 0, '/a'),
      click('p', 's', 100, '/a', 100, 100),
      click('p', 's', 1000, '/a', 110, 105),
      click('p', 's', 1900, '/a', 120, 110),
      click('p', 's', 2000, '/a', 121, 110, { dead: true }),
      ev('scroll', 'p', 's', 3000, '/a', { depth: 40, px: 1200, dh: 3000, vh: 800 }),
      ev('vitals', 'p', 's', 3000, '/a', { metric: 'LCP', value: 4500, rating: 'poor' }),
      ev('page', 'q', 't', 0, '/a'),
      ev('scroll', 'q', 't', 3000, '/a', { depth: 80, px: 2400, dh: 3000, vh: 800 }),
      ev('scroll', 'r', 'u', 3000, '/a', { depth: 100, px: 3000, dh: 3000, vh: 800 }),
    ]);
    expect(r['/a'].rageClicks).toBe(1);
    expect(r['/a'].deadClicks).toBe(1);
    expect(r['/a'].scroll).toEqual({ p50Depth: 80, reach: { 25: 1, 50: 2 / 3, 75: 2 / 3, 100: 1 / 3 }, samples: 3 });
    expect(r['/a'].vitals.LCP).toEqual({ p75: 4500, good: 0, needsImprovement: 0, poor: 1, samples: 1 });
  });

  it('shard-and-merge equals one run (property)', () => {
    assertMergeEqualsOneRun(createPages, (a, b) => {
      expect(a).toEqual(b);
      for (const page of a.pages) for (const v of Object.values(page.vitals)) expect(v.good + v.needsImprovement + v.poor).toBeCloseTo(1, 12);
    });
  });
});
