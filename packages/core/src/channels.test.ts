import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createChannels, LANDING_MISMATCH } from './channels.js';
import type { FootfallEvent } from './events.js';
import { journeysAcrossSources } from '../test/journey-arbitrary.js';
import { oneRunAndMerged } from '../test/merge-property.js';
import { analyze } from './pipeline.js';

const t = Date.UTC(2026, 10, 2, 9);
const url = (q: string) => `https://shop.test/${q}`;
/** `n` one-session visitors landing on `q`; the first `buying` buy for 50 (the first `bounce` view one page, the rest two). */
function visitors(prefix: string, q: string, n: number, buying: number, bounce = 0): FootfallEvent[] {
  const out: FootfallEvent[] = [];
  for (let i = 0; i < n; i++) {
    const a = `${prefix}${i}`;
    out.push({ id: `${a}-1`, type: 'page', ts: t + i, anonymousId: a, url: url(q) });
    if (i >= bounce) out.push({ id: `${a}-2`, type: 'page', ts: t + i + 1000, anonymousId: a, url: url('cart') });
    if (i < buying) out.push({ id: `${a}-3`, type: 'cart', ts: t + i + 2000, anonymousId: a, url: url('thanks'), action: 'purchase', value: 50, orderId: `${a}-o` });
  }
  return out;
}
const ad = (id: string, campaign: string, impressions: number, clicks: number, cost: number): FootfallEvent =>
  ({ id, type: 'adstats', ts: Date.UTC(2026, 10, 2), source: 'google', medium: 'cpc', campaign, impressions, clicks, cost });

describe('channels and campaigns', () => {
  it('the worked case of docs/metrics.md', () => {
    const events = [
      ...visitors('s', '?utm_source=google&utm_medium=cpc&utm_campaign=spring', 40, 2, 30),
      ...visitors('w', '?utm_source=google&utm_medium=cpc&utm_campaign=winter', 40, 12, 10),
      ...visitors('d', '', 100, 30),
      ad('ad1', 'spring', 1000, 80, 200), ad('ad2', 'winter', 1000, 40, 100), ad('ad3', 'autumn', 1000, 20, 50),
    ];
    const r = analyze(events, createChannels({ by: ['source', 'medium', 'campaign'] }));
    expect([r.sessions, r.conversions, r.conversionRate, r.medianCtr]).toEqual([180, 44, 44 / 180, 0.04]);
    const spring = r.rows[0];
    expect(spring).toMatchObject({
      source: 'google', medium: 'cpc', campaign: 'spring', keyword: null, kind: 'paid',
      impressions: 1000, adClicks: 80, ctr: 0.08, sessions: 40, bounceRate: 0.75, conversionRate: 0.05, conversions: 2,
      orders: 2, revenue: 100, cost: 200, costPerOrder: 100, roas: 0.5, attributedConversions: 2,
    });
    expect(spring.flag!.crUnaffected).toBe(42 / 140);
    expect(spring.flag!.lostConversions).toBeCloseTo(40 * (42 / 140 - 0.05), 12);
    expect(spring.flag!.pValue).toBeCloseTo(0.0012, 4); // z = −3.24
    expect(spring.flag!.message).toBe(`${LANDING_MISMATCH} (CTR 8.0%, conversion 5.0% vs 30.0%)`);
    const rest = r.rows.slice(1).map((row) => [row.source, row.campaign, row.kind, row.sessions, row.ctr, row.costPerOrder, row.roas, row.flag]);
    expect(rest).toEqual([
      ['direct', '(none)', 'direct', 100, null, null, null, null],
      ['google', 'winter', 'paid', 40, 0.04, 100 / 12, 6, null],
      ['google', 'autumn', 'paid', 0, 0.02, null, 0, null],
    ]);
  });

  it('merging person shards equals one run', () => {
    fc.assert(
      fc.property(journeysAcrossSources, fc.integer({ min: 1, max: 4 }), (events, k) => {
        for (const by of [undefined, ['source', 'campaign'] as const]) {
          const [one, merged] = oneRunAndMerged(() => createChannels({ by: by && [...by], minGroup: 1, alpha: 0.5 }), events, k);
          expect(merged).toEqual(one);
        }
      }),
      { numRuns: 150 },
    );
  });
});
