// `npm start` from a fresh checkout (after the build): it seeds the DuckDB file, prints the
// URLs, the dashboard URL answers, the shop loads the SDK in real Chromium, and a click in
// the shop shows up on /v1/live within 10 s.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium } from './lib/chromium.js';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'footfall-start-'));
let proc: ChildProcess | undefined;
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  if (proc && proc.exitCode === null) {
    proc.kill('SIGTERM');
    await new Promise((r) => proc!.once('exit', r));
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Starts scripts/start.mjs in an empty folder and resolves with everything it printed once the URLs are out. */
function start(): Promise<string> {
  return new Promise((resolve, reject) => {
    proc = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
      cwd: dir,
      env: { ...process.env, PORT: '0', FOOTFALL_READ_TOKEN: '', FOOTFALL_WRITE_KEYS: '', FOOTFALL_ORIGINS: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/read token/.test(out)) resolve(out);
    });
    proc.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
  });
}

describe('npm start', () => {
  it('seeds, prints working URLs, and a click in the shop reaches /v1/live within 10 s', async () => {
    const out = await start();
    expect(out).toMatch(/seeded .*footfall\.duckdb with \d+ demo events/);
    const dashboard = /dashboard\s+(\S+)/.exec(out)![1];
    const shop = /shop\s+(\S+)/.exec(out)![1];
    const live = /live\s+(\S+)/.exec(out)![1];
    const token = /read token\s+(\S+)/.exec(out)![1];
    expect(dashboard).toContain(`token=${token}`);

    const page = await fetch(dashboard);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const kpis = await fetch(new URL('/v1/kpis', dashboard), { headers: { authorization: `Bearer ${token}` } });
    expect(((await kpis.json()) as { sessions: number }).sessions).toBeGreaterThan(0);

    const abort = new AbortController();
    const stream = await fetch(live, { signal: abort.signal });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();

    browser = await launchChromium();
    const tab = await browser.newPage();
    const sdk = tab.waitForResponse((r) => r.url().endsWith('/sdk/footfall.js'));
    await tab.goto(shop);
    expect((await sdk).status()).toBe(200);
    await tab.waitForFunction(() => typeof (window as { footfall?: unknown }).footfall === 'function' || typeof (window as { footfall?: unknown }).footfall === 'object');
    const clickedAt = Date.now();
    await tab.click('#shop-now');

    let text = '';
    let click: { type: string; selector?: string } | undefined;
    const deadline = clickedAt + 10_000;
    while (!click && Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
      if (!chunk || chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
      for (const line of text.split('\n')) {
        if (!line.startsWith('data: ')) continue;
        const e = JSON.parse(line.slice(6)) as { type: string; selector?: string; writeKey?: string };
        if (e.type === 'click' && e.writeKey === 'demo') click = e;
      }
    }
    abort.abort();
    expect(click, `no click on /v1/live within 10 s; got:\n${text.slice(0, 500)}`).toBeDefined();
    expect(click!.selector).toContain('shop-now');
    expect(Date.now() - clickedAt).toBeLessThan(10_000);
  });
});
