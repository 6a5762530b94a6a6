import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type StoredEvent } from '@footfall/collector';
import { fakeIo, runCli } from '../../test/fake-io.js';
import { startServe } from './serve.js';

const dir = mkdtempSync(join(tmpdir(), 'footfall-forget-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DAY = 86_400_000;
const ev = (id: string, anonymousId: string, ageMs: number, extra: Partial<StoredEvent> = {}): StoredEvent => {
  const ts = Date.now() - ageMs;
  return { id, type: 'page', ts, anonymousId, url: 'https://shop.test/', writeKey: 'site', receivedAt: ts, clientTs: ts, ...extra } as StoredEvent;
};
const fixture = () => [
  ev('a1', 'alice-laptop', DAY),
  ev('a2', 'alice-laptop', DAY - 1, { type: 'identify', userId: 'alice' } as Partial<StoredEvent>),
  ev('a3', 'alice-phone', 1000, { userId: 'alice' }),
  ev('a4', 'alice-phone', 500),
  ev('b1', 'bob', 100 * DAY),
  ev('b2', 'bob', 1000),
];
async function storeWith(name: string): Promise<string> {
  const store = await openStore(`duckdb:${join(dir, name)}`);
  await store.append(fixture());
  await store.close();
  return `duckdb:${name}`;
}
async function idsIn(spec: string): Promise<string[]> {
  const store = await openStore(`duckdb:${join(dir, spec.slice('duckdb:'.length))}`);
  const out: string[] = [];
  for await (const e of store.scan()) out.push(e.id);
  await store.close();
  return out.sort();
}

describe('footfall forget', () => {
  it('erases a person by any id and events past --older-than, and prints how many as JSON', async () => {
    const spec = await storeWith('f1.duckdb');
    const { code, out, err } = await runCli(dir, 'forget', spec, '--person', 'alice-phone', '--older-than', '90d');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ removed: 5, persons: [{ id: 'alice-phone', person: 'alice', removed: 4 }], expired: { removed: 1 } });
    expect(await idsIn(spec)).toEqual(['b2']);
  });

  it('usage errors exit 1; a store it cannot open exits 2', async () => {
    expect((await runCli(dir, 'forget', 'duckdb:x.duckdb')).code).toBe(1);
    expect((await runCli(dir, 'forget', 'events.ndjson', '--person', 'a')).code).toBe(1);
    expect((await runCli(dir, 'forget', 'duckdb:x.duckdb', '--older-than', 'soon')).code).toBe(1);
    expect((await runCli(dir, 'forget', `duckdb:${join(dir, 'no', 'such', 'dir', 'x.duckdb')}`, '--person', 'a')).code).toBe(2);
  });
});

describe('footfall serve --retention --admin-token', () => {
  it('erases expired events before it listens, and erases a person over HTTP with the admin token only', async () => {
    const spec = await storeWith('s1.duckdb');
    const io = fakeIo(dir);
    const args = { values: { port: '0', store: spec, 'read-token': 'read-0123456789', 'admin-token': 'admin-0123456789', retention: '30d' }, positionals: [] };
    const handle = await startServe(args, io);
    try {
      expect(io.out()).toMatch(/retention\s+30d/);
      const del = (token: string) => fetch(`${handle.url}/v1/persons/alice`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
      expect((await del('read-0123456789')).status).toBe(403);
      const res = await del('admin-0123456789');
      expect(await res.json()).toEqual({ person: 'alice', removed: 4 });
      const ids: string[] = [];
      for await (const e of handle.store.scan()) ids.push(e.id);
      expect(ids).toEqual(['b2']); // b1 was 100 days old
    } finally {
      await handle.close();
    }
  });

  it('reads the same from the environment: FOOTFALL_RETENTION, FOOTFALL_ADMIN_TOKEN, FOOTFALL_KEEP_PARAMS, FOOTFALL_RATE', async () => {
    const spec = await storeWith('s3.duckdb');
    const io = fakeIo(dir);
    io.env = { FOOTFALL_READ_TOKEN: 'read-0123456789', FOOTFALL_ADMIN_TOKEN: 'admin-0123456789', FOOTFALL_RETENTION: '30d', FOOTFALL_KEEP_PARAMS: 'ref', FOOTFALL_RATE: '20' };
    const handle = await startServe({ values: { port: '0', store: spec }, positionals: [] }, io);
    try {
      const del = (token: string) => fetch(`${handle.url}/v1/persons/alice`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
      expect((await del('read-0123456789')).status).toBe(403);
      expect(await (await del('admin-0123456789')).json()).toEqual({ person: 'alice', removed: 4 });
      // 50 events under a rate of 20/s: admitted (a full bucket takes any batch); the query string filtered by the list.
      const now = Date.now();
      const events = Array.from({ length: 50 }, (_, i) => ({ id: `n${i}`, type: 'page', ts: now, anonymousId: 'carol', url: 'https://shop.test/?ref=x&email=carol%40example.test&utm_source=y' }));
      const res = await fetch(`${handle.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ v: 1, sentAt: now, writeKey: 'site', events }) });
      expect(res.status).toBe(200);
      const stored: StoredEvent[] = [];
      for await (const e of handle.store.scan()) stored.push(e);
      expect(stored.map((e) => e.id).sort()).toEqual(['b2', ...events.map((e) => e.id)].sort()); // b1 was 100 days old
      expect(new Set(stored.filter((e) => e.anonymousId === 'carol').map((e) => e.url))).toEqual(new Set(['https://shop.test/?ref=x']));
    } finally {
      await handle.close();
    }
  });

  it('refuses an admin token equal to the read token, and a retention that is not a duration', async () => {
    const base = { port: '0', store: 'duckdb:s2.duckdb', 'read-token': 'same-0123456789' };
    await expect(startServe({ values: { ...base, 'admin-token': 'same-0123456789' }, positionals: [] }, fakeIo(dir))).rejects.toThrow(/differ/);
    await expect(startServe({ values: { ...base, retention: 'forever' }, positionals: [] }, fakeIo(dir))).rejects.toThrow(/--retention/);
  });
});
