/**
 * Page views: the first one always, then every SPA navigation (history.pushState /
 * replaceState, popstate; hashchange only with `hashRouting`). Deduped by path and
 * query (and hash with `hashRouting`), so replaceState that keeps the path is not a
 * page view.
 */
import type { Capture } from '../types.js';
import { safe } from '../lib/util.js';
import { TEST } from '../lib/test-only.js';

/**
 * Captures page views, including single-page-app navigations.
 *
 * @example
 * ```ts
 * init({ writeKey: 'site_abc', capture: [pageViews()] });
 * ```
 */
export function pageViews(): Capture {
  return (c) => {
    let last = '';
    const check = () => {
      const l = location;
      const key = l.pathname + l.search + (c._o.hashRouting ? l.hash : '');
      if (key === last) return;
      last = key;
      c._page();
    };
    for (const method of ['pushState', 'replaceState'] as const) {
      const original = history[method];
      history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
        const r = original.apply(this, args);
        safe(check)();
        return r;
      };
      if (TEST)
        c._offs!.push(() => {
          history[method] = original;
        });
    }
    c._listen(window, 'popstate', check);
    if (c._o.hashRouting) c._listen(window, 'hashchange', check);
    // After every other capture has registered its page hooks.
    queueMicrotask(safe(check));
  };
}
