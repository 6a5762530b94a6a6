import { describe, expect, test } from 'vitest';
import { evidence } from './bottlenecks.js';
import { through } from './journeys.js';
import { rating } from './pages.js';
import { documentHeight } from './heatmaps.js';
import type { BottleneckResult } from '../../types.js';

describe('view logic', () => {
  test('through keeps the ancestors and descendants of a node, and only links on paths through it', () => {
    const paths = {
      nodes: ['1_/', '1_/p', '2_/a', '2_/b', '3_/c'].map((id) => ({ id, step: Number(id[0]), item: id.slice(2), count: 1 })),
      links: [
        { source: '1_/', target: '2_/a', value: 3 },
        { source: '1_/p', target: '2_/b', value: 2 },
        { source: '2_/a', target: '3_/c', value: 1 },
        { source: '2_/b', target: '3_/c', value: 1 },
      ],
    };
    const r = through(paths, '2_/a');
    expect(r.nodes.map((n) => n.id)).toEqual(['1_/', '2_/a', '3_/c']);
    expect(r.links).toEqual([paths.links[0], paths.links[2]]);
  });

  test('evidence points at the heatmap, the scroll map, the vitals row or the funnel', () => {
    const b = (target: string, signal: BottleneckResult['signal']): BottleneckResult => ({ target, signal, score: 0, lostConversions: 0, lostRevenue: 0, affected: 0, crAffected: 0, crUnaffected: 0, pValue: 0, reason: '' });
    expect(evidence(b('page:/cart', 'rage-clicks'))).toMatchObject({ view: 'heatmaps', params: { page: '/cart', layer: 'click' } });
    expect(evidence(b('page:/p', 'low-scroll'))).toMatchObject({ view: 'heatmaps', params: { layer: 'scroll' } });
    expect(evidence(b('page:/checkout', 'poor-lcp'))).toMatchObject({ view: 'pages', params: { focus: '/checkout' }, label: 'Page vitals' });
    expect(evidence(b('cart:checkout', 'error'))).toMatchObject({ view: 'funnel' });
  });

  test('vitals ratings follow the web-vitals thresholds (good ≤, poor >)', () => {
    expect([2500, 2501, 4000, 4001].map((v) => rating('LCP', v))).toEqual(['good', 'ni', 'ni', 'poor']);
    expect([0.1, 0.25, 0.2501].map((v) => rating('CLS', v))).toEqual(['good', 'ni', 'poor']);
    expect(rating('LOAD', 9000)).toBe('neutral');
  });

  test('document height: reported, else the deepest cell or bucket, at least a screen', () => {
    expect(documentHeight({ cells: [], elements: [], documentHeight: 3000 }, undefined, 'desktop')).toBe(3000);
    expect(documentHeight({ cells: [{ x: 0.5, y: 2400, count: 1 }], elements: [] }, { buckets: [{ depth: 1900, share: 0.1 }], views: 1 }, 'desktop')).toBe(2416);
    expect(documentHeight(undefined, undefined, 'mobile')).toBe(844);
  });
});
