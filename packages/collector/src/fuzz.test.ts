/**
 * The fuzz suite in `npm test` (docs/collector.md, "Limits and hardening"): a fixed seed, a few
 * hundred hostile requests over raw sockets (request lines, methods, Host, headers, bodies,
 * query parameters) against the real app on a DuckDB file. `npm run fuzz` runs the same
 * generator 10,000 times against `footfall serve`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { runFuzz } from '../../../scripts/fuzz-requests.mjs';
import { createCollectorApp } from './app.js';
import { createDuckDbStore } from './duckdb.js';
import { serveNode } from './node-server.js';
import { createStaticFiles } from './static-files.js';

const dir = mkdtempSync(join(tmpdir(), 'footfall-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fuzz: hostile requests over raw sockets', () => {
  it('seed 10: no 5xx, the server keeps serving, every accepted event is stored exactly once', async () => {
    const path = join(dir, 'fuzz.duckdb');
    const store = await createDuckDbStore({ path });
    const lines: string[] = [];
    const app = createCollectorApp({ store, readToken: 'fuzz-token', partitions: 1, assets: createStaticFiles({ '/shop/': dir }) });
    const server = await serveNode(app.fetch, { port: 0, bodyTimeoutMs: 300, log: (line) => lines.push(line) });
    const result = await runFuzz({ port: server.port, seed: 10, count: 200, concurrency: 8, token: 'fuzz-token', waitMs: 20_000 });
    const health = await fetch(`${server.url}/v1/stats`, { headers: { authorization: 'Bearer fuzz-token' } });
    expect(health.status).toBe(200);
    const stats = (await health.json()) as { events: number };
    await server.close();
    await store.close();

    expect(result.fiveHundreds).toEqual([]);
    expect(lines).toEqual([]);
    expect(result.byStatus["200"]).toBeGreaterThan(40);
    expect(result.accepted.size).toBeGreaterThan(300);
    // What the file holds, duplicates included: exactly the accepted ids, once each.
    const instance = await DuckDBInstance.create(path);
    const c = await instance.connect();
    const rows = (await c.runAndReadAll('SELECT id FROM events')).getRows().map(([id]) => id as string);
    c.closeSync();
    instance.closeSync();
    expect(rows.length).toBe(new Set(rows).size);
    expect([...result.accepted].filter((id) => !rows.includes(id))).toEqual([]);
    expect(rows.filter((id) => !result.offered.has(id))).toEqual([]);
    expect(stats.events).toBe(rows.length);
  });
});
