import { checkEnvelope, correctedTs, DEFAULT_KEEP_PARAMS, keepEventParams, LIMITS, type EnvelopeCheck, type FootfallEvent } from '@footfall/core';
import { jsonAnswer } from './answers.js';
import { readBatchBody } from './body.js';
import { createCors, type OriginsOption } from './cors.js';
import { dropDerivedFields, enrichEvent } from './enrich.js';
import { errorResponse, HttpFailure } from './http-error.js';
import { createRateLimiter, type RateLimitOptions } from './rate-limit.js';
import { createRecentIds, type RecentIds } from './recent-ids.js';
import { createServerKeyCheck } from './server-keys.js';
import type { Store, StoredEvent } from './store.js';

/** Options of the batch handler. */
export interface BatchHandlerOptions {
  /** Where accepted events go; the answer waits until they are durable there. */
  store: Store;
  /** Write keys accepted; others get 403. @default any key */
  writeKeys?: readonly string[];
  /** CORS allow-list, for every key or per key. @default any origin */
  origins?: OriginsOption;
  /**
   * Server keys (`FOOTFALL_SERVER_KEYS`): a batch sent with `Authorization: Bearer <key>` is
   * checked with the server rules (docs/collector.md#server-keys). @default none
   */
  serverKeys?: readonly string[];
  /** Per-write-key limit; over it the answer is 429 with `Retry-After`. @default no limit */
  rateLimit?: RateLimitOptions;
  /** Largest body in bytes, before and after gunzip. @default 524288 (512 KiB) */
  maxBodyBytes?: number;
  /** How many recent event ids to remember for dedupe at ingest, or the cache itself (the app shares it with erasure). @default 200000 */
  recentIds?: number | RecentIds;
  /**
   * Query parameters kept in `url`, `referrer` and `href` on ingest; the others are dropped
   * before storing, whatever the SDK did (docs/privacy.md#query-strings). @default DEFAULT_KEEP_PARAMS (utm_* and ad click ids)
   */
  keepParams?: readonly string[];
  /** Called with the events once they are stored (the live stream listens here). @default none */
  onStored?: (events: readonly StoredEvent[]) => void;
  /** Clock, ms. @default Date.now */
  now?: () => number;
}

/** The answer to a batch: how many events were kept, and why the others were not. */
export interface BatchResult {
  accepted: number;
  rejected: { index: number; errors: string[] }[];
}

/** The rejection of an accepted event whose skew-corrected `ts` is beyond 2^53 ms. */
function outOfRange(check: EnvelopeCheck, event: FootfallEvent, ts: number): { index: number; errors: string[] } {
  // Its index in `events`: the accepted events are the others, in order.
  const skipped = new Set(check.rejected.map((r) => r.index));
  let index = -1;
  for (const e of check.accepted) {
    do index++;
    while (skipped.has(index));
    if (e === event) break;
  }
  return { index, errors: [`events[${index}].ts: after skew correction ${ts} ms is beyond ${Number.MAX_SAFE_INTEGER} (year 287396): send ms since the epoch`] };
}

/**
 * Makes the Fetch-API batch handler (`POST /v1/batch`): it runs on Node, Bun, Deno and
 * workers. It checks media type (415), size (413), JSON (400), envelope (400), write key
 * (403), origin (403), rate (429 + `Retry-After`), keeps every valid event of the batch,
 * drops the query parameters `keepParams` does not allow, corrects clock skew, drops ids it stored lately, stores, and answers
 * `200 { accepted, rejected: [{ index, errors }] }` once the store has committed.
 * `OPTIONS` answers the CORS preflight (204).
 *
 * @example
 * ```ts
 * const handleBatch = createBatchHandler({ store: createMemoryStore() });
 * const res = await handleBatch(new Request('http://x/v1/batch', { method: 'POST', body, headers: { 'content-type': 'application/json' } }));
 * ```
 */
