// Runs the example: a collector (memory store with 30,000 demo events, so /v1/model has a
// journey model to serve), the SDK at /sdk/ and this page at /. `node examples/client-side/serve.mjs`
// after `npm run build`, then open the URL it prints.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createCollectorApp, createMemoryStore, createStaticFiles, sdkFiles, serveNode } from '@footfall/collector';
import { generateDemo } from '@footfall/node/demo';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

/** Paths of the demo shop's product and category pages, collapsed as the model sees them. */
export const CLEAN = [['/product/*', '/product/*'], ['/category/*', '/category/*']];

/** Starts the example on `port` (0: any free one); resolves `{ url, store, close }`. */
export async function startExample({ port = 8788, history = [...generateDemo({ events: 30000, seed: 3 })] } = {}) {
  const store = createMemoryStore();
  await store.append(history.map((e) => ({ ...e, writeKey: 'demo' })));
  const sdk = sdkFiles(createRequire(import.meta.url).resolve('@footfall/browser/footfall.js'));
  const files = createStaticFiles({ ...sdk, '/shop.js': here('./shop.js') }, { cors: Object.keys(sdk) });
  const page = readFileSync(here('./index.html'), 'utf8');
  const app = createCollectorApp({
    store,
    readToken: 'example-read-token',
    // The demo history is dated; the model reads all of it.
    model: { clean: CLEAN, funnel: ['page:/', 'page:/product/*', 'cart:add', 'cart:purchase'], windowMs: 10 * 365 * 86_400_000 },
    // Every other path is the one-page shop (its client-side routes included).
    assets: async (request) => (await files(request)) ?? shop(),
  });
  const shop = () => new Response(page, { headers: { 'content-type': 'text/html; charset=utf-8' } });
  // The shop's home is `/`, where the collector would show its dashboard.
  const server = await serveNode((request) => (new URL(request.url).pathname === '/' ? Promise.resolve(shop()) : app.fetch(request)), { port });
  return { url: server.url, store, close: () => server.close() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startExample();
  console.log(`Footfall journey example: ${url}/`);
}
