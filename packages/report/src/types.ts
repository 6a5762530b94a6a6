/**
 * The result shapes the report renders: exactly the JSON of `footfall … --json` and of the
 * query API `/v1/*` (contract `cli.md`). The report never computes them.
 */

/** One funnel step: persons reaching it (cumulative), conversion from step 1 and from the previous step. */
export interface FunnelStepResult {
  step: string;
  count: number;
  /** Fraction 0..1 of step-1 persons. */
  conversion: number;
  /** Fraction 0..1 of the previous step's persons. */
  fromPrevious: number;
  avgTimeMs: number | null;
  medianTimeMs: number | null;
}

/** `footfall funnel --json`, `GET /v1/funnel`. */
export interface FunnelResult {
  steps: FunnelStepResult[];
  persons: number;
  windowMs: number;
  mode: string;
  /** Per breakdown value, most entrants first; `null` or absent without a breakdown. */
  breakdown?: { value: string; steps: FunnelStepResult[] }[] | null;
}

/** `footfall paths --json`, `GET /v1/paths`. Node ids are `"<step>_<item>"`. */
export interface PathsResult {
  nodes: { id: string; step: number; item: string; count: number }[];
  links: { source: string; target: string; value: number }[];
}

/** p75 and rating shares of one web-vitals metric on a page. */
export interface VitalSummary {
  p75: number;
  good: number;
  needsImprovement: number;
  poor: number;
}

/** One row of `footfall pages --json`. */
export interface PageResult {
  path: string;
  views: number;
  sessions: number;
  bounceRate: number;
  exitRate: number;
  /** Mean ms to the next page view; `null` when no view had a next one. */
  avgTimeMs: number | null;
  vitals: Partial<Record<'LCP' | 'INP' | 'CLS' | 'FCP' | 'TTFB' | 'LOAD', VitalSummary>>;
  /** `p50Depth`: median deepest scroll point, percent of document height (0..100). */
  scroll: { p50Depth: number | null };
  rageClicks: number;
  deadClicks: number;
}

/** `footfall pages --json`, `GET /v1/pages`. */
export interface PagesResult {
  pages: PageResult[];
}

/** One ranked bottleneck. */
export interface BottleneckResult {
  target: string;
  signal: string;
  score: number;
  lostConversions: number;
  lostRevenue: number;
  affected: number;
  crAffected: number;
  crUnaffected: number;
  pValue: number;
  reason: string;
}

/** `footfall bottlenecks --json`, `GET /v1/bottlenecks`: ranked best first. */
export interface BottlenecksResult {
  bottlenecks: BottleneckResult[];
}

/** `footfall heatmap --kind click --json`: `x` a fraction of the viewport width, `y` document px (16-px rows). */
export interface ClickHeatmapResult {
  cells: { x: number; y: number; count: number }[];
  /** Recorded document height in px, when the analyzer reports it (else the deepest cell is used). */
  documentHeight?: number;
}

/** `footfall heatmap --kind scroll --json`: share of page views reaching each 100-px bucket. */
export interface ScrollHeatmapResult {
  buckets: { depth: number; share: number }[];
  documentHeight?: number;
}

/** `footfall attribution --json`, `GET /v1/attribution`. */
export interface AttributionResult {
  channels: { channel: string; conversions: number; removalEffect?: number }[];
  conversionProbability?: number;
}

/** Journey stages: persons whose furthest stage is each one. */
export interface StagesResult {
  awareness: number;
  consideration: number;
  decision: number;
  retention: number;
  advocacy: number;
}

/** `footfall kpis --json`, `GET /v1/kpis`. */
export interface KpisResult {
  sessions: number;
  persons: number;
  conversionRate: number;
  cartAbandonment: number;
  aov: number;
  revenue: number;
  repeatPurchaseRate: number;
  pagesPerSession: number;
  medianSessionMs: number;
  stages: StagesResult;
  /** Sessions per day (optional, additive): drawn as "sessions over time" when present. */
  timeline?: { date: string; sessions: number; conversions?: number }[];
  /** First-seen cohorts: drawn as new persons per day when `timeline` is absent. */
  retention?: { cohorts: { cohort: string; persons: number }[] };
  /** Currency of `aov` and `revenue` (ISO 4217), when known. */
  currency?: string;
}

/** Heatmaps of one page for the report. */
export interface PageHeatmaps {
  click?: ClickHeatmapResult;
  scroll?: ScrollHeatmapResult;
}

/** Everything a report shows; every part is optional and its view says so when missing. */
export interface ReportData {
  kpis?: KpisResult;
  funnel?: FunnelResult;
  paths?: PathsResult;
  pages?: PagesResult;
  bottlenecks?: BottlenecksResult;
  /** Heatmaps by page path. */
  heatmaps?: { [page: string]: PageHeatmaps };
  attribution?: AttributionResult;
  /** ISO 8601 time the results were computed. */
  generatedAt: string;
}

/** What the page hands the client bundle (the JSON in `<script id="footfall-boot">`). */
export type Boot =
  | { mode: 'report'; title: string; data: ReportData }
  | { mode: 'dashboard'; title: string; apiBase: string; token?: string; siteBase?: string };