export function createBatchHandler(options: BatchHandlerOptions): (request: Request) => Promise<Response> {
  const { store } = options;
  const maxBytes = options.maxBodyBytes ?? LIMITS.batchBytes;
  const now = options.now ?? Date.now;
  const cors = createCors(options.origins);
  const limit = options.rateLimit ? createRateLimiter(options.rateLimit) : undefined;
  const writeKeys = options.writeKeys?.length ? new Set(options.writeKeys) : undefined;
  const keep = options.keepParams ?? DEFAULT_KEEP_PARAMS;
  const recent = typeof options.recentIds === 'object' ? options.recentIds : createRecentIds(options.recentIds ?? 200_000);
  const signerOf = createServerKeyCheck(options.serverKeys);
  const window = recent.max;
  // The window survives a restart: it is reloaded from the store's last ids, oldest first so
  // the newest are forgotten last (docs/collector.md, "Dedupe"). Until then batches wait.
  let loading: Promise<void> | undefined = store.recentIds && window > 0
    ? store.recentIds(window).then((ids) => recent.add(ids.reverse()), () => {}).then(() => { loading = undefined; })
    : undefined;

  return async function handleBatch(request) {
    // A request with Authorization is a backend's (docs/collector.md#server-keys): no CORS at all.
    const origin = request.headers.has('authorization') ? null : request.headers.get('origin');
    if (request.method === 'OPTIONS') {
      const headers = cors.headers(origin);
      return new Response(null, { status: headers['access-control-allow-origin'] ? 204 : 403, headers });
    }
    let writeKey: string | undefined;
    try {
      if (request.method !== 'POST') throw new HttpFailure(405, 'INVALID_ENVELOPE', `${request.method} is not accepted here: POST the envelope to /v1/batch`);
      const signer = signerOf(request);
      const receivedAt = now();
      const text = await readBatchBody(request, maxBytes);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (cause) {
        throw new HttpFailure(400, 'INVALID_ENVELOPE', `the body is not JSON (${(cause as Error).message}): send { v: 1, sentAt, writeKey, events: [...] }`, { cause });
      }
      const check = checkEnvelope(value, { origin: signer });
      if (check.errors.length || !check.head) {
        throw new HttpFailure(400, 'INVALID_ENVELOPE', `the envelope is invalid: ${check.errors[0]}. See docs/events.md`, { details: check.errors });
      }
      const { sentAt } = check.head;
      writeKey = check.head.writeKey;
      if (writeKeys && !writeKeys.has(writeKey)) throw new HttpFailure(403, 'UNAUTHORIZED', `write key "${writeKey}" is not configured on this collector: add it to FOOTFALL_WRITE_KEYS`);
      if (origin && !cors.allows(origin, writeKey)) throw new HttpFailure(403, 'UNAUTHORIZED', `origin ${origin} may not send for write key "${writeKey}": add it to FOOTFALL_ORIGINS`);
      const wait = limit?.(writeKey, check.accepted.length, receivedAt) ?? 0;
      if (wait > 0) {
        throw new HttpFailure(429, 'RATE_LIMITED', `write key "${writeKey}" is over its rate limit: retry after ${wait} s`, { headers: { 'retry-after': String(wait) } });
      }
      if (loading) await loading;
      const fresh: StoredEvent[] = [];
      const inBatch = new Set<string>();
      // Each URL's kept form, for this batch only: its events mostly share their page's URL.
      const keptUrls = new Map<string, string>();
      let rejected = check.rejected;
      let accepted = check.accepted.length;
      for (const e of check.accepted) {
        if (recent.has(e.id) || inBatch.has(e.id)) continue;
        // A server key's `ts` is trusted as sent (a backend's clock, or history): no skew correction.
        // Otherwise skew correction is based on the client's `ts` alone, never on a client-sent `clientTs`.
        const ts = signer === 'server' ? e.ts : correctedTs(dropDerivedFields(e), sentAt, receivedAt);
        if (!(ts <= Number.MAX_SAFE_INTEGER)) {
          // Valid by docs/events.md, but no store can hold it, and one row that fails a group
          // commit fails every request of the group: reject it alone.
          rejected = [...rejected, outOfRange(check, e, ts)].sort((a, b) => a.index - b.index);
          accepted--;
          continue;
        }
        inBatch.add(e.id);
        fresh.push(keepEventParams(enrichEvent(e, ts, receivedAt, writeKey), keep, keptUrls));
      }
      try {
        await store.append(fresh);
      } catch (cause) {
        throw new HttpFailure(503, 'STORE_FAILED', `the events could not be stored: ${(cause as Error).message}`, { cause });
      }
      recent.add(inBatch);
      if (fresh.length) options.onStored?.(fresh);
      const result: BatchResult = { accepted, rejected };
      return jsonAnswer(result, { status: 200, headers: cors.headers(origin, writeKey) });
    } catch (error) {
      const failure = error instanceof HttpFailure ? error : new HttpFailure(500, 'STORE_FAILED', `the collector failed: ${(error as Error).message}`, { cause: error });
      return errorResponse(failure.status, failure, { ...cors.headers(origin, writeKey), ...failure.headers });
    }
  };
}
