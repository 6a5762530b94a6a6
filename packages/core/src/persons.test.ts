import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { journeysAcrossSources, rawJourneys } from '../test/journey-arbitrary.js';
import { oneRunAndMerged } from '../test/merge-property.js';
import { bruteForceSegment } from '../test/persons-brute-force.js';
import type { NormalizedEvent } from './analyzer.js';
import type { FootfallEvent } from './events.js';
import { normalize } from './normalize.js';
import { createPersonProfile } from './person-profile.js';
import { createPersons } from './persons.js';
import { JOURNEY_STAGES } from './stages.js';
import { createAnalysis, parseAnalysisOptions } from './analysis-options.js';

const T0 = Date.UTC(2026, 10, 2, 9);
const MIN = 60_000;
const H = 3_600_000;
let n = 0;
const url = (path: string) => `https://shop.test${path}`;
const page = (anonymousId: string, ts: number, path: string, extra: Record<string, unknown> = {}): FootfallEvent =>
  ({ id: `p${++n}`, type: 'page', ts: T0 + ts, anonymousId, url: url(path), ...extra }) as FootfallEvent;
const cart = (anonymousId: string, ts: number, action: string, extra: Record<string, unknown> = {}): FootfallEvent =>
  ({ id: `c${++n}`, type: 'cart', ts: T0 + ts, anonymousId, url: url('/cart'), action, ...extra }) as FootfallEvent;

/**
 * The docs/metrics.md#persons worked case: Ana browses on her laptop from a newsletter,
 * logs in, buys on her phone the next day (two devices, one person), buys again from the
 * laptop and writes a review; a visitor who never logs in looks at one page.
 */
function workedCase(): FootfallEvent[] {
  return [
    page('laptop', 0, '/?utm_source=newsletter&utm_medium=email', { ctx: { vw: 1440, vh: 900 } }),
    page('laptop', 2 * MIN, '/product/boots', { ctx: { vw: 1440, vh: 900 } }),
    { id: `i${++n}`, type: 'identify', ts: T0 + 3 * MIN, anonymousId: 'laptop', userId: 'ana', url: url('/login'), traits: { plan: 'gold' } } as FootfallEvent,
    page('phone', 24 * H, '/product/boots', { ctx: { vw: 390, vh: 800 }, referrer: 'https://www.google.com/' }),
    { id: `i${++n}`, type: 'identify', ts: T0 + 24 * H + MIN, anonymousId: 'phone', userId: 'ana', url: url('/login') } as FootfallEvent,
    cart('phone', 24 * H + 2 * MIN, 'add'),
    cart('phone', 24 * H + 3 * MIN, 'purchase', { orderId: 'o1', value: 80 }),
    cart('laptop', 48 * H, 'purchase', { orderId: 'o2', value: 45.5, ctx: { vw: 1440, vh: 900 } }),
    { id: `r${++n}`, type: 'review', ts: T0 + 50 * H, userId: 'ana', product: 'boots', rating: 5 } as FootfallEvent,
    page('drifter', 30 * H, '/', { ctx: { vw: 390, vh: 800 } }),
  ];
}

const run = <R>(a: { add(e: NormalizedEvent): void; result(): R }, events: readonly FootfallEvent[]) => {
  for (const e of normalize(events)) a.add(e);
  return a.result();
};

