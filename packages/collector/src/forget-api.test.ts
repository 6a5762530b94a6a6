import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKpis } from '@footfall/core';
import { createCollectorApp } from './app.js';
import { createDuckDbStore } from './duckdb.js';
import { serveNode, type RunningServer } from './node-server.js';
import { feedStore } from './run-query.js';
import type { Store } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'footfall-forget-'));
const READ = 'read-secret-0123456789';
const ADMIN = 'admin-secret-9876543210';
let store: Store;
let server: RunningServer;

const page = (id: string, anonymousId: string, extra: Record<string, unknown> = {}) => ({ id, type: 'page', ts: Date.now() - 1000, anonymousId, url: 'https://shop.test/', ...extra });
const batch = (events: unknown[]) =>
  fetch(`${server.url}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ v: 1, sentAt: Date.now(), writeKey: 'site', events }),
  });
const erase = (id: string, token?: string) =>
  fetch(`${server.url}/v1/persons/${encodeURIComponent(id)}`, { method: 'DELETE', headers: token ? { authorization: `Bearer ${token}` } : {} });
const ids = async () => {
  const out: string[] = [];
  for await (const e of store.scan()) out.push(e.id);
  return out.sort();
};

const aliceBatch = [
  page('a1', 'alice-laptop'),
  { ...page('a2', 'alice-laptop'), type: 'identify', userId: 'alice', traits: { email: 'alice@example.test' } },
  page('a3', 'alice-phone', { userId: 'alice' }),
  page('a4', 'alice-phone'),
];

beforeAll(async () => {
  store = await createDuckDbStore({ path: join(dir, 'forget.duckdb') });
  server = await serveNode(createCollectorApp({ store, readToken: READ, adminToken: ADMIN, partitions: 1 }).fetch, { port: 0 });
  expect((await batch([...aliceBatch, page('b1', 'bob-device')])).status).toBe(200);
});
afterAll(async () => {
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('DELETE /v1/persons/:id', () => {
  it('401 without a token or with a wrong one or a write key; 403 with the read token; nothing erased', async () => {
    const none = await erase('alice');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await erase('alice', 'nope')).status).toBe(401);
    expect((await erase('alice', 'site')).status).toBe(401); // the write key
    const read = await erase('alice', READ);
    expect(read.status).toBe(403);
    expect(((await read.json()) as { error: { message: string } }).error.message).toMatch(/read token cannot erase/);
    // The admin token in the query string does not count (URLs end up in logs).
    expect((await fetch(`${server.url}/v1/persons/alice?token=${ADMIN}`, { method: 'DELETE' })).status).toBe(401);
    expect(await ids()).toEqual(['a1', 'a2', 'a3', 'a4', 'b1']);
  });

  it('erases every event of the person by any id, answers how many, and the analyses stop counting them', async () => {
    const res = await erase('alice-laptop', ADMIN);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ person: 'alice', removed: 4 });
    expect(await ids()).toEqual(['b1']);
    const [kpis] = await feedStore(store, [createKpis()]);
    expect(kpis.result().persons).toBe(1);
    expect(await (await erase('alice', ADMIN)).json()).toEqual({ person: 'alice', removed: 0 });
  });

  it('the dedupe cache forgot the erased events: the same batch sent again is stored again', async () => {
    // Before erasure, the cache answered a retry without storing it; now those ids are unknown.
    expect(await (await batch(aliceBatch)).json()).toEqual({ accepted: 4, rejected: [] });
    expect(await ids()).toEqual(['a1', 'a2', 'a3', 'a4', 'b1']);
    // Bob's id is still remembered: his retry is not stored twice.
    await batch([page('b1', 'bob-device')]);
    expect((await store.stats()).events).toBe(5);
  });

  it('400 for an id that is not percent-encoded or too long; other methods on the path stay 405', async () => {
    expect((await fetch(`${server.url}/v1/persons/%E0%A4%A`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN}` } })).status).toBe(400);
    expect((await erase('x'.repeat(129), ADMIN)).status).toBe(400);
    expect((await fetch(`${server.url}/v1/persons/alice`, { method: 'PUT', headers: { authorization: `Bearer ${ADMIN}` } })).status).toBe(405);
  });

  it('403 when the collector has no admin token; an admin token equal to the read token is refused', async () => {
    const app = createCollectorApp({ store, readToken: READ });
    expect((await app.fetch(new Request('http://x/v1/persons/alice', { method: 'DELETE', headers: { authorization: `Bearer ${READ}` } }))).status).toBe(403);
    expect(() => createCollectorApp({ store, readToken: READ, adminToken: READ })).toThrow(/admin token equals the read token/);
  });
});
