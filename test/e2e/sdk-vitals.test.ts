// Web vitals from the BUILT script-tag SDK in real Chromium: LCP, CLS, FCP, TTFB,
// INP (after an interaction) arrive with ratings, LOAD without one. They come from the
// lazily loaded `vitals` chunk (docs/sdk.md#lazy-chunks), also when it arrives after the
// page's paint, layout shift and interaction (web-vitals reads buffered entries).
import type { BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { until } from '../lib/collector-stub.js';
import { testPage, useChromiumAndStub } from './sdk-helpers.js';

const env = useChromiumAndStub();

const BODY = `<p id="top" style="font-size:48px">Largest text on the page, painted first.</p>
<button id="slow" style="font-size:24px">Slow button</button>
<div id="below" style="height:200px;background:#ccc">content below</div>
<script>
  new PerformanceObserver((l) => { if (l.getEntries().length) window.shifted = true; }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((l) => {
    if (l.getEntries().some((e) => e.interactionId > 0)) requestIdleCallback(() => requestIdleCallback(() => (window.interacted = true)));
  }).observe({ type: 'event', buffered: true, durationThreshold: 16 });
  document.getElementById('slow').addEventListener('click', () => {
    const end = performance.now() + 120;
    while (performance.now() < end) {}
    document.getElementById('slow').textContent = 'clicked';
  });
  // A layout shift not caused by input: insert a block above the content.
  setTimeout(() => {
    const d = document.createElement('div');
    d.style.height = '150px';
    d.textContent = 'late banner';
    document.body.insertBefore(d, document.body.firstChild);
  }, 300);
</script>`;

/** Waits for the layout shift, clicks the slow button and waits for its event timing entry. */
async function shiftAndClick(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.firstChild?.textContent === 'late banner');
  // The layout shift is recorded a frame later: wait until the browser has it.
  await page.waitForFunction(() => (window as unknown as { shifted: boolean }).shifted);
  await page.click('#slow');
  await page.waitForFunction(() => document.getElementById('slow')?.textContent === 'clicked');
  // Event timing entries come after the next paint, and web-vitals reads them when idle.
  await page.waitForFunction(() => (window as unknown as { interacted: boolean }).interacted);
}

/** Loads the vitals page, runs `act` (default `shiftAndClick`) and leaves; returns the vitals that arrived by metric and the chunks requested. */
async function vitalsOf(key: string, context: BrowserContext, act = shiftAndClick) {
  const { stub } = env;
  stub.pages.set(`/t/${key}.html`, testPage(key, 'data-flush-interval="150"', BODY));
  stub.pages.set('/t/after.html', '<!doctype html><title>after</title><p>next page</p>');
  const page = await context.newPage();
  const chunks: string[] = [];
  // The vitals chunk (the queue's chunk loads beside it).
  page.on('request', (r) => r.url().includes('/sdk/footfall-') && !r.url().includes('/sdk/footfall-queue.js') && chunks.push(new URL(r.url()).pathname));
  await page.goto(`${stub.url}/t/${key}.html`);
  await act(page);
  // Leaving the page makes web-vitals report LCP, CLS and INP; the SDK beacons them.
  await page.goto(`${stub.url}/t/after.html`);
  const metrics = () => new Map(stub.unique(key).filter((e) => e.type === 'vitals').map((e) => [e.metric as string, e]));
  await until(() => ['LCP', 'CLS', 'FCP', 'TTFB', 'INP', 'LOAD'].every((m) => metrics().has(m)), 'six vitals', 15_000);
  return { m: metrics(), chunks };
}

it('LCP, CLS, FCP, TTFB, INP (after an interaction) and LOAD arrive, from the vitals chunk', async () => {
  const context = await env.browser.newContext();
  const { m, chunks } = await vitalsOf('e2e-vitals', context);
  expect(chunks).toEqual(['/sdk/footfall-vitals.js']);
  for (const [name, e] of m) {
    // LOAD goes unrated, as the core's rateVital leaves it (docs/metrics.md).
    if (name === 'LOAD') expect(e.rating, name).toBeUndefined();
    else expect(e.rating, name).toMatch(/^(good|needs-improvement|poor)$/);
    expect(e.value as number, name).toBeGreaterThanOrEqual(0);
    expect(new URL(e.url).pathname).toBe('/t/e2e-vitals.html');
  }
  expect(m.get('CLS')!.value as number).toBeGreaterThan(0);
  expect(m.get('INP')!.value as number).toBeGreaterThanOrEqual(100);
  await context.close();
});

it('a chunk that arrives after the paint, the layout shift and the interaction still reports LCP, CLS and INP', async () => {
  const context = await env.browser.newContext();
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await context.route('**/sdk/footfall-vitals.js', async (route) => {
    await held;
    await route.continue();
  });
  const { m } = await vitalsOf('e2e-vitals-late', context, async (page) => {
    // Everything the page does happens while the chunk is held back: paint, shift, slow click, its event timing entry.
    await shiftAndClick(page);
    expect(await page.evaluate(() => performance.getEntriesByName(new URL('/sdk/footfall-vitals.js', location.href).href).length)).toBe(0);
    release();
    await page.waitForFunction(() => performance.getEntriesByName(new URL('/sdk/footfall-vitals.js', location.href).href).length === 1);
  });
  expect(m.get('LCP')!.value as number).toBeGreaterThan(0);
  expect(m.get('CLS')!.value as number).toBeGreaterThan(0);
  expect(m.get('INP')!.value as number).toBeGreaterThanOrEqual(100);
  await context.close();
});
