import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, createFunnel, createKpis } from '@footfall/core';
import { createCollectorApp } from './app.js';
import { createDuckDbStore } from './duckdb.js';
import { serveNode, type RunningServer } from './node-server.js';
import { QUERY_NAMES } from './query-params.js';
import { runQuery } from './run-query.js';
import type { Store } from './store.js';
import { shopEvents } from '../test/shop-events.js';

const dir = mkdtempSync(join(tmpdir(), 'footfall-app-'));
const events = shopEvents(60);
const TOKEN = 'read-secret';
let store: Store;
let server: RunningServer;
const get = (path: string, token: string | null = TOKEN) =>
  fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

beforeAll(async () => {
  store = await createDuckDbStore({ path: join(dir, 'app.duckdb') });
  await store.append(events.map((e) => ({ ...e, writeKey: 'site' })));
  server = await serveNode(createCollectorApp({ store, readToken: TOKEN, partitions: 1 }).fetch, { port: 0 });
});
afterAll(async () => {
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('query API', () => {
  it('401 without the read token or with a wrong one', async () => {
    expect((await get('/v1/kpis', null)).status).toBe(401);
    expect((await get('/v1/kpis', 'nope')).status).toBe(401);
    expect((await get('/v1/live', null)).status).toBe(401);
  });

  it('answers the funnel with the CLI options as parameters, equal to the core over the same events', async () => {
    const res = await get('/v1/funnel?step=page:/&step=cart:add&step=cart:purchase&window=14d');
    expect(res.status).toBe(200);
    const body = await res.json();
    const core = analyze(events, createFunnel({ steps: ['page:/', 'cart:add', 'cart:purchase'] }));
    expect(body).toEqual(JSON.parse(JSON.stringify(core)));
    expect((body as { steps: { count: number }[] }).steps[0].count).toBeGreaterThan(0);
  });

  it('answers kpis equal to the core', async () => {
    const body = await (await get('/v1/kpis')).json();
    expect(body).toEqual(JSON.parse(JSON.stringify(analyze(events, createKpis()))));
  });

  it('400 for options it cannot use, 404 for an unknown query', async () => {
    expect((await get('/v1/funnel')).status).toBe(400);
    expect((await get('/v1/funnel?step=pgae:/')).status).toBe(400);
    expect((await get('/v1/funnel?step=page:/&window=soon')).status).toBe(400);
    expect((await get('/v1/heatmap?kind=smell')).status).toBe(400);
    expect((await get('/v1/nothing')).status).toBe(404);
  });

  it('filters by time range', async () => {
    const cut = events[Math.floor(events.length / 2)].ts;
    const body = (await (await get(`/v1/kpis?to=${cut}`)).json()) as { sessions: number };
    const all = (await (await get('/v1/kpis')).json()) as { sessions: number };
    expect(body.sessions).toBeGreaterThan(0);
    expect(body.sessions).toBeLessThan(all.sessions);
  });

  it('merged partitions in worker threads equal one run, for every query', async () => {
    const params: Record<string, string> = {
      funnel: 'step=page:/&step=page:/product/*&step=cart:purchase',
      heatmap: 'page=/',
      attribution: 'model=markov',
      bottlenecks: 'min-group=2&alpha=0.5&step=page:/&step=cart:purchase',
      person: 'id=anon-0-0',
    };
    for (const name of QUERY_NAMES) {
      const query = { name, params: params[name] ?? '' };
      const one = await runQuery(store, query, { partitions: 1 });
      const three = await runQuery(store, query, { partitions: 3 });
      expect(three, name).toEqual(one);
    }
  }, 180_000); // every query, three worker threads each, on a shared machine
});

describe('live stream and pages', () => {
  it('streams stored events to /v1/live as Server-Sent Events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/v1/live?token=${TOKEN}`, { signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const post = await fetch(`${server.url}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ v: 1, sentAt: Date.now(), writeKey: 'site', events: [{ id: 'live-1', type: 'page', ts: Date.now(), anonymousId: 'live', url: 'https://shop.test/live' }] }),
    });
    expect(post.status).toBe(200);
    let text = '';
    const deadline = Date.now() + 10_000;
    while (!text.includes('live-1') && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    const data = text.split('\n').find((l) => l.startsWith('data: ') && l.includes('live-1'));
    expect(JSON.parse(data!.slice(6))).toMatchObject({ id: 'live-1', url: 'https://shop.test/live', writeKey: 'site' });
  });

  it('filters the live stream by write key', async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/v1/live?writeKey=other&token=${TOKEN}`, { signal: controller.signal });
    const reader = res.body!.getReader();
    const send = (writeKey: string, id: string) => fetch(`${server.url}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ v: 1, sentAt: Date.now(), writeKey, events: [{ id, type: 'page', ts: Date.now(), anonymousId: 'live', url: 'https://shop.test/' }] }),
    });
    expect((await send('site', 'not-for-other')).status).toBe(200);
    expect((await send('other', 'for-other')).status).toBe(200);
    let text = '';
    const deadline = Date.now() + 10_000;
    while (!text.includes('for-other') && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toContain('id: for-other');
    expect(text).not.toContain('not-for-other');
  });

  it('serves a page at / and 404 elsewhere', async () => {
    const home = await get('/', null);
    expect(home.status).toBe(200);
    expect(await home.text()).toMatch(/\/v1\/batch/);
    expect((await get('/nope', null)).status).toBe(404);
  });

  it('stats need the token and count what is stored', async () => {
    expect((await get('/v1/stats', null)).status).toBe(401);
    expect(((await (await get('/v1/stats')).json()) as { events: number }).events).toBeGreaterThanOrEqual(events.length);
  });
});
