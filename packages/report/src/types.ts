/**
 * The result shapes the report renders: the core's result types, i.e. the JSON of
 * `footfall … --json` and of the query API `/v1/*` (docs/cli.md). Imported type-only,
 * so none of the core reaches the client bundle. The report never computes them; it adds two
 * optional fields the core does not compute (`currency` of the KPIs, `documentHeight` of a heatmap).
 */
import type {
  AttributionResult, Bottleneck, BottlenecksResult, ChannelRow, ChannelsResult, ContactRate, EmailResult, ProductsResult, ServiceResult, ClickHeatmap, DeviceClass, ElementCell, HeatCell, FunnelResult, FunnelStepResult,
  KpisResult as CoreKpisResult, PageMetrics, PagesResult, PathsResult, PersonProfile, PersonRow, PersonsResult, ScrollHeatmap, StagesResult, VitalSummary,
} from '@footfall/core';

export type { ChannelRow, ChannelsResult, ContactRate, EmailResult, ProductsResult, ServiceResult };
export type { AttributionResult, BottlenecksResult, ElementCell, HeatCell, FunnelResult, FunnelStepResult, PagesResult, PathsResult, PersonProfile, PersonRow, PersonsResult, StagesResult, VitalSummary };

/** One row of `footfall pages --json`. */
export type PageResult = PageMetrics;

/** One ranked bottleneck. */
export type BottleneckResult = Bottleneck;

/** `footfall kpis --json`, `GET /v1/kpis` (`timeline` drawn as sessions over time; the dashboard asks for it). */
export interface KpisResult extends CoreKpisResult {
  /** Currency of `aov` and `revenue` (ISO 4217), when known. */
  currency?: string;
}

/** `footfall heatmap --kind click --json`: `x` a fraction of the viewport width, `y` document px (16-px rows). */
export interface ClickHeatmapResult extends ClickHeatmap {
  /** Recorded document height in px, when known (else the deepest cell is used). */
  documentHeight?: number;
}

/** `footfall heatmap --kind scroll --json`: share of page views reaching each 100-px bucket. */
export interface ScrollHeatmapResult extends ScrollHeatmap {
  /** Recorded document height in px, when known (else the deepest bucket is used). */
  documentHeight?: number;
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
  /** The viewport class the heatmaps were computed for. @default 'desktop' */
  heatmapViewport?: DeviceClass;
  attribution?: AttributionResult;
  /** `footfall channels --json`. */
  channels?: ChannelsResult;
  /** `footfall email --json`. */
  email?: EmailResult;
  /** `footfall service --json`. */
  service?: ServiceResult;
  /** `footfall products --json`. */
  products?: ProductsResult;
  /** ISO 8601 time the results were computed. */
  generatedAt: string;
}

/** What the page hands the client bundle (the JSON in `<script id="footfall-boot">`). */
export type Boot =
  | { mode: 'report'; title: string; data: ReportData }
  | { mode: 'dashboard'; title: string; apiBase: string; token?: string; siteBase?: string };
