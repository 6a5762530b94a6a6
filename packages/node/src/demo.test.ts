import { describe, expect, it } from 'vitest';
import { DEMO_FRICTION, generateDemo } from './demo.js';
import { FootfallError, normalize, urlPath, validateEvent, type FootfallEvent } from '@footfall/core';

const sample = [...generateDemo({ events: 20_000, seed: 42 })];

interface Visit { purchase: boolean; rage: boolean; shipping: boolean; payment: boolean; slowPayment: boolean; mobile: boolean }
function visits(events: FootfallEvent[]): Visit[] {
  const out = new Map<string, Visit>();
  for (const e of normalize(events)) {
    let v = out.get(e.session);
    if (!v) out.set(e.session, (v = { purchase: false, rage: false, shipping: false, payment: false, slowPayment: false, mobile: false }));
    const path = urlPath(e.url ?? '');
    if (e.type === 'cart' && e.action === 'purchase') v.purchase = true;
    if (e.type === 'click' && e.rage && e.selector === '#shipping-submit') v.rage = true;
    if (e.type === 'page' && path === '/checkout/shipping') v.shipping = true;
    if (e.type === 'page' && path === '/checkout/payment') v.payment = true;
    if (e.type === 'vitals' && e.metric === 'LCP' && e.rating === 'poor' && path === '/checkout/payment') v.slowPayment = true;
    if (e.agent?.device === 'mobile') v.mobile = true;
  }
  return [...out.values()];
}
const rate = (vs: Visit[]) => vs.filter((v) => v.purchase).length / vs.length;

