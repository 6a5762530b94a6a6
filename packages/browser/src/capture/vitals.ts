/**
 * Web vitals through the web-vitals library (LCP, INP, CLS, FCP, TTFB, each with its
 * rating), plus LOAD: the navigation's `loadEventEnd` in ms, sent without a rating. LOAD
 * has no published thresholds and the core's `rateVital` leaves it unrated (docs/metrics.md).
 * The npm build runs it in the page's bundle; the script tag loads it as the `vitals` chunk
 * (docs/sdk.md, "Lazy chunks"): web-vitals reads buffered performance entries, so what
 * happened before the chunk arrived still counts.
 */
import { onCLS, onFCP, onINP, onLCP, onTTFB, type Metric } from 'web-vitals';
import { hostOf, type ChunkHost } from '../lib/chunk.js';
import type { Capture } from '../types.js';

/** Starts reporting web vitals and LOAD to `h`. */
export function startVitals(h: ChunkHost): void {
  const report = (m: Metric) =>
    h.emit('vitals', { metric: m.name, value: m.name === 'CLS' ? Math.round(m.value * 1e4) / 1e4 : Math.round(m.value), rating: m.rating });
  for (const on of [onLCP, onINP, onCLS, onFCP, onTTFB]) on(report);
  const load = () =>
    setTimeout(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const value = nav && Math.round(nav.loadEventEnd);
      if (value && value > 0) h.emit('vitals', { metric: 'LOAD', value });
    }, 0);
  if (document.readyState === 'complete') load();
  else h.listen(window, 'load', load);
}

/**
 * Captures web vitals.
 *
 * @example
 * ```ts
 * init({ writeKey: 'site_abc', capture: [webVitals()] });
 * ```
 */
export function webVitals(): Capture {
  return (c) => startVitals(hostOf(c));
}
