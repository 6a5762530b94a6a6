/**
 * Web vitals through the web-vitals library (LCP, INP, CLS, FCP, TTFB, each with its
 * rating), plus LOAD: the navigation's `loadEventEnd` in ms, rated good ≤ 2500 ms,
 * poor > 4000 ms.
 */
import { onCLS, onFCP, onINP, onLCP, onTTFB, type Metric } from 'web-vitals';
import type { Capture } from '../options.js';

/** Thresholds of LOAD (ms): good at or below the first, poor above the second. */
export const LOAD_THRESHOLDS = [2500, 4000] as const;

/**
 * Captures web vitals.
 *
 * @example
 * ```ts
 * init({ writeKey: 'site_abc', capture: [webVitals()] });
 * ```
 */
export function webVitals(): Capture {
  return (c) => {
    const report = (m: Metric) =>
      c._emit('vitals', { metric: m.name, value: m.name === 'CLS' ? Math.round(m.value * 1e4) / 1e4 : Math.round(m.value), rating: m.rating });
    [onLCP, onINP, onCLS, onFCP, onTTFB].forEach((on) => on(report));
    const load = () =>
      setTimeout(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        const value = nav && Math.round(nav.loadEventEnd);
        if (value && value > 0) {
          const rating = value <= LOAD_THRESHOLDS[0] ? 'good' : value <= LOAD_THRESHOLDS[1] ? 'needs-improvement' : 'poor';
          c._emit('vitals', { metric: 'LOAD', value, rating });
        }
      }, 0);
    if (document.readyState === 'complete') load();
    else c._listen(window, 'load', load);
  };
}
