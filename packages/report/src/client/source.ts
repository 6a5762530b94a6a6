/** Where a view's results come from: the inlined report data, or the query API. */
import { DEFAULT_FUNNEL_STEPS } from '@footfall/core';
import type {
  AttributionResult, BottlenecksResult, ChannelsResult, EmailResult, ProductsResult, ServiceResult, ClickHeatmapResult, FunnelResult, KpisResult, PagesResult, PathsResult,
  ReportData, ScrollHeatmapResult,
} from '../types.js';

/** Dashboard filters, sent as query parameters to every `/v1/*` call (`from`/`to`: ms since the epoch). */
export interface Filters {
  from?: string;
  to?: string;
  channel?: string;
  device?: string;
}

export interface PathsQuery {
  start?: string;
  end?: string;
  steps?: number;
}

export type Viewport = 'desktop' | 'tablet' | 'mobile';

export interface Source {
  readonly live: boolean;
  kpis(f: Filters): Promise<KpisResult | undefined>;
  funnel(f: Filters, steps: string[], breakdown: string): Promise<FunnelResult | undefined>;
  paths(f: Filters, q: PathsQuery): Promise<PathsResult | undefined>;
  pages(f: Filters): Promise<PagesResult | undefined>;
  bottlenecks(f: Filters): Promise<BottlenecksResult | undefined>;
  attribution(f: Filters): Promise<AttributionResult | undefined>;
  channels(f: Filters): Promise<ChannelsResult | undefined>;
  email(f: Filters): Promise<EmailResult | undefined>;
  service(f: Filters): Promise<ServiceResult | undefined>;
  products(f: Filters): Promise<ProductsResult | undefined>;
  clicks(f: Filters, page: string, viewport: Viewport): Promise<ClickHeatmapResult | undefined>;
  scroll(f: Filters, page: string, viewport: Viewport): Promise<ScrollHeatmapResult | undefined>;
  /** Pages that have heatmaps (report) or `undefined` (dashboard: every page of the pages table). */
  heatmapPages(): string[] | undefined;
  /** The funnel steps the source starts with. */
  defaultSteps(): string[];
  /** The one viewport class a report's heatmaps were computed for (report only). */
  readonly heatmapViewport?: Viewport;
}

/** Report mode: everything was computed before; filters and queries cannot change it. */
export function reportSource(data: ReportData): Source {
  const v = <T>(x: T | undefined) => Promise.resolve(x);
  return {
    live: false,
    kpis: () => v(data.kpis),
    funnel: () => v(data.funnel),
    paths: () => v(data.paths),
    pages: () => v(data.pages),
    bottlenecks: () => v(data.bottlenecks),
    attribution: () => v(data.attribution),
    channels: () => v(data.channels),
    email: () => v(data.email),
    service: () => v(data.service),
    products: () => v(data.products),
    // Own keys only: a page path is data and may be `constructor` (docs/core.md, "Hostile input").
    clicks: (_f, page) => v(data.heatmaps && Object.hasOwn(data.heatmaps, page) ? data.heatmaps[page].click : undefined),
    scroll: (_f, page) => v(data.heatmaps && Object.hasOwn(data.heatmaps, page) ? data.heatmaps[page].scroll : undefined),
    heatmapPages: () => Object.keys(data.heatmaps ?? {}),
    heatmapViewport: data.heatmapViewport ?? 'desktop',
    defaultSteps: () => data.funnel?.steps.map((s) => s.step) ?? [],
  };
}

/** The query API refused the read token (401/403). */
export class TokenError extends Error {
  override readonly name = 'TokenError';
}

/**
 * `GET {apiBase}/v1/<name>?…` with the filters and `params`, `Authorization: Bearer <token>`;
 * throws `TokenError` on 401/403 and an `Error` carrying the collector's message otherwise.
 */
export async function apiGet<T>(apiBase: string, tokenOf: () => string | undefined, name: string, f: Filters, params: [string, string][] = []): Promise<T> {
  const qs = new URLSearchParams(params);
  for (const [k, val] of Object.entries(f)) if (val) qs.append(k, val);
  const query = qs.toString();
  const token = tokenOf();
  const res = await fetch(`${apiBase}/v1/${name}${query ? `?${query}` : ''}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (res.status === 401 || res.status === 403) throw new TokenError(`/v1/${name} did not accept the read token`);
  if (!res.ok) {
    // the collector answers `{ error: { code, message } }`
    const body = (await res.json().catch(() => ({}))) as { error?: { message?: unknown } };
    const message = typeof body.error?.message === 'string' ? `: ${body.error.message}` : '';
    throw new Error(`/v1/${name} answered ${res.status}${message}`);
  }
  return (await res.json()) as T;
}

/** Dashboard mode: `GET {apiBase}/v1/<name>?…` with `Authorization: Bearer <token>` (read at each call). */
export function apiSource(apiBase: string, tokenOf: () => string | undefined): Source {
  const get = <T>(name: string, f: Filters, params: [string, string][] = []) => apiGet<T>(apiBase, tokenOf, name, f, params);
  return {
    live: true,
    kpis: (f) => get('kpis', f, [['timeline', 'day']]),
    funnel: (f, steps, breakdown) => get('funnel', f, [...steps.map((s): [string, string] => ['step', s]), ...(breakdown ? [['breakdown', breakdown] as [string, string]] : [])]),
    paths: (f, q) => get('paths', f, [
      ...(q.start ? [['start', q.start] as [string, string]] : []),
      ...(q.end ? [['end', q.end] as [string, string]] : []),
      ['steps', String(q.steps ?? 5)],
    ]),
    pages: (f) => get('pages', f),
    bottlenecks: (f) => get('bottlenecks', f),
    attribution: (f) => get('attribution', f),
    channels: (f) => get('channels', f),
    email: (f) => get('email', f),
    service: (f) => get('service', f),
    products: (f) => get('products', f),
    clicks: (f, page, viewport) => get('heatmap', f, [['page', page], ['kind', 'click'], ['viewport', viewport]]),
    scroll: (f, page, viewport) => get('heatmap', f, [['page', page], ['kind', 'scroll'], ['viewport', viewport]]),
    heatmapPages: () => undefined,
    defaultSteps: () => [...DEFAULT_FUNNEL_STEPS],
  };
}
