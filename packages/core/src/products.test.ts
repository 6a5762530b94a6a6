import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FootfallEvent } from './events.js';
import { journeysAcrossSources } from '../test/journey-arbitrary.js';
import { oneRunAndMerged } from '../test/merge-property.js';
import { analyze } from './pipeline.js';
import { createProducts, RARELY_BOUGHT } from './products.js';

const t = Date.UTC(2026, 10, 2, 9);
let n = 0;
const cart = (who: string, action: 'view_item' | 'add' | 'purchase', items: { id: string; price?: number; quantity?: number }[], extra: object = {}, at = t + ++n): FootfallEvent =>
  ({ id: `c${++n}`, type: 'cart', ts: at, anonymousId: who, url: 'https://shop.test/p', action, items, ...extra }) as FootfallEvent;
/** `views` views of `id` by `views` visitors, the first `buyers` of whom buy one. */
function shoppers(id: string, views: number, buyers: number): FootfallEvent[] {
  const out: FootfallEvent[] = [];
  for (let i = 0; i < views; i++) {
    out.push(cart(`${id}-v${i}`, 'view_item', [{ id }]));
    if (i < buyers) out.push(cart(`${id}-v${i}`, 'purchase', [{ id, price: 20 }], { orderId: `${id}-${i}` }));
  }
  return out;
}

describe('products', () => {
  it('the worked case of docs/metrics.md', () => {
    const events = [
      cart('a', 'view_item', [{ id: 'shoe' }, { id: 'sock' }]),
      cart('a', 'add', [{ id: 'shoe' }]),
      cart('a', 'purchase', [{ id: 'shoe', price: 80 }, { id: 'sock', price: 5, quantity: 2 }], { orderId: 'A1' }),
      { id: 's1', type: 'cart', ts: t + 500, userId: 'ua', action: 'purchase', orderId: 'A1', items: [{ id: 'shoe', price: 80 }] } as FootfallEvent,
      { id: 'i1', type: 'identify', ts: t + 400, anonymousId: 'a', userId: 'ua', url: 'https://shop.test/login' } as FootfallEvent,
      cart('a', 'purchase', [{ id: 'sock', price: 5 }], { orderId: 'A2' }, t + 86_400_000),
      cart('b', 'view_item', [{ id: 'shoe' }]),
      cart('b', 'purchase', [{ id: 'shoe', price: 80 }], { orderId: 'B1' }),
      { id: 'r1', type: 'review', ts: t + 1000, userId: 'ua', product: 'shoe', rating: 2 } as FootfallEvent,
      { id: 'r2', type: 'review', ts: t + 2000, userId: 'uc', product: 'shoe', rating: 3 } as FootfallEvent,
    ];
    const r = analyze(events, createProducts());
    expect(r.products.map(({ flag: _, ...row }) => row)).toEqual([
      { product: 'shoe', views: 2, adds: 1, purchases: 2, units: 2, viewToPurchaseRate: 1, revenue: 160, averageRating: 2.5, ratings: 2, firstBuyers: 2, repeatPurchaseRate: 0.5 },
      { product: 'sock', views: 1, adds: 0, purchases: 2, units: 3, viewToPurchaseRate: 2, revenue: 15, averageRating: null, ratings: 0, firstBuyers: 1, repeatPurchaseRate: 1 },
    ]);
  });

  it('flags the product viewed a lot and rarely bought', () => {
    const r = analyze([...shoppers('jacket', 200, 4), ...shoppers('cap', 100, 20), ...shoppers('belt', 60, 12), ...shoppers('bag', 10, 2)], createProducts());
    expect(r.viewedThreshold).toBe(100);
    expect(r.products[0].product).toBe('jacket');
    expect(r.products[0].flag).toMatchObject({ affected: 200, crAffected: 0.02, crUnaffected: 34 / 170 });
    expect(r.products[0].flag!.message).toBe(`${RARELY_BOUGHT}: 200 views, 2.0% bought vs 20.0% for other products`);
    expect(r.products.slice(1).map((p) => [p.product, p.flag])).toEqual([['cap', null], ['belt', null], ['bag', null]]);
  });

  it('merging person shards equals one run', () => {
    fc.assert(
      fc.property(journeysAcrossSources, fc.integer({ min: 1, max: 4 }), (events, k) => {
        const [one, merged] = oneRunAndMerged(() => createProducts({ minGroup: 1, alpha: 0.5 }), events, k);
        expect(merged).toEqual(one);
      }),
      { numRuns: 150 },
    );
  });
});
