// kill -9 of the collector while batches are being acknowledged loses none of the
// acknowledged ones: every id of every 200 answer is in the DuckDB file afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const collectorDist = pathToFileURL(join(root, 'packages/collector/dist/index.js')).href;
const dir = mkdtempSync(join(tmpdir(), 'footfall-kill9-'));
let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const serverCode = (file: string) => `
  const { createCollectorApp, openStore, serveNode } = await import(${JSON.stringify(collectorDist)});
  const store = await openStore(${JSON.stringify(`duckdb:${file}`)});
  const { url } = await serveNode(createCollectorApp({ store, readToken: 'x' }).fetch, { port: 0 });
  process.stdout.write(url + '\\n');
`;

function startCollector(file: string): Promise<{ proc: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--input-type=module', '-e', serverCode(file)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/\S+/.exec(out);
      if (m) resolve({ proc, url: m[0] });
    });
    proc.once('exit', (code) => reject(new Error(`collector exited with ${code} before listening`)));
  });
}

describe('collector durability', () => {
  it('keeps every acknowledged event when killed with SIGKILL mid-load', async () => {
    const file = join(dir, 'kill9.duckdb');
    const { proc, url } = await startCollector(file);
    child = proc;
    const acknowledged: string[] = [];
    let sent = 0;
    let stop = false;
    const client = async (c: number) => {
      while (!stop) {
        const n = sent++;
        const ids = Array.from({ length: 50 }, (_, i) => `k${c}-${n}-${i}`);
        const body = JSON.stringify({
          v: 1, sentAt: Date.now(), writeKey: 'site',
          events: ids.map((id, i) => ({ id, type: 'page', ts: Date.now() - i, anonymousId: `a${n % 97}`, url: `https://shop.test/p/${i}` })),
        });
        try {
          const res = await fetch(`${url}/v1/batch`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
          if (res.status === 200) acknowledged.push(...ids);
          else await res.arrayBuffer();
        } catch {
          return; // the server is gone
        }
      }
    };
    const clients = Array.from({ length: 8 }, (_, c) => client(c));
    // Kill once a good number of batches is acknowledged, with requests still in flight.
    const deadline = Date.now() + 60_000;
    while (acknowledged.length < 400 * 50 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    proc.kill('SIGKILL');
    await new Promise((r) => proc.once('exit', r));
    stop = true;
    await Promise.all(clients);
    expect(acknowledged.length).toBeGreaterThanOrEqual(400 * 50);

    const { openStore } = (await import(collectorDist)) as typeof import('@footfall/collector');
    const store = await openStore(`duckdb:${file}`);
    const stored = new Set<string>();
    for await (const e of store.scan()) stored.add(e.id);
    await store.close();
    const lost = acknowledged.filter((id) => !stored.has(id));
    expect(lost.length, `lost ${lost.length} of ${acknowledged.length}, e.g. ${lost.slice(0, 3).join(', ')}`).toBe(0);
    expect(stored.size).toBeGreaterThanOrEqual(acknowledged.length);
  });
});
