/**
 * `@footfall/browser`: the npm entry. No side effects on import; nothing runs until
 * `init`. Autocapture is opt-in per piece (`autocapture()`, or `pageViews()`,
 * `clicks()`, …), so an app that leaves it out does not ship it.
 */
import type { CartAction } from '@footfall/core';
import type { CartPayload } from './capture/cart.js';
import { cartFields } from './capture/cart.js';
import { createClient, type Client } from './client.js';
import { hostOf } from './lib/chunk.js';
import { cleanString } from './lib/clean.js';
import { safe, warn } from './lib/util.js';
import type { FootfallOptions } from './options.js';
import type { Journey } from './journey.js';
import type { Stats } from './types.js';

export type { FootfallOptions, Capture } from './options.js';
export type { CartPayload } from './capture/cart.js';
export type { AutocaptureOptions } from './capture/autocapture.js';
export type { Stats } from './types.js';
export type { Journey } from './journey.js';
export { autocapture } from './capture/autocapture.js';
export { pageViews } from './capture/page.js';
export { clicks } from './capture/click.js';
export { scrollDepth } from './capture/scroll.js';
export { webVitals } from './capture/vitals.js';
export { recentEvents } from './capture/recent-events.js';
export { cartAttributes } from './capture/cart.js';
export { maskText } from './mask.js';
export { selectorOf } from './selector.js';

let client: Client | undefined;
let early: ((c: Client) => void)[] = [];

/** Runs `fn` on the client now, or once `init` has run. Never throws. */
function use(fn: (c: Client) => void): void {
  const f = safe(fn);
  if (client) f(client);
  else if (early.length < 100) early.push(f);
}

/**
 * Starts the SDK. Calls made before `init` are kept and replayed. A second call is ignored.
 *
 * @example
 * ```ts
 * import { init, autocapture } from '@footfall/browser';
 * init({ writeKey: 'site_abc', capture: [autocapture()] });
 * ```
 */
export function init(options: FootfallOptions = {}): void {
  if (client) return warn('init twice: ignored');
  safe(() => {
    client = createClient(options || {});
    const calls = early;
    early = [];
    for (const f of calls) f(client!);
  })();
}

/**
 * Records a custom event.
 *
 * @example
 * ```ts
 * track('signup', { plan: 'pro' });
 * ```
 */
export function track(name: string, props?: Record<string, unknown>): void {
  use((c) => {
    const n = cleanString(name, 256);
    if (n) c._emit('track', { name: n }, props);
    else warn('track: pass a name');
  });
}

/**
 * Records a page view by hand (autocapture's `pageViews()` does it for you).
 *
 * @example
 * ```ts
 * page({ section: 'blog' });
 * ```
 */
export function page(props?: Record<string, unknown>): void {
  use((c) => c._page(props));
}

/**
 * Ties this browser to a known user from now on.
 *
 * @example
 * ```ts
 * identify('user_42', { plan: 'pro' });
 * ```
 */
export function identify(userId: string, traits?: Record<string, unknown>): void {
  use((c) => c._identify(userId, traits));
}

const cartCall = (action: CartAction) => (payload?: CartPayload) => use((c) => c._emit('cart', cartFields(action, payload)));

/**
 * Cart events. `value` defaults to Σ price × quantity.
 *
 * @example
 * ```ts
 * cart.add({ items: [{ id: 'sku-1', name: 'Mug', price: 12, quantity: 2 }], currency: 'EUR' });
 * cart.purchase({ orderId: 'o-991', value: 24, currency: 'EUR' });
 * ```
 */
export const cart = {
  /** A product page was seen (`view_item`). */
  view: cartCall('view_item'),
  add: cartCall('add'),
  remove: cartCall('remove'),
  /** The cart was seen (`view_cart`). */
  viewCart: cartCall('view_cart'),
  checkout: cartCall('checkout'),
  purchase: cartCall('purchase'),
};

/**
 * The visitor's decision when `consent: 'required'`: `grant()` sends what was held
 * and records from then on; `deny()` discards it. A grant is remembered on the device; a
 * deny too, unless `consent: 'required'` (undecided already writes nothing there).
 *
 * @example
 * ```ts
 * banner.onAccept(() => consent.grant());
 * ```
 */
export const consent = {
  grant: (): void => use((c) => c._consent(true)),
  deny: (): void => use((c) => c._consent(false)),
};

/**
 * Stops recording in this browser, remembered on the device until `consent.grant()`.
 *
 * @example
 * ```ts
 * optOut();
 * ```
 */
export function optOut(): void {
  use((c) => c._optOut());
}

/**
 * Sends queued events now. Resolves when this attempt is over (never rejects).
 *
 * @example
 * ```ts
 * await flush();
 * ```
 */
export async function flush(): Promise<void> {
  try {
    await client?._flush();
  } catch {
    /* never rejects */
  }
}

/**
 * Forgets the user and starts a new anonymous id and session (e.g. at logout).
 *
 * @example
 * ```ts
 * reset();
 * ```
 */
export function reset(): void {
  use((c) => c._reset());
}

/**
 * The visitor's own journey, computed in the page (docs/sdk.md#journey): stage, progress
 * through the site's main funnel, the conversion probability of this session and its likely
 * next steps. `cb` runs once the site model (`GET /v1/model`) is there and again after every
 * event; with no model it gets `{ model: null, reason: 'no-model' }` once. Loads the analysis
 * lazily (the core's `visitorJourney`), keeps recent events on the device from then on (add the
 * `recentEvents()` capture to keep them on every page) and never sends anything.
 *
 * @example
 * ```ts
 * journey((j) => {
 *   if (j.model && j.conversionProbability < 0.1) showOffer();
 * });
 * ```
 */
export function journey(cb: (journey: Journey) => void): void {
  use((c) => {
    const host = hostOf(c);
    import('./journey.js').then(
      (m) => m.startJourney(host, cb),
      () => safe(cb)({ model: null, reason: 'no-model' }),
    );
  });
}

/**
 * Delivery counters of this page: sent, dropped (400/413), evicted (queue full).
 *
 * @example
 * ```ts
 * console.log(stats().dropped);
 * ```
 */
export function stats(): Stats {
  return client ? { ...client._stats } : { sent: 0, dropped: 0, evicted: 0 };
}
