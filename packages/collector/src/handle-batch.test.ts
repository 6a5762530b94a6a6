import { afterEach, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { createBatchHandler, type BatchHandlerOptions } from './handle-batch.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDuckDbStore } from './duckdb.js';
import { createMemoryStore } from './memory.js';
import { serveNode, type RunningServer } from './node-server.js';
import type { Store, StoredEvent } from './store.js';

const page = (id: string, ts = 1_000_000) => ({ id, type: 'page', ts, anonymousId: 'anon-1', url: 'https://shop.test/' });
const envelope = (events: unknown[], writeKey = 'site', sentAt = 1_000_500) => ({ v: 1, sentAt, writeKey, events });

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(options: Partial<BatchHandlerOptions> = {}) {
  const store = options.store ?? createMemoryStore();
  running = await serveNode(createBatchHandler({ store, now: () => 2_000_000, ...options }), { port: 0, log: () => {} });
  const post = (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
    fetch(`${running!.url}/v1/batch`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const stored = async () => {
    const out: StoredEvent[] = [];
    for await (const e of store.scan()) out.push(e);
    return out;
  };
  return { store, post, stored, url: running.url };
}

describe('POST /v1/batch', () => {
  it('200: stores a valid batch after skew correction and answers the count', async () => {
    const { post, stored } = await start();
    const res = await post(JSON.stringify(envelope([page('a'), page('b', 1_000_100)])));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 2, rejected: [] });
    const events = await stored();
    // ts' = receivedAt − (sentAt − ts): 2_000_000 − (1_000_500 − 1_000_000)
    expect(events.map((e) => [e.id, e.ts, e.clientTs, e.receivedAt, e.writeKey])).toEqual([
      ['a', 1_999_500, 1_000_000, 2_000_000, 'site'],
      ['b', 1_999_600, 1_000_100, 2_000_000, 'site'],
    ]);
  });

  it('enriches events with the parsed user agent', async () => {
    const { post, stored } = await start();
    const ua = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
    expect((await post(JSON.stringify(envelope([{ ...page('ua1'), ctx: { ua, vw: 390 } }])))).status).toBe(200);
    expect((await stored())[0].agent).toEqual({ browser: 'Mobile Safari', os: 'iOS', device: 'mobile' });
  });

  it('200 with partial acceptance: valid events are kept, invalid ones listed with their index', async () => {
    const { post, stored } = await start();
    const res = await post(JSON.stringify(envelope([page('ok1'), { ...page('bad'), ts: 'soon' }, page('ok2'), { id: 'x' }])));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accepted: number; rejected: { index: number; errors: string[] }[] };
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r) => r.index)).toEqual([1, 3]);
    expect(body.rejected[0].errors.join()).toMatch(/events\[1\]\.ts/);
    expect((await stored()).map((e) => e.id)).toEqual(['ok1', 'ok2']);
  });

  it('dedupes by id: a retried batch is acknowledged and stored once', async () => {
    const { post, stored } = await start();
    const body = JSON.stringify(envelope([page('d1'), page('d1'), page('d2')]));
    for (let i = 0; i < 2; i++) expect((await (await post(body)).json()).accepted).toBe(3);
    expect((await stored()).map((e) => e.id)).toEqual(['d1', 'd2']);
  });

  it('accepts text/plain (sendBeacon) and gzip bodies', async () => {
    const { post, stored } = await start();
    expect((await post(JSON.stringify(envelope([page('t1')])), { 'content-type': 'text/plain;charset=UTF-8' })).status).toBe(200);
    const gz = gzipSync(JSON.stringify(envelope([page('g1')])));
    expect((await post(new Uint8Array(gz), { 'content-encoding': 'gzip' })).status).toBe(200);
    expect((await stored()).map((e) => e.id).sort()).toEqual(['g1', 't1']);
  });

  it('400 on bad JSON, a bad envelope and broken gzip', async () => {
    const { post, stored } = await start();
    const bad = await post('{"v":1,');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('INVALID_ENVELOPE');
    const noEvents = await post(JSON.stringify(envelope([])));
    expect(noEvents.status).toBe(400);
    expect(JSON.stringify(await noEvents.json())).toMatch(/at least 1/);
    expect((await post(JSON.stringify({ v: 2, sentAt: 1, writeKey: 'k', events: [page('a')] }))).status).toBe(400);
    expect((await post(new Uint8Array([1, 2, 3]), { 'content-encoding': 'gzip' })).status).toBe(400);
    expect(await stored()).toEqual([]);
  });

  it('413 above 512 KiB, plain or once gunzipped, and above 500 events', async () => {
    const { post } = await start();
    const big = JSON.stringify(envelope([{ ...page('big'), title: 'x'.repeat(600 * 1024) }]));
    expect((await post(big)).status).toBe(413);
    expect((await post(new Uint8Array(gzipSync(big)), { 'content-encoding': 'gzip' })).status).toBe(413);
    const many = await post(JSON.stringify(envelope(Array.from({ length: 501 }, (_, i) => page(`m${i}`)))));
    expect(many.status).toBe(400);
  });

  it('415 for another media type or encoding', async () => {
    const { post } = await start();
    expect((await post('{}', { 'content-type': 'application/xml' })).status).toBe(415);
    expect((await post('{}', { 'content-encoding': 'br' })).status).toBe(415);
  });

  it('405 for another method', async () => {
    const { url } = await start();
    expect((await fetch(`${url}/v1/batch`)).status).toBe(405);
  });

  it('403 for a write key that is not configured', async () => {
    const { post } = await start({ writeKeys: ['site'] });
    expect((await post(JSON.stringify(envelope([page('a')], 'other')))).status).toBe(403);
    expect((await post(JSON.stringify(envelope([page('a')], 'site')))).status).toBe(200);
  });

  it('429 with Retry-After per write key over the configured rate', async () => {
    const { post } = await start({ rateLimit: { eventsPerSecond: 2 } });
    const send = (key: string, id: string) => post(JSON.stringify(envelope([page(`${id}1`), page(`${id}2`)], key)));
    expect((await send('a', 'x')).status).toBe(200);
    const limited = await send('a', 'y');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await send('b', 'z')).status).toBe(200); // another key has its own budget
  });

  it('a rate below the batch size (FOOTFALL_RATE=20, 50-event batches) admits the batch, then asks to wait (issue 10, 6)', async () => {
    const { post, stored } = await start({ rateLimit: { eventsPerSecond: 20 } });
    const batch = (tag: string) => JSON.stringify(envelope(Array.from({ length: 50 }, (_, i) => page(`${tag}-${i}`))));
    expect((await post(batch('first'))).status).toBe(200);
    expect(await stored()).toHaveLength(50);
    const next = await post(batch('second'));
    expect(next.status).toBe(429);
    expect(next.headers.get('retry-after')).toBe('3'); // 30 events of debt plus a full bucket (20) at 20/s
  });

  it('CORS: preflight and posts only from the origins configured for the key', async () => {
    const { url, post } = await start({ origins: { site: ['https://shop.test'] } });
    const pre = await fetch(`${url}/v1/batch`, { method: 'OPTIONS', headers: { origin: 'https://shop.test' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://shop.test');
    expect((await fetch(`${url}/v1/batch`, { method: 'OPTIONS', headers: { origin: 'https://evil.test' } })).status).toBe(403);
    const ok = await post(JSON.stringify(envelope([page('c1')])), { origin: 'https://shop.test' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.test');
    expect((await post(JSON.stringify(envelope([page('c2')])), { origin: 'https://evil.test' })).status).toBe(403);
    expect((await post(JSON.stringify(envelope([page('c3')], 'other')), { origin: 'https://shop.test' })).status).toBe(403);
  });

  it('DuckDB group commit over HTTP: a 200 means stored, a failed group answers 503 and stores nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'footfall-batch-'));
    const duck = await createDuckDbStore({ path: join(dir, 'group.duckdb') });
    // One request's append carries a row whose commit fails (a ts too large for BIGINT, which
    // the handler itself would reject): its group's commit fails.
    const poison = { ...page('poison', 1e20), writeKey: 'site' } as StoredEvent;
    const store: Store = { ...duck, spec: duck.spec, append: (events) => duck.append(events.some((e) => e.id === 'r5-a') ? [...events, poison] : events) };
    try {
      const { post, stored } = await start({ store });
      // Keep the writer busy so that the requests below queue up and commit as one group.
      const busy = duck.append(Array.from({ length: 20_000 }, (_, i) => ({ ...page(`busy-${i}`), writeKey: 'site', receivedAt: 1, clientTs: 1 }) as StoredEvent));
      const batches = Array.from({ length: 8 }, (_, r) => [page(`r${r}-a`), page(`r${r}-b`, 1_000_100)]);
      const answers = await Promise.all(batches.map((events) => post(JSON.stringify(envelope(events)))));
      await busy;
      const ids = new Set((await stored()).map((e) => e.id));
      expect(answers[5].status).toBe(503);
      for (const [r, res] of answers.entries()) {
        const kept = batches[r].filter((e) => ids.has(e.id)).length;
        // Acknowledged exactly when every event of the batch is in the file.
        expect([res.status, kept]).toEqual(res.status === 200 ? [200, batches[r].length] : [503, 0]);
      }
    } finally {
      await running?.close();
      running = undefined;
      await duck.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects alone an event whose corrected ts is beyond 2^53 ms (no store holds it; it would fail its whole group)', async () => {
    const { post, stored } = await start();
    const res = await post(JSON.stringify(envelope([page('ok1'), page('far', 1e20), { id: 'x' }, page('ok2')])));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accepted: number; rejected: { index: number; errors: string[] }[] };
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r) => r.index)).toEqual([1, 2]);
    expect(body.rejected[0].errors.join()).toMatch(/events\[1\]\.ts: after skew correction/);
    expect((await stored()).map((e) => e.id)).toEqual(['ok1', 'ok2']);
    // A far ts is fine when sentAt is as far: the corrected ts is the receive time.
    expect((await (await post(JSON.stringify(envelope([page('both', 1e20)], 'site', 1e20)))).json())).toEqual({ accepted: 1, rejected: [] });
  });

  it('503 when the store fails, and nothing is acknowledged', async () => {
    const failing: Store = { ...createMemoryStore(), append: async () => { throw new Error('disk full'); } };
    const { post } = await start({ store: failing });
    const res = await post(JSON.stringify(envelope([page('a')])));
    expect(res.status).toBe(503);
    expect(JSON.stringify(await res.json())).toMatch(/disk full/);
  });
});
