import { axisText, draw, splitLine, tooltipBase } from '../charts.js';
import type { View } from '../context.js';
import { card, h } from '../dom.js';
import { dec, esc, int, money, pct, short } from '../format.js';
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
  const ads = res.rows.filter((r) => r.impressions > 0);
  if (ads.length) {
    const chartEl = h('div', { class: 'chart short', 'data-chart': 'channel-ads' });
    grid.appendChild(card('Clicks against conversion', 'CTR of the ads and conversion of the sessions they brought, per campaign with ad statistics; a flagged one in red', 12, chartEl));
    draw(chartEl, {
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, right: 0, textStyle: axisText },
      tooltip: { ...tooltipBase, trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (ps: { dataIndex: number }[]) => {
        const r = ads[ps[0].dataIndex];
        return `<b>${esc(channelLabel(r))}</b><br>CTR ${pct(r.ctr)} · conversion ${pct(r.conversionRate)} (site ${pct(res.conversionRate)})${r.flag ? `<br>${esc(r.flag.message)}` : ''}`;
      } },
      xAxis: { type: 'category', data: ads.map((r) => short(channelLabel(r), 28)), axisLabel: { ...axisText, interval: 0 } },
      yAxis: { type: 'value', axisLabel: { ...axisText, formatter: (v: number) => `${Math.round(v * 1000) / 10}%` }, splitLine },
      series: [
        { name: 'CTR', type: 'bar', barMaxWidth: 36, data: ads.map((r) => ({ value: r.ctr ?? 0, itemStyle: { color: r.flag ? '#ef4444' : '#4338ca', borderRadius: [5, 5, 0, 0] } })) },
        { name: 'Conversion', type: 'bar', barMaxWidth: 36, itemStyle: { color: '#10b981', borderRadius: [5, 5, 0, 0] }, data: ads.map((r) => r.conversionRate) },
      ],
    }, `CTR and conversion: ${ads.map((r) => `${channelLabel(r)} CTR ${pct(r.ctr)}, conversion ${pct(r.conversionRate)}`).join('; ')}`);
  }
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
