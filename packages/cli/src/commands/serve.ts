import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createCollectorApp, createStaticFiles, openStore, parseOrigins, serveNode, type CollectorAppOptions, type Store,
} from '@footfall/collector';
import { InputError, UsageError, type Args, type Command, type Io } from '../command.js';

const help = `Usage: footfall serve [--port 8787] [--store duckdb:./footfall.duckdb | clickhouse:URL] [options]

Runs the collector (POST /v1/batch), the query API (GET /v1/funnel, /v1/paths, /v1/pages,
/v1/heatmap, /v1/bottlenecks, /v1/kpis, /v1/attribution; the CLI's options as query
parameters), the live stream (GET /v1/live, Server-Sent Events), the dashboard (/), the
browser SDK (/sdk/footfall.js) and the example shop (/shop/). Stops on Ctrl-C.

--port N             port to listen on (default 8787; 0 picks a free one)
--host ADDR          interface to bind (default 127.0.0.1; 0.0.0.0 for every interface)
--store SPEC         duckdb:PATH (default duckdb:./footfall.duckdb) or clickhouse:URL
--read-token T       token of the query API and dashboard (env FOOTFALL_READ_TOKEN;
                     when unset a random token is made and printed)
--write-keys K,K     accepted write keys (env FOOTFALL_WRITE_KEYS; default any key)
--origins LIST       CORS allow-list: origin, or writeKey=origin, comma separated
                     (env FOOTFALL_ORIGINS; default any origin)
--rate N             events per second per write key before 429 (env FOOTFALL_RATE; default no limit);
                     a batch larger than N is admitted from a full bucket and waited out after
--body-timeout S     seconds to receive a request body before 408 (env FOOTFALL_BODY_TIMEOUT; default 10)
--partitions N       worker threads per query (default min(cores, 4))
--sdk FILE           the SDK build served at /sdk/footfall.js (default the browser package's dist)
--shop DIR           the folder served at /shop/ (default examples/shop of this checkout);
                     the dashboard draws heatmaps over its pages (the demo's /product/<slug>,
                     /category/<name>, /cart, /checkout/* redirect to the shop's files)

Example:
  FOOTFALL_WRITE_KEYS=site_abc footfall serve --port 8787 --store duckdb:./footfall.duckdb
`;

/**
 * The demo generator's pages (`footfall demo`, `npm start`) on the example shop's files, so
 * the dashboard's heatmaps draw over the shop page itself. Paths no rule covers (and a
 * `--shop` folder without those files) fall back to a blank page of the recorded size.
 */
export const DEMO_SHOP_ROUTES: Readonly<Record<string, string>> = {
  '/shop/category/*': '/shop/category.html',
  '/shop/product/*': '/shop/product.html',
  '/shop/cart': '/shop/cart.html',
  '/shop/checkout/shipping': '/shop/checkout/shipping.html',
  '/shop/checkout/payment': '/shop/checkout/payment.html',
  '/shop/checkout/confirmation': '/shop/confirmation.html',
};

/** A running `footfall serve`: its base URL and token, and how to stop it. */
export interface ServeHandle {
  url: string;
  readToken: string;
  store: Store;
  close(): Promise<void>;
}

