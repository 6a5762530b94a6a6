import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBottlenecks } from './bottlenecks.js';
import type { FootfallEvent } from './events.js';
import { journeysAcrossSources } from '../test/journey-arbitrary.js';
import { oneRunAndMerged } from '../test/merge-property.js';
import { analyze } from './pipeline.js';

const t = Date.UTC(2026, 10, 2, 9);
const h = 3_600_000;
const url = (path: string) => `https://shop.test${path}`;
/** `n` one-session persons (`prefix`i) doing `visit`; the first `buying` buy for 50. */
function persons(prefix: string, n: number, buying: number, visit: (u: string, a: string) => FootfallEvent[]): FootfallEvent[] {
  const out: FootfallEvent[] = [];
  for (let i = 0; i < n; i++) {
    const u = `${prefix}${i}`;
    const a = `a-${u}`;
    out.push(...visit(u, a));
    if (i < buying) out.push({ id: `${u}-buy`, type: 'cart', ts: t + 10 * 60_000, anonymousId: a, userId: u, url: url('/thanks'), action: 'purchase', value: 50, orderId: `${u}-o` });
  }
  return out;
}
const sizeGuide = (contact: boolean) => (u: string, a: string): FootfallEvent[] => [
  { id: `${u}-p`, type: 'page', ts: t, anonymousId: a, userId: u, url: url('/size-guide') },
  ...(contact ? [{ id: `${u}-k`, type: 'ticket', ts: t + 20 * h, userId: u, ticketId: `${u}-T`, reason: 'sizing' } as FootfallEvent] : []),
];
const viewing = (product: string) => (u: string, a: string): FootfallEvent[] => [
  { id: `${u}-v`, type: 'cart', ts: t, anonymousId: a, userId: u, url: url(`/product/${product}`), action: 'view_item', items: [{ id: product }] },
];
const review = (id: string, product: string, rating: number): FootfallEvent => ({ id, type: 'review', ts: t - h, userId: `r-${id}`, product, rating });

describe('bottlenecks from beyond the browser (docs/metrics.md#bottleneck-scores, the journey signals cases)', () => {
  it('a page followed by a support contact within 24 h', () => {
    const late = (u: string, a: string) => [...sizeGuide(false)(u, a), { id: `${u}-k`, type: 'ticket', ts: t + 25 * h, userId: u, ticketId: 'T' } as FootfallEvent];
    const r = analyze([...persons('c', 100, 10, sizeGuide(true)), ...persons('n', 100, 50, sizeGuide(false)), ...persons('l', 20, 10, late)], createBottlenecks());
    expect(r.bottlenecks).toHaveLength(1);
    expect(r.bottlenecks[0]).toMatchObject({ target: 'page:/size-guide', signal: 'support-contact', affected: 100, crAffected: 0.1, crUnaffected: 60 / 120 });
    expect(r.bottlenecks[0].lostConversions).toBeCloseTo(40, 9);
    expect(r.bottlenecks[0].reason).toBe('/size-guide: sessions with a support contact within 24 h converted 10.0% vs 50.0%; 40 conversions lost (≈ 2,000 in revenue)');
  });

  it('a low-rated product', () => {
    const reviews = [1, 2, 2, 2, 2].map((rating, i) => review(`j${i}`, 'jacket', rating));
    const r = analyze([...persons('j', 100, 10, viewing('jacket')), ...persons('c', 100, 50, viewing('cap')), ...reviews, review('c0', 'cap', 5)], createBottlenecks());
    expect(r.bottlenecks.map((b) => [b.target, b.signal, b.affected, b.crAffected, b.crUnaffected])).toEqual([['product:jacket', 'low-rating', 100, 0.1, 0.5]]);
    expect(r.bottlenecks[0].reason).toMatch(/^product jacket: sessions with a view of it \(rated 1\.8 of 5 by 5 reviews\) against other products' views converted 10\.0% vs 50\.0%/);
    expect(analyze([...persons('j', 100, 10, viewing('jacket')), ...persons('c', 100, 50, viewing('cap')), ...reviews.slice(1)], createBottlenecks()).bottlenecks).toEqual([]); // 4 reviews < minRatings
  });

  it('a campaign whose ads draw clicks its landing does not convert', () => {
    const landing = (q: string) => (u: string, a: string): FootfallEvent[] => [{ id: `${u}-p`, type: 'page', ts: t, anonymousId: a, userId: u, url: url(`/${q}`) }];
    const ad = (id: string, campaign: string, clicks: number): FootfallEvent => ({ id, type: 'adstats', ts: Date.UTC(2026, 10, 2), source: 'google', medium: 'cpc', campaign, impressions: 1000, clicks, cost: 100 });
    const events = [
      ...persons('s', 40, 2, landing('?utm_source=google&utm_medium=cpc&utm_campaign=spring')),
      ...persons('w', 40, 12, landing('?utm_source=google&utm_medium=cpc&utm_campaign=winter')),
      ...persons('d', 100, 30, landing('')),
      ad('ad1', 'spring', 80), ad('ad2', 'winter', 40), ad('ad3', 'autumn', 20),
    ];
    const r = analyze(events, createBottlenecks());
    expect(r.bottlenecks.map((b) => [b.target, b.signal, b.affected, b.crAffected, b.crUnaffected])).toEqual([['campaign:google / cpc / spring / (none)', 'landing-mismatch', 40, 0.05, 0.3]]);
    expect(analyze(events, createBottlenecks({ signals: ['poor-lcp'] })).bottlenecks).toEqual([]);
  });

  it('merging person shards equals one run', () => {
    fc.assert(
      fc.property(journeysAcrossSources, fc.integer({ min: 1, max: 4 }), (events, k) => {
        const [one, merged] = oneRunAndMerged(() => createBottlenecks({ minGroup: 1, alpha: 0.9, minRatings: 1, lowRating: 4 }), events, k);
        expect(merged).toEqual(one);
      }),
      { numRuns: 150 },
    );
  });
});
