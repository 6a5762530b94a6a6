import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveOptions, type FootfallOptions } from './options.js';
import { createQueue, keyOf, type Entry } from './queue.js';
import { createSender, retryAfterMs } from './sender.js';
import { mark } from './lib/taken.js';
import { fakeCollector, freshDevice, waitFor } from '../test/fakes.js';
import type { Ev, Stats } from './types.js';

const ev = (i: number): Ev => ({ id: 'e' + i, type: 'track', name: 'n' + i, ts: 1_700_000_000_000 + i, anonymousId: 'a', url: 'https://x.test/' });

function setup(n: number, options: FootfallOptions = {}) {
  const stats: Stats = { sent: 0, dropped: 0, evicted: 0 };
  const q = createQueue(5000, stats);
  const unsent = new Map<string, Entry>();
  const events = Array.from({ length: n }, (_, i) => ev(i));
  const entries = events.map((e): Entry => [keyOf(e), e]);
  entries.forEach((entry) => unsent.set(entry[1].id, entry));
  const o = resolveOptions({ writeKey: 'k', host: 'https://c.test', backoffBase: 10, backoffMax: 40, flushInterval: 20, ...options });
  const sender = createSender(o, q, stats, unsent);
  return { q, stats, unsent, sender, ready: q.add(entries) };
}

beforeEach(freshDevice);
afterEach(() => vi.unstubAllGlobals());

describe('the sender', () => {
  it('sends batches of at most batchSize as text/plain JSON with keepalive, and removes them after a 2xx', async () => {
    const c = fakeCollector();
    const s = setup(120);
    await s.ready;
    await s.sender._flush();
    expect(c.requests.map((r) => r.events.length)).toEqual([50, 50, 20]);
    const body = JSON.parse(c.requests[0].body);
    expect(body).toMatchObject({ v: 1, writeKey: 'k' });
    expect(typeof body.sentAt).toBe('number');
    expect(c.requests[0].keepalive).toBe(true);
    expect(c.fetch.mock.calls[0][0]).toBe('https://c.test/v1/batch');
    expect(await s.q.peek(10)).toEqual([]);
    expect(s.stats.sent).toBe(120);
    expect(s.unsent.size).toBe(0);
  });

  it('keeps a batch queued through failures and retries it with the same ids', async () => {
    const c = fakeCollector((n) => (n < 3 ? 500 : 200));
    const s = setup(5);
    await s.ready;
    await s.sender._flush();
    expect(await s.q.peek(10)).toHaveLength(5); // still queued after a 500
    await waitFor(() => c.delivered().length === 5, 'delivery after backoff');
    expect(c.requests.map((r) => r.status)).toEqual([500, 500, 500, 200]);
    expect(new Set(c.requests.map((r) => r.events.map((e) => e.id).join()))).toHaveProperty('size', 1);
    await waitFor(() => s.stats.sent === 5);
  });

  it('backs off exponentially with jitter', async () => {
    const c = fakeCollector((n) => (n < 4 ? 503 : 200));
    const s = setup(1, { backoffBase: 20, backoffMax: 1000 });
    await s.ready;
    await s.sender._flush();
    await waitFor(() => c.delivered().length === 1, 'delivery', 5000);
    const gaps = c.requests.slice(1).map((r, i) => r.at - c.requests[i].at);
    // base·2^k·[0.5, 1]: 10–20, 20–40, 40–80, 80–160 ms (timers may run late, never early)
    gaps.forEach((g, k) => expect(g).toBeGreaterThanOrEqual(20 * 2 ** k * 0.5 - 2));
  });

  it('waits Retry-After on 429', async () => {
    const c = fakeCollector((n) => (n === 0 ? { status: 429, headers: { 'Retry-After': '1' } } : 200));
    const s = setup(3);
    await s.ready;
    await s.sender._flush();
    await waitFor(() => c.delivered().length === 3, 'delivery after Retry-After', 3000);
    expect(c.requests[1].at - c.requests[0].at).toBeGreaterThanOrEqual(990);
  });

  it('splits a batch on 413 and drops (and counts) a batch the collector rejects with 400', async () => {
    const c = fakeCollector((_n, events) => (events.length > 2 ? 413 : events.some((e) => e.id === 'e4') ? 400 : 200));
    const s = setup(8);
    await s.ready;
    await s.sender._flush();
    expect(c.delivered().map((e) => e.id).sort()).toEqual(['e0', 'e1', 'e2', 'e3', 'e6', 'e7']);
    expect(s.stats.dropped).toBe(2); // e4 and its batch mate e5
    expect(await s.q.peek(10)).toEqual([]);
  });

  it('parses Retry-After seconds and dates', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });

  it('lets one tab send at a time: two senders on one queue never send an event twice', async () => {
    // An exclusive Web Locks stand-in (happy-dom has none).
    const held = new Set<string>();
    const locks = {
      request: async (name: string, _o: unknown, fn: (lock: object | null) => Promise<unknown>) => {
        if (held.has(name)) return fn(null);
        held.add(name);
        try {
          return await fn({ name });
        } finally {
          held.delete(name);
        }
      },
    };
    vi.stubGlobal('navigator', Object.create(navigator, { locks: { value: locks } }));
    const c = fakeCollector();
    const a = setup(200);
    await a.ready;
    const b = createSender(resolveOptions({ writeKey: 'k', batchSize: 7 }), createQueue(5000, a.stats), a.stats, new Map());
    await Promise.all([a.sender._flush(), b._flush(), a.sender._flush(), b._flush()]);
    await waitFor(() => c.delivered().length >= 200, 'all events');
    const ids = c.delivered().map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('beacons what this tab has not delivered when the page unloads, with keepalive, once', async () => {
    const c = fakeCollector();
    const s = setup(3);
    s.sender._beacon();
    s.sender._beacon(); // nothing twice
    await waitFor(() => c.requests.length === 1, 'the beacon');
    expect(c.requests[0].keepalive).toBe(true);
    expect(typeof c.fetch.mock.calls[0][1].body).toBe('string'); // a string body is sent as text/plain: CORS-simple
    expect(c.requests[0].events.map((e: Ev) => e.id)).toEqual(['e0', 'e1', 'e2']);
    // Its 2xx was seen (the page lived on): delivered, out of the queue.
    await waitFor(() => s.stats.sent === 3, 'the answer');
    expect(await s.q.peek(10)).toEqual([]);
  });
  it('removes, without sending, queued events a page saw delivered but went before its delete committed', async () => {
    // A tab closing: its beacon got a 2xx and marked the ids delivered, then the page went before IndexedDB deleted them.
    const c = fakeCollector();
    const s = setup(5);
    await s.ready;
    mark(['e0', 'e1', 'e2'], 0);
    await s.sender._flush();
    expect(c.delivered().map((e) => e.id)).toEqual(['e3', 'e4']);
    expect(await s.q.peek(10)).toEqual([]);
    expect(s.unsent.size).toBe(0);
  });

  it('skips events another page has in flight, and sends them once that mark expires', async () => {
    const c = fakeCollector();
    const s = setup(3);
    await s.ready;
    mark(['e1'], Date.now());
    await s.sender._flush();
    expect(c.delivered().map((e) => e.id)).toEqual(['e0', 'e2']);
    expect((await s.q.peek(10)).map(([, e]) => e.id)).toEqual(['e1']);
  });
});
