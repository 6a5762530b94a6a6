// Web vitals from the BUILT script-tag SDK in real Chromium: LCP, CLS, FCP, TTFB,
// INP (after an interaction) arrive with ratings, LOAD without one.
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

it('LCP, CLS, FCP, TTFB, INP (after an interaction) and LOAD arrive', async () => {
  const { browser, stub } = env;
  const key = 'e2e-vitals';
  stub.pages.set('/t/vitals.html', testPage(key, 'data-flush-interval="150"', BODY));
  stub.pages.set('/t/after.html', '<!doctype html><title>after</title><p>next page</p>');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${stub.url}/t/vitals.html`);
  await page.waitForFunction(() => document.body.firstChild?.textContent === 'late banner');
  // The layout shift is recorded a frame later: wait until the browser has it.
  await page.waitForFunction(() => (window as unknown as { shifted: boolean }).shifted);
  await page.click('#slow');
  await page.waitForFunction(() => document.getElementById('slow')?.textContent === 'clicked');
  // Event timing entries come after the next paint, and web-vitals reads them when idle.
  await page.waitForFunction(() => (window as unknown as { interacted: boolean }).interacted);
  // Leaving the page makes web-vitals report LCP, CLS and INP; the SDK beacons them.
  await page.goto(`${stub.url}/t/after.html`);
  const metrics = () => new Map(stub.unique(key).filter((e) => e.type === 'vitals').map((e) => [e.metric as string, e]));
  await until(() => ['LCP', 'CLS', 'FCP', 'TTFB', 'INP', 'LOAD'].every((m) => metrics().has(m)), 'six vitals', 15_000);
  const m = metrics();
  for (const [name, e] of m) {
    // LOAD goes unrated, as the core's rateVital leaves it (docs/metrics.md).
    if (name === 'LOAD') expect(e.rating, name).toBeUndefined();
    else expect(e.rating, name).toMatch(/^(good|needs-improvement|poor)$/);
    expect(e.value as number, name).toBeGreaterThanOrEqual(0);
    expect(new URL(e.url).pathname).toBe('/t/vitals.html');
  }
  expect(m.get('CLS')!.value as number).toBeGreaterThan(0);
  expect(m.get('INP')!.value as number).toBeGreaterThanOrEqual(100);
  await context.close();
});
