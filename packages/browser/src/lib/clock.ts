/**
 * Event time that never goes back within a page (docs/sdk.md, "Clocks"): the device
 * clock, unless it was set back while the page was open, in which case the page keeps
 * counting on from where it was with the monotonic clock. Event `ts` and the batch's
 * `sentAt` both come from here, so the collector's skew correction
 * (`receivedAt − (sentAt − ts)`, docs/events.md) still places events right after a jump.
 */
import { mono } from './intrinsics.js';

let last = 0;
let lastMono = 0;

/** Milliseconds since 1970 by the device clock, never less than a previous call in this page. */
export function now(): number {
  const m = mono();
  last = Math.max(Date.now(), last + m - lastMono);
  lastMono = m;
  return Math.floor(last);
}
