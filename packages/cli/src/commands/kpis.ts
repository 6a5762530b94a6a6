import { JOURNEY_STAGES, type KpisResult } from '@footfall/core';
import { duration, inputOf, number, percent, table } from './format.js';
import { analysisCommand } from './print-analysis.js';
import { analysisHelp } from './session-filter-flags.js';

const help = `Usage: footfall kpis INPUT [--retention-day N ...] [--channel C] [--device D] [--json]

Shop KPIs: sessions, persons, conversion rate, cart abandonment, average order
value, revenue, repeat purchase rate, pages per session, median session length,
persons per journey stage, and first-time retention cohorts (N-day, on-day and
on-or-after).

INPUT               an .ndjson file, .ndjson.gz, a folder of them, - for stdin,
                    duckdb:PATH or clickhouse:URL
--retention-day N   day offsets for retention (repeatable; default 1 7 14 30)
--timeline day      also count sessions and converting sessions per UTC day (in --json)
${analysisHelp(20)}

Example:
  footfall kpis events.ndjson --json
`;

/** Text rendering of a KPI result. */
export function kpisTable(r: KpisResult): string {
  const rows: [string, string][] = [
    ['sessions', number(r.sessions)],
    ['persons', number(r.persons)],
    ['conversion rate', percent(r.conversionRate)],
    ['cart abandonment', percent(r.cartAbandonment)],
    ['orders', number(r.orders)],
    ['revenue', number(r.revenue, 2)],
    ['average order value', number(r.aov, 2)],
    ['repeat purchase rate', percent(r.repeatPurchaseRate)],
    ['pages per session', number(r.pagesPerSession, 2)],
    ['median session', duration(r.medianSessionMs)],
    ...JOURNEY_STAGES.map((s): [string, string] => [`stage: ${s}`, number(r.stages[s])]),
  ];
  const retention = table(
    ['retention', ...r.retention.days.flatMap((d) => [`day ${d}`, `day ${d}+`])],
    [
      ['all cohorts', ...r.retention.days.flatMap((_, i) => [percent(r.retention.overall.onDay[i]), percent(r.retention.overall.onOrAfter[i])])],
    ],
  );
  return `${table(['kpi', 'value'], rows)}\n${retention}`;
}

/** `footfall kpis`: shop KPIs. */
export const kpis = analysisCommand('kpis', 'shop KPIs: conversion, abandonment, AOV, revenue, stages, retention', help, kpisTable);
