import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEnvelope, EVENT_TYPES, LIMITS, validateEvent, type EventType } from './events.js';

const page = { id: 'e1', type: 'page', ts: 1732280000000, anonymousId: 'a1', url: 'https://shop.test/' };

describe('validateEvent', () => {
  it('accepts a minimal page view and keeps unknown fields', () => {
    const r = validateEvent({ ...page, extra: 42 });
    expect(r.ok).toBe(true);
    expect(r.ok && (r.value as unknown as { extra: number }).extra).toBe(42);
  });
  it('reports a wrong type with its path', () => {
    const r = validateEvent({ ...page, type: 'click', selector: '#b', tag: 'button', x: '12', y: 1, rx: 0.5, ry: 0.5, vw: 1, vh: 1, dh: 1 }, 'events[3]');
    expect(r).toEqual({ ok: false, errors: ['events[3].x: expected number, got "12"'] });
  });
});

describe('checkEnvelope', () => {
  it('keeps valid events beside rejected ones', () => {
    const r = checkEnvelope({ v: 1, sentAt: 1, writeKey: 'k', events: [page, { ...page, ts: -1 }] });
    expect(r.accepted).toHaveLength(1);
    expect(r.rejected).toEqual([{ index: 1, errors: ['events[1].ts: expected 0 ≤ value, got -1'] }]);
  });
  it('rejects a wrong version, sentAt and writeKey, and accepts nothing then', () => {
    const r = checkEnvelope({ v: 2, sentAt: 'now', writeKey: '', events: [page] });
    expect(r.errors).toEqual(['v: expected one of 1, got 2', 'sentAt: expected integer, got "now"', 'writeKey: expected at least 1 character, got 0']);
    expect(r.accepted).toEqual([]);
  });
  it('requires 1..500 events', () => {
    expect(checkEnvelope({ v: 1, sentAt: 1, writeKey: 'k', events: [] }).errors).toEqual(['events: expected at least 1 item, got 0']);
    expect(checkEnvelope({ v: 1, sentAt: 1, writeKey: 'k', events: Array(LIMITS.batchEvents + 1).fill(page) }).errors).toEqual(['events: expected at most 500 items, got 501']);
    expect(checkEnvelope({ v: 1, sentAt: 1, writeKey: 'k' }).errors).toEqual(['events: expected array, got nothing']);
  });
});

const click = { ...page, type: 'click', selector: '#buy', tag: 'button', x: 10, y: 20, rx: 0.5, ry: 0.5, vw: 390, vh: 800, dh: 2000 };
const scroll = { ...page, type: 'scroll', depth: 50, px: 1000, dh: 2000, vh: 800 };
const vitals = { ...page, type: 'vitals', metric: 'LCP', value: 2400, rating: 'good' };
const cart = { ...page, type: 'cart', action: 'purchase', items: [{ id: 'p1', price: 10, quantity: 1 }], value: 10, currency: 'EUR', orderId: 'o1' };
const track = { ...page, type: 'track', name: 'signup' };
const identify = { ...page, type: 'identify', userId: 'u1' };
const long = (n: number) => 'x'.repeat(n);

