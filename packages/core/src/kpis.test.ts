import { describe, expect, it } from 'vitest';
import { createKpis } from './kpis.js';
import { ev } from '../test/make-events.js';
import { assertMergeEqualsOneRun } from '../test/merge-property.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2);

describe('kpis', () => {
  it('computes conversion, abandonment, AOV, revenue, repeat rate, depth and length', () => {
    const k = createKpis();
    const cart = (p: string, s: string, ts: number, action: string, extra = {}) => ev('cart', p, s, ts, '/c', { action, ...extra });
    [
      // s1: 3 pages, add, purchase 100 (60 s long)
      ev('page', 'a', 's1', T0, '/'), ev('page', 'a', 's1', T0 + 20_000, '/p'), cart('a', 's1', T0 + 30_000, 'add'),
      ev('page', 'a', 's1', T0 + 40_000, '/c'), cart('a', 's1', T0 + 60_000, 'purchase', { value: 100, orderId: 'o1' }),
      // s2: add, no purchase (10 s)
      ev('page', 'b', 's2', T0, '/'), cart('b', 's2', T0 + 10_000, 'add'),
      // s3: one page (0 s)
      ev('page', 'c', 's3', T0, '/'),
      // s4: a again, second order from items, duplicate purchase event ignored (20 s)
      ev('page', 'a', 's4', T0 + DAY, '/'),
      cart('a', 's4', T0 + DAY + 20_000, 'purchase', { items: [{ id: 'x', price: 25, quantity: 2 }], orderId: 'o2' }),
      cart('a', 's4', T0 + DAY + 20_000, 'purchase', { items: [{ id: 'x', price: 25, quantity: 2 }], orderId: 'o2' }),
    ].forEach((e) => k.add(e));
    const r = k.result();
    expect(r).toMatchObject({
      sessions: 4, persons: 3, conversionRate: 0.5, cartAbandonment: 0.5, revenue: 150, orders: 2, aov: 75,
      repeatPurchaseRate: 1, pagesPerSession: 6 / 4, medianSessionMs: 10_000,
      stages: { awareness: 1, consideration: 0, decision: 1, retention: 0, advocacy: 1 },
    });
  });

  it('retention cohorts: first-time, N-day on-day and on-or-after', () => {
    const k = createKpis({ retentionDays: [1, 2, 5] });
    const seen = (p: string, day: number) => k.add(ev('page', p, `${p}${day}`, T0 + day * DAY, '/'));
    seen('a', 0); seen('a', 1); seen('a', 3);
    seen('b', 0); seen('b', 2);
    seen('c', 1); seen('c', 3);
    const r = k.result().retention;
    expect(r.days).toEqual([1, 2, 5]);
    expect(r.cohorts).toEqual([
      { cohort: '2026-11-02', persons: 2, onDay: [0.5, 0.5, null], onOrAfter: [1, 1, null] },
      { cohort: '2026-11-03', persons: 1, onDay: [0, 1, null], onOrAfter: [1, 1, null] },
    ]);
    expect(r.overall).toEqual({ persons: 3, onDay: [1 / 3, 2 / 3, null], onOrAfter: [1, 1, null] });
  });

  it('shard-and-merge equals one run (property)', () => {
    assertMergeEqualsOneRun(createKpis, (a, b) => expect(a).toEqual(b));
  });

  it('revenue with cents is the same to the last bit whichever shards are merged', () => {
    const prices = [0.1, 0.2, 0.7, 19.99, 5.05, 0.3, 1e-3, 33.33];
    const events = prices.map((value, i) => ev('cart', `p${i}`, `s${i}`, T0 + i * 1000, '/c', { action: 'purchase', value, orderId: `o${i}` }));
    const one = createKpis();
    events.forEach((e) => one.add(e));
    for (const order of [[...events].reverse(), [events[3], events[0], events[6], events[1], events[7], events[2], events[5], events[4]]]) {
      const merged = createKpis();
      for (const e of order) {
        const shard = createKpis();
        shard.add(e);
        merged.merge(JSON.parse(JSON.stringify(shard.state)));
      }
      expect(merged.result().revenue).toBe(one.result().revenue);
      expect(merged.result().aov).toBe(one.result().aov);
    }
  });

  it('timeline: sessions and converting sessions per UTC day of the session start, gaps as 0', () => {
    const k = createKpis({ timeline: true });
    const cart = (p: string, s: string, ts: number) => ev('cart', p, s, ts, '/c', { action: 'purchase', value: 10, orderId: `${s}-o` });
    [
      ev('page', 'a', 'a1', T0 + 1000, '/'), cart('a', 'a1', T0 + 2000),
      ev('page', 'b', 'b1', T0 + DAY - 1000, '/'), ev('page', 'b', 'b1', T0 + DAY + 60_000, '/p'), // starts on day 0, ends on day 1
      ev('page', 'a', 'a2', T0 + 3 * DAY, '/'), cart('a', 'a2', T0 + 3 * DAY + 1000),
      ev('page', 'c', 'c1', T0 + 3 * DAY + 5000, '/'),
    ].forEach((e) => k.add(e));
    expect(k.result().timeline).toEqual([
      { date: '2026-11-02', sessions: 2, conversions: 1 },
      { date: '2026-11-03', sessions: 0, conversions: 0 },
      { date: '2026-11-04', sessions: 0, conversions: 0 },
      { date: '2026-11-05', sessions: 2, conversions: 1 },
    ]);
    expect(k.result().timeline!.reduce((n, d) => n + d.sessions, 0)).toBe(k.result().sessions);
    expect(createKpis().result()).not.toHaveProperty('timeline');
    expect(createKpis({ timeline: true }).result().timeline).toEqual([]);
  });

  it('timeline: shard-and-merge equals one run (property)', () => {
    assertMergeEqualsOneRun(() => createKpis({ timeline: true }), (a, b) => expect(a).toEqual(b));
  });

  it('timeline: refuses to merge a state made without it', () => {
    expect(() => createKpis({ timeline: true }).merge(createKpis().state)).toThrow();
  });
});
