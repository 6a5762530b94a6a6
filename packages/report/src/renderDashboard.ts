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
   * Origin that serves the tracked site, for the heatmap's page frame (`siteBase + path`).
   * Same-origin pages are framed; others get the heat layer over a blank page.
   * @default '' (the dashboard's own origin)
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
