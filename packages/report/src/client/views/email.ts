import type { View } from '../context.js';
import { int, money, pct } from '../format.js';
import { dataTable, viewGrid } from './data-table.js';

/** Email campaigns: sent, opened, clicked, and the sessions and orders they brought. */
export const email: View = async (ctx, el) => {
  const shown = await viewGrid(ctx, el, ctx.source.email(ctx.filters), (r) => r.campaigns.length > 0, 'No email campaigns in these results.');
  if (!shown) return;
  const { res, grid } = shown;
  grid.appendChild(dataTable('email', 'Campaigns', 'Persons sent to, who opened and who clicked (each once per campaign); sessions that landed from the campaign. Most sent first.',
    ['Campaign', 'Sent', 'Opened', 'Open rate', 'Clicked', 'Click rate', 'Click-to-open', 'Sessions', 'Conversions', 'Orders', 'Revenue'],
    res.campaigns.map((c) => ({
      key: c.campaign,
      cells: [c.campaign, int(c.sent), int(c.opened), pct(c.openRate), int(c.clicked), pct(c.clickRate), pct(c.clickToOpenRate), int(c.sessions), int(c.conversions), int(c.orders), money(c.revenue)],
    }))));
};
