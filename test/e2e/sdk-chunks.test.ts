// The script tag's lazily loaded chunks (docs/sdk.md#lazy-chunks) in real Chromium: they load
// from beside the script's own URL (a first-party path too), and a chunk that fails (404,
// blocked) costs only what it adds: every other event arrives and nothing reaches the page.
// Without the `queue` chunk the queue lives in memory for the page, and every event arrives.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { until } from '../lib/collector-stub.js';
import { SNIPPET, sdkReady, testPage, trackMany, trackNames, useChromiumAndStub } from './sdk-helpers.js';

const env = useChromiumAndStub();
const dist = fileURLToPath(new URL('../../packages/browser/dist/', import.meta.url));

for (const chunk of ['vitals', 'queue'] as const)
for (const [how, fail] of [
  ['404s', { status: 404, body: 'not found' }],
  ['is blocked', 'blockedbyclient'],
] as const) {
  it(`with the ${chunk} chunk that ${how}, every track, page and click event arrives${chunk === 'vitals' ? ', no vitals' : ''}, no page error`, async () => {
    const { browser, stub } = env;
    const key = `e2e-chunk-${chunk}-${how.replace(/\W/g, '')}`;
    stub.pages.set(`/t/${key}.html`, testPage(key, undefined, '<button id="b">Press</button>'));
    const context = await browser.newContext();
    const chunks: string[] = [];
    await context.route(`**/sdk/footfall-${chunk}.js`, (route) => {
      chunks.push(route.request().url());
      return typeof fail === 'string' ? route.abort(fail) : route.fulfill(fail);
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${stub.url}/t/${key}.html`);
    await sdkReady(page);
    await trackMany(page, 't', 20);
    await page.click('#b');
    await page.evaluate(() => (window as unknown as { footfall: (...a: unknown[]) => void }).footfall('page'));
    await page.goto('about:blank#left');
    const unique = () => stub.unique(key);
    await until(() => trackNames(unique()).length === 20 && unique().filter((e) => e.type === 'page').length === 2 && unique().some((e) => e.type === 'click'), 'tracks, pages, click');
    expect(trackNames(unique()).sort()).toEqual(Array.from({ length: 20 }, (_, i) => 't' + i).sort());
    expect(chunks).toHaveLength(1);
    if (chunk === 'vitals') expect(unique().filter((e) => e.type === 'vitals')).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
}

it('loads its chunks from beside its own URL: a first-party path like /a/x.js finds /a/footfall-vitals.js and /a/footfall-queue.js', async () => {
  const { browser, stub } = env;
  const key = 'e2e-chunk-first-party';
  stub.pages.set('/a/x.js', { type: 'text/javascript', body: readFileSync(`${dist}footfall.js`, 'utf8') });
  for (const chunk of ['vitals', 'queue']) stub.pages.set(`/a/footfall-${chunk}.js`, { type: 'text/javascript', body: readFileSync(`${dist}footfall-${chunk}.js`, 'utf8') });
  stub.pages.set(`/t/${key}.html`, `<!doctype html><html><head><meta charset="utf-8"><title>fp</title>${SNIPPET}
<script async src="/a/x.js" data-write-key="${key}" data-endpoint="/v1/batch" data-flush-interval="150"></script></head><body><p>first party</p></body></html>`);
  const context = await browser.newContext();
  const page = await context.newPage();
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(`${stub.url}/t/${key}.html`);
  await sdkReady(page);
  await until(() => stub.unique(key).some((e) => e.type === 'vitals' && e.metric === 'TTFB'), 'TTFB from the first-party chunk');
  expect(requested.filter((p) => p.startsWith('/a/') || p.startsWith('/sdk/')).sort()).toEqual(['/a/footfall-queue.js', '/a/footfall-vitals.js', '/a/x.js']);
  // The queue is the chunk's: the events went through IndexedDB.
  expect(await page.evaluate(() => indexedDB.databases().then((d) => d.map((x) => x.name)))).toContain('footfall');
  await context.close();
});

it('without the queue chunk and with every request failing, the events of a page left by a link arrive on the next visit (exit copy)', async () => {
  const { browser, stub } = env;
  const key = 'e2e-chunk-queue-next-visit';
  stub.pages.set('/t/q-exit.html', testPage(key, 'data-flush-interval="60000" data-backoff-base="100"', '<a id="away" href="/t/q-away.html">away</a>'));
  stub.pages.set('/t/q-away.html', '<!doctype html><title>away</title><p>away</p>');
  stub.pages.set('/t/q-next.html', testPage(key));
  stub.respond = ({ writeKey }) => ({ status: writeKey === key ? 500 : 200 });
  const context = await browser.newContext();
  await context.route('**/sdk/footfall-queue.js', (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  await page.goto(`${stub.url}/t/q-exit.html`);
  await sdkReady(page);
  await trackMany(page, 'q', 20);
  await page.click('#away');
  await page.waitForURL((u) => u.pathname === '/t/q-away.html');
  expect(stub.delivered(key)).toEqual([]);
  // The next visit, with the chunk and a healthy collector, takes the exit copy and sends it.
  await context.unroute('**/sdk/footfall-queue.js');
  stub.respond = () => ({ status: 200 });
  await page.goto(`${stub.url}/t/q-next.html`);
  await until(() => trackNames(stub.unique(key)).length === 20, 'the 20 events on the next visit');
  expect(trackNames(stub.unique(key)).sort()).toEqual(Array.from({ length: 20 }, (_, i) => 'q' + i).sort());
  await context.close();
});
