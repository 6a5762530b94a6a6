// The journey extra in real Chromium (docs/sdk.md#journey), on examples/client-side served by a
// real collector (memory store with demo history, GET /v1/model): the page shows the stage and
// conversion probability that the core's visitorJourney and predict give in Node for the same
// events and model; with the model endpoint down, or the journey chunk missing, the page still
// works, its events still arrive, and the callback says that no model is available.
import { predict, visitorJourney, type FootfallEvent, type SiteModel } from '@footfall/core';
import { generateDemo } from '@footfall/node/demo';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startExample } from '../../examples/client-side/serve.mjs';
import { launchChromium } from '../lib/chromium.js';

type Shown = { model: string | null; stage?: string | null; conversionProbability?: number; funnel?: { reached: number } };

const history = [...generateDemo({ events: 30000, seed: 3 })];
const historyIds = new Set(history.map((e) => e.id));
let browser: Browser;
let example: Awaited<ReturnType<typeof startExample>>;

beforeAll(async () => {
  [browser, example] = await Promise.all([launchChromium(), startExample({ port: 0, history })]);
});
afterAll(async () => {
  await browser?.close();
  await example?.close();
});

/** Events the browser sent (not the demo history), as stored. */
async function visitorEvents(): Promise<FootfallEvent[]> {
  const out: FootfallEvent[] = [];
  for await (const e of example.store.scan()) if (!historyIds.has(e.id)) out.push(e);
  return out;
}

