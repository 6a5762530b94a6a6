import type { ChannelRow, ChannelsResult } from '@footfall/core';
import { number, percent, table } from './format.js';
import { analysisCommand } from './print-analysis.js';
import { analysisHelp } from './session-filter-flags.js';

const help = `Usage: footfall channels INPUT... [--by DIM ...] [--conversion S] [--model M] [--min-group 30] [--alpha 0.01]
                            [--channel C] [--device D] [--json]

Channels and campaigns: per source, medium, campaign and keyword, the ad
statistics (adstats events: impressions, ad clicks, CTR, cost) beside the web
sessions that landed with those UTM tags (bounce, conversion, orders, revenue,
cost per order, ROAS) and the conversions an attribution model credits them.
A row whose CTR is above the median and whose sessions convert significantly
below the rest of the site is flagged "high clicks, low conversion: check the
landing page"; flagged rows come first, most lost conversions first.

INPUT           an .ndjson file, .ndjson.gz, a folder of them, - for stdin,
                duckdb:PATH or clickhouse:URL; several files are
                merged by ts (web, orders, email, tickets, ads)
--by DIM        break rows down by these dimensions only (repeatable): source,
                medium, campaign, keyword (default all four)
--conversion S  the conversion step (default cart:purchase)
--model M       attribution model of the credited conversions: last (default),
                first, linear, time-decay, position, markov
--min-group N   smallest row and rest-of-site group for the flag, sessions (default 30)
--alpha P       significance level of the flag (default 0.01)
${analysisHelp(16)}

Example:
  footfall channels events.ndjson ads.ndjson --by source --by medium --by campaign
`;

const tag = (r: ChannelRow) => [r.source, r.medium, r.campaign, r.keyword].filter((v) => v !== null).join(' / ');
const money = (x: number | null) => (x === null ? '-' : number(x, 2));

/** Text rendering of the channels report: the table, then each flagged row's message. */
export function channelsTable(r: ChannelsResult): string {
  if (r.rows.length === 0) return 'No sessions and no ad statistics in the input.\n';
  const flagged = r.rows.filter((row) => row.flag);
  return `Channels by ${r.by.join(', ')}: ${number(r.sessions)} sessions, site conversion ${percent(r.conversionRate)}, median CTR ${percent(r.medianCtr)}\n\n${table(
    ['  row', 'impr.', 'ad clicks', 'CTR', 'sessions', 'bounce', 'conv.', 'orders', 'revenue', 'cost', 'cost/order', 'ROAS', `credited (${r.model})`],
    r.rows.map((row) => [
      `${row.flag ? '!' : ' '} ${tag(row)}`,
      number(row.impressions),
      number(row.adClicks),
      percent(row.ctr),
      number(row.sessions),
      percent(row.bounceRate),
      percent(row.conversionRate),
      number(row.orders),
      number(row.revenue, 2),
      number(row.cost, 2),
      money(row.costPerOrder),
      row.roas === null ? '-' : number(row.roas, 2),
      number(row.attributedConversions, 1),
    ]),
  )}${flagged.length ? `\n${flagged.map((row) => `! ${tag(row)}: ${row.flag!.message}; ${number(row.flag!.lostConversions, 1)} conversions lost (p ${row.flag!.pValue.toExponential(1)})`).join('\n')}\n` : ''}`;
}

/** `footfall channels`: channels and campaigns with ad statistics and the landing-page flag. */
export const channels = analysisCommand('channels', 'channels and campaigns: ad stats, sessions, conversion, ROAS, landing-page flag', help, channelsTable);