/** One case per validation rule of docs/events.md: [rule, event, the exact problems]. */
const rules: [string, unknown, string[]][] = [
  ['an event must be an object', 'page', ['event: expected object, got "page"']],
  ['null is not an event', null, ['event: expected object, got null']],
  ['an array is not an event', [page], ['event: expected object, got an array']],
  ['type is required', { ...page, type: undefined }, ['type: required, got nothing']],
  ['type is one of the eleven types', { ...page, type: 'pageview' }, ['type: expected one of "page", "click", "scroll", "vitals", "cart", "track", "identify", "email", "ticket", "review", "adstats", got "pageview"']],
  ['id is required', { ...page, id: undefined }, ['id: required, got nothing']],
  ['id is not empty', { ...page, id: '' }, ['id: expected at least 1 character, got 0']],
  [`id is at most ${LIMITS.id} characters`, { ...page, id: long(65) }, ['id: expected at most 64 characters, got 65']],
  ['id is a string', { ...page, id: 7 }, ['id: expected string, got 7']],
  ['ts is required', { ...page, ts: undefined }, ['ts: required, got nothing']],
  ['ts is an integer', { ...page, ts: 1.5 }, ['ts: expected integer, got 1.5']],
  ['ts is not negative', { ...page, ts: -1 }, ['ts: expected 0 ≤ value, got -1']],
  ['ts is a number, not a numeric string', { ...page, ts: '1732280000000' }, ['ts: expected integer, got "1732280000000"']],
  ['ts is finite', { ...page, ts: Number.POSITIVE_INFINITY }, ['ts: expected integer, got Infinity']],
  ['anonymousId is required', { ...page, anonymousId: undefined }, ['anonymousId: required, got nothing']],
  [`anonymousId is at most ${LIMITS.personId} characters`, { ...page, anonymousId: long(129) }, ['anonymousId: expected at most 128 characters, got 129']],
  ['userId, when present, is not empty', { ...page, userId: '' }, ['userId: expected at least 1 character, got 0']],
  ['userId is at most 128 characters', { ...page, userId: long(129) }, ['userId: expected at most 128 characters, got 129']],
  ['sessionId is at most 128 characters', { ...page, sessionId: long(129) }, ['sessionId: expected at most 128 characters, got 129']],
  ['url is required', { ...page, url: undefined }, ['url: required, got nothing']],
  [`url is at most ${LIMITS.url} characters`, { ...page, url: long(2049) }, ['url: expected at most 2048 characters, got 2049']],
  ['referrer is a string', { ...page, referrer: null }, ['referrer: expected string, got null']],
  ['title is at most 1024 characters', { ...page, title: long(1025) }, ['title: expected at most 1024 characters, got 1025']],
  ['props is an object', { ...page, props: [1] }, ['props: expected object, got an array']],
  [`props is at most ${LIMITS.propsBytes} bytes as JSON`, { ...page, props: { s: long(8200) } }, ['props: expected at most 8192 bytes as JSON, got 8208']],
  ['props holds JSON values only', { ...page, props: { n: BigInt(1) } }, ['props: expected JSON values only (no cycles, BigInt or functions)']],
  ['ctx is an object', { ...page, ctx: 'iphone' }, ['ctx: expected object, got "iphone"']],
  ['ctx.ua is at most 1024 characters', { ...page, ctx: { ua: long(1025) } }, ['ctx.ua: expected at most 1024 characters, got 1025']],
  ['ctx.vw is a non-negative number', { ...page, ctx: { vw: -1 } }, ['ctx.vw: expected 0 ≤ value, got -1']],
  ['receivedAt is integer ms', { ...page, receivedAt: 1.5 }, ['receivedAt: expected integer, got 1.5']],
  ['clientTs is integer ms', { ...page, clientTs: -5 }, ['clientTs: expected 0 ≤ value, got -5']],
  ['click: selector is required', { ...click, selector: undefined }, ['selector: required, got nothing']],
  [`click: selector is at most ${LIMITS.selector} characters`, { ...click, selector: long(513) }, ['selector: expected at most 512 characters, got 513']],
  [`click: text is at most ${LIMITS.clickText} characters`, { ...click, text: long(65) }, ['text: expected at most 64 characters, got 65']],
  ['click: tag is required', { ...click, tag: undefined }, ['tag: required, got nothing']],
  ['click: x and y are numbers', { ...click, x: null, y: 'top' }, ['x: expected number, got null', 'y: expected number, got "top"']],
  ['click: rx and ry are within 0..1', { ...click, rx: 1.2, ry: -0.1 }, ['rx: expected 0 ≤ value ≤ 1, got 1.2', 'ry: expected 0 ≤ value ≤ 1, got -0.1']],
  ['click: vw, vh, dh are not negative', { ...click, vw: -1, vh: -1, dh: -1 }, ['vw: expected 0 ≤ value, got -1', 'vh: expected 0 ≤ value, got -1', 'dh: expected 0 ≤ value, got -1']],
  ['click: rage and dead are booleans', { ...click, rage: 'yes', dead: 1 }, ['rage: expected boolean, got "yes"', 'dead: expected boolean, got 1']],
  ['scroll: depth is within 0..100', { ...scroll, depth: 101 }, ['depth: expected 0 ≤ value ≤ 100, got 101']],
  ['scroll: px, dh, vh are required', { ...scroll, px: undefined, dh: undefined, vh: undefined }, ['px: required, got nothing', 'dh: required, got nothing', 'vh: required, got nothing']],
  ['vitals: metric is one of LCP INP CLS FCP TTFB LOAD', { ...vitals, metric: 'FID' }, ['metric: expected one of "LCP", "INP", "CLS", "FCP", "TTFB", "LOAD", got "FID"']],
  ['vitals: value is not negative', { ...vitals, value: -3 }, ['value: expected 0 ≤ value, got -3']],
  ['vitals: rating is good, needs-improvement or poor', { ...vitals, rating: 'bad' }, ['rating: expected one of "good", "needs-improvement", "poor", got "bad"']],
  ['vitals: rating is required for the web-vitals metrics', { ...vitals, rating: undefined }, ['rating: required for LCP, got nothing']],
  ['vitals: a LOAD rating, when sent, is still one of the three', { ...vitals, metric: 'LOAD', rating: 'bad' }, ['rating: expected one of "good", "needs-improvement", "poor", got "bad"']],
  ['cart: action is one of the six actions', { ...cart, action: 'buy' }, ['action: expected one of "view_item", "add", "remove", "view_cart", "checkout", "purchase", got "buy"']],
  ['cart: items is an array', { ...cart, items: { id: 'p1' } }, ['items: expected array, got an object']],
  ['cart: at most 500 items', { ...cart, items: Array(501).fill({ id: 'p' }) }, ['items: expected at most 500 items, got 501']],
  ['cart: each item has an id', { ...cart, items: [{ id: 'p1' }, { price: 3 }] }, ['items[1].id: required, got nothing']],
  ['cart: item price is a number and quantity not negative', { ...cart, items: [{ id: 'p1', price: '3', quantity: -1 }] }, ['items[0].price: expected number, got "3"', 'items[0].quantity: expected 0 ≤ value, got -1']],
  ['cart: value is a number', { ...cart, value: '10' }, ['value: expected number, got "10"']],
  ['cart: currency is a 3-letter code', { ...cart, currency: 'EURO' }, ['currency: expected at most 3 characters, got 4']],
  ['cart: currency is not shorter than 3', { ...cart, currency: 'EU' }, ['currency: expected at least 3 characters, got 2']],
  ['cart: orderId is at most 256 characters', { ...cart, orderId: long(257) }, ['orderId: expected at most 256 characters, got 257']],
  ['track: name is required', { ...track, name: undefined }, ['name: required, got nothing']],
  ['track: name is not empty', { ...track, name: '' }, ['name: expected at least 1 character, got 0']],
  ['identify: userId is required', { ...identify, userId: undefined }, ['userId: required, got nothing']],
  ['identify: traits is an object', { ...identify, traits: 'vip' }, ['traits: expected object, got "vip"']],
  ['every problem is reported, not just the first', { type: 'page', ts: 'x' }, ['id: required, got nothing', 'ts: expected integer, got "x"', 'anonymousId: required, got nothing', 'url: required, got nothing']],
];

