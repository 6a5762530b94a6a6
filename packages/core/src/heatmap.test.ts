import { describe, expect, it } from 'vitest';
import { createHeatmap } from './heatmap.js';
import { click, ev } from '../test/make-events.js';
import { assertMergeEqualsOneRun } from '../test/merge-property.js';

describe('heatmap', () => {
  it('scroll map: cumulative share per 100-px bucket (docs/metrics.md#heatmaps case)', () => {
    const h = createHeatmap({ page: '/a', kind: 'scroll' });
    [900, 1350, 2080].forEach((px, i) => h.add(ev('scroll', `p${i}`, `s${i}`, 0, '/a', { depth: 50, px, dh: 3000, vh: 800 })));
    h.add(ev('scroll', 'x', 'y', 0, '/b', { depth: 50, px: 5000, dh: 6000, vh: 800 }));
    const r = h.result();
    const at = (d: number) => r.buckets.find((b) => b.depth === d)?.share;
    expect(at(900)).toBe(1);
    expect(at(1300)).toBeCloseTo(2 / 3, 12);
    expect(at(2000)).toBeCloseTo(1 / 3, 12);
    expect(at(0)).toBe(1);
    expect(at(1000)).toBeCloseTo(2 / 3, 12);
    expect(r.buckets.at(-1)?.depth).toBe(2000);
    expect(r.views).toBe(3);
  });

  it('click map: cells by viewport share and 16-px row, element map, viewport filter', () => {
    const h = createHeatmap({ page: '/checkout/*', viewport: 'mobile' });
    h.add(click('p', 's', 0, '/checkout/shipping', 187, 1203, { vw: 375, selector: '#go', rx: 0.514, ry: 0.2 }));
    h.add(click('p', 's', 1, '/checkout/shipping', 188, 1215, { vw: 375, selector: '#go', rx: 0.51, ry: 0.2 }));
    h.add(click('p', 's', 2, '/checkout/shipping', 30, 20, { vw: 375, selector: '#logo', rx: 0, ry: 1 }));
    h.add(click('p', 's', 3, '/checkout/shipping', 640, 1203, { vw: 1280 })); // desktop: filtered
    h.add(click('p', 's', 4, '/cart', 187, 1203, { vw: 375 })); // other page: filtered
    expect(h.result()).toEqual({
      cells: [{ x: 0.5, y: 1200, count: 2 }, { x: 0.08, y: 16, count: 1 }],
      elements: [{ selector: '#go', rx: 0.51, ry: 0.2, count: 2 }, { selector: '#logo', rx: 0, ry: 1, count: 1 }],
    });
  });

  it('rejects unknown kinds and viewports', () => {
    expect(() => createHeatmap({ kind: 'hover' as 'click' })).toThrow(/use "click" or "scroll"/);
    expect(() => createHeatmap({ viewport: 'tv' as 'mobile' })).toThrow(/mobile, tablet or desktop/);
  });

  it('shard-and-merge equals one run (property)', () => {
    assertMergeEqualsOneRun(() => createHeatmap({ page: '/checkout/*' }), (a, b) => expect(a).toEqual(b));
    assertMergeEqualsOneRun(() => createHeatmap({ kind: 'scroll' }), (a, b) => expect(a).toEqual(b));
  });
});
