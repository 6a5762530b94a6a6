import { readdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';

/** Media types by file extension: a Map, since the extension comes from a request's path (docs/collector.md#limits-and-hardening). */
const TYPES = new Map<string, string>([
  ['.html', 'text/html; charset=utf-8'], ['.js', 'text/javascript; charset=utf-8'], ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'], ['.json', 'application/json'], ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'], ['.jpg', 'image/jpeg'], ['.webp', 'image/webp'],
  ['.ico', 'image/x-icon'], ['.txt', 'text/plain; charset=utf-8'], ['.map', 'application/json'],
]);

/** Options of `createStaticFiles`. */
export interface StaticFilesOptions {
  /**
   * Paths no file answers, redirected (302) to another path: `{ '/shop/product/*': '/shop/product.html' }`.
   * A `*` stands for one path segment. Files win over redirects.
   * @default {} (none)
   */
  redirects?: Readonly<Record<string, string>>;
  /**
   * Mounts any origin may fetch in CORS mode (`Access-Control-Allow-Origin: *`): the SDK's
   * lazily loaded chunks are ES modules, which a page of another origin loads with CORS
   * (docs/sdk.md#lazy-chunks). Keys of `mounts`, e.g. `['/sdk/']` or `['/sdk/footfall-vitals.js']`.
   * @default [] (none)
   */
  cors?: readonly string[];
}

/** The SDK's lazily loaded chunks next to a script build: `footfall-<name>.js` (docs/sdk.md#lazy-chunks). */
const CHUNK = /^footfall-[a-z0-9]+\.js$/;

/**
 * The mounts of the browser SDK: the script at `/sdk/footfall.js` and each lazily loaded chunk
 * found next to it (`footfall-vitals.js`, …) at `/sdk/<name>`, so the script finds its chunks
 * beside its own URL (docs/sdk.md#lazy-chunks). Pass them, with `cors: Object.keys(…)`, to `createStaticFiles`.
 *
 * @example
 * ```ts
 * const sdk = sdkFiles('node_modules/@footfall/browser/dist/footfall.js');
 * const assets = createStaticFiles({ ...sdk, '/shop/': 'examples/shop' }, { cors: Object.keys(sdk) });
 * ```
 */
export function sdkFiles(script: string): Record<string, string> {
  const mounts: Record<string, string> = { '/sdk/footfall.js': script };
  let names: string[] = [];
  try {
    names = readdirSync(dirname(script));
  } catch {
    /* no folder: the script alone */
  }
  for (const name of names.sort()) if (CHUNK.test(name)) mounts[`/sdk/${name}`] = join(dirname(script), name);
  return mounts;
}

const routeOf = (pattern: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]+')}/?$`);

/**
 * Serves files from disk under URL prefixes (Node only): `{ '/shop/': './examples/shop',
 * '/sdk/footfall.js': './packages/browser/dist/footfall.js' }`. A prefix ending in `/`
 * maps a folder (`index.html` for folders); anything else maps one file. Paths never escape
 * the folder. `redirects` send paths no file answers elsewhere (e.g. a site's clean URLs to its pages).
 *
 * @example
 * ```ts
 * const assets = createStaticFiles({ '/shop/': 'examples/shop' }, { redirects: { '/shop/product/*': '/shop/product.html' } });
 * createCollectorApp({ store, readToken, assets });
 * ```
 */
export function createStaticFiles(mounts: Readonly<Record<string, string>>, options: StaticFilesOptions = {}): (request: Request) => Promise<Response | undefined> {
  const redirects = Object.entries(options.redirects ?? {}).map(([from, to]) => [routeOf(from), to] as const);
  const files = serveFiles(mounts, new Set(options.cors ?? []));
  return async (request) => {
    const found = await files(request);
    if (found) return found;
    const { pathname } = new URL(request.url);
    const to = redirects.find(([from]) => from.test(pathname))?.[1];
    return to === undefined ? undefined : new Response(null, { status: 302, headers: { location: to } });
  };
}

function serveFiles(mounts: Readonly<Record<string, string>>, cors: ReadonlySet<string>): (request: Request) => Promise<Response | undefined> {
  return async (request) => {
    const { pathname } = new URL(request.url);
    for (const [prefix, target] of Object.entries(mounts)) {
      let file: string | undefined;
      if (prefix.endsWith('/')) {
        if (pathname === prefix.slice(0, -1)) return new Response(null, { status: 308, headers: { location: prefix } });
        if (!pathname.startsWith(prefix)) continue;
        let decoded: string;
        try {
          decoded = decodeURIComponent(pathname.slice(prefix.length));
        } catch {
          return new Response('bad request: the path is not valid percent-encoding\n', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
        }
        if (decoded.includes('\0')) return undefined;
        const rel = normalize(decoded);
        if (rel.startsWith('..') || rel.includes(`${sep}..${sep}`)) return undefined;
        file = join(target, rel);
      } else if (pathname === prefix) file = target;
      if (file === undefined) continue;
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        const body = await readFile(file);
        const headers: Record<string, string> = { 'content-type': TYPES.get(extname(file)) ?? 'application/octet-stream', 'cache-control': 'no-cache' };
        if (cors.has(prefix)) headers['access-control-allow-origin'] = '*';
        return new Response(body, { headers });
      } catch {
        return undefined;
      }
    }
    return undefined;
  };
}
