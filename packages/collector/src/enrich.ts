import { parseAgent, type FootfallEvent } from '@footfall/core';
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