describe('validateEvent: one test per rule', () => {
  it.each(rules)('%s', (_rule, event, errors) => {
    expect(validateEvent(event)).toEqual({ ok: false, errors });
  });
  it.each([['page', page], ['click', click], ['scroll', scroll], ['vitals', vitals], ['cart', cart], ['track', track], ['identify', identify]])('a valid %s event passes', (_type, event) => {
    expect(validateEvent(event)).toEqual({ ok: true, value: event });
  });
  it('accepts values exactly at the limits', () => {
    expect(validateEvent({ ...page, id: long(64), anonymousId: long(128), url: long(2048) }).ok).toBe(true);
    expect(validateEvent({ ...click, rx: 0, ry: 1, text: long(64), selector: long(512) }).ok).toBe(true);
    expect(validateEvent({ ...scroll, depth: 100 }).ok).toBe(true);
  });
  it('accepts LOAD without a rating (it is unrated) and with one (older SDKs sent it)', () => {
    const { rating: _, ...load } = { ...vitals, metric: 'LOAD', value: 3100 };
    expect(validateEvent(load).ok).toBe(true);
    expect(validateEvent({ ...load, rating: 'good' }).ok).toBe(true);
  });
  it('prefixes paths with the given path', () => {
    expect(validateEvent({ ...cart, items: [{}] }, 'events[2]')).toEqual({ ok: false, errors: ['events[2].items[0].id: required, got nothing'] });
    expect(validateEvent({ ...vitals, rating: undefined }, 'events[0]')).toEqual({ ok: false, errors: ['events[0].rating: required for LCP, got nothing'] });
  });
});

