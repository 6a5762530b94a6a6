/** The SDK's options: one interface, every field optional. */
import { DEFAULT_KEEP_PARAMS } from '../../core/src/keep-params.js';

import type { Capture, Resolved } from './types.js';

export type { Capture, Resolved } from './types.js';

/**
 * Options of `init` (and `data-*` attributes of the script tag, in kebab-case).
 *
 * @example
 * ```ts
 * init({ writeKey: 'site_abc', host: 'https://stats.example.com', consent: 'required', capture: [autocapture()] });
 * ```
 */
export interface FootfallOptions {
  /** Public key of the site (not a secret). @default '' */
  writeKey?: string;
  /** Origin of the collector; with the script tag, the script's own origin. @default location.origin */
  host?: string;
  /** Path (or full URL) events are POSTed to, resolved against `host`. @default '/v1/batch' */
  endpoint?: string;
  /** `'required'`: hold events in memory until `consent.grant()`; `consent.deny()` discards them. @default 'granted' */
  consent?: 'granted' | 'required';
  /** Honour Do Not Track and Global Privacy Control (record nothing). @default true */
  respectDoNotTrack?: boolean;
  /** Count `#hash` changes as page views (hash routers). @default false */
  hashRouting?: boolean;
  /** Longest wait before queued events are sent, ms. @default 5000 */
  flushInterval?: number;
  /** Events per request. @default 50 */
  batchSize?: number;
  /** Events kept in the queue; beyond it the oldest are evicted (and counted). @default 5000 */
  maxQueue?: number;
  /** First retry delay, ms; doubled each failure, with jitter. @default 1000 */
  backoffBase?: number;
  /** Longest retry delay, ms. @default 60000 */
  backoffMax?: number;
  /** Print debug warnings (invalid input, dropped values) to the console. @default false */
  debug?: boolean;
  /** Autocapture to run, e.g. `[autocapture()]` or `[pageViews(), clicks()]`. @default [] */
  capture?: Capture[];
  /**
   * Query parameters kept in `url`, `referrer` and link `href`s; every other one is dropped
   * before the event is queued (docs/privacy.md#query-strings). Names, or `prefix*`; `['*']`
   * keeps all. On the script tag: `data-keep-params="utm_*,gclid,ref"` (commas or spaces).
   * @default ['utm_*', 'gclid', 'gbraid', 'wbraid', 'dclid', 'fbclid', 'msclkid', 'ttclid', 'twclid', 'li_fat_id', 'yclid', 'mc_cid']
   */
  keepParams?: readonly string[];
}

/** Applies defaults. */
export function resolveOptions(o: FootfallOptions): Resolved {
  const pos = (v: unknown, d: number) => (+(v as number) > 0 ? +(v as number) : d);
  return {
    ...o,
    writeKey: String(o.writeKey || ''),
    hashRouting: !!o.hashRouting,
    flushInterval: pos(o.flushInterval, 5000),
    batchSize: Math.min(pos(o.batchSize, 50), 500),
    maxQueue: pos(o.maxQueue, 5000),
    backoffBase: pos(o.backoffBase, 1000),
    backoffMax: pos(o.backoffMax, 60000),
    capture: Array.isArray(o.capture) ? o.capture : [],
    keepParams: o.keepParams || DEFAULT_KEEP_PARAMS,
    // An invalid host throws here, and init turns that into a debug warning.
    url: new URL(o.endpoint || '/v1/batch', o.host || location.href).href,
  };
}
