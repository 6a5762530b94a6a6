import { keepParams, parseAgent, type FootfallEvent } from '@footfall/core';
import type { StoredEvent } from './store.js';

/**
 * Prepares a valid event for storage, in place (after `dropDerivedFields`): skew correction (`ts` set to the corrected
 * time the caller got from the core's `correctedTs`, the raw `ts` kept as `clientTs`,
 * `receivedAt` set: the core's `correctSkew`, without its copy), the parsed user agent
 * (`agent`, from `ctx.ua` and the viewport width) and the envelope's write key. The event must be the handler's own (freshly parsed from the
 * body): copying 50 events per batch was ~5% of ingest CPU plus their garbage. Key order
 * is what the copy had: existing keys keep their place, new ones follow.
 */
export function enrichEvent(event: FootfallEvent, ts: number, receivedAt: number, writeKey: string): StoredEvent {
  const out = event as StoredEvent;
  out.clientTs = event.ts;
  out.ts = ts;
  out.receivedAt = receivedAt;
  out.writeKey = writeKey;
  const ua = event.ctx?.ua;
  const vw = event.ctx?.vw ?? (event.type === 'click' ? event.vw : undefined);
  if (ua !== undefined || vw !== undefined) out.agent = parseAgent(ua, vw);
  return out;
}

/** The fields only the collector sets (docs/collector.md, "Fields the collector derives"). */
const DERIVED = ['agent', 'clientTs', 'receivedAt', 'writeKey'] as const;

/**
 * Drops what a client sent in the fields the collector derives, in place, before anything
 * reads them: a client `agent` would spoof the device and browser, a client `clientTs` would
 * replace `ts` as the basis of skew correction, `receivedAt` and `writeKey` are the server's.
 */
export function dropDerivedFields(event: FootfallEvent): FootfallEvent {
  const e = event as StoredEvent;
  for (const k of DERIVED) if (k in e) delete e[k];
  return event;
}

/**
 * The core's `keepEventParams` (`url`, `referrer`, `href` keep only the parameters `keep`
 * allows, docs/privacy.md#query-strings), in place, with the answers for the URLs of one
 * batch remembered in `seen`: a batch's events mostly share their page's URL, and the
 * core's `keepParams` (built small for the SDK) cost ~1.6 µs per event of the bench
 * (docs/collector.md, "Throughput"). A URL without `?` is left as it is, as `keepParams`
 * leaves it. `seen` is the caller's, one per batch, so it is bounded by the batch.
 */
export function keepUrlParams<E extends object>(event: E, keep: readonly string[], seen: Map<string, string>): E {
  const e = event as { url?: unknown; referrer?: unknown; href?: unknown };
  if (typeof e.url === 'string' && e.url.includes('?')) e.url = kept(e.url, keep, seen);
  if (typeof e.referrer === 'string' && e.referrer.includes('?')) e.referrer = kept(e.referrer, keep, seen);
  if (typeof e.href === 'string' && e.href.includes('?')) e.href = kept(e.href, keep, seen);
  return event;
}

function kept(url: string, keep: readonly string[], seen: Map<string, string>): string {
  let out = seen.get(url);
  if (out === undefined) {
    out = keepParams(url, keep);
    seen.set(url, out);
  }
  return out;
}
