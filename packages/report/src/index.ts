export { renderDashboard, type DashboardOptions } from './renderDashboard.js';
export { renderReport, type ReportOptions } from './renderReport.js';
export { escapeHtml, jsonForScript } from './escape.js';
export type {
  ReportData, KpisResult, StagesResult, FunnelResult, FunnelStepResult, PathsResult, PagesResult, PageResult,
  VitalSummary, BottlenecksResult, BottleneckResult, ClickHeatmapResult, ScrollHeatmapResult, PageHeatmaps,
  AttributionResult,
} from './types.js';
