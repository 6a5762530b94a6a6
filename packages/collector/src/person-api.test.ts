// GET /v1/persons/:id and GET /v1/persons over a real server: the profile from any of a
// person's ids (the core's answer over the same events), segments, hostile ids, and a person
// erased disappearing from both (docs/privacy.md#erasure).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersonProfile, createPersons, normalize, type FootfallEvent } from '@footfall/core';
import { createCollectorApp } from './app.js';
import { createMemoryStore } from './memory.js';
import { serveNode, type RunningServer } from './node-server.js';
import type { Store } from './store.js';

const READ = 'read-secret-0123456789';
const ADMIN = 'admin-secret-9876543210';
const T = Date.now() - 3 * 86_400_000;
let store: Store;
let server: RunningServer;
let n = 0;
const page = (anonymousId: string, ts: number, path: string, extra: Record<string, unknown> = {}) => ({ id: `p${++n}`, type: 'page', ts: T + ts, anonymousId, url: `https://shop.test${path}`, ...extra });
const events = [
  page('alice-laptop', 0, '/?utm_source=newsletter&utm_medium=email'),
  { ...page('alice-laptop', 1000, '/login'), type: 'identify', userId: 'alice', traits: { plan: 'gold' } },
  page('alice-phone', 86_400_000, '/product/1'),
  { ...page('alice-phone', 86_400_000 + 1000, '/login'), type: 'identify', userId: 'alice' },
  { ...page('alice-phone', 86_400_000 + 2000, '/cart'), type: 'cart', action: 'purchase', orderId: 'o1', value: 120 },
  page('bob-device', 5000, '/'),
  { ...page('bob-device', 6000, '/cart'), type: 'cart', action: 'add' },
  page('constructor', 7000, '/'),
];
const stored = async () => {
  const out: FootfallEvent[] = [];
  for await (const e of store.scan()) out.push(e);
  return normalize(out);
};
const get = (path: string, token: string | null = READ) => fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

beforeAll(async () => {
  store = createMemoryStore();
  server = await serveNode(createCollectorApp({ store, readToken: READ, adminToken: ADMIN }).fetch, { port: 0 });
  const res = await fetch(`${server.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ v: 1, sentAt: Date.now(), writeKey: 'site', events }) });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await server.close();
  await store.close();
});

describe('GET /v1/persons/:id', () => {
  it('answers the core profile of the stitched person, from any of their ids', async () => {
    const core = createPersonProfile({ id: 'alice' });
    for (const e of await stored()) core.add(e);
    const want = JSON.parse(JSON.stringify(core.result()));
    expect(want).toMatchObject({ person: 'alice', sessions: 2, orders: 1, revenue: 120, devices: ['alice-laptop', 'alice-phone'], traits: { plan: 'gold' } });
    for (const id of ['alice', 'alice-phone', 'alice-laptop']) {
      const res = await get(`/v1/persons/${encodeURIComponent(id)}`);
      expect(res.status, id).toBe(200);
      expect(await res.json(), id).toEqual(want);
    }
    expect(await (await get('/v1/person?id=alice-phone')).json()).toEqual(want);
  });

  it('404 for an unknown id, 400 for a hostile one, 401 without the read token', async () => {
    expect((await get('/v1/persons/nobody')).status).toBe(404);
    expect((await get(`/v1/persons/${'x'.repeat(129)}`)).status).toBe(400);
    expect((await get('/v1/persons/%E0%A4%A')).status).toBe(400);
    expect((await get('/v1/persons/alice', null)).status).toBe(401);
    expect((await get('/v1/persons/alice', ADMIN)).status).toBe(401);
    expect((await get('/v1/persons?stage=__proto__')).status).toBe(400);
    expect((await get('/v1/persons?limit=99999999999')).status).toBe(400);
    // an id named like an inherited member is just an id
    const res = await get('/v1/persons/constructor');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ person: 'constructor', sessions: 1 });
  });
});

describe('GET /v1/persons', () => {
  it('answers the core segment', async () => {
    const core = createPersons({ stage: 'decision' });
    for (const e of await stored()) core.add(e);
    const res = await get('/v1/persons?stage=decision');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual(JSON.parse(JSON.stringify(core.result())));
    expect(body.persons.map((p: { person: string }) => p.person)).toEqual(['alice', 'bob-device']);
    expect((await (await get('/v1/persons?min-ltv=100')).json()).persons.map((p: { person: string }) => p.person)).toEqual(['alice']);
  });

  it('a person erased disappears from profiles, segments and the journey model fitted next', async () => {
    // from "/": Alice's laptop and "constructor" left, Bob added to his cart
    const next = async () => ((await (await get('/v1/persons/constructor')).json()) as { next: { item: string; probability: number }[] }).next;
    expect(await next()).toEqual([{ item: '(exit)', probability: 2 / 3 }, { item: 'cart:add', probability: 1 / 3 }]);
    const res = await fetch(`${server.url}/v1/persons/alice-phone`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN}` } });
    expect(await res.json()).toMatchObject({ person: 'alice', removed: 5 });
    for (const id of ['alice', 'alice-phone', 'alice-laptop']) expect((await get(`/v1/persons/${id}`)).status, id).toBe(404);
    const body = await (await get('/v1/persons')).json();
    expect(body.persons.map((p: { person: string }) => p.person).sort()).toEqual(['bob-device', 'constructor']);
    expect(JSON.stringify(body)).not.toContain('alice');
    expect(await next()).toEqual([{ item: '(exit)', probability: 1 / 2 }, { item: 'cart:add', probability: 1 / 2 }]);
  });
});
