// The built core ESM runs unchanged in real Chromium: funnel and paths on a fixture give
// exactly the JSON Node gives. Needs `npm run build` (npm test runs it first).
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize as normalizePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './lib/chromium.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const types: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.json': 'application/json' };

/** ua-parser-js 1.x is UMD: in a module it sets window.UAParser; re-export that for the core's bare import. */
const UA_SHIM = "import '/node_modules/ua-parser-js/dist/ua-parser.min.js'; export default window.UAParser;";

const PAGE = `<!doctype html><script type="importmap">{ "imports": { "ua-parser-js": "/ua-shim.js" } }</script>
<script type="module">
  import { normalize, createFunnel, createPaths } from '/packages/core/dist/index.js';
  const events = await (await fetch('/fixture.json')).json();
  const normalized = normalize(events);
  const funnel = createFunnel({ steps: ['page:/', 'page:/product/*', 'cart:add', 'cart:purchase'], windowMs: 3600000 });
  const paths = createPaths({ clean: [['/product/*', '/product/*']] });
  for (const e of normalized) { funnel.add(e); paths.add(e); }
  window.results = JSON.parse(JSON.stringify({ funnel: funnel.result(), paths: paths.result() }));
</script>`;

/** A small shop: 30 visitors, some buy, some leave, two sessions for some. */
function fixture(): unknown[] {
  const events: unknown[] = [];
  let id = 0;
  const base = Date.UTC(2026, 10, 1);
  for (let v = 0; v < 30; v++) {
    const anonymousId = `anon-${v}`;
    let ts = base + v * 60_000;
    const add = (type: string, url: string, extra: Record<string, unknown> = {}) => {
      ts += 20_000 + ((v * 7919 + id) % 50) * 1000;
      events.push({ id: `e${++id}`, type, ts, anonymousId, url: `https://shop.test${url}`, ...extra });
    };
    add('page', '/', v % 3 === 0 ? { referrer: 'https://www.google.com/' } : {});
    if (v % 4 === 3) continue;
    add('page', `/product/${v % 5}`);
    if (v % 2 === 0) {
      add('cart', `/product/${v % 5}`, { action: 'add', items: [{ id: `sku${v % 5}`, price: 20, quantity: 1 }] });
      add('page', '/cart');
      if (v % 6 === 0) add('cart', '/checkout', { action: 'purchase', value: 20, currency: 'EUR', orderId: `o${v}` });
    }
    if (v % 5 === 1) {
      ts += 3 * 3_600_000;
      add('page', '/');
      add('page', '/about/');
    }
  }
  return events;
}

let server: Server;
let origin: string;
const data = JSON.stringify(fixture());

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    if (url.pathname === '/fixture.json') return void res.writeHead(200, { 'content-type': 'application/json' }).end(data);
    if (url.pathname === '/ua-shim.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(UA_SHIM);
    const file = normalizePath(join(root, decodeURIComponent(url.pathname), url.pathname.endsWith('/') ? 'index.html' : ''));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

it('runs the built core ESM in Chromium: funnel and paths JSON equal Node', async () => {
  const core = await import(new URL('../packages/core/dist/index.js', import.meta.url).href);
  const normalized = core.normalize(JSON.parse(data));
  const funnel = core.createFunnel({ steps: ['page:/', 'page:/product/*', 'cart:add', 'cart:purchase'], windowMs: 3600000 });
  const paths = core.createPaths({ clean: [['/product/*', '/product/*']] });
  for (const e of normalized) {
    funnel.add(e);
    paths.add(e);
  }
  const inNode = JSON.parse(JSON.stringify({ funnel: funnel.result(), paths: paths.result() }));
  expect(inNode.funnel.steps.map((s: { count: number }) => s.count)).toEqual([30, 23, 15, 5]);
  expect(inNode.paths.nodes[0]).toEqual({ id: '1_/', step: 1, item: '/', count: 35 });

  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => (window as unknown as { results?: unknown }).results !== undefined, undefined, { timeout: 30_000 });
    expect(errors).toEqual([]);
    const inBrowser = await page.evaluate(() => (window as unknown as { results: unknown }).results);
    expect(inBrowser).toEqual(inNode);
  } finally {
    await browser.close();
  }
});
