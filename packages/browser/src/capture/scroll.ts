/**
 * Scroll depth: the deepest point seen during a page view, sent once when the page
 * view ends (navigation, or the page being hidden): `{ depth, px, dh, vh }`, with
 * `depth` = that point as % of the document height.
 */
import type { Capture } from '../types.js';
import { docHeight } from '../lib/util.js';

/**
 * Captures one scroll-depth event per page view.
 *
 * @example
 * ```ts
 * init({ writeKey: 'site_abc', capture: [pageViews(), scrollDepth()] });
 * ```
 */
export function scrollDepth(): Capture {
  return (c) => {
    let deepest = 0;
    let done = true;
    const measure = () => {
      deepest = Math.max(deepest, scrollY + innerHeight);
    };
    c._listen(window, 'scroll', measure);
    c._on('start', () => {
      deepest = 0;
      done = false;
      measure();
    });
    c._on('end', () => {
      if (done) return;
      done = true;
      measure();
      const dh = docHeight();
      const px = Math.round(Math.min(deepest, dh));
      c._emit('scroll', { depth: dh ? Math.min(100, Math.round((px / dh) * 100)) : 0, px, dh, vh: innerHeight });
    });
  };
}
