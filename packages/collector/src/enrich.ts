import { correctSkew, parseAgent, type FootfallEvent } from '@footfall/core';
import type { StoredEvent } from './store.js';

/**
 * Prepares a valid event for storage: skew correction (`ts' = receivedAt − (sentAt − ts)`,
 * the raw `ts` kept as `clientTs`, `receivedAt` set; core `correctSkew`), the parsed user
 * agent (`agent`, from `ctx.ua` and the viewport width) and the envelope's write key.
 */
export function enrichEvent(event: FootfallEvent, sentAt: number, receivedAt: number, writeKey: string): StoredEvent {
  const out: StoredEvent = correctSkew(event, sentAt, receivedAt); // a fresh copy
  out.writeKey = writeKey;
  const vw = event.ctx?.vw ?? (event.type === 'click' ? event.vw : undefined);
  if (event.ctx?.ua !== undefined || vw !== undefined) out.agent = parseAgent(event.ctx?.ua, vw);
  return out;
}
