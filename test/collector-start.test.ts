// `npm start` from a fresh checkout (after the build): it seeds the DuckDB file, prints the
// URLs, the dashboard URL answers, the shop loads the SDK in real Chromium, and a click in
// the shop shows up on /v1/live within 10 s. Then the first look a newcomer gets: every
// dashboard view shows its feature, the planted bottlenecks are listed, and the heatmaps'
// hottest spots lie on the shop's real buttons and links.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium } from './lib/chromium.js';
import { openView, POLL, svgShapes, watch } from './lib/dashboard-page.js';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'footfall-start-'));
let proc: ChildProcess | undefined;
let browser: Browser | undefined;
let dashboard = '';
let shop = '';
/** A view's queries over the 100k seeded events take a second or two on an idle 2-core machine; leave room for a loaded one. */
const VIEW_TIMEOUT = 90_000;
let token = '';
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
    dashboard = /dashboard\s+(\S+)/.exec(out)![1];
    shop = /shop\s+(\S+)/.exec(out)![1];
    const live = /live\s+(\S+)/.exec(out)![1];
    token = /read token\s+(\S+)/.exec(out)![1];
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

  it('the first look shows every view with its feature: data in each, the planted bottlenecks, funnel times', async () => {
    expect(browser, 'the first test starts the browser').toBeDefined();
    const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    const seen = watch(page);
    await openView(page, dashboard, 'overview', VIEW_TIMEOUT);
    await expect.poll(() => page.locator('[data-kpi="Sessions"] .value').textContent(), { ...POLL, timeout: VIEW_TIMEOUT }).not.toBe('0');
    expect(await svgShapes(page, 'stages')).toBeGreaterThanOrEqual(5);
    await openView(page, dashboard, 'funnel', VIEW_TIMEOUT);
    expect(await svgShapes(page, 'funnel')).toBeGreaterThan(5);
    expect(await svgShapes(page, 'time-to-convert')).toBeGreaterThan(3);
    // Readable beside the averages: medians of minutes next to averages of hours on one linear
    // axis would be a pixel or two tall; on the log axis every median bar stands clear.
    const bars = await page.locator('[data-chart="time-to-convert"] svg').first().evaluate((svg) => {
      const heights = (fill: string) => Array.from(svg.querySelectorAll('path'))
        .filter((p) => p.getAttribute('fill') === fill)
        .map((p) => (p as SVGGraphicsElement).getBBox())
        .filter((b) => b.y > 30) // bars sit below the legend (grid top 32 px); its icons above
        .map((b) => b.height);
      return { median: heights('#0ea5e9'), average: heights('#a5b4fc') };
    });
    expect(bars.median.length).toBeGreaterThanOrEqual(2);
    expect(bars.average.length).toBe(bars.median.length);
    expect(Math.min(...bars.median), JSON.stringify(bars)).toBeGreaterThan(Math.max(12, 0.1 * Math.max(...bars.average)));
    await openView(page, dashboard, 'journeys', VIEW_TIMEOUT);
    expect(await svgShapes(page, 'sankey')).toBeGreaterThan(10);
    await openView(page, dashboard, 'pages', VIEW_TIMEOUT);
    expect(await page.locator('table[data-table="pages"] tbody tr').count()).toBeGreaterThan(3);
    await openView(page, dashboard, 'bottlenecks', VIEW_TIMEOUT);
    const rows = page.locator('table[data-table="bottlenecks"] tbody tr');
    await rows.first().waitFor({ timeout: VIEW_TIMEOUT });
    const text = (await rows.allTextContents()).join('\n');
    // the two problems `footfall demo` plants (DEMO_FRICTION), each named with its page
    expect(text).toMatch(/\/checkout\/payment[^\n]*LCP|LCP[^\n]*\/checkout\/payment/);
    expect(text).toMatch(/\/checkout\/shipping[^\n]*rage|rage[^\n]*\/checkout\/shipping/i);
    await openView(page, dashboard, 'heatmaps', VIEW_TIMEOUT);
    await page.locator('.layer.heat canvas').waitFor({ timeout: VIEW_TIMEOUT });
    expect(JSON.parse((await page.locator('.layer.heat').getAttribute('data-hot-spots')) ?? '[]').length).toBeGreaterThan(0);
    // persons: the segment lists persons, and the first opens a person page with their sessions
    await openView(page, dashboard, 'persons', VIEW_TIMEOUT);
    const persons = page.locator('table[data-table="persons"] tbody tr');
    await persons.first().waitFor({ timeout: VIEW_TIMEOUT });
    expect(await persons.count()).toBeGreaterThan(5);
    const id = (await persons.first().locator('a[data-person]').first().getAttribute('data-person'))!;
    await openView(page, dashboard, `person?id=${encodeURIComponent(id)}`, VIEW_TIMEOUT);
    expect(await page.locator('[data-person-page]').getAttribute('data-person-page')).toBe(id);
    expect(await page.locator('table[data-table="sessions"] tbody tr').count()).toBeGreaterThan(0);
    // live: a visit to the shop while the view is open shows as a session in progress
    await openView(page, dashboard, 'live', VIEW_TIMEOUT);
    const visitor = await browser!.newPage();
    await visitor.goto(shop);
    await visitor.click('#shop-now');
    // a session row, not the "Waiting for events…" row the empty table shows
    await expect.poll(() => page.locator('table[data-table="live"] tbody tr[data-session]').count(), { ...POLL, timeout: 30_000 }).toBeGreaterThan(0);
    expect(Number(await page.locator('[data-live="sessions"]').textContent())).toBeGreaterThan(0);
    await visitor.close();
    expect(await page.locator('.error').count()).toBe(0);
    expect(seen.errors).toEqual([]);
    await page.close();
  }, 600_000);

  it('the views beyond the browser show each planted problem first, as the query API answers it (docs/cli.md "footfall demo")', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    const seen = watch(page);
    const ask = async <T>(name: string) => (await (await fetch(new URL(`/v1/${name}`, dashboard), { headers: { authorization: `Bearer ${token}` } })).json()) as T;
    const [channels, service, products] = await Promise.all([
      ask<{ rows: { source: string; medium: string; campaign: string; keyword: string; sessions: number; flag: unknown }[] }>('channels'),
      ask<{ byPage: { key: string; contacts: number }[] }>('service'),
      ask<{ products: { product: string; views: number; flag: unknown }[] }>('products'),
    ]);
    const c = channels.rows[0];
    expect([c.source, c.medium, c.campaign, c.flag !== null]).toEqual(['google', 'cpc', 'rain_gear_launch', true]);
    expect(service.byPage[0].key).toBe('/cart');
    expect([products.products[0].product, products.products[0].flag !== null]).toEqual(['down-parka', true]);
    const first = (table: string) => page.locator(`table[data-table="${table}"] tbody tr`).first();
    await openView(page, dashboard, 'channels', VIEW_TIMEOUT);
    expect(await first('channels').getAttribute('data-row')).toBe('google / cpc / rain_gear_launch / (none)');
    expect(await first('channels').getAttribute('data-flagged')).toBe('true');
    expect(await first('channels').locator('td').nth(4).textContent()).toBe(c.sessions.toLocaleString('en-US'));
    await openView(page, dashboard, 'service', VIEW_TIMEOUT);
    expect(await first('service-pages').getAttribute('data-row')).toBe('/cart');
    expect(await first('service-pages').locator('td').nth(1).textContent()).toBe(service.byPage[0].contacts.toLocaleString('en-US'));
    await openView(page, dashboard, 'products', VIEW_TIMEOUT);
    expect(await first('products').getAttribute('data-row')).toBe('down-parka');
    expect(await first('products').locator('td').nth(1).textContent()).toBe(products.products[0].views.toLocaleString('en-US'));
    await openView(page, dashboard, 'email', VIEW_TIMEOUT);
    expect(await page.locator('table[data-table="email"] tbody tr').count()).toBeGreaterThan(0);
    // the planted problems are among the ranked bottlenecks too
    await openView(page, dashboard, 'bottlenecks', VIEW_TIMEOUT);
    const text = (await page.locator('table[data-table="bottlenecks"] tbody').textContent()) ?? '';
    for (const target of ['campaign:google / cpc / rain_gear_launch', 'page:/cart', 'product:down-parka']) expect(text).toContain(target);
    expect(seen.errors).toEqual([]);
    await page.close();
  }, 600_000);

  it.each([
    ['/', 'desktop'], ['/', 'mobile'], ['/product/trail-runner', 'desktop'], ['/product/trail-runner', 'mobile'],
    ['/checkout/shipping', 'desktop'], ['/checkout/shipping', 'mobile'], ['/cart', 'desktop'],
  ])('the heatmap of %s (%s) has its hottest spots on real elements of the shop page', async (path, viewport) => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    await openView(page, dashboard, `heatmaps?page=${encodeURIComponent(path)}&viewport=${viewport}`, VIEW_TIMEOUT);
    const layer = page.locator('.layer.heat');
    await layer.locator('canvas').waitFor({ timeout: VIEW_TIMEOUT });
    const spots = JSON.parse((await layer.getAttribute('data-hot-spots')) ?? '[]') as { x: number; y: number; count: number }[];
    expect(spots.length).toBeGreaterThan(0);
    const frame = page.frameLocator('.stage iframe');
    // every clickable element's box on the framed shop page, as the dashboard lays it out
    const boxes = await frame.locator('body').evaluate((body) => Array.from(body.querySelectorAll('a, button, p.price')).map((el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: body.ownerDocument.documentElement.clientWidth };
    }));
    expect(boxes.length).toBeGreaterThan(0);
    for (const spot of spots.slice(0, 3)) {
      // a spot is a cell: x rounded to 1 % of the width, y to a 16-px row
      const x = spot.x * boxes[0].width;
      const slack = boxes[0].width * 0.005 + 1;
      const onElement = boxes.some((b) => x >= b.left - slack && x <= b.right + slack && spot.y + 16 >= b.top && spot.y <= b.bottom);
      expect(onElement, `hot spot ${JSON.stringify(spot)} on ${path} (${viewport}) lies on no link or button: ${JSON.stringify(boxes)}`).toBe(true);
    }
    await page.close();
  }, 180_000);
});
