import { createPages, type PagesResult } from '@footfall/core';
import type { Command } from '../command.js';
import { duration, inputOf, number, percent, table } from './format.js';
import { printAnalysis } from './print-analysis.js';
import { SESSION_FILTER_FLAGS, sessionFilterHelp } from './session-filter-flags.js';

const help = `Usage: footfall pages INPUT [--channel C] [--device D] [--json] [--strict]

Page-level metrics per URL path: views, sessions, bounce and exit rates, average
time on page, web vitals (p75 and rating shares), median scroll depth, rage and
dead clicks.

INPUT         an .ndjson file, .ndjson.gz, a folder of them, - for stdin,
              duckdb:PATH or clickhouse:URL
${sessionFilterHelp(14)}
--json        print the result as one JSON document
--strict      stop at the first invalid line instead of skipping it

Example:
  footfall pages events.ndjson --json
`;

/** Text rendering of a pages result. */
export function pagesTable(r: PagesResult): string {
  if (r.pages.length === 0) return 'No page views in the input.\n';
  return table(
    ['path', 'views', 'sessions', 'bounce', 'exit', 'avg time', 'LCP p75', 'INP p75', 'CLS p75', 'scroll p50', 'rage', 'dead'],
    r.pages.map((p) => [
      p.path,
      number(p.views),
      number(p.sessions),
      percent(p.bounceRate),
      percent(p.exitRate),
      duration(p.avgTimeMs),
      duration(p.vitals.LCP?.p75),
      duration(p.vitals.INP?.p75),
      p.vitals.CLS ? p.vitals.CLS.p75.toFixed(2) : '-',
      p.scroll.p50Depth === null ? '-' : `${Math.round(p.scroll.p50Depth)}%`,
      number(p.rageClicks),
      number(p.deadClicks),
    ]),
  );
}

/** `footfall pages`: page-level metrics. */
export const pages: Command = {
  name: 'pages',
  summary: 'page metrics: views, bounce, exit, time, vitals, scroll, frustration',
  help,
  flags: { ...SESSION_FILTER_FLAGS, strict: { type: 'boolean' } },
  async run(args, io) {
    const input = inputOf(args, 'pages');
    const analyzer = createPages();
    return printAnalysis(input, analyzer, args, io, pagesTable, { create: 'createPages', options: {} });
  },
};