const text = (args: Args, name: string): string | undefined => {
  const v = args.values[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
};
const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const positive = (v: string | undefined, flag: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${flag} must be a number ≥ 0, got "${v}"`);
  return n;
};

/** Where this checkout keeps the SDK build and the example shop (when it is a checkout). */
function defaultAssets(): { sdk?: string; shop?: string } {
  try {
    const browser = dirname(createRequire(import.meta.url).resolve('@footfall/browser/package.json'));
    const sdk = join(browser, 'dist', 'footfall.js');
    const shop = resolve(browser, '..', '..', 'examples', 'shop');
    return { sdk: existsSync(sdk) ? sdk : undefined, shop: existsSync(shop) ? shop : undefined };
  } catch {
    const here = dirname(fileURLToPath(import.meta.url));
    return { shop: resolve(here, '..', '..', '..', 'examples', 'shop') };
  }
}

/** The dashboard renderer of @footfall/report, when that package is installed and has one. */
async function loadDashboard(): Promise<CollectorAppOptions['dashboard']> {
  try {
    const mod = (await import('@footfall/report')) as { renderDashboard?: CollectorAppOptions['dashboard'] };
    return typeof mod.renderDashboard === 'function' ? mod.renderDashboard : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts the server `footfall serve` runs, with flags taking precedence over the
 * environment; resolves once it listens.
 *
 * @example
 * ```ts
 * const { url, readToken, close } = await startServe(parsedArgs, io);
 * ```
 */
export async function startServe(args: Args, io: Io): Promise<ServeHandle> {
  const env = io.env;
  const port = positive(text(args, 'port') ?? '8787', 'port')!;
  const spec = text(args, 'store') ?? 'duckdb:./footfall.duckdb';
  if (!/^(duckdb|clickhouse|memory):/.test(spec)) throw new UsageError(`--store must be duckdb:PATH or clickhouse:URL, got "${spec}"`);
  const storeSpec = spec.startsWith('duckdb:') ? `duckdb:${resolve(io.cwd, spec.slice('duckdb:'.length) || 'footfall.duckdb')}` : spec;
  const readToken = text(args, 'read-token') || env.FOOTFALL_READ_TOKEN || randomBytes(16).toString('hex');
  const generatedToken = !text(args, 'read-token') && !env.FOOTFALL_READ_TOKEN;
  const writeKeys = list(text(args, 'write-keys') || env.FOOTFALL_WRITE_KEYS);
  const origins = parseOrigins(text(args, 'origins') || env.FOOTFALL_ORIGINS || '');
  const rate = positive(text(args, 'rate') || env.FOOTFALL_RATE || undefined, 'rate');
  const partitions = positive(text(args, 'partitions'), 'partitions');
  const bodyTimeout = positive(text(args, 'body-timeout') || env.FOOTFALL_BODY_TIMEOUT || undefined, 'body-timeout');
  const found = defaultAssets();
  const sdk = text(args, 'sdk') ? resolve(io.cwd, text(args, 'sdk')!) : found.sdk;
  const shop = text(args, 'shop') ? resolve(io.cwd, text(args, 'shop')!) : found.shop;

  let store: Store;
  try {
    store = await openStore(storeSpec);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  const mounts: Record<string, string> = {};
  if (sdk) mounts['/sdk/footfall.js'] = sdk;
  if (shop) mounts['/shop/'] = shop;
  const app = createCollectorApp({
    store,
    readToken,
    writeKeys,
    origins,
    rateLimit: rate ? { eventsPerSecond: rate } : undefined,
    partitions: partitions || undefined,
    dashboard: await loadDashboard(),
    // heatmaps draw over the shop's pages: page P is fetched from /shop + P
    ...(shop ? { siteBase: '/shop' } : {}),
    assets: createStaticFiles(mounts, { redirects: shop ? DEMO_SHOP_ROUTES : {} }),
  });
  let server;
  try {
    server = await serveNode(app.fetch, {
      port,
      host: text(args, 'host') ?? '127.0.0.1',
      ...(bodyTimeout ? { bodyTimeoutMs: bodyTimeout * 1000 } : {}),
      log: (line) => io.stderr.write(`${line}\n`),
    });
  } catch (error) {
    await store.close();
    throw new UsageError(`could not listen on port ${port}: ${(error as Error).message}; pick another with --port`);
  }
  const { url } = server;
  io.stdout.write(
    [
      `footfall serve: listening on ${url}`,
      `  dashboard   ${url}/?token=${readToken}`,
      `  shop        ${url}/shop/${shop ? '' : '  (no examples/shop here: pass --shop DIR)'}`,
      `  collector   POST ${url}/v1/batch`,
      `  query API   ${url}/v1/kpis  (Authorization: Bearer ${readToken})`,
      `  live        ${url}/v1/live?token=${readToken}`,
      `  SDK         ${url}/sdk/footfall.js${sdk ? '' : '  (not built: run npm run build)'}`,
      `  store       ${storeSpec}`,
      `  read token  ${readToken}${generatedToken ? '  (random: set FOOTFALL_READ_TOKEN to keep one)' : ''}`,
      `  write keys  ${writeKeys.length ? writeKeys.join(', ') : 'any'}`,
      '',
    ].join('\n'),
  );
  return {
    url,
    readToken,
    store,
    close: async () => {
      await server.close();
      await store.close();
    },
  };
}

/** `footfall serve`: the collector, query API, live stream, dashboard, SDK and shop. */
export const serve: Command = {
  name: 'serve',
  summary: 'run the collector, query API, live dashboard, SDK and example shop',
  help,
  flags: {
    port: { type: 'string' },
    host: { type: 'string' },
    store: { type: 'string' },
    'read-token': { type: 'string' },
    'write-keys': { type: 'string' },
    origins: { type: 'string' },
    rate: { type: 'string' },
    partitions: { type: 'string' },
    'body-timeout': { type: 'string' },
    sdk: { type: 'string' },
    shop: { type: 'string' },
  },
  async run(args, io) {
    const handle = await startServe(args, io);
    // A bug that escapes a request (the listener answers 500 to what it catches) is logged,
    // and the server keeps serving every other request (docs/collector.md, "Limits and hardening").
    const escaped = (error: unknown) => {
      const e = error as { stack?: string; message?: string } | undefined;
      io.stderr.write(`footfall serve: an error escaped a request, still serving: ${(e?.stack ?? e?.message ?? String(error)).split('\n').slice(0, 3).join(' | ')}\n`);
    };
    process.on('uncaughtException', escaped);
    process.on('unhandledRejection', escaped);
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        process.off('uncaughtException', escaped);
        process.off('unhandledRejection', escaped);
        done();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    io.stderr.write('footfall serve: stopping\n');
    await handle.close();
    return 0;
  },
};