describe('persons (docs/metrics.md#persons)', () => {
  it('case 1: a person on two devices is one row; an anonymous visitor is another', () => {
    const r = run(createPersons(), workedCase());
    expect(r).toMatchObject({ seen: 2, matched: 2 });
    const [ana, drifter] = r.persons;
    expect(ana).toMatchObject({
      person: 'ana', userId: 'ana', devices: ['laptop', 'phone'],
      firstSeen: T0, lastSeen: T0 + 50 * H, sessions: 3, orders: 2, revenue: 125.5, stage: 'advocacy',
      channels: ['newsletter/email', 'google.com/organic', 'direct'], deviceClasses: ['desktop', 'mobile'], tickets: 0, reviews: 1,
      conversionProbability: 1,
    });
    expect(drifter).toMatchObject({ person: 'drifter', userId: null, devices: ['drifter'], sessions: 1, orders: 0, revenue: 0, stage: 'awareness', firstSeen: T0 + 30 * H, lastSeen: T0 + 30 * H });
  });

  it('case 2: the profile of either device is the person, with a timeline grouped by session', () => {
    // the phone is found as Ana, but what Ana did before the phone's first event only shows
    // when the profile is read by her person key (what the CLI and the collector do)
    const byPhone = run(createPersonProfile({ id: 'phone', events: 4 }), workedCase());
    expect(byPhone).toMatchObject({ person: 'ana', sessions: 2 });
    for (const id of ['ana', byPhone!.person, 'laptop']) {
      const p = run(createPersonProfile({ id, events: 4 }), workedCase());
      expect(p).toMatchObject({ person: 'ana', sessions: 3, orders: 2, revenue: 125.5, stage: 'advocacy', traits: { plan: 'gold' } });
      expect(p!.recentSessions.map((s) => [s.channel, s.device, s.converted])).toEqual([['direct', 'desktop', true], ['google.com/organic', 'mobile', true], ['newsletter/email', 'desktop', false]]);
      expect(p!.recentReviews).toEqual([{ ts: T0 + 50 * H, product: 'boots', rating: 5 }]);
      // the latest 4 events: the phone's add and purchase, the laptop's purchase, the review (outside any session)
      expect(p!.timeline.map((g) => g.events.map((e) => e.what))).toEqual([['review boots 5/5'], ['cart:purchase'], ['cart:add', 'cart:purchase']]);
      expect(p!.timeline[0].session).toBe('');
    }
    expect(run(createPersonProfile({ id: 'nobody' }), workedCase())).toBeNull();
  });

  it('predicts the latest session from the journey model fitted on everyone', () => {
    const events = [
      // three sessions that go / → /product/x: two convert
      ...['a', 'b', 'c'].flatMap((who, i) => [page(who, i * H, '/'), page(who, i * H + MIN, '/product/x'), ...(i < 2 ? [cart(who, i * H + 2 * MIN, 'purchase', { value: 10 })] : [])]),
      page('d', 10 * H, '/'), page('d', 10 * H + MIN, '/product/x'),
    ];
    const p = run(createPersonProfile({ id: 'd' }), events);
    // from /product/x: 2 of 4 sessions converted, 2 exited (c and d itself, which is still open)
    expect(p!.conversionProbability).toBeCloseTo(0.5);
    expect(p!.next).toEqual([{ item: '(conversion)', probability: 0.5 }, { item: '(exit)', probability: 0.5 }]);
    const segment = run(createPersons({ minProbability: 0.6, sort: 'probability' }), events);
    expect(segment.persons.map((r) => r.person)).toEqual(['a', 'b']);
  });

  it('filters by stage, LTV and last seen; sorts; limits', () => {
    const events = workedCase();
    expect(run(createPersons({ stage: 'awareness' }), events).persons.map((r) => r.person)).toEqual(['drifter']);
    expect(run(createPersons({ minLtv: 125.5 }), events).persons.map((r) => r.person)).toEqual(['ana']);
    expect(run(createPersons({ minLtv: 126 }), events).matched).toBe(0);
    expect(run(createPersons({ sort: 'last-seen' }), events).persons.map((r) => r.person)).toEqual(['ana', 'drifter']);
    expect(run(createPersons({ since: { withinMs: 20 * H } }), events).persons.map((r) => r.person)).toEqual(['ana', 'drifter']);
    expect(run(createPersons({ since: { withinMs: 19 * H } }), events).persons.map((r) => r.person)).toEqual(['ana']);
    expect(run(createPersons({ since: { at: T0 + 50 * H + 1 } }), events).matched).toBe(0);
    expect(run(createPersons({ limit: 1 }), events)).toMatchObject({ matched: 2, persons: [{ person: 'ana' }] });
  });

  it('friction keeps the persons behind a bottleneck: a session of theirs met the signal on the page', () => {
    const click = (who: string, ts: number, path: string, dead = false) =>
      ({ id: `k${++n}`, type: 'click', ts: T0 + ts, anonymousId: who, url: url(path), selector: '#pay', tag: 'button', x: 1, y: 1, rx: 0.5, ry: 0.5, vw: 1280, vh: 800, dh: 2000, ...(dead ? { dead: true } : {}) }) as FootfallEvent;
    const events = [
      page('stuck', 0, '/cart'), click('stuck', 1000, '/cart', true), page('stuck', 2000, '/'),
      page('fine', 0, '/cart'), click('fine', 1000, '/cart'), page('fine', 2000, '/'),
      page('elsewhere', 0, '/'), click('elsewhere', 1000, '/', true),
      // high exit: the session's last page view is /cart (one that closed, one still open at the end)
      page('left', 0, '/'), page('left', MIN, '/cart'), page('left', 5 * H, '/'),
      page('still', 0, '/'), page('still', MIN, '/cart'),
    ];
    const who = (friction: { signal: 'dead-clicks' | 'high-exit'; page: string }) => run(createPersons({ friction, sort: 'last-seen' }), events).persons.map((r) => r.person).sort();
    expect(who({ signal: 'dead-clicks', page: '/cart' })).toEqual(['stuck']);
    expect(who({ signal: 'dead-clicks', page: '/' })).toEqual(['elsewhere']);
    expect(who({ signal: 'high-exit', page: '/cart' })).toEqual(['left', 'still']);
    expect(parseAnalysisOptions('persons', (k) => (k === 'friction' ? ['dead-clicks@page:/cart'] : []))).toEqual({ friction: { signal: 'dead-clicks', page: '/cart' } });
    expect(() => parseAnalysisOptions('persons', (k) => (k === 'friction' ? ['low-scroll@/cart'] : []))).toThrow(/is not SIGNAL@PAGE/);
  });

  it('reads its options from text, bounded', () => {
    expect(parseAnalysisOptions('persons', (k) => ({ stage: ['decision'], 'min-ltv': ['100'], since: ['7d'], sort: ['probability'], limit: ['5'] })[k] ?? [])).toEqual({
      stage: 'decision', minLtv: 100, since: { withinMs: 7 * 86_400_000 }, sort: 'probability', limit: 5,
    });
    expect(parseAnalysisOptions('persons', (k) => (k === 'since' ? ['2026-11-01'] : []))).toEqual({ since: { at: Date.UTC(2026, 10, 1) } });
    expect(() => parseAnalysisOptions('persons', (k) => (k === 'min-ltv' ? ['-1'] : [])), 'negative').toThrow(/min-ltv/);
    expect(() => parseAnalysisOptions('persons', (k) => (k === 'since' ? ['2026-02-31'] : []))).toThrow('since "2026-02-31" is not a day of the calendar');
    expect(() => parseAnalysisOptions('persons', (k) => (k === 'since' ? ['9'.repeat(10_000)] : []))).toThrow(/^since "9{32}…" is not a day/);
    expect(() => parseAnalysisOptions('persons', (k) => (k === 'min-probability' ? ['1.5'] : []))).toThrow(/probability/);
    expect(() => parseAnalysisOptions('persons', (k) => (k === 'stage' ? ['__proto__'] : []))).toThrow(/awareness/);
    expect(() => createAnalysis('person', () => [])).toThrow(/missing id/);
    expect(() => createAnalysis('person', (k) => (k === 'id' ? ['x'.repeat(129)] : []))).toThrow(/at most 128/);
    // an id that names an inherited member of plain objects reads nothing inherited
    expect(run(createAnalysis('person', (k) => (k === 'id' ? ['constructor'] : [])), workedCase())).toBeNull();
    expect(run(createAnalysis('person', (k) => (k === 'id' ? ['__proto__'] : [])), [page('__proto__', 0, '/')])).toMatchObject({ person: '__proto__', sessions: 1 });
  });

  it('keeps bounded memory per person', () => {
    const events = Array.from({ length: 300 }, (_, i) => page(`dev${i % 60}`, i * 2 * H, `/p${i}`, { userId: 'busy' }));
    const p = run(createPersonProfile({ id: 'busy', events: 10 }), events);
    expect(p).toMatchObject({ sessions: 300 });
    expect(p!.devices).toEqual(Array.from({ length: 50 }, (_, i) => `dev${i}`));
    expect(p!.recentSessions).toHaveLength(100);
    expect(p!.timeline.flatMap((g) => g.events)).toHaveLength(10);
  });

  it('stage decision, min LTV 100 lists exactly what a brute-force filter lists (property)', () => {
    fc.assert(
      fc.property(rawJourneys, fc.constantFrom(...JOURNEY_STAGES), fc.constantFrom(0, 20, 100), (raw, stage, minLtv) => {
        const got = run(createPersons({ stage, minLtv, limit: 1_000_000 }), raw).persons.map((r) => r.person).sort();
        const want = bruteForceSegment(raw, stage, minLtv);
        expect(got).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });

  it('shard-and-merge equals one run, persons and profiles (property)', () => {
    fc.assert(
      fc.property(journeysAcrossSources, fc.integer({ min: 1, max: 4 }), fc.nat(5), (events, k, who) => {
        const [one, merged] = oneRunAndMerged(() => createPersons({ sort: 'probability', limit: 1000 }), events, k);
        expect(merged).toEqual(one);
        const [exits, mergedExits] = oneRunAndMerged(() => createPersons({ friction: { signal: 'high-exit', page: '/cart' } }), events, k);
        expect(mergedExits).toEqual(exits);
        const [a, b] = oneRunAndMerged(() => createPersonProfile({ id: `u${who}` }), events, k);
        expect(b).toEqual(a);
      }),
      { numRuns: 150 },
    );
  });
});
