import { page } from './page.js';

/** Options of {@link renderDashboard}. */
export interface DashboardOptions {
  /**
   * Base URL of the query API (`/v1/*`), absolute or relative to the page.
   * @default ''
   */
  apiBase?: string;
  /**
   * Read token sent as `Authorization: Bearer <token>` (and as `?token=` on `/v1/live`,
   * since EventSource cannot set headers).
   * @default undefined (no token)
   */
  token?: string;
  /**
   * Page title.
   * @default 'Footfall'
   */
  title?: string;
  /**
   * Where the tracked site's pages are, for drawing heatmaps over the page itself: page `P` is
   * fetched from `siteBase + P` (same origin, e.g. `'/shop'` or `''`), stripped of scripts and
   * shown in a sandboxed frame. Unset, or a page that cannot be loaded: a blank page of the
   * recorded size.
   * @default undefined (blank page)
   */
  siteBase?: string;
}

/**
 * The live dashboard: one HTML page (styles, ECharts and the client inlined, no CDN) whose
 * script reads the query API with the bearer token and follows `/v1/live`.
 *
 * @example
 * ```ts
 * import { renderDashboard } from '@footfall/report';
 * const html = renderDashboard({ apiBase: '', token: process.env.FOOTFALL_READ_TOKEN });
 * // res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
 * ```
 */
export function renderDashboard(options: DashboardOptions = {}): string {
  return page({
    mode: 'dashboard',
    title: options.title ?? 'Footfall',
    apiBase: (options.apiBase ?? '').replace(/\/+$/, ''),
    ...(options.token === undefined ? {} : { token: options.token }),
    ...(options.siteBase === undefined ? {} : { siteBase: options.siteBase.replace(/\/+$/, '') }),
  });
}
