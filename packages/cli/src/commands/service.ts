import type { ContactRate, ServiceResult, ServiceTime } from '@footfall/core';
import { duration, number, percent, table } from './format.js';
import { analysisCommand } from './print-analysis.js';
import { analysisHelp } from './session-filter-flags.js';

const help = `Usage: footfall service INPUT... [--min-sessions 30] [--channel C] [--device D] [--json]

Customer service: support contacts (ticket events, one per ticketId and person)
per 1,000 web sessions by page, product and reason, first-response and
resolution times (median, p90), and the repeat purchase rate of persons who
contacted support against those who did not. Pages and products are listed
highest contact rate first.

INPUT             an .ndjson file, .ndjson.gz, a folder of them, - for stdin,
                  duckdb:PATH or clickhouse:URL; several files are
                  merged by ts (web, orders, email, tickets, ads)
--min-sessions N  pages and products with fewer sessions are listed after the
                  others (default 30)
${analysisHelp(18)}

Example:
  footfall service events.ndjson tickets.ndjson
`;

const per1000 = (x: number | null) => (x === null ? '-' : number(x, 1));
const rates = (title: string, rows: readonly ContactRate[]) =>
  rows.length === 0 ? '' : `\n${table([title, 'contacts', 'sessions', 'per 1,000 sessions'], rows.map((r) => [r.key, number(r.contacts), number(r.sessions), per1000(r.per1000Sessions)]))}`;
/** Support times run to hours and days: `17.6 h`, `4.8 d` from two hours on. */
const long = (ms: number | null) => (ms === null || ms < 7_200_000 ? duration(ms) : ms < 172_800_000 ? `${(ms / 3_600_000).toFixed(1)} h` : `${(ms / 86_400_000).toFixed(1)} d`);
const time = (t: ServiceTime) => [number(t.samples), long(t.medianMs), long(t.p90Ms)];

/** Text rendering of the service report. */
export function serviceTable(r: ServiceResult): string {
  const { contacted, notContacted } = r.repeatPurchase;
  return `Support: ${number(r.contacts)} contacts in ${number(r.sessions)} sessions (${per1000(r.per1000Sessions)} per 1,000)\n${rates('page', r.byPage)}${rates('product', r.byProduct)}${rates('reason', r.byReason)}\n${table(
    ['time', 'tickets', 'median', 'p90'],
    [['first response', ...time(r.firstResponse)], ['resolution', ...time(r.resolution)]],
  )}\n${table(
    ['repeat purchase', 'purchasers', 'repeaters', 'rate'],
    [
      ['contacted support', number(contacted.purchasers), number(contacted.repeaters), percent(contacted.rate)],
      ['did not', number(notContacted.purchasers), number(notContacted.repeaters), percent(notContacted.rate)],
    ],
  )}`;
}

/** `footfall service`: support contacts per page, product and reason, response times, repeat purchases. */
export const service = analysisCommand('service', 'support contacts per 1,000 sessions by page, product, reason; response times', help, serviceTable);
