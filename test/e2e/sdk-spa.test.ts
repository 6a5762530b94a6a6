// The SPA example (examples/spa: npm import of @footfall/browser, pushState routing)
// bundled from the BUILT ESM package and run in Chromium: every route change is one
// page view, back/forward count, cart and identify calls arrive.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, expect, it } from 'vitest';
import { until } from '../lib/collector-stub.js';
import { useChromiumAndStub } from './sdk-helpers.js';

const env = useChromiumAndStub();
const spa = (p: string) => fileURLToPath(new URL(`../../examples/spa/${p}`, import.meta.url));

beforeAll(async () => {
  const { stub } = env;
  const bundle = await build({ entryPoints: [spa('main.js')], bundle: true, format: 'esm', write: false, logLevel: 'silent' });
  const html = await readFile(spa('index.html'), 'utf8');
  for (const path of ['/', '/products', '/products/mug-classic', '/checkout', '/thanks']) stub.pages.set(path, html);
  stub.pages.set('/app.js', { type: 'text/javascript', body: bundle.outputFiles[0].text });
});

it('the SPA example records one page view per route change, back navigation included', async () => {
  const { browser, stub } = env;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${stub.url}/?collector=${encodeURIComponent(stub.url)}`);
  await page.click('#to-products');
  await page.click('#to-mug-classic');
  await page.click('#add');
  await page.goBack(); // popstate → /products
  await page.click('#to-mug-classic');
  await page.click('#to-checkout');
  await page.click('#buy');
  await page.waitForSelector('#to-home');
  await page.evaluate(() => history.replaceState({ scrolled: true }, '', location.href)); // not a page view
  await page.goto('about:blank');
  const paths = () =>
    stub
      .unique('demo')
      .filter((e) => e.type === 'page')
      .sort((a, b) => a.ts - b.ts)
      .map((e) => new URL(e.url).pathname);
  const expected = ['/', '/products', '/products/mug-classic', '/products', '/products/mug-classic', '/checkout', '/thanks'];
  await until(() => paths().length >= expected.length && stub.unique('demo').some((e) => e.type === 'identify'), 'the SPA events');
  expect(paths()).toEqual(expected);
  const events = stub.unique('demo');
  const carts = events.filter((e) => e.type === 'cart').map((e) => e.action);
  expect(carts).toEqual(expect.arrayContaining(['view_item', 'add', 'purchase']));
  expect(events.filter((e) => e.type === 'scroll')).toHaveLength(expected.length);
  const after = events.filter((e) => e.type === 'track');
  expect(after).toEqual([expect.objectContaining({ name: 'checkout_completed', userId: 'customer-42', props: { method: 'card' } })]);
  await context.close();
});
