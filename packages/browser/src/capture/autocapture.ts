/** Every autocapture in one call, each switchable. */
import type { Capture } from '../types.js';
import { cartAttributes } from './cart.js';
import { clicks } from './click.js';
import { pageViews } from './page.js';
import { scrollDepth } from './scroll.js';
import { webVitals } from './vitals.js';

/** Switches for `autocapture`: each on unless set to `false`. */
export interface AutocaptureOptions {
  /** Page views incl. SPA navigations. @default true */
  pageViews?: boolean;
  /** Clicks with rage and dead detection. @default true */
  clicks?: boolean;
  /** One scroll-depth event per page view. @default true */
  scroll?: boolean;
  /** Web vitals and LOAD. @default true */
  vitals?: boolean;
  /** Cart events declared with `data-footfall-cart`. @default true */
  cart?: boolean;
}

/**
 * All autocapture (page views, clicks, scroll, vitals, declarative cart), each on
 * unless switched off. Apps that do not call it ship none of it.
 *
 * @example
 * ```ts
 * init({ writeKey: 'site_abc', capture: [autocapture({ vitals: false })] });
 * ```
 */
export function autocapture(o: AutocaptureOptions = {}): Capture {
  return captureAll(o, webVitals);
}

/** `autocapture` with the vitals capture given: the script tag passes its lazily loaded one. */
export function captureAll(o: AutocaptureOptions, vitals: () => Capture): Capture {
  const parts: [boolean | undefined, () => Capture][] = [
    [o.pageViews, pageViews],
    [o.clicks, clicks],
    [o.scroll, scrollDepth],
    [o.vitals, vitals],
    [o.cart, cartAttributes],
  ];
  const on: Capture[] = [];
  for (const [flag, make] of parts) if (flag !== false) on.push(make());
  return (c) => {
    for (const capture of on) capture(c);
  };
}
