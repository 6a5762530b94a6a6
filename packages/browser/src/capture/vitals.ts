/**
 * Web vitals through the web-vitals library (LCP, INP, CLS, FCP, TTFB, each with its
 * rating), plus LOAD: the navigation's `loadEventEnd` in ms, sent without a rating. LOAD
 * has no published thresholds and the core's `rateVital` leaves it unrated (docs/metrics.md).
 */
import { onCLS, onFCP, onINP, onLCP, onTTFB, type Metric } from 'web-vitals';
import type { Capture } from '../types.js';

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
    for (const on of [onLCP, onINP, onCLS, onFCP, onTTFB]) on(report);
    const load = () =>
      setTimeout(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        const value = nav && Math.round(nav.loadEventEnd);
        if (value && value > 0) c._emit('vitals', { metric: 'LOAD', value });
      }, 0);
    if (document.readyState === 'complete') load();
    else c._listen(window, 'load', load);
  };
}
