import { page } from './page.js';
import type { ReportData } from './types.js';

/** Options of {@link renderReport}. */
export interface ReportOptions {
  /**
   * Page title.
   * @default 'Footfall report'
   */
  title?: string;
}

/**
 * One self-contained HTML file: ECharts, the client and `data` (as JSON in a
 * `<script type="application/json">`, `<` escaped) inlined. It opens from `file://` with no network.
 *
 * @example
 * ```ts
 * import { renderReport } from '@footfall/report';
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('report.html', renderReport({ kpis, funnel, generatedAt: new Date().toISOString() }));
 * ```
 */
export function renderReport(data: ReportData, options: ReportOptions = {}): string {
  return page({ mode: 'report', title: options.title ?? 'Footfall report', data });
}
