import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from './analyzer.js';
import { createBottlenecks, mainCallToAction } from './bottlenecks.js';
import { click, ev } from '../test/make-events.js';
import { assertMergeEqualsOneRun } from '../test/merge-property.js';

/** `n` sessions on /pay; `converted` of them buy (value 50); `friction(i)` adds friction events. */
function sessions(prefix: string, n: number, converted: number, friction: (p: string, s: string) => NormalizedEvent[] = () => []): NormalizedEvent[] {
  const out: NormalizedEvent[] = [];
  for (let i = 0; i < n; i++) {
    const p = `${prefix}${i}`;
    const s = `${p}-s`;
    out.push(ev('page', p, s, 0, '/'), ev('page', p, s, 1000, '/pay'), ...friction(p, s));
    if (i < converted) out.push(ev('cart', p, s, 9000, '/pay', { action: 'purchase', value: 50, orderId: `${p}-o` }));
  }
  return out;
}
const poorLcp = (p: string, s: string) => [ev('vitals', p, s, 2000, '/pay', { metric: 'LCP', value: 5100, rating: 'poor' })];
const goodLcp = (p: string, s: string) => [ev('vitals', p, s, 2000, '/pay', { metric: 'LCP', value: 1200, rating: 'good' })];
const rage = (p: string, s: string) => [0, 300, 600].map((d) => click(p, s, 3000 + d, '/pay', 200, 400));

const run = (events: NormalizedEvent[], options = {}) => {
  const b = createBottlenecks(options);
  for (const e of events) b.add(e);
  return b.result();
};

describe('bottlenecks', () => {
  it('scores lost conversions and revenue with a z-test and explains them', () => {
    const r = run([...sessions('a', 100, 20, poorLcp), ...sessions('u', 100, 50, goodLcp)]);
    expect(r.sessions).toBe(200);
    expect(r.conversions).toBe(70);
    expect(r.aov).toBe(50);
    const pay = r.bottlenecks.filter((b) => b.target === 'page:/pay');
    expect(pay).toHaveLength(1);
    const [b] = pay;
    expect(b.signal).toBe('poor-lcp');
    expect(b.affected).toBe(100);
    expect(b.crAffected).toBeCloseTo(0.2, 12);
    expect(b.crUnaffected).toBeCloseTo(0.5, 12);
    expect(b.lostConversions).toBeCloseTo(30, 9);
    expect(b.lostRevenue).toBeCloseTo(1500, 6);
    expect(b.score).toBeCloseTo(30 / 70, 9);
    expect(b.pValue).toBeLessThan(0.01);
    expect(b.pValue).toBeGreaterThan(0);
    expect(b.reason).toBe('/pay: sessions with poor LCP (p75 5.1 s) converted 20.0% vs 50.0%; 30 conversions lost (≈ 1,500 in revenue)');
  });

  it('reports nothing under 30 sessions per group, without significance, or when the affected convert better', () => {
    expect(run([...sessions('a', 29, 0, poorLcp), ...sessions('u', 100, 50)]).bottlenecks).toEqual([]);
    expect(run([...sessions('a', 40, 17, poorLcp), ...sessions('u', 40, 20)]).bottlenecks).toEqual([]);
    expect(run([...sessions('a', 100, 80, poorLcp), ...sessions('u', 100, 20)]).bottlenecks).toEqual([]);
    expect(run([...sessions('a', 29, 0, poorLcp), ...sessions('u', 100, 50)], { minGroup: 20 }).bottlenecks).toHaveLength(1);
  });

  it('ranks by lost conversions and names the rage-clicked element', () => {
    const r = run([...sessions('a', 100, 20, poorLcp), ...sessions('r', 200, 60, rage), ...sessions('u', 300, 150)]);
    expect(r.bottlenecks.map((b) => b.signal)).toEqual(['rage-clicks', 'poor-lcp']);
    expect(r.bottlenecks[0].reason).toMatch(/^\/pay: sessions with rage clicks \(mostly on #b\) converted 30\.0% vs/);
  });

  it('finds low scroll reach against the most-clicked element', () => {
    const cta = (p: string, s: string) => [click(p, s, 2000, '/pay', 100, 1800, { selector: '#buy' }), ev('scroll', p, s, 2500, '/pay', { depth: 90, px: 2000, dh: 2200, vh: 800 })];
    const shallow = (p: string, s: string) => [ev('scroll', p, s, 2500, '/pay', { depth: 30, px: 900, dh: 2200, vh: 800 })];
    const events = [...sessions('s', 100, 10, shallow), ...sessions('d', 100, 60, cta)];
    expect(run(events).bottlenecks).toEqual([]); // opt-in
    const r = run(events, { signals: ['low-scroll'] });
    expect(mainCallToAction({ '#buy': 2, '#x': 1 }, { '#buy': 3600, '#x': 5 })).toEqual({ selector: '#buy', y: 1800 });
    const low = r.bottlenecks.find((b) => b.signal === 'low-scroll');
    expect(low).toMatchObject({ target: 'page:/pay', affected: 100, crAffected: 0.1, crUnaffected: 0.6 });
    expect(low?.reason).toMatch(/main call to action \(#buy at 1,800 px\)/);
  });

  it('uses funnel steps as the conversion, error events, and opt-in high exit', () => {
    const err = (p: string, s: string) => [ev('track', p, s, 2000, '/pay', { name: 'error' })];
    const events = [...sessions('e', 100, 10, err), ...sessions('u', 100, 60)];
    expect(run(events, { steps: ['page:/pay', 'cart:purchase'] }).bottlenecks.map((b) => b.signal)).toEqual(['error']);
    expect(run(events, { steps: ['page:/nowhere'] }).conversions).toBe(0);
    const thanks = (p: string, s: string) => [ev('page', p, s, 9500, '/thanks')];
    const exits = run([...sessions('t', 100, 80, thanks), ...sessions('x', 100, 10)], { signals: ['high-exit'] }).bottlenecks;
    expect(exits.map((b) => [b.target, b.signal])).toEqual([['page:/pay', 'high-exit']]);
    expect(() => createBottlenecks({ signals: ['slow' as 'error'] })).toThrow(/unknown bottleneck signal/);
  });

  it('shard-and-merge equals one run (property)', () => {
    assertMergeEqualsOneRun(() => createBottlenecks({ minGroup: 1, alpha: 0.5, signals: ['poor-lcp', 'poor-inp', 'poor-cls', 'rage-clicks', 'dead-clicks', 'low-scroll', 'error', 'high-exit'] }), (a, b) => expect(a).toEqual(b));
  });
});
