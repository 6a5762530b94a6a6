import type { FootfallEvent } from '@footfall/core';
import type { StoredEvent } from './store.js';

/**
 * Prepares a valid event for storage: skew correction (`ts' = receivedAt − (sentAt − ts)`,
 * the raw `ts` kept as `clientTs`), `receivedAt`, and the envelope's write key.
 */
export function enrichEvent(event: FootfallEvent, sentAt: number, receivedAt: number, writeKey: string): StoredEvent {
  const ts = Math.max(0, receivedAt - (sentAt - event.ts));
  return { ...event, ts, clientTs: event.ts, receivedAt, writeKey };
}
