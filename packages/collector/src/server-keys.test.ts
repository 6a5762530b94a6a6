import { afterEach, describe, expect, it } from 'vitest';
import { createBatchHandler } from './handle-batch.js';
import { createMemoryStore } from './memory.js';
import { serveNode, type RunningServer } from './node-server.js';
import type { StoredEvent } from './store.js';

const NOW = 1_800_000_000_000;
const FAR_PAST = 1_500_000_000_000; // 2017: an import of history
const userOnly = { id: 'srv-1', type: 'cart', ts: FAR_PAST, userId: 'user_17', action: 'purchase', orderId: 'A-1', value: 10, currency: 'EUR' };
const email = { id: 'em-1', type: 'email', ts: FAR_PAST, userId: 'user_17', action: 'open', campaign: 'autumn' };
const browserPage = { id: 'pg-1', type: 'page', ts: FAR_PAST, anonymousId: 'a1', url: 'https://shop.test/' };
const envelope = (events: unknown[]) => JSON.stringify({ v: 1, sentAt: FAR_PAST, writeKey: 'site', events });

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start() {
  const store = createMemoryStore();
  running = await serveNode(createBatchHandler({ store, serverKeys: ['sk_secret_1', 'sk_secret_2'], origins: ['https://shop.test'], now: () => NOW }), { port: 0 });
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${running!.url}/v1/batch`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const stored = async () => {
    const out: StoredEvent[] = [];
    for await (const e of store.scan()) out.push(e);
    return out;
  };
  return { post, stored };
}

describe('server keys (docs/collector.md#server-keys)', () => {
  it('a public write key cannot send userId-only or email events, and its far-past ts is skew-corrected', async () => {
    const { post, stored } = await start();
    const res = await post(envelope([userOnly, email, browserPage]));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accepted: number; rejected: { index: number; errors: string[] }[] };
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r) => r.index)).toEqual([0, 1]);
    expect(body.rejected[0].errors.join(' ')).toMatch(/anonymousId/);
    expect(body.rejected[1].errors.join(' ')).toMatch(/server key|email/);
    const events = await stored();
    expect(events.map((e) => [e.id, e.ts, e.clientTs])).toEqual([['pg-1', NOW, FAR_PAST]]);
  });

  it('a server key sends userId-only, email and far-past events, stored with ts as sent', async () => {
    const { post, stored } = await start();
    const res = await post(envelope([userOnly, email, browserPage]), { authorization: 'Bearer sk_secret_2' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 3, rejected: [] });
    const events = await stored();
    expect(events.map((e) => [e.id, e.ts, e.receivedAt]).sort()).toEqual([
      ['em-1', FAR_PAST, NOW],
      ['pg-1', FAR_PAST, NOW],
      ['srv-1', FAR_PAST, NOW],
    ]);
  });

  it('a wrong server key, or the write key as a bearer, is 401 and stores nothing', async () => {
    const { post, stored } = await start();
    for (const authorization of ['Bearer sk_secret_3', 'Bearer site', 'Basic c2s6', 'Bearer ']) {
      const res = await post(envelope([userOnly]), { authorization });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    }
    expect(await stored()).toEqual([]);
  });

  it('keeps CORS out of server-key requests: no CORS headers even from an allowed origin', async () => {
    const { post } = await start();
    const browser = await post(envelope([browserPage]), { origin: 'https://shop.test' });
    expect(browser.headers.get('access-control-allow-origin')).toBe('https://shop.test');
    const server = await post(envelope([{ ...browserPage, id: 'pg-2' }]), { origin: 'https://shop.test', authorization: 'Bearer sk_secret_1' });
    expect(server.status).toBe(200);
    expect(server.headers.get('access-control-allow-origin')).toBeNull();
    // A browser preflight never allows the Authorization header.
    const pre = await fetch(`${running!.url}/v1/batch`, { method: 'OPTIONS', headers: { origin: 'https://shop.test', 'access-control-request-headers': 'authorization' } });
    expect(pre.headers.get('access-control-allow-headers') ?? '').not.toMatch(/authorization/i);
  });

  it('without configured server keys any Authorization is 401', async () => {
    const store = createMemoryStore();
    running = await serveNode(createBatchHandler({ store, now: () => NOW }), { port: 0 });
    const res = await fetch(`${running.url}/v1/batch`, { method: 'POST', body: envelope([userOnly]), headers: { 'content-type': 'application/json', authorization: 'Bearer anything' } });
    expect(res.status).toBe(401);
  });
});
