// `footfall report` on the seeded demo data, opened from file:// in real Chromium with
// every non-file request blocked: all views draw, the numbers match `footfall … --json`,
// and hostile strings from events stay text.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { generateDemo } from '@footfall/node';
import { launchChromium } from './lib/chromium.js';
import { hostileEvents, openView, pixelStats, svgShapes, watch, XSS } from './lib/dashboard-page.js';

const CLI = join(import.meta.dirname, '../packages/cli/bin/footfall.js');
const footfall = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const STEPS = ['page:/', 'page:/product/*', 'cart:add', 'cart:checkout', 'cart:purchase'];

describe('footfall report opened from file:// with the network blocked', () => {
  let dir: string;
  let reportUrl: string;
  let funnelJson: { steps: { step: string; count: number; conversion: number }[] };
  let kpisJson: { sessions: number; revenue: number };
  let browser: Browser;
  let page: Page;
  let seen: ReturnType<typeof watch>;
  const requests: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'footfall-report-'));
    const input = join(dir, 'events.ndjson');
    const lines = [...generateDemo({ events: 50_000, seed: 7 }), ...hostileEvents()].map((e) => JSON.stringify(e));
    writeFileSync(input, `${lines.join('\n')}\n`);
    footfall('report', input, '--out', join(dir, 'report.html'));
    funnelJson = JSON.parse(footfall('funnel', input, ...STEPS.flatMap((s) => ['--step', s]), '--json'));
    kpisJson = JSON.parse(footfall('kpis', input, '--json'));
    reportUrl = pathToFileURL(join(dir, 'report.html')).href;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, offline: true });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    page = await context.newPage();
    seen = watch(page);
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the file inlines everything: two script elements, no external reference', () => {
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=["']?https?:/i);
    expect(html).not.toContain(XSS);
  });

  test('funnel: the same numbers as footfall funnel --json', async () => {
    await openView(page, reportUrl, 'funnel');
    const cells = await page.locator('section[aria-label="Steps in numbers"] tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent)));
    expect(cells.map((c) => c[0])).toEqual(STEPS);
    expect(cells.map((c) => c[1])).toEqual(funnelJson.steps.map((s) => s.count.toLocaleString('en-US')));
    expect(cells.map((c) => c[2])).toEqual(funnelJson.steps.map((s) => `${(s.conversion * 100).toFixed(1)}%`));
    expect(await page.locator('[data-chart="funnel"]').getAttribute('aria-label')).toBe(`Funnel: ${funnelJson.steps.map((s) => `${s.step} ${s.count}`).join(', ')}`);
    expect(await svgShapes(page, 'funnel')).toBeGreaterThan(5);
    expect(await svgShapes(page, 'breakdown')).toBeGreaterThan(3);
  });

  test('overview: KPIs as footfall kpis --json, charts drawn', async () => {
    await openView(page, reportUrl, 'overview');
    expect(await page.locator('[data-kpi="Sessions"] .value').textContent()).toBe(kpisJson.sessions.toLocaleString('en-US'));
    expect(await page.locator('[data-kpi="Revenue"] .value').textContent()).toBe(Math.round(kpisJson.revenue).toLocaleString('en-US'));
    expect(await svgShapes(page, 'stages')).toBeGreaterThanOrEqual(5);
    expect(await svgShapes(page, 'timeline')).toBeGreaterThan(2);
    // sessions over time: every session of footfall kpis --json, on the day it started
    expect(await page.locator('[data-chart="timeline"]').getAttribute('aria-label')).toContain(`${kpisJson.sessions.toLocaleString('en-US')} sessions`);
    expect(await svgShapes(page, 'channels')).toBeGreaterThan(3);
  });

  test('journeys, bottlenecks, pages: charts and tables drawn', async () => {
    await openView(page, reportUrl, 'journeys');
    expect(await svgShapes(page, 'sankey')).toBeGreaterThan(10);
    await openView(page, reportUrl, 'bottlenecks');
    expect(await page.locator('table[data-table="bottlenecks"] tbody tr').count()).toBeGreaterThan(0);
    expect(await svgShapes(page, 'lost')).toBeGreaterThan(2);
    await openView(page, reportUrl, 'pages');
    expect(await page.locator('td[data-vital][data-rating]').count()).toBeGreaterThan(0);
    expect(await svgShapes(page, 'page-views')).toBeGreaterThan(3);
  });

  test('heatmaps: the click layer colours a blank page of the recorded size', async () => {
    await openView(page, reportUrl, 'heatmaps');
    await page.locator('.layer.heat canvas').waitFor();
    expect(await page.locator('[data-blank]').count()).toBe(1);
    const stats = await pixelStats(browser, await page.locator('.stage').screenshot());
    expect(stats.coloured).toBeGreaterThan(200);
    await page.getByRole('button', { name: 'Scroll reach' }).click();
    await page.locator('.layer.scroll canvas').waitFor();
    expect((await pixelStats(browser, await page.locator('.stage').screenshot())).coloured).toBeGreaterThan(10_000);
  });

  test('hostile strings from events render as text, no dialog, no request, no error', async () => {
    await openView(page, reportUrl, 'pages');
    expect(await page.locator('td.path a').allTextContents()).toContain(`/${XSS}`);
    await openView(page, reportUrl, 'overview');
    await page.locator('[data-chart="channels"]').hover();
    expect(await page.locator('img').count()).toBe(0);
    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(requests).toEqual([]);
  });
});

describe('footfall report on the command line', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'report', ...args], { encoding: 'utf8' });

  test('without --out: usage error (exit 1) saying what to pass', () => {
    const r = run('events.ndjson');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('missing --out FILE');
  });

  test('unreadable input: exit 2', () => {
    const r = run(join(tmpdir(), 'footfall-no-such-file.ndjson'), '--out', join(tmpdir(), 'footfall-never.html'));
    expect(r.status).toBe(2);
  });

  test('--help lists the options', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--step S[\s\S]*--heatmaps N[\s\S]*--out FILE/);
  });
});
