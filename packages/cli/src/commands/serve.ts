import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDuration, parseKeepParams } from '@footfall/core';
import type { CollectorAppOptions, Store } from '@footfall/collector';
import { InputError, UsageError, type Args, type Command, type Io } from '../command.js';
import { resolveStoreSpec } from './forget.js';

const help = `Usage: footfall serve [--port 8787] [--store duckdb:./footfall.duckdb | clickhouse:URL] [options]

Runs the collector (POST /v1/batch), the query API (GET /v1/funnel, /v1/paths, /v1/pages,
/v1/heatmap, /v1/bottlenecks, /v1/kpis, /v1/attribution; the CLI's options as query
parameters), the live stream (GET /v1/live, Server-Sent Events), the dashboard (/), the
browser SDK (/sdk/footfall.js, its lazily loaded chunks beside it) and the example shop (/shop/). Stops on Ctrl-C.

--port N             port to listen on (default 8787; 0 picks a free one)
--host ADDR          interface to bind (default 127.0.0.1; 0.0.0.0 for every interface)
--store SPEC         duckdb:PATH (default duckdb:./footfall.duckdb) or clickhouse:URL
--read-token T       token of the query API and dashboard (env FOOTFALL_READ_TOKEN;
                     when unset a random token is made and printed)
--write-keys K,K     accepted write keys (env FOOTFALL_WRITE_KEYS; default any key)
--server-keys K,K    secret server keys: a batch sent with Authorization: Bearer <key>
                     may name a userId alone, set ts freely and send email, ticket,
                     review and adstats events (env FOOTFALL_SERVER_KEYS; default none)
--origins LIST       CORS allow-list: origin, or writeKey=origin, comma separated
                     (env FOOTFALL_ORIGINS; default any origin)
--rate N             events per second per write key before 429 (env FOOTFALL_RATE; default no limit);
                     a batch larger than N is admitted from a full bucket and waited out after
--body-timeout S     seconds to receive a request body before 408 (env FOOTFALL_BODY_TIMEOUT; default 10)
--admin-token T      token of DELETE /v1/persons/:id, erasure (env FOOTFALL_ADMIN_TOKEN; must differ
                     from the read token; unset: erasure over HTTP is off)
--keep-params LIST   query parameters kept in event URLs, names or prefix* (env FOOTFALL_KEEP_PARAMS;
                     default utm_* and ad click ids; "*" keeps all); the rest are dropped on ingest
--retention D        erase events older than D (90d, 30d, 12h) at start and periodically
                     (env FOOTFALL_RETENTION; default keep every event); see docs/privacy.md
--partitions N       worker threads per query (default min(cores, 4))
--sdk FILE           the SDK build served at /sdk/footfall.js (default @footfall/browser's)
--shop DIR           the folder served at /shop/ (default the demo shop shipped in @footfall/cli);
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

/**
 * The SDK build and the demo shop, from the installed packages: `@footfall/browser/footfall.js`
 * (the script-tag build) and this package's `dist/shop` (a copy of examples/shop made by the
 * build). Either is left out when it cannot be found (an unbuilt checkout).
 */
function defaultAssets(): { sdk?: string; shop?: string } {
  const require = createRequire(import.meta.url);
  const found = (resolvePath: () => string) => {
    try {
      const path = resolvePath();
      return existsSync(path) ? path : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    sdk: found(() => require.resolve('@footfall/browser/footfall.js')),
    shop: found(() => join(dirname(require.resolve('@footfall/cli/package.json')), 'dist', 'shop')),
  };
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
  // Loaded here, not at the top: the analysis commands start without the collector and its store drivers.
  const { createCollectorApp, createStaticFiles, openStore, sdkFiles, parseOrigins, retentionEveryMs, scheduleRetention, serveNode } = await import('@footfall/collector');
  const env = io.env;
  const port = positive(text(args, 'port') ?? '8787', 'port')!;
  const storeSpec = resolveStoreSpec(text(args, 'store') ?? 'duckdb:./footfall.duckdb', io.cwd, '--store');
  const adminToken = text(args, 'admin-token') || env.FOOTFALL_ADMIN_TOKEN || undefined;
  const retentionText = text(args, 'retention') || env.FOOTFALL_RETENTION || undefined;
  let retentionMs: number | undefined;
  try {
    retentionMs = retentionText === undefined ? undefined : parseDuration(retentionText, { name: '--retention' });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (retentionMs === 0) throw new UsageError('--retention must be longer than 0: pass e.g. 90d, or leave it out to keep events');
  const keepText = text(args, 'keep-params') ?? env.FOOTFALL_KEEP_PARAMS;
  const keepParams = keepText === undefined ? undefined : parseKeepParams(keepText);
  const readToken = text(args, 'read-token') || env.FOOTFALL_READ_TOKEN || randomBytes(16).toString('hex');
  const generatedToken = !text(args, 'read-token') && !env.FOOTFALL_READ_TOKEN;
  const writeKeys = list(text(args, 'write-keys') || env.FOOTFALL_WRITE_KEYS);
  const serverKeys = list(text(args, 'server-keys') || env.FOOTFALL_SERVER_KEYS);
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
  // The script and its lazily loaded chunks beside it, loadable from any origin (docs/sdk.md#lazy-chunks).
  const sdkMounts = sdk ? sdkFiles(sdk) : {};
  const mounts: Record<string, string> = { ...sdkMounts };
  if (shop) mounts['/shop/'] = shop;
  if (adminToken !== undefined && adminToken === readToken) {
    await store.close();
    throw new UsageError('--admin-token equals the read token: pick a different FOOTFALL_ADMIN_TOKEN, since whoever reads must not be able to erase');
  }
  const app = createCollectorApp({
    store,
    readToken,
    adminToken,
    keepParams,
    writeKeys,
    serverKeys,
    origins,
    rateLimit: rate ? { eventsPerSecond: rate } : undefined,
    partitions: partitions || undefined,
    dashboard: await loadDashboard(),
    // heatmaps draw over the shop's pages: page P is fetched from /shop + P
    ...(shop ? { siteBase: '/shop' } : {}),
    assets: createStaticFiles(mounts, { redirects: shop ? DEMO_SHOP_ROUTES : {}, cors: Object.keys(sdkMounts) }),
  });
  // Runs once now (before the server listens, so nothing expired is served), then on a timer.
  const retention = retentionMs === undefined ? undefined : scheduleRetention(store, {
    retentionMs,
    onRun: (r, before) => r.removed && io.stderr.write(`footfall serve: retention erased ${r.removed} events before ${new Date(before).toISOString()}\n`),
    onError: (error) => io.stderr.write(`footfall serve: retention run failed, retrying on the next one: ${(error as Error).message}\n`),
  });
  await retention?.run().catch(() => {});
  let server;
  try {
    server = await serveNode(app.fetch, {
      port,
      host: text(args, 'host') ?? '127.0.0.1',
      ...(bodyTimeout ? { bodyTimeoutMs: bodyTimeout * 1000 } : {}),
      log: (line) => io.stderr.write(`${line}\n`),
    });
  } catch (error) {
    await retention?.stop();
    await store.close();
    throw new UsageError(`could not listen on port ${port}: ${(error as Error).message}; pick another with --port`);
  }
  const { url } = server;
  io.stdout.write(
    [
      `footfall serve: listening on ${url}`,
      `  dashboard   ${url}/?token=${readToken}`,
      `  shop        ${url}/shop/${shop ? '' : '  (no demo shop found: run npm run build or pass --shop DIR)'}`,
      `  collector   POST ${url}/v1/batch`,
      `  query API   ${url}/v1/kpis  (Authorization: Bearer ${readToken})`,
      `  live        ${url}/v1/live?token=${readToken}`,
      `  SDK         ${url}/sdk/footfall.js${sdk ? '' : '  (not built: run npm run build)'}`,
      `  store       ${storeSpec}`,
      `  read token  ${readToken}${generatedToken ? '  (random: set FOOTFALL_READ_TOKEN to keep one)' : ''}`,
      `  write keys  ${writeKeys.length ? writeKeys.join(', ') : 'any'}`,
      `  server keys ${serverKeys.length ? `${serverKeys.length} configured` : 'none'}`,
      `  erasure     ${adminToken ? `DELETE ${url}/v1/persons/:id  (Authorization: Bearer <admin token>)` : 'off over HTTP (set FOOTFALL_ADMIN_TOKEN)'}`,
      `  retention   ${retentionText ? `${retentionText} (older events are erased at start and every ${Math.round(retentionEveryMs(retentionMs!) / 1000)} s)` : 'keep every event'}`,
      '',
    ].join('\n'),
  );
  return {
    url,
    readToken,
    store,
    close: async () => {
      await server.close();
      await retention?.stop();
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
    'server-keys': { type: 'string' },
    origins: { type: 'string' },
    rate: { type: 'string' },
    'admin-token': { type: 'string' },
    retention: { type: 'string' },
    'keep-params': { type: 'string' },
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