/** Valid events per type, and their required fields (a value that is null, an object or an array is wrong for each). */
const email = { id: 'm1', type: 'email', ts: 1732280000000, userId: 'u1', action: 'open', campaign: 'spring-sale' };
const ticket = { id: 'k1', type: 'ticket', ts: 1732280000000, userId: 'u1', ticketId: 'T-1', reason: 'shipping', firstResponseAt: 1732280060000 };
const review = { id: 'r1', type: 'review', ts: 1732280000000, userId: 'u1', product: 'trail-runner', rating: 2 };
const adstats = { id: 'd1', type: 'adstats', ts: 1732233600000, source: 'google', medium: 'cpc', impressions: 1000, clicks: 40, cost: 52.5 };
const valid: Record<EventType, Record<string, unknown>> = { page, click, scroll, vitals, cart, track, identify, email, ticket, review, adstats };
const required: Record<EventType, string[]> = {
  page: ['id', 'type', 'ts', 'anonymousId', 'url'],
  click: ['id', 'ts', 'anonymousId', 'url', 'selector', 'tag', 'x', 'y', 'rx', 'ry', 'vw', 'vh', 'dh'],
  scroll: ['id', 'ts', 'anonymousId', 'url', 'depth', 'px', 'dh', 'vh'],
  vitals: ['id', 'ts', 'anonymousId', 'url', 'metric', 'value', 'rating'],
  cart: ['id', 'ts', 'anonymousId', 'action'],
  track: ['id', 'ts', 'anonymousId', 'name'],
  identify: ['id', 'ts', 'userId'],
  email: ['id', 'ts', 'action', 'campaign'],
  ticket: ['id', 'ts', 'ticketId'],
  review: ['id', 'ts', 'product', 'rating'],
  adstats: ['id', 'ts', 'source', 'medium', 'impressions', 'clicks', 'cost'],
};
const PATH = /^(event|[A-Za-z_]\w*(\.\w+|\[\d+\])*): \S/;

describe('validateEvent: property', () => {
  const mutation = fc.record({
    type: fc.constantFrom(...EVENT_TYPES),
    pick: fc.nat(),
    how: fc.constantFrom('delete', 'wrong'),
    wrong: fc.oneof(fc.constant(null), fc.array(fc.anything(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.anything(), { maxKeys: 3 })),
    extra: fc.dictionary(fc.string().filter((k) => !['__proto__'].includes(k)), fc.jsonValue(), { maxKeys: 3 }),
  });
  it('1,000 malformed events never throw, are rejected, and name the broken field in a path', () => {
    fc.assert(
      fc.property(mutation, ({ type, pick, how, wrong, extra }) => {
        const fields = required[type];
        const field = fields[pick % fields.length];
        const event: Record<string, unknown> = { ...extra, ...valid[type] };
        if (how === 'delete') delete event[field];
        else event[field] = wrong;
        const r = validateEvent(event);
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.errors.length).toBeGreaterThan(0);
        for (const e of r.errors) expect(e).toMatch(PATH);
        expect(r.errors.some((e) => e.startsWith(`${field}:`) || e.startsWith(`${field}[`) || e.startsWith(`${field}.`))).toBe(true);
      }),
      { numRuns: 1000, seed: 20261122 },
    );
  });
  it('any value at all never throws and, when rejected, every problem carries a path', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ type: fc.constantFrom(...EVENT_TYPES), id: fc.anything(), ts: fc.anything(), url: fc.anything(), anonymousId: fc.anything() })), (value) => {
        const r = validateEvent(value);
        if (!r.ok) for (const e of r.errors) expect(e).toMatch(PATH);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});
