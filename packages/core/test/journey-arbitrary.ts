/**
 * Test helper: random journeys across sources (browser visits with UTM landings, product
 * views, adds and purchases; a backend's orders; emails; tickets; reviews; ad statistics),
 * as raw events, for the merge property of the journey analyzers.
 */
import fc from 'fast-check';
import type { NormalizedEvent } from '../src/analyzer.js';
import type { FootfallEvent } from '../src/events.js';
import { normalize } from '../src/normalize.js';

const LANDINGS = ['', '?utm_source=google&utm_medium=cpc&utm_campaign=spring&utm_term=shoes', '?utm_source=google&utm_medium=cpc&utm_campaign=spring', '?utm_source=news&utm_medium=email&utm_campaign=may'];
const PATHS = ['/', '/product/p1', '/product/p2', '/cart'];
const PRODUCTS = ['p1', 'p2', 'p3'];
const CAMPAIGNS = ['may', 'june'];

const step = fc.record({
  kind: fc.constantFrom('land', 'page', 'view', 'add', 'purchase', 'server', 'email', 'ticket', 'review', 'identify'),
  a: fc.nat(99),
  gap: fc.oneof(fc.integer({ min: 0, max: 600_000 }), fc.constant(2_000_000), fc.constant(90_000_000)),
});

/** Raw events of up to 6 persons and some ad statistics. */
export const rawJourneys: fc.Arbitrary<FootfallEvent[]> = fc
  .tuple(fc.array(fc.array(step, { maxLength: 20 }), { maxLength: 6 }), fc.array(fc.tuple(fc.nat(3), fc.nat(2000), fc.nat(100), fc.nat(90)), { maxLength: 6 }))
  .map(([people, ads]) => {
    const out: FootfallEvent[] = [];
    let id = 0;
    const t0 = 1_700_000_000_000;
    people.forEach((steps, i) => {
      let ts = t0;
      const anonymousId = `a${i}`;
      const userId = `u${i}`;
      const url = (path: string) => `https://shop.test${path}`;
      for (const x of steps) {
        ts += x.gap;
        const base = { id: `e${++id}`, ts, anonymousId };
        const product = PRODUCTS[x.a % PRODUCTS.length];
        const items = [{ id: product, price: 10 + (x.a % 5) * 10, quantity: 1 + (x.a % 2) }];
        switch (x.kind) {
          case 'land':
            out.push({ ...base, type: 'page', url: url(`/${LANDINGS[x.a % LANDINGS.length]}`) });
            break;
          case 'page':
            out.push({ ...base, type: 'page', url: url(PATHS[x.a % PATHS.length]) });
            break;
          case 'view':
          case 'add':
            out.push({ ...base, type: 'cart', url: url(`/product/${product}`), action: x.kind === 'view' ? 'view_item' : 'add', items });
            break;
          case 'purchase':
            out.push({ ...base, type: 'cart', url: url('/thanks'), action: 'purchase', orderId: `${userId}-o${x.a % 3}`, items });
            break;
          case 'server':
            out.push({ id: base.id, ts, userId, type: 'cart', action: 'purchase', orderId: `${userId}-o${x.a % 3}`, items, value: items[0].price * items[0].quantity });
            break;
          case 'identify':
            out.push({ ...base, type: 'identify', userId, url: url('/login') });
            break;
          case 'email':
            out.push({ id: base.id, ts, userId, type: 'email', action: (['sent', 'open', 'click'] as const)[x.a % 3], campaign: CAMPAIGNS[x.a % 2] });
            break;
          case 'ticket':
            out.push({ id: base.id, ts, userId, type: 'ticket', ticketId: `T${x.a % 4}`, reason: ['size', 'late'][x.a % 2], page: PATHS[x.a % PATHS.length], product, ...(x.a % 3 ? { firstResponseAt: ts + x.a * 60_000 } : {}), ...(x.a % 4 ? { resolvedAt: ts + x.a * 3_600_000 } : {}) });
            break;
          case 'review':
            out.push({ id: base.id, ts, userId, type: 'review', product, rating: 1 + (x.a % 5) });
            break;
        }
      }
    });
    ads.forEach(([tag, impressions, clicks, cost], k) => {
      const [source, medium, campaign, keyword] = [['google', 'cpc', 'spring', 'shoes'], ['google', 'cpc', 'spring', undefined], ['bing', 'cpc', 'spring', undefined], ['news', 'email', 'may', undefined]][tag];
      out.push({ id: `ad${k}`, type: 'adstats', ts: t0 + k * 86_400_000, source: source!, medium: medium!, ...(campaign ? { campaign } : {}), ...(keyword ? { keyword } : {}), impressions, clicks: Math.min(clicks, impressions), cost });
    });
    return out;
  });

/** The same, normalized (persons stitched, sessions cut), as analyzers get them. */
export const journeysAcrossSources: fc.Arbitrary<NormalizedEvent[]> = rawJourneys.map((events) => normalize(events));