/** Polls the store until the visitor's events satisfy `done`. */
async function storedUntil(done: (events: FootfallEvent[]) => boolean): Promise<FootfallEvent[]> {
  const end = Date.now() + 15_000;
  for (;;) {
    const events = await visitorEvents();
    if (done(events)) return events;
    if (Date.now() > end) throw new Error(`timed out: the store has ${events.map((e) => e.type).join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const shown = (page: Page) => page.evaluate(() => (window as unknown as { footfallJourney?: Shown }).footfallJourney);

it('shows the stage and probability that visitorJourney and predict give in Node for the same events and model, and changes the offer', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const models: number[] = [];
  page.on('request', (r) => r.url().endsWith('/v1/model') && models.push(1));
  await page.goto(`${example.url}/`);
  await page.waitForFunction(() => (window as unknown as { footfallJourney?: Shown }).footfallJourney?.model);
  expect((await shown(page))!.stage).toBe('awareness');
  const home = (await shown(page))!.conversionProbability!;
  await page.click('button[data-go="/product/trail-boot"]');
  await page.click('button[data-cart="add"]');
  await page.waitForFunction(() => (window as unknown as { footfallJourney: Shown }).footfallJourney.stage === 'decision');
  const added = (await shown(page))!;
  expect(added.conversionProbability!).toBeGreaterThan(home);
  // Leaving for the category page makes a purchase less likely: the offer turns into a discount.
  await page.click('button[data-go="/category/boots"]');
  await page.click('button[data-go="/"]');
  await page.evaluate(() => (window as unknown as { footfall: (...a: unknown[]) => void }).footfall('flush'));
  const stored = await storedUntil((events) => events.filter((e) => e.type === 'page').length === 4 && events.some((e) => e.type === 'cart'));
  // An event is queued (and the journey updated) before it is sent: the page has seen every stored one.
  const left = (await shown(page))!;
  expect(left.conversionProbability!).toBeLessThan(0.15);
  expect(await page.getAttribute('#offer', 'data-kind')).toBe('discount');
  const model = (await (await fetch(`${example.url}/v1/model`)).json()) as SiteModel;
  const inNode = visitorJourney(model, stored);
  expect(left.model).toBe(model.version);
  expect({ stage: left.stage, p: left.conversionProbability, reached: left.funnel!.reached }).toEqual({ stage: inNode.stage, p: inNode.conversionProbability, reached: inNode.funnel.reached });
  const last = stored[stored.length - 1]!;
  expect(left.conversionProbability).toBe(predict(model.journey, stored.filter((e) => e.sessionId === last.sessionId)).conversionProbability);
  expect(await page.textContent('#stage')).toBe(inNode.stage);
  expect(await page.textContent('#probability')).toBe(`${(inNode.conversionProbability * 100).toFixed(1)}%`);
  expect(models).toHaveLength(1); // one model request for the page, none per event
  expect(errors).toEqual([]);
  await context.close();
});

/** Waits until the device's `recent` store (IndexedDB `footfall`) holds an event of `type`. */
const keptOnDevice = (page: Page, type: string) =>
  page.waitForFunction(
    (type) =>
      new Promise<boolean>((resolve) => {
        const r = indexedDB.open('footfall');
        r.onerror = () => resolve(false);
        r.onsuccess = () => {
          const d = r.result;
          if (!d.objectStoreNames.contains('recent')) return d.close(), resolve(false);
          const all = d.transaction('recent').objectStore('recent').getAll();
          all.onsuccess = () => (d.close(), resolve(all.result.some((e: { type?: string }) => e.type === type)));
          all.onerror = () => (d.close(), resolve(false));
        };
      }),
    type,
    { polling: 200, timeout: 30_000 },
  );

it('keeps the visitor\'s events on the device across page loads (IndexedDB), so the journey on a later page counts them', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${example.url}/`);
  await page.waitForFunction(() => (window as unknown as { footfallJourney?: Shown }).footfallJourney?.funnel?.reached === 1);
  // What the next page counts must be committed to the device's `recent` store before the page
  // is left (a write in flight when the page goes is lost: docs/sdk.md#journey); under load that takes a while.
  await keptOnDevice(page, 'page');
  await page.goto(`${example.url}/product/trail-boot`);
  await page.waitForFunction(() => (window as unknown as { footfallJourney?: Shown }).footfallJourney?.funnel?.reached === 2);
  await page.click('button[data-cart="add"]');
  await page.waitForFunction(() => (window as unknown as { footfallJourney: Shown }).footfallJourney.stage === 'decision');
  await keptOnDevice(page, 'cart');
  // A full page load: this page knows of the earlier ones only through the device.
  await page.goto(`${example.url}/cart`);
  await page.waitForFunction(() => (window as unknown as { footfallJourney?: Shown }).footfallJourney?.model);
  expect(await shown(page)).toMatchObject({ stage: 'decision', funnel: { reached: 3 } });
  const kept = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const r = indexedDB.open('footfall');
        r.onsuccess = () => {
          const all = r.result.transaction('recent').objectStore('recent').getAll();
          all.onsuccess = () => resolve(all.result.filter((e: { ctx?: unknown }) => e.ctx === undefined).length);
        };
      }),
  );
  expect(kept).toBeGreaterThanOrEqual(4); // three page views and the cart add, stored without device context
  await context.close();
});

for (const [what, path] of [
  ['the model endpoint is down', '**/v1/model'],
  ['the journey chunk cannot be loaded', '**/sdk/footfall-journey.js'],
] as const) {
  it(`when ${what}, the page still works, its events arrive, and the callback says no model is available`, async () => {
    const context = await browser.newContext();
    await context.route(path, (route) => route.fulfill({ status: 503, body: 'down' }));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${example.url}/`);
    await page.waitForFunction(() => (window as unknown as { footfallJourney?: Shown }).footfallJourney !== undefined);
    expect(await shown(page)).toEqual({ model: null, reason: 'no-model' });
    expect(await page.textContent('#stage')).toBe('no model available');
    expect(await page.textContent('#offer')).toBe('Free returns on every pair.');
    const before = (await visitorEvents()).length;
    await page.click('button[data-go="/product/trail-boot"]');
    await page.click('button[data-cart="add"]');
    await page.evaluate(() => (window as unknown as { footfall: (...a: unknown[]) => void }).footfall('flush'));
    const after = await storedUntil((events) => events.length >= before + 3);
    expect(after.slice(-3).map((e) => e.type).sort()).toContain('cart');
    expect(errors).toEqual([]);
    await context.close();
  });
}
