// The dashboard as `footfall serve` serves it, on a real DuckDB store filled through
// POST /v1/batch with seeded demo events: every view draws from the real query API,
// funnel edits round-trip, new batches show up on the live panel, no console errors.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { generateDemo } from '@footfall/node';
import { launchChromium } from './lib/chromium.js';
import { openView, pixelStats, POLL, svgShapes, watch } from './lib/dashboard-page.js';

const CLI = join(import.meta.dirname, '../packages/cli/bin/footfall.js');
const TOKEN = 'serve-test-token';

/** Starts `footfall serve` on a free port; resolves once it prints where it listens. */
function serve(store: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--store', store, '--read-token', TOKEN], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`footfall serve did not start: ${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1] }); }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`footfall serve exited with ${code}: ${out}`)); });
  });
}

async function post(url: string, events: unknown[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    const res = await fetch(`${url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ v: 1, sentAt: Date.now(), writeKey: 'demo', events: events.slice(i, i + 500) }) });
    expect(res.status).toBeLessThan(300);
  }
}

describe('dashboard served by footfall serve', () => {
  let dir: string;
  let server: { child: ChildProcess; url: string };
  let browser: Browser;
  let page: Page;
  let seen: ReturnType<typeof watch>;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'footfall-serve-'));
    server = await serve(`duckdb:${join(dir, 'events.duckdb')}`);
    base = `${server.url}/?token=${TOKEN}`;
    await post(server.url, [...generateDemo({ events: 20_000, seed: 11 })]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    seen = watch(page);
  });
  afterAll(async () => {
    await browser?.close();
    server?.child.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('without a token the dashboard asks for it instead of failing', async () => {
    const fresh = await browser.newPage();
    const own = watch(fresh);
    await openView(fresh, server.url, 'overview');
    await fresh.getByLabel('Token', { exact: true }).fill(TOKEN);
    await fresh.getByRole('button', { name: 'Open dashboard' }).click();
    await expect.poll(() => fresh.locator('[data-kpi="Sessions"] .value').count(), POLL).toBe(1);
    expect(own.errors).toEqual([]);
    await fresh.close();
  });

  test('every view draws from the real query API', async () => {
    const kpis = await (await fetch(`${server.url}/v1/kpis`, { headers: { authorization: `Bearer ${TOKEN}` } })).json() as { sessions: number };
    await openView(page, base, 'overview');
    expect(await page.locator('[data-kpi="Sessions"] .value').textContent()).toBe(kpis.sessions.toLocaleString('en-US'));
    expect(await svgShapes(page, 'stages')).toBeGreaterThanOrEqual(5);
    await openView(page, base, 'funnel');
    expect(await svgShapes(page, 'funnel')).toBeGreaterThan(5);
    await openView(page, base, 'journeys');
    expect(await svgShapes(page, 'sankey')).toBeGreaterThan(10);
    await openView(page, base, 'pages');
    expect(await page.locator('table[data-table="pages"] tbody tr').count()).toBeGreaterThan(3);
    await openView(page, base, 'bottlenecks');
    expect(await page.locator('.error').count()).toBe(0);
    await openView(page, base, 'heatmaps');
    await page.locator('.layer.heat canvas').waitFor();
  });

  test('the date range filter reaches the query API (from/to in ms)', async () => {
    await openView(page, base, 'overview');
    const sessions = page.locator('[data-kpi="Sessions"] .value');
    const all = await sessions.textContent();
    expect(all).not.toBe('0');
    await page.getByLabel('From', { exact: true }).fill('2035-01-01');
    await expect.poll(() => sessions.textContent(), POLL).toBe('0');
    await page.getByLabel('From', { exact: true }).fill('');
    await expect.poll(() => sessions.textContent(), POLL).toBe(all);
  });

  test('picking a device or a channel filters whole sessions: the figures become the filtered query API answers', async () => {
    const kpis = async (qs: string) => (await (await fetch(`${server.url}/v1/kpis${qs}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { sessions: number; timeline: { sessions: number }[] };
    const [all, mobile, mobileEmail] = await Promise.all([kpis('?timeline=day'), kpis('?timeline=day&device=mobile'), kpis('?timeline=day&device=mobile&channel=email')]);
    expect(mobile.sessions).toBeGreaterThan(0);
    expect(mobile.sessions).toBeLessThan(all.sessions);
    expect(mobileEmail.sessions).toBeLessThan(mobile.sessions);
    const fmt = (n: number) => n.toLocaleString('en-US');
    await openView(page, base, 'overview');
    const sessions = page.locator('[data-kpi="Sessions"] .value');
    const overTime = page.locator('[data-chart="timeline"]');
    const device = page.getByRole('combobox', { name: /^Device/ });
    const channel = page.getByRole('combobox', { name: /^Channel/ });
    await expect.poll(() => sessions.textContent(), POLL).toBe(fmt(all.sessions));
    expect(await overTime.getAttribute('aria-label')).toContain(`${fmt(all.sessions)} sessions`);
    await device.selectOption('mobile');
    await expect.poll(() => sessions.textContent(), POLL).toBe(fmt(mobile.sessions));
    await expect.poll(() => overTime.getAttribute('aria-label'), POLL).toContain(`${fmt(mobile.sessions)} sessions`);
    await channel.fill('email');
    await channel.press('Enter');
    await expect.poll(() => sessions.textContent(), POLL).toBe(fmt(mobileEmail.sessions));
    await channel.fill('');
    await channel.press('Enter');
    await device.selectOption('');
    await expect.poll(() => sessions.textContent(), POLL).toBe(fmt(all.sessions));
  });

  test('heatmaps draw over the shop page itself; a page the shop lacks gets the blank page', async () => {
    const { pages } = (await (await fetch(`${server.url}/v1/pages`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { pages: { path: string; views: number }[] };
    const product = pages.filter((p) => p.path.startsWith('/product/')).sort((a, b) => b.views - a.views)[0].path;
    await openView(page, base, `heatmaps?page=${encodeURIComponent(product)}`);
    await page.locator('.layer.heat canvas').waitFor();
    // the demo's /product/<slug> is the shop's product page, framed without its scripts
    const shop = page.frameLocator('.stage iframe');
    expect(await shop.locator('#add-to-cart').textContent()).toBe('Add to cart');
    expect(await shop.locator('script').count()).toBe(0);
    expect(await page.locator('.stage [data-blank]').count()).toBe(0);
    const stage = page.locator('.stage');
    const withLayer = await pixelStats(browser, await stage.screenshot());
    await page.locator('.layer.heat').evaluate((el) => { el.style.visibility = 'hidden'; });
    const pageOnly = await pixelStats(browser, await stage.screenshot());
    expect(withLayer.coloured - pageOnly.coloured).toBeGreaterThan(500);

    // the shop has no login page: its 404 (the only console message) leaves the blank page
    const fresh = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const messages: string[] = [];
    fresh.on('console', (m) => { if (m.type() === 'error') messages.push(`${m.text()} ${m.location().url}`); });
    fresh.on('pageerror', (e) => messages.push(e.message));
    await openView(fresh, base, `heatmaps?page=${encodeURIComponent('/account/login')}`);
    await expect.poll(() => fresh.locator('.stage [data-blank]').count(), POLL).toBe(1);
    expect(await fresh.locator('.stage iframe').count()).toBe(0);
    expect(await fresh.locator('#main .note').textContent()).toContain('could not be loaded from /shop');
    expect(messages).toEqual([expect.stringMatching(/404.*\/shop\/account\/login$/)]);
    await fresh.close();
  });

  test('funnel edits round-trip through /v1/funnel', async () => {
    await openView(page, base, 'funnel');
    await page.locator('input[data-step="1"]').fill('page:/cart');
    await page.getByRole('button', { name: 'Remove step 5' }).click();
    await page.getByRole('button', { name: 'Remove step 4' }).click();
    await page.getByRole('button', { name: 'Remove step 3' }).click();
    await page.locator('[data-action="apply"]').click();
    const expected = await (await fetch(`${server.url}/v1/funnel?step=${encodeURIComponent('page:/')}&step=${encodeURIComponent('page:/cart')}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json() as { steps: { step: string; count: number }[] };
    await expect.poll(() => page.locator('[data-chart="funnel"]').getAttribute('aria-label'), POLL)
      .toBe(`Funnel: ${expected.steps.map((s) => `${s.step} ${s.count}`).join(', ')}`);
  });

  test('a new batch shows up on the live panel', async () => {
    await openView(page, base, 'live');
    await expect.poll(() => page.locator('[data-live-state]').getAttribute('data-live-state'), POLL).toBe('open');
    const now = Date.now();
    await post(server.url, [
      { id: 'live-1', type: 'page', ts: now, anonymousId: 'live-visitor', sessionId: 'live-session', url: 'https://shop.example/cart', ctx: { vw: 1280, vh: 800 } },
      { id: 'live-2', type: 'cart', action: 'checkout', ts: now + 10, anonymousId: 'live-visitor', sessionId: 'live-session', url: 'https://shop.example/cart' },
    ]);
    await expect.poll(() => page.locator('[data-session="live-session"] td').nth(1).textContent(), POLL).toBe('/cart');
    expect(seen.errors, seen.errors.join('\n')).toEqual([]);
  });
});
