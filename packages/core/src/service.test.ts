import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FootfallEvent } from './events.js';
import { journeysAcrossSources } from '../test/journey-arbitrary.js';
import { oneRunAndMerged } from '../test/merge-property.js';
import { analyze } from './pipeline.js';
import { createService } from './service.js';

const t = Date.UTC(2026, 10, 2, 9);
const h = 3_600_000;
let n = 0;
const page = (u: string, path: string, at = t): FootfallEvent => ({ id: `p${++n}`, type: 'page', ts: at + n, anonymousId: `a-${u}`, userId: u, url: `https://shop.test${path}` });
const view = (u: string, id: string): FootfallEvent => ({ id: `v${++n}`, type: 'cart', ts: t + n, anonymousId: `a-${u}`, userId: u, url: `https://shop.test/product/${id}`, action: 'view_item', items: [{ id }] });
const order = (u: string, orderId: string, at = t): FootfallEvent => ({ id: `o${++n}`, type: 'cart', ts: at + n, userId: u, action: 'purchase', orderId, value: 10 });

describe('service', () => {
  it('the worked case of docs/metrics.md', () => {
    const events: FootfallEvent[] = [
      page('u1', '/'), page('u1', '/product/shoe'), view('u1', 'shoe'), order('u1', 'A'), order('u1', 'A'), order('u1', 'B', t + 48 * h),
      { id: 'k1', type: 'ticket', ts: t + h, userId: 'u1', ticketId: 'T1', reason: 'sizing', page: 'https://shop.test/product/shoe?size=42', product: 'shoe', firstResponseAt: t + 1.5 * h, resolvedAt: t + 6 * h },
      { id: 'k2', type: 'ticket', ts: t + 2 * h, userId: 'u1', ticketId: 'T1', resolvedAt: t + 7 * h },
      page('u2', '/'),
      { id: 'k3', type: 'ticket', ts: t + h, userId: 'u2', ticketId: 'T2', reason: 'delivery', page: '/checkout/shipping', firstResponseAt: t + 3 * h },
      page('u3', '/'), page('u3', '/product/shoe'), view('u3', 'shoe'), order('u3', 'C'), order('u3', 'D', t + 72 * h),
      page('u4', '/'), order('u4', 'E'),
    ];
    const r = analyze(events, createService());
    expect(r).toEqual({
      sessions: 4,
      contacts: 2,
      per1000Sessions: 500,
      byPage: [
        { key: '/product/shoe', contacts: 1, sessions: 2, per1000Sessions: 500 },
        { key: '/checkout/shipping', contacts: 1, sessions: 0, per1000Sessions: null },
      ],
      byProduct: [{ key: 'shoe', contacts: 1, sessions: 2, per1000Sessions: 500 }],
      byReason: [
        { key: 'delivery', contacts: 1, sessions: 4, per1000Sessions: 250 },
        { key: 'sizing', contacts: 1, sessions: 4, per1000Sessions: 250 },
      ],
      firstResponse: { samples: 2, medianMs: 0.5 * h, p90Ms: 2 * h, relativeError: 0 },
      resolution: { samples: 1, medianMs: 6 * h, p90Ms: 6 * h, relativeError: 0 }, // opened t+1h, resolved at the later t+7h
      repeatPurchase: { contacted: { purchasers: 1, repeaters: 1, rate: 1 }, notContacted: { purchasers: 2, repeaters: 1, rate: 0.5 } },
    });
  });

  it('merging person shards equals one run', () => {
    fc.assert(
      fc.property(journeysAcrossSources, fc.integer({ min: 1, max: 4 }), (events, k) => {
        const [one, merged] = oneRunAndMerged(() => createService({ minSessions: 2 }), events, k);
        expect(merged).toEqual(one);
      }),
      { numRuns: 150 },
    );
  });
});
