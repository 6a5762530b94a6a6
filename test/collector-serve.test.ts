// `footfall serve` configuration from the environment and flags, against the built CLI:
// write keys, CORS origins, the rate limit and the read token.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../packages/cli/bin/footfall.js');
const dir = mkdtempSync(join(tmpdir(), 'footfall-serve-config-'));
let child: ChildProcess;
let url: string;
let printed = '';

beforeAll(async () => {
  child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--store', `duckdb:${join(dir, 'db.duckdb')}`, '--rate', '100'], {
    env: { ...process.env, FOOTFALL_READ_TOKEN: 'tok', FOOTFALL_WRITE_KEYS: 'site_a, site_b', FOOTFALL_ORIGINS: 'site_a=https://a.test', FOOTFALL_SERVER_KEYS: 'sk_one' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      printed += d.toString();
      const m = /listening on (\S+)/.exec(printed);
      if (m && printed.includes('write keys')) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${printed}`)));
  });
});
afterAll(async () => {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
});

const batch = (writeKey: string, n: number, origin?: string) =>
  fetch(`${url}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', ...(origin ? { origin } : {}) },
    body: JSON.stringify({
      v: 1, sentAt: Date.now(), writeKey,
      events: Array.from({ length: n }, (_, i) => ({ id: `${writeKey}-${n}-${i}-${Math.random()}`, type: 'page', ts: Date.now(), anonymousId: 'a', url: 'https://a.test/' })),
    }),
  });

describe('footfall serve configuration', () => {
  it('prints the configured token and write keys, never a random token', () => {
    expect(printed).toMatch(/read token\s+tok\n/);
    expect(printed).toMatch(/write keys\s+site_a, site_b/);
    expect(printed).toMatch(/dashboard\s+http:\S+\/\?token=tok/);
  });

  it('accepts only the configured write keys and origins', async () => {
    expect((await batch('site_a', 1)).status).toBe(200);
    expect((await batch('site_c', 1)).status).toBe(403);
    expect((await batch('site_a', 1, 'https://a.test')).status).toBe(200);
    expect((await batch('site_a', 1, 'https://evil.test')).status).toBe(403);
  });

  it('FOOTFALL_SERVER_KEYS: a server key may send a userId-only event, the write key alone may not, a wrong key is 401', async () => {
    const order = (id: string) => JSON.stringify({ v: 1, sentAt: Date.now(), writeKey: 'site_a', events: [{ id, type: 'cart', ts: 1_500_000_000_000, userId: 'u1', action: 'purchase', orderId: 'A-1' }] });
    const post = (body: string, authorization?: string) => fetch(`${url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body });
    expect(await (await post(order(`srv-${Math.random()}`))).json()).toMatchObject({ accepted: 0 });
    expect(await (await post(order(`srv-${Math.random()}`), 'Bearer sk_one')).json()).toEqual({ accepted: 1, rejected: [] });
    expect((await post(order(`srv-${Math.random()}`), 'Bearer site_a')).status).toBe(401);
    expect(printed).toMatch(/server keys 1 configured/);
  });

  it('limits each write key to --rate events per second with 429 and Retry-After', async () => {
    // Five batches of 100 at once against a 100 events/s budget: one fits, the others wait.
    const answers = await Promise.all(Array.from({ length: 5 }, () => batch('site_b', 100)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
    const over = answers.find((r) => r.status === 429)!;
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it("serves the script tag's chunks beside the script, the queue's included, with CORS (docs/sdk.md#lazy-chunks)", async () => {
    const dist = join(import.meta.dirname, '../packages/browser/dist');
    const chunks = readdirSync(dist).filter((f) => /^footfall-[a-z0-9]+\.js$/.test(f));
    expect(chunks).toContain('footfall-queue.js');
    for (const name of chunks) {
      const r = await fetch(`${url}/sdk/${name}`, { headers: { origin: 'https://shop.test' } });
      expect(r.status, name).toBe(200);
      expect(r.headers.get('access-control-allow-origin'), name).toBe('*');
      expect(await r.text(), name).toBe(readFileSync(join(dist, name), 'utf8'));
    }
  });

  it('guards the query API with the read token', async () => {
    expect((await fetch(`${url}/v1/kpis`)).status).toBe(401);
    const ok = await fetch(`${url}/v1/kpis`, { headers: { authorization: 'Bearer tok' } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { sessions: number }).sessions).toBeGreaterThan(0);
  });
});
