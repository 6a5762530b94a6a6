/**
 * The result shapes the report renders: the JSON of `footfall … --json` and of the query API
 * `/v1/*` (contract `cli.md`), i.e. the core's result types, with the fields the views do not
 * read made optional. The report never computes them.
 */
import type {
  AttributionResult as CoreAttribution, Bottleneck, BottlenecksResult as CoreBottlenecks, ClickHeatmap,
  FunnelResult as CoreFunnel, FunnelStepResult as CoreFunnelStep, KpisResult as CoreKpis, PageMetrics,
  PathsResult as CorePaths, ScrollHeatmap, StagesResult as CoreStages, VitalSummary as CoreVitalSummary,
} from '@footfall/core';

/** One funnel step: persons reaching it (cumulative), conversion from step 1 and from the previous step. */
export type FunnelStepResult = CoreFunnelStep;

/** `footfall funnel --json`, `GET /v1/funnel`. */
export interface FunnelResult extends Omit<CoreFunnel, 'breakdown'> {
  /** Per breakdown value, most entrants first; `null` or absent without a breakdown. */
  breakdown?: { value: string; steps: FunnelStepResult[] }[] | null;
}

/** `footfall paths --json`, `GET /v1/paths` (the graph part). Node ids are `"<step>_<item>"`. */
export type PathsResult = Pick<CorePaths, 'nodes' | 'links'>;

/** p75 and rating shares of one web-vitals metric on a page. */
export type VitalSummary = Omit<CoreVitalSummary, 'samples'> & Partial<Pick<CoreVitalSummary, 'samples'>>;

/** One row of `footfall pages --json`. */
export interface PageResult extends Omit<PageMetrics, 'vitals' | 'scroll'> {
  vitals: Partial<Record<'LCP' | 'INP' | 'CLS' | 'FCP' | 'TTFB' | 'LOAD', VitalSummary>>;
  /** `p50Depth`: median deepest scroll point, percent of document height (0..100). */
  scroll: Pick<PageMetrics['scroll'], 'p50Depth'> & Partial<PageMetrics['scroll']>;
}

/** `footfall pages --json`, `GET /v1/pages`. */
export interface PagesResult {
  pages: PageResult[];
}

/** One ranked bottleneck (any signal name renders, also ones added later). */
export type BottleneckResult = Omit<Bottleneck, 'signal'> & { signal: string };

/** `footfall bottlenecks --json`, `GET /v1/bottlenecks`: ranked best first. */
export type BottlenecksResult = { bottlenecks: BottleneckResult[] } & Partial<Omit<CoreBottlenecks, 'bottlenecks'>>;

/** `footfall heatmap --kind click --json`: `x` a fraction of the viewport width, `y` document px (16-px rows). */
export type ClickHeatmapResult = Pick<ClickHeatmap, 'cells'> & Partial<ClickHeatmap> & {
  /** Recorded document height in px, when the analyzer reports it (else the deepest cell is used). */
  documentHeight?: number;
};

/** `footfall heatmap --kind scroll --json`: share of page views reaching each 100-px bucket. */
export type ScrollHeatmapResult = Pick<ScrollHeatmap, 'buckets'> & Partial<ScrollHeatmap> & { documentHeight?: number };

/** `footfall attribution --json`, `GET /v1/attribution`. */
export type AttributionResult = Pick<CoreAttribution, 'channels'> & Partial<CoreAttribution>;

/** Journey stages: persons whose furthest stage is each one. */
export type StagesResult = CoreStages;

/** `footfall kpis --json`, `GET /v1/kpis`. */
export interface KpisResult extends Omit<CoreKpis, 'orders' | 'retention'> {
  orders?: number;
  /** First-seen cohorts: drawn as new persons per day when `timeline` is absent. */
  retention?: { cohorts: Pick<CoreKpis['retention']['cohorts'][number], 'cohort' | 'persons'>[] };
  /** Sessions per day (optional, additive): drawn as "sessions over time" when present. */
  timeline?: { date: string; sessions: number; conversions?: number }[];
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
