/** Dedupe across restarts (issue 10, 11): a batch re-sent to a restarted collector is not stored twice. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { createBatchHandler } from './handle-batch.js';
import { openStore } from './open-store.js';
import { clickHouseUrl } from '../test/clickhouse-url.js';

const dir = mkdtempSync(join(tmpdir(), 'footfall-restart-'));
const ch = await clickHouseUrl();
const table = `t_restart_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (ch) await fetch(ch, { method: 'POST', body: `DROP TABLE IF EXISTS ${table}` });
});

const T = Date.now();
const batch = (ids: string[]) => new Request('http://x/v1/batch', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ v: 1, sentAt: T, writeKey: 'site', events: ids.map((id) => ({ id, type: 'page', ts: T, anonymousId: 'a', url: '/' })) }),
});

/** Rows in the store's table, duplicates included (what the file holds, not what reads see). */
async function rawRows(spec: string): Promise<number> {
  if (spec.startsWith('duckdb:')) {
    const instance = await DuckDBInstance.create(spec.slice('duckdb:'.length));
    const c = await instance.connect();
    const n = Number((await c.runAndReadAll('SELECT count(*) FROM events')).getRows()[0][0]);
    c.closeSync();
    instance.closeSync();
    return n;
  }
  const res = await fetch(`${ch}/?query=${encodeURIComponent(`SELECT count() FROM ${table}`)}`);
  return Number((await res.text()).trim());
}

const specs: [string, string][] = [['duckdb', `duckdb:${join(dir, 'restart.duckdb')}`]];
if (ch) specs.push(['clickhouse', `clickhouse:${ch}#${table}`]);

describe.each(specs)('dedupe across a restart: %s', (_name, spec) => {
  it('the same batch, sent before and after the restart, is stored once; new ids still are', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `evt-${i}`);
    let store = await openStore(spec);
    expect((await createBatchHandler({ store })(batch(ids))).status).toBe(200);
    await store.close();

    store = await openStore(spec); // the restart: a new process has an empty window
    const handle = createBatchHandler({ store });
    const again = await handle(batch(ids));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ accepted: 50, rejected: [] });
    expect((await handle(batch(['new-1', ...ids.slice(0, 3)]))).status).toBe(200);
    await store.close();
    expect(await rawRows(spec)).toBe(51);
  });
});
