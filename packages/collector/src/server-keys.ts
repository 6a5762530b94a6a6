import { HttpFailure } from './http-error.js';
import { sameToken } from './read-token.js';

/**
 * Who signed a batch (docs/collector.md#server-keys): `'server'` when the request carries
 * `Authorization: Bearer <key>` with a configured server key, `'browser'` when it carries
 * no `Authorization` header. A Bearer key that is not configured (or any `Authorization`
 * when no server key is) is a 401, never a silent fall back to the browser rules: a
 * backend with a wrong key must learn it at once, not lose its `userId`-only events.
 */
export type BatchOrigin = 'server' | 'browser';

/**
 * Makes the check of a batch's signer from the configured server keys
 * (`FOOTFALL_SERVER_KEYS`, `footfall serve --server-keys`).
 *
 * @example
 * ```ts
 * const originOf = createServerKeyCheck(['sk_live_1']);
 * originOf(new Request('http://x/v1/batch', { headers: { authorization: 'Bearer sk_live_1' } })); // 'server'
 * ```
 */
export function createServerKeyCheck(keys: readonly string[] = []): (request: Request) => BatchOrigin {
  const configured = keys.filter((k) => k.length > 0);
  return (request) => {
    const header = request.headers.get('authorization');
    if (header === null) return 'browser';
    const match = /^bearer\s+(\S+)\s*$/i.exec(header);
    if (!configured.length) {
      throw new HttpFailure(401, 'UNAUTHORIZED', 'this collector has no server keys: set FOOTFALL_SERVER_KEYS (or serve --server-keys), or send browser batches without an Authorization header', { headers: { 'www-authenticate': 'Bearer' } });
    }
    // Every configured key is compared, so the time taken does not tell which one was close.
    let ok = false;
    if (match) for (const key of configured) ok = sameToken(match[1], key) || ok;
    if (!ok) throw new HttpFailure(401, 'UNAUTHORIZED', 'the server key is wrong: send Authorization: Bearer <one of FOOTFALL_SERVER_KEYS> (never the public write key)', { headers: { 'www-authenticate': 'Bearer' } });
    return 'server';
  };
}
