import type { Filters, Source } from './source.js';

/** What every view gets: where data comes from, the active filters, its hash parameters. */
export interface Ctx {
  source: Source;
  filters: Filters;
  params: URLSearchParams;
  /** `report` (inlined data, static) or `dashboard` (query API, editable, live). */
  mode: 'report' | 'dashboard';
  apiBase: string;
  /** The read token, when known (the live stream sends it as `?token=`). */
  token(): string | undefined;
  /** Where the tracked site's pages are fetched from for the heatmap (same origin); `undefined`: not framed. */
  siteBase: string | undefined;
  /** Navigates to `#view?params`. */
  go(view: string, params?: Record<string, string>): void;
  /** Runs when the view is left (timers, event sources). */
  onLeave(fn: () => void): void;
  /** True while this render is still the current one (a newer navigation cancels it). */
  current(): boolean;
}

export type View = (ctx: Ctx, el: HTMLElement) => Promise<void>;

/** A view of the dashboard and the report: its `#id`, tab label, heading and one-line intro. */
export interface Route { id: string; label: string; heading: string; intro: string; view: View; dashboardOnly?: boolean; /** Reached by links, shown under this tab. */ under?: string }
