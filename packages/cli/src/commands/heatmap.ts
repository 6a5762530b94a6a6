import type { ClickHeatmap, ScrollHeatmap } from '@footfall/core';
import { number, percent, table } from './format.js';
import { analysisCommand } from './print-analysis.js';
import { analysisHelp } from './session-filter-flags.js';

const help = `Usage: footfall heatmap INPUT --page PATH [--kind click|scroll] [--viewport desktop|tablet|mobile]
                        [--channel C] [--device D] [--json]

Click map of a page (cells: x as a share of the viewport width rounded to 0.01,
y in 16-px rows; and the element map: selector and position inside it) or its
scroll map (share of page views reaching each 100-px depth).

INPUT         an .ndjson file, .ndjson.gz, a folder of them, - for stdin,
              duckdb:PATH or clickhouse:URL
--page PATH   the page's URL path; * matches any run of characters (/product/*)
--kind        click (default) or scroll
--viewport    only mobile (< 768 px), tablet (< 1280 px) or desktop: each event's own
              viewport (--device keeps whole sessions by their first event)
${analysisHelp(14)}

Example:
  footfall heatmap events.ndjson --page /checkout/shipping --viewport mobile --json
`;

const TOP = 20;

/** Text rendering of a click heatmap (the most clicked cells and elements). */
export function clickTable(r: ClickHeatmap): string {
  if (r.cells.length === 0) return 'No clicks on this page.\n';
  return `${table(['x (share of width)', 'y (px)', 'clicks'], r.cells.slice(0, TOP).map((c) => [c.x.toFixed(2), number(c.y), number(c.count)]))}\n${table(
    ['element', 'rx', 'ry', 'clicks'],
    r.elements.slice(0, TOP).map((e) => [e.selector, e.rx.toFixed(2), e.ry.toFixed(2), number(e.count)]),
  )}`;
}

/** Text rendering of a scroll heatmap (every 500 px, and the deepest bucket). */
export function scrollTable(r: ScrollHeatmap): string {
  if (r.buckets.length === 0) return 'No scroll events on this page.\n';
  const rows = r.buckets.filter((b, i) => b.depth % 500 === 0 || i === r.buckets.length - 1);
  return `${r.views} page views\n${table(['depth (px)', 'reached'], rows.map((b) => [number(b.depth), percent(b.share)]))}`;
}

/** `footfall heatmap`: click or scroll map of one page. */
export const heatmap = analysisCommand('heatmap', 'click or scroll heatmap of one page', help, (result) => ('buckets' in result ? scrollTable(result) : clickTable(result)));
