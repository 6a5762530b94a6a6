import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createBatchHandler, createClickHouseStore, createDuckDbStore, createMemoryStore, serveNode, type RunningServer, type Store } from '@footfall/collector';
import { analyzeStream, createFunnel, createKpis, FootfallError } from '@footfall/core';
import { createServerTracker } from './server-tracker.js';

const KEY = 'sk_test_secret';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function collector(): Promise<{ store: Store; running: RunningServer }> {
  const store = createMemoryStore();
  const running = await serveNode(createBatchHandler({ store, serverKeys: [KEY] }), { port: 0 });
  closers.push(() => running.close());
  return { store, running };
}

/**
 * A stub in front of the collector: `plan` says what each request gets, in order:
 * 'pass' forwards; 'lost' forwards, then answers 500 (stored, answer lost); 'fail' answers
 * 500 without forwarding; 'busy' answers 429 Retry-After: 0; 'drop' cuts the connection.
 */
async function stub(target: string, plan: ('pass' | 'lost' | 'fail' | 'busy' | 'drop' | 'wait1s')[]): Promise<{ url: string; requests: () => number }> {
  let n = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const step = plan[n++] ?? 'pass';
      if (step === 'drop') return void req.socket.destroy();
      if (step === 'fail') return void res.writeHead(500).end('{"error":"injected"}');
      if (step === 'busy') return void res.writeHead(429, { 'retry-after': '0' }).end();
      if (step === 'wait1s') return void res.writeHead(503, { 'retry-after': '1' }).end();
      const answer = await fetch(`${target}/v1/batch`, { method: 'POST', body: Buffer.concat(chunks), headers: { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' } });
      const body = await answer.text();
      if (step === 'lost') return void res.writeHead(500).end('{"error":"answer lost"}');
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => n };
}

async function ids(store: Store): Promise<string[]> {
  const out: string[] = [];
  for await (const e of store.scan()) out.push(e.id);
  return out;
}

describe('createServerTracker', () => {
  it('delivers every event exactly once through 500s, lost answers, 429 and dropped connections', async () => {
    const { store, running } = await collector();
    const proxy = await stub(running.url, ['fail', 'lost', 'pass', 'busy', 'lost', 'drop', 'fail', 'lost']);
    const errors: FootfallError[] = [];
    const tracker = createServerTracker({ host: proxy.url, secretKey: KEY, flushAt: 50, retryBaseMs: 1, retryMaxMs: 5, flushOnExit: false, onError: (e) => errors.push(e) });
    const made: string[] = [];
    for (let i = 0; i < 1000; i++) {
      made.push(i % 10 === 0
        ? tracker.cart('purchase', { userId: `user_${i % 37}`, orderId: `A-${i}`, value: 10, currency: 'EUR', ts: 1_500_000_000_000 + i })
        : tracker.track('order_shipped', { userId: `user_${i % 37}`, props: { i } }));
    }
    await tracker.close();
    const stored = await ids(store);
    expect(errors).toEqual([]);
    expect(stored.length).toBe(1000); // 0 doubled
    expect(new Set(stored)).toEqual(new Set(made)); // 0 lost
    expect(tracker.stats()).toMatchObject({ delivered: 1000, dropped: 0, queued: 0 });
    expect(tracker.stats().retries).toBe(7); // fail, lost, busy, lost, drop, fail, lost
    expect(proxy.requests()).toBe(20 + 7);
    // server events keep their ts as sent
    const purchase = [];
    for await (const e of store.scan()) if (e.type === 'cart') purchase.push(e.ts);
    expect(Math.min(...purchase)).toBe(1_500_000_000_000);
  });

  it('honours Retry-After over its own shorter backoff', async () => {
    const { store, running } = await collector();
    const proxy = await stub(running.url, ['wait1s']);
    const tracker = createServerTracker({ host: proxy.url, secretKey: KEY, retryBaseMs: 1, retryMaxMs: 200, flushOnExit: false });
    tracker.track('x', { userId: 'u' });
    const started = performance.now();
    await tracker.close();
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect((await ids(store)).length).toBe(1);
    expect(tracker.stats()).toMatchObject({ retries: 1, delivered: 1 });
  });

  it('sends a batch after flushInterval without a flush call', async () => {
    const { store, running } = await collector();
    const tracker = createServerTracker({ host: running.url, secretKey: KEY, flushInterval: 20, flushOnExit: false });
    const id = tracker.identify({ userId: 'user_1', anonymousId: 'anon_1', traits: { plan: 'pro' } });
    for (let i = 0; i < 100 && (await ids(store)).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await ids(store)).toEqual([id]);
    await tracker.close();
  });

  it('bounds memory: beyond maxQueue new events are dropped and reported as QUEUE_FULL', async () => {
    const errors: FootfallError[] = [];
    // Nothing listens on port 9 of 127.0.0.1: every attempt fails.
    const tracker = createServerTracker({ host: 'http://127.0.0.1:9', secretKey: KEY, flushAt: 500, maxQueue: 3, maxRetries: 0, flushInterval: 60_000, flushOnExit: false, onError: (e) => errors.push(e) });
    for (let i = 0; i < 5; i++) tracker.track('x', { userId: 'u' });
    expect(errors.map((e) => e.code)).toEqual(['QUEUE_FULL', 'QUEUE_FULL']);
    expect(tracker.stats()).toMatchObject({ queued: 3, dropped: 2 });
    await tracker.close();
    expect(errors.map((e) => e.code)).toEqual(['QUEUE_FULL', 'QUEUE_FULL', 'STORE_FAILED']);
    expect(tracker.stats()).toMatchObject({ queued: 0, dropped: 5, delivered: 0 });
  });

  it('a wrong key is reported as UNAUTHORIZED and not retried', async () => {
    const { running } = await collector();
    const errors: FootfallError[] = [];
    const tracker = createServerTracker({ host: running.url, secretKey: 'sk_wrong', flushOnExit: false, onError: (e) => errors.push(e) });
    tracker.track('x', { userId: 'u' });
    await tracker.close();
    expect(errors.map((e) => e.code)).toEqual(['UNAUTHORIZED']);
    expect(errors[0].message).toMatch(/FOOTFALL_SERVER_KEYS/);
    expect(tracker.stats()).toMatchObject({ retries: 0, dropped: 1 });
  });

  it('throws a typed FootfallError on misuse, at the call', async () => {
    expect(() => createServerTracker({ host: 'collect.example', secretKey: KEY })).toThrow(FootfallError);
    expect(() => createServerTracker({ host: 'https://c.example', secretKey: '' })).toThrow(/FOOTFALL_SERVER_KEYS/);
    expect(() => createServerTracker({ host: 'https://c.example', secretKey: KEY, flushAt: 501 })).toThrow(/flushAt/);
    const tracker = createServerTracker({ host: 'https://c.example', secretKey: KEY, flushOnExit: false });
    expect(() => tracker.track('x', {})).toThrow(/userId or an anonymousId/);
    expect(() => tracker.cart('purchase', { userId: 'u', value: -1 as number, currency: 'euro' })).toThrowError(expect.objectContaining({ code: 'INVALID_EVENT' }) as Error);
    // @ts-expect-error an unknown cart action is a type error too
    expect(() => tracker.cart('buy', { userId: 'u' })).toThrow(/action/);
    await tracker.close();
    expect(() => tracker.track('x', { userId: 'u' })).toThrow(/closed/);
  });

  it('flushes on beforeExit when the process runs out of work', async () => {
    const { store, running } = await collector();
    const tracker = createServerTracker({ host: running.url, secretKey: KEY, flushInterval: 60_000 });
    const id = tracker.send({ type: 'email', userId: 'user_1', action: 'open', campaign: 'autumn' });
    process.emit('beforeExit', 0);
    for (let i = 0; i < 100 && (await ids(store)).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await ids(store)).toEqual([id]);
    await tracker.close();
  });
});

describe('browser and server events of one person (docs/integration.md#server-events)', () => {
  const stores: [string, () => Promise<Store>][] = [
    ['memory', async () => createMemoryStore()],
    ['duckdb', async () => createDuckDbStore({ path: join(mkdtempSync(join(tmpdir(), 'footfall-tracker-')), 'x.duckdb') })],
  ];
  const ch = process.env.FOOTFALL_CLICKHOUSE_URL;
  // In CI ClickHouse is required, never skipped (docs/internals.md#build-test-layout).
  if (!ch && process.env.CI === 'true') throw new Error('ClickHouse is required in CI: set FOOTFALL_CLICKHOUSE_URL (.ci/run starts clickhouse-server)');
  if (ch) stores.push(['clickhouse', async () => createClickHouseStore({ url: ch, table: `footfall_tracker_${Math.random().toString(36).slice(2, 10)}` })]);
  for (const [name, open] of stores) {
    it(`a funnel page:/ > cart:add > cart:purchase counts a person once when the order comes from the backend (${name})`, async () => {
      const store = await open();
      const running = await serveNode(createBatchHandler({ store, serverKeys: [KEY] }), { port: 0 });
      closers.push(async () => { await running.close(); await store.close(); });
      const t0 = Date.now() - 60_000;
      const browser = [
        { id: 'b1', type: 'page', ts: t0, anonymousId: 'anon-9', url: 'https://shop.test/' },
        { id: 'b2', type: 'cart', ts: t0 + 1000, anonymousId: 'anon-9', url: 'https://shop.test/p/1', action: 'add', items: [{ id: 'p1', price: 10, quantity: 1 }] },
        { id: 'b3', type: 'identify', ts: t0 + 2000, anonymousId: 'anon-9', userId: 'user_9', url: 'https://shop.test/login' },
        // the browser reports the confirmation page's order too: the same orderId is one order
        { id: 'b4', type: 'cart', ts: t0 + 5000, anonymousId: 'anon-9', userId: 'user_9', url: 'https://shop.test/done', action: 'purchase', orderId: 'A-9', value: 10, currency: 'EUR' },
        { id: 'b5', type: 'page', ts: t0, anonymousId: 'anon-8', url: 'https://shop.test/' },
      ];
      const tracker = createServerTracker({ host: running.url, secretKey: KEY, flushOnExit: false });
      // The backend's confirmation arrives first, naming the user alone.
      tracker.cart('purchase', { userId: 'user_9', orderId: 'A-9', value: 10, currency: 'EUR', ts: t0 + 4000 });
      await tracker.close();
      const res = await fetch(`${running.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ v: 1, sentAt: Date.now(), writeKey: 'site', events: browser }) });
      expect(await res.json()).toEqual({ accepted: 5, rejected: [] });
      const funnel = createFunnel({ steps: ['page:/', 'cart:add', 'cart:purchase'] });
      await analyzeStream({ [Symbol.asyncIterator]: () => store.scan()[Symbol.asyncIterator]() }, [funnel]);
      expect(funnel.result().steps.map((s) => s.count)).toEqual([2, 1, 1]);
      const kpis = createKpis();
      await analyzeStream({ [Symbol.asyncIterator]: () => store.scan()[Symbol.asyncIterator]() }, [kpis]);
      expect(kpis.result().orders).toBe(1);
    });
  }
});
