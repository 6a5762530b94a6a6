/**
 * Clock-skew correction (docs/events.md#sending-events-the-envelope): the client's clock may be wrong, so the
 * time an event happened is re-based on the server's receive time.
 */
import type { FootfallEvent } from './events.js';

/**
 * Corrects one event's clock skew: `ts' = receivedAt − (sentAt − ts)` (the Segment/PostHog
 * rule). The raw client `ts` is kept as `clientTs` and `receivedAt` is set. Returns a new
 * event; the input is not changed. An event already corrected (it has `clientTs`) is
 * corrected from its raw `clientTs` again, so applying this twice gives the same result.
 *
 * @example
 * ```ts
 * // The client clock runs 60 s fast: it sent at 1_000_060_000, the server got it at 1_000_000_500.
 * correctSkew({ id: 'e1', type: 'page', ts: 1_000_059_000, anonymousId: 'a', url: 'https://x.test/' }, 1_000_060_000, 1_000_000_500);
 * // → { ..., ts: 999_999_500, clientTs: 1_000_059_000, receivedAt: 1_000_000_500 }
 * ```
 */
export function correctSkew<E extends FootfallEvent>(event: E, sentAt: number, receivedAt: number): E {
  return { ...event, ts: correctedTs(event, sentAt, receivedAt), clientTs: event.clientTs ?? event.ts, receivedAt };
}

/**
 * The skew-corrected time alone, `receivedAt − (sentAt − ts)` from the raw client time
 * (`clientTs` when the event was corrected before), rounded, never below 0: what
 * `correctSkew` sets as `ts`, for callers that check it or write it in place.
 *
 * @example
 * ```ts
 * correctedTs({ id: 'e1', type: 'page', ts: 1_000_059_000, anonymousId: 'a', url: 'https://x.test/' }, 1_000_060_000, 1_000_000_500); // 999_999_500
 * ```
 */
export function correctedTs(event: Pick<FootfallEvent, 'ts' | 'clientTs'>, sentAt: number, receivedAt: number): number {
  return Math.max(0, Math.round(receivedAt - (sentAt - (event.clientTs ?? event.ts))));
}
