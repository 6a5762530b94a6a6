/** Keeps the visitor's recent events on the device for `journey()` (docs/sdk.md#journey). */
import { hostOf } from '../lib/chunk.js';
import { keepRecent } from '../recent.js';
import type { Capture } from '../types.js';

/**
 * Keeps the visitor's recent events (the newest 200, no device context) in the SDK's IndexedDB
 * database, with consent, for `journey()`. Add it on every page whose events the journey
 * should see; nothing more is sent. The script tag's `data-journey="true"`.
 *
 * @example
 * ```ts
 * init({ writeKey: 'site_abc', capture: [autocapture(), recentEvents()] });
 * ```
 */
export function recentEvents(): Capture {
  return (c) => keepRecent(hostOf(c));
}
