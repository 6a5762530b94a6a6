import type { View } from '../context.js';
import { empty, h } from '../dom.js';
import { int, money, pct } from '../format.js';
import { dataTable } from './data-table.js';

/** Email campaigns: sent, opened, clicked, and the sessions and orders they brought. */
export const email: View = async (ctx, el) => {
  const res = await ctx.source.email(ctx.filters);
  if (!ctx.current()) return;
  if (!res || res.campaigns.length === 0) {
    el.appendChild(empty('No email campaigns in these results.'));
    return;
  }
  const grid = h('div', { class: 'grid' });
  el.appendChild(grid);
  grid.appendChild(dataTable('email', 'Campaigns', 'Persons sent to, who opened and who clicked (each once per campaign); sessions that landed from the campaign. Most sent first.',
    ['Campaign', 'Sent', 'Opened', 'Open rate', 'Clicked', 'Click rate', 'Click-to-open', 'Sessions', 'Conversions', 'Orders', 'Revenue'],
    res.campaigns.map((c) => ({
      key: c.campaign,
      cells: [c.campaign, int(c.sent), int(c.opened), pct(c.openRate), int(c.clicked), pct(c.clickRate), pct(c.clickToOpenRate), int(c.sessions), int(c.conversions), int(c.orders), money(c.revenue)],
    }))));
};
