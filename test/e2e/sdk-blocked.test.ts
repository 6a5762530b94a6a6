// When an ad blocker (or a network error) stops /sdk/footfall.js, the loader snippet's
// stub stays harmless: calls keep queueing, nothing throws, the page works.
import { expect, it } from 'vitest';
import { testPage, useChromiumAndStub } from './sdk-helpers.js';

const env = useChromiumAndStub();

it('the snippet stub stays harmless when the SDK is blocked', async () => {
  const { browser, stub } = env;
  stub.pages.set('/t/blocked.html', testPage('e2e-blocked', '', '<button id="b" onclick="this.textContent=\'ok\'">go</button>'));
  const context = await browser.newContext();
  await context.route('**/sdk/footfall.js', (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stub.url}/t/blocked.html`);
  const queued = await page.evaluate(() => {
    const ff = (window as unknown as { footfall: ((...a: unknown[]) => void) & { q: unknown[] } }).footfall;
    for (let i = 0; i < 5; i++) ff('track', 'e' + i, { i });
    ff('cart', 'add', { items: [{ id: 'x' }] });
    return ff.q.length;
  });
  await page.click('#b');
  expect(queued).toBe(6);
  expect(await page.textContent('#b')).toBe('ok');
  expect(errors).toEqual([]);
  expect(stub.received.filter((r) => r.writeKey === 'e2e-blocked')).toEqual([]);
  await context.close();
});
