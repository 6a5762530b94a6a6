/**
 * CORS for the batch endpoint. Allowed origins are per write key (`site=https://a.test`)
 * or for every key (a bare origin); no configuration means any origin.
 */

/** Allowed origins: one list for every key, or a list per write key. */
export type OriginsOption = readonly string[] | Readonly<Record<string, readonly string[]>>;

/** Decides which origins may send batches for which write key. */
export interface CorsPolicy {
  /** Whether `origin` may send for `writeKey` (any key when `writeKey` is undefined, as in a preflight). */
  allows(origin: string, writeKey?: string): boolean;
  /** The response headers for a request from `origin` (none when it is not allowed). */
  headers(origin: string | null, writeKey?: string): Record<string, string>;
}

/**
 * Parses `FOOTFALL_ORIGINS`: a comma list of `origin` (every key) or `writeKey=origin`.
 *
 * @example
 * ```ts
 * parseOrigins('https://a.test,site_b=https://b.test'); // { '*': ['https://a.test'], site_b: ['https://b.test'] }
 * ```
 */
export function parseOrigins(text: string): Record<string, string[]> {
  const out = Object.create(null) as Record<string, string[]>;
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const eq = entry.indexOf('=');
    const [key, origin] = eq > 0 && !entry.slice(0, eq).includes(':') ? [entry.slice(0, eq), entry.slice(eq + 1)] : ['*', entry];
    (out[key] ??= []).push(origin.replace(/\/$/, ''));
  }
  return out;
}

/**
 * Builds the policy; `undefined` or an empty list allows every origin.
 *
 * @example
 * ```ts
 * const cors = createCors({ site_abc: ['https://shop.example'] });
 * cors.allows('https://shop.example', 'site_abc'); // true
 * ```
 */
export function createCors(origins: OriginsOption | undefined): CorsPolicy {
  // A Map: the write key a request names is data (docs/core.md, "Hostile input").
  const byKey = new Map<string, readonly string[]>(Array.isArray(origins) ? [['*', origins]] : Object.entries((origins ?? {}) as Record<string, readonly string[]>));
  const open = [...byKey.values()].every((list) => list.length === 0);
  const allows = (origin: string, writeKey?: string) => {
    if (open) return true;
    if (byKey.get('*')?.includes(origin)) return true;
    if (writeKey === undefined) return [...byKey.values()].some((list) => list.includes(origin));
    return byKey.get(writeKey)?.includes(origin) ?? false;
  };
  return {
    allows,
    headers(origin, writeKey): Record<string, string> {
      if (!origin || !allows(origin, writeKey)) return {};
      return {
        'access-control-allow-origin': open ? '*' : origin,
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': 'content-type, content-encoding',
        'access-control-max-age': '86400',
        vary: 'Origin',
      };
    },
  };
}
