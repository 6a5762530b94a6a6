import type { EmailResult } from '@footfall/core';
import { number, percent, table } from './format.js';
import { analysisCommand } from './print-analysis.js';
import { analysisHelp } from './session-filter-flags.js';

const help = `Usage: footfall email INPUT... [--conversion S] [--channel C] [--device D] [--json]

Email campaigns: per campaign, the persons it was sent to, who opened and who
clicked (email events; each person once per campaign), open, click and
click-to-open rates, and the web sessions that landed from it (email channel,
utm_campaign = the campaign) with their conversions, orders and revenue.
Campaigns sent to the most persons first.

INPUT           an .ndjson file, .ndjson.gz, a folder of them, - for stdin,
                duckdb:PATH or clickhouse:URL; several files are
                merged by ts (web, orders, email, tickets, ads)
--conversion S  the conversion step (default cart:purchase)
${analysisHelp(16)}

Example:
  footfall email events.ndjson email.ndjson
`;

/** Text rendering of the email report. */
export function emailTable(r: EmailResult): string {
  if (r.campaigns.length === 0) return 'No email campaigns in the input.\n';
  return table(
    ['campaign', 'sent', 'opened', 'open rate', 'clicked', 'click rate', 'click-to-open', 'sessions', 'conv.', 'orders', 'revenue'],
    r.campaigns.map((c) => [
      c.campaign,
      number(c.sent),
      number(c.opened),
      percent(c.openRate),
      number(c.clicked),
      percent(c.clickRate),
      percent(c.clickToOpenRate),
      number(c.sessions),
      number(c.conversions),
      number(c.orders),
      number(c.revenue, 2),
    ]),
  );
}

/** `footfall email`: email campaigns from send to order. */
export const email = analysisCommand('email', 'email campaigns: sent, opened, clicked, and the sessions and orders they brought', help, emailTable);
