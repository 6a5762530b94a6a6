import type { View } from '../context.js';
import { dec, int, money, pct } from '../format.js';
import type { ChannelRow } from '../../types.js';
import { dataTable, viewGrid, flagList } from './data-table.js';

/** The row's tags as one label: source / medium / campaign / keyword (those it is keyed by). */
export const channelLabel = (r: ChannelRow): string => [r.source, r.medium, r.campaign, r.keyword].filter((v) => v !== null).join(' / ');

/** Channels and campaigns: ad statistics beside the sessions they brought, flagged landing pages first. */
export const channels: View = async (ctx, el) => {
  const shown = await viewGrid(ctx, el, ctx.source.channels(ctx.filters), (r) => r.rows.length > 0, 'No channels in these results.');
  if (!shown) return;
  const { res, grid } = shown;
  const flags = flagList('Check these landing pages', res.rows.filter((r) => r.flag).map((r) => ({ key: channelLabel(r), message: r.flag!.message })));
  if (flags) grid.appendChild(flags);
  grid.appendChild(dataTable('channels', 'Channels and campaigns',
    `${int(res.sessions)} sessions, site conversion ${pct(res.conversionRate)}, median CTR ${pct(res.medianCtr)}; credited conversions by the ${res.model} model. Flagged rows first.`,
    ['Channel', 'Impressions', 'Ad clicks', 'CTR', 'Sessions', 'Bounce', 'Conversion', 'Orders', 'Revenue', 'Cost', 'Cost / order', 'ROAS', 'Credited'],
    res.rows.map((r) => ({
      key: channelLabel(r),
      flagged: r.flag !== null,
      cells: [channelLabel(r), int(r.impressions), int(r.adClicks), pct(r.ctr), int(r.sessions), pct(r.bounceRate), pct(r.conversionRate), int(r.orders),
        money(r.revenue), money(r.cost), money(r.costPerOrder), r.roas === null ? '–' : dec(r.roas), dec(r.attributedConversions)],
    }))));
};