describe('generateDemo', () => {
  it('yields exactly the number of events asked for, every one valid', () => {
    expect(sample).toHaveLength(20_000);
    expect(sample.filter((e) => !validateEvent(e).ok)).toEqual([]);
    expect([...generateDemo({ events: 0 })]).toEqual([]);
    expect([...generateDemo({ events: 1 })]).toHaveLength(1);
  });
  it('is deterministic: the same seed gives byte-identical events, another seed different ones', () => {
    const a = JSON.stringify([...generateDemo({ events: 3000, seed: 5 })]);
    expect(JSON.stringify([...generateDemo({ events: 3000, seed: 5 })])).toBe(a);
    expect(JSON.stringify([...generateDemo({ events: 3000, seed: 6 })])).not.toBe(a);
  });
  it('writes events in global time order, and each session in time order', () => {
    expect(sample.every((e, i) => i === 0 || sample[i - 1].ts <= e.ts)).toBe(true);
    const last = new Map<string, number>();
    for (const e of sample) {
      expect(e.ts).toBeGreaterThanOrEqual(last.get(e.sessionId!) ?? 0);
      last.set(e.sessionId!, e.ts);
    }
  });
  it('starts at options.start and spreads visits over about four weeks', () => {
    const start = Date.UTC(2025, 0, 1);
    const events = [...generateDemo({ events: 20_000, seed: 42, start })];
    expect(events[0].ts).toBeGreaterThanOrEqual(start);
    const days = (events[events.length - 1].ts - start) / 86_400_000;
    expect(days).toBeGreaterThan(10);
    expect(days).toBeLessThan(40);
  });
  it('covers the shop: every page, every event type, every cart action and vital metric', () => {
    const paths = new Set(sample.filter((e) => e.type === 'page').map((e) => urlPath(e.url).replace(/\/[^/]+$/, (m, o, s: string) => (s.startsWith('/category/') || s.startsWith('/product/') ? '/*' : m))));
    for (const p of ['/', '/category/*', '/product/*', '/cart', '/checkout/shipping', '/checkout/payment', '/checkout/confirmation']) expect(paths).toContain(p);
    expect(new Set(sample.map((e) => e.type))).toEqual(new Set(['page', 'click', 'scroll', 'vitals', 'cart', 'identify', 'email', 'ticket', 'review', 'adstats']));
    expect(new Set([...generateDemo({ events: 5000, seed: 42, sources: false })].map((e) => e.type))).toEqual(new Set(['page', 'click', 'scroll', 'vitals', 'cart', 'identify']));
    expect(new Set(sample.flatMap((e) => (e.type === 'cart' ? [e.action] : [])))).toEqual(new Set(['view_item', 'add', 'remove', 'view_cart', 'checkout', 'purchase']));
    expect(new Set(sample.flatMap((e) => (e.type === 'vitals' ? [e.metric] : [])))).toEqual(new Set(['LCP', 'INP', 'CLS', 'FCP', 'TTFB', 'LOAD']));
  });
  it('purchases carry value in EUR, an orderId and items whose total is the value', () => {
    const all = sample.filter((e): e is Extract<FootfallEvent, { type: 'cart' }> => e.type === 'cart' && e.action === 'purchase');
    const purchases = all.filter((e) => e.url !== undefined);
    // The backend confirms each order seconds later: same orderId, value and items, no browser fields.
    const server = all.filter((e) => e.url === undefined);
    const twin = new Map(purchases.map((p) => [p.orderId, p]));
    expect(server.length).toBeGreaterThan(purchases.length - 3);
    for (const s of server) {
      const p = twin.get(s.orderId)!;
      expect(p, s.orderId).toBeDefined();
      expect(s.ts - p.ts).toBeGreaterThan(0);
      expect(s.ts - p.ts).toBeLessThan(30_000);
      expect({ value: s.value, items: s.items, sessionId: s.sessionId }).toEqual({ value: p.value, items: p.items, sessionId: undefined });
      expect(s.userId === undefined ? s.anonymousId : s.userId).toBe(p.userId ?? p.anonymousId);
    }
    expect(purchases.length).toBeGreaterThan(20);
    for (const p of purchases) {
      expect(p.currency).toBe('EUR');
      expect(p.orderId).toMatch(/^ord_\d{6}$/);
      expect(p.items!.length).toBeGreaterThan(0);
      expect(p.value).toBeCloseTo(p.items!.reduce((s, i) => s + i.price! * i.quantity!, 0), 2);
    }
    expect(new Set(purchases.map((p) => p.orderId)).size).toBe(purchases.length);
  });
  it('has realistic channels, devices, return visits and logins that stitch', () => {
    const n = normalize(sample);
    const kinds = new Set(n.map((e) => e.channel?.kind));
    for (const k of ['direct', 'search', 'paid', 'email', 'social', 'referral']) expect(kinds).toContain(k);
    expect(new Set(n.filter((e) => e.url !== undefined).map((e) => e.agent?.device))).toEqual(new Set(['mobile', 'tablet', 'desktop']));
    const sessionsPerPerson = new Map<string, Set<string>>();
    for (const e of n) sessionsPerPerson.set(e.person, (sessionsPerPerson.get(e.person) ?? new Set()).add(e.session));
    expect([...sessionsPerPerson.values()].some((s) => s.size > 1)).toBe(true);
    const identifies = sample.filter((e) => e.type === 'identify');
    expect(identifies.length).toBeGreaterThan(0);
    // An anonymous event before a login belongs to the user afterwards.
    const id = identifies[0];
    const before = n.find((e) => e.anonymousId === id.anonymousId && e.ts < id.ts && !e.userId);
    expect(before?.person).toBe(id.userId);
  });
  it('clicks carry positions inside the page and the element, and rage runs match docs/metrics.md#frustration', () => {
    const clicks = sample.filter((e): e is Extract<FootfallEvent, { type: 'click' }> => e.type === 'click');
    for (const c of clicks) {
      expect(c.x).toBeGreaterThanOrEqual(0);
      expect(c.x).toBeLessThanOrEqual(c.vw);
      expect(c.y).toBeLessThanOrEqual(c.dh);
    }
    const runs = new Map<string, typeof clicks>();
    for (const c of clicks) if (c.rage) runs.set(c.sessionId!, [...(runs.get(c.sessionId!) ?? []), c]);
    expect(runs.size).toBeGreaterThan(5);
    for (const run of runs.values()) {
      expect(run.length).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < run.length; i++) {
        expect(run[i].ts - run[i - 1].ts).toBeLessThan(1000);
        expect(Math.abs(run[i].x - run[i - 1].x) + Math.abs(run[i].y - run[i - 1].y)).toBeLessThan(30);
      }
    }
  });
  // 30 000 events (about 1000 visits) show both effects for seeds 1–4 and 11 alike; 60 000 took
  // over the 5 s test timeout on two loaded cores (the statistics are no sharper: seed 1 sits on a bound there).
  it('plants the documented bottlenecks: rage at shipping and slow mobile payment convert much less', () => {
    const vs = visits([...generateDemo({ events: 30_000, seed: 11 })]);
    const shipping = vs.filter((v) => v.shipping);
    const rage = shipping.filter((v) => v.rage);
    const calm = shipping.filter((v) => !v.rage);
    expect(rage.length / shipping.length).toBeGreaterThan(DEMO_FRICTION.shippingRage.share / 2);
    expect(rage.length / shipping.length).toBeLessThan(DEMO_FRICTION.shippingRage.share * 1.5);
    expect(rate(rage)).toBeLessThan(rate(calm) * 0.5);
    const mobilePayment = vs.filter((v) => v.payment && v.mobile);
    const slow = mobilePayment.filter((v) => v.slowPayment);
    expect(slow.length / mobilePayment.length).toBeGreaterThan(0.5);
    expect(rate(slow)).toBeLessThan(rate(mobilePayment.filter((v) => !v.slowPayment)) * 0.7);
  });
  it('friction: false plants neither: no rage runs, and payment completion does not depend on LCP', () => {
    const events = [...generateDemo({ events: 30_000, seed: 11, friction: false })];
    expect(events.some((e) => e.type === 'click' && e.rage)).toBe(false);
    const vs = visits(events);
    const mobilePayment = vs.filter((v) => v.payment && v.mobile);
    expect(mobilePayment.filter((v) => v.slowPayment).length / mobilePayment.length).toBeLessThan(0.2);
    const paid = vs.filter((v) => v.payment);
    expect(rate(paid)).toBeGreaterThan(0.7);
  });
  it('rejects a bad option with INVALID_OPTION', () => {
    expect(() => [...generateDemo({ events: -1 })]).toThrow(FootfallError);
    expect(() => [...generateDemo({ events: 1.5 })]).toThrow(/whole number/);
  });
});
