import { axisText, draw, splitLine, tooltipBase } from '../charts.js';
import type { View } from '../context.js';
import { card, h } from '../dom.js';
import { duration, esc, int, pct, short } from '../format.js';
import type { PageResult, VitalSummary } from '../../types.js';
import { viewGrid } from './data-table.js';

/** web-vitals thresholds (good ≤ first, poor > second), docs/metrics.md#web-vitals. */
const THRESHOLDS: Record<string, [number, number]> = { LCP: [2500, 4000], INP: [200, 500], CLS: [0.1, 0.25], FCP: [1800, 3000], TTFB: [800, 1800] };
const VITALS = ['LCP', 'INP', 'CLS'] as const;

/** good / needs-improvement / poor for a p75 value. */
export function rating(metric: string, value: number): 'good' | 'ni' | 'poor' | 'neutral' {
  const t = THRESHOLDS[metric];
  if (!t) return 'neutral';
  return value > t[1] ? 'poor' : value > t[0] ? 'ni' : 'good';
}

function vitalCell(metric: string, v: VitalSummary | undefined): HTMLElement {
  if (!v) return h('td', {}, '–');
  const r = rating(metric, v.p75);
  const text = metric === 'CLS' ? v.p75.toFixed(2) : duration(v.p75);
  const word = { good: 'good', ni: 'needs improvement', poor: 'poor', neutral: '' }[r];
  return h('td', { 'data-vital': metric, 'data-rating': r }, h('span', { class: `chip ${r}`, title: `p75 ${text}: ${word}; good ${pct(v.good, 0)}, poor ${pct(v.poor, 0)}` }, text, h('span', { class: 'sr-only' }, ` (${word})`)));
}

type Col = { key: string; label: string; value: (p: PageResult) => number | string; cell: (p: PageResult) => HTMLElement };

/** Views, bounce, exit, time on page, p75 vitals (coloured), scroll reach, rage and dead clicks. */
export const pages: View = async (ctx, el) => {
  const shown = await viewGrid(ctx, el, ctx.source.pages(ctx.filters), (r) => r.pages.length > 0, 'No pages in these results.');
  if (!shown) return;
  const { grid } = shown;
  const rows = shown.res.pages;
  const top = [...rows].sort((a, b) => b.views - a.views).slice(0, el.clientWidth < 600 ? 6 : 12);
  const chartEl = h('div', { class: 'chart short', 'data-chart': 'page-views' });
  grid.appendChild(card('Most viewed pages', 'Page views, and the share that ended the session there', 12, chartEl));
  draw(chartEl, {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, right: 0, textStyle: axisText },
    tooltip: { ...tooltipBase, trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (ps: { dataIndex: number }[]) => {
      const p = top[ps[0].dataIndex];
      return `<b>${esc(p.path)}</b><br>${int(p.views)} views · exit ${pct(p.exitRate)} · bounce ${pct(p.bounceRate)}`;
    } },
    xAxis: { type: 'category', data: top.map((p) => short(p.path, 16)), axisLabel: { ...axisText, interval: 0, rotate: 24 } },
    yAxis: { type: 'value', axisLabel: axisText, splitLine },
    series: [
      { name: 'Views', type: 'bar', data: top.map((p) => p.views), barMaxWidth: 36, itemStyle: { color: '#4338ca', borderRadius: [5, 5, 0, 0] } },
      { name: 'Exits', type: 'bar', data: top.map((p) => Math.round(p.views * p.exitRate)), barMaxWidth: 36, itemStyle: { color: '#fca5a5', borderRadius: [5, 5, 0, 0] } },
    ],
  }, `Page views: ${top.map((p) => `${p.path} ${p.views}`).join(', ')}`);

  const focus = ctx.params.get('focus') ?? '';
  const cols: Col[] = [
    { key: 'path', label: 'Page', value: (p) => p.path, cell: (p) => h('td', { class: 'text path' }, h('a', { href: `#heatmaps?${new URLSearchParams({ page: p.path }).toString()}`, title: 'Open the heatmap' }, p.path)) },
    { key: 'views', label: 'Views', value: (p) => p.views, cell: (p) => h('td', {}, int(p.views)) },
    { key: 'bounce', label: 'Bounce', value: (p) => p.bounceRate, cell: (p) => h('td', {}, pct(p.bounceRate)) },
    { key: 'exit', label: 'Exit', value: (p) => p.exitRate, cell: (p) => h('td', {}, pct(p.exitRate)) },
    { key: 'time', label: 'Time on page', value: (p) => p.avgTimeMs ?? -1, cell: (p) => h('td', {}, duration(p.avgTimeMs)) },
    ...VITALS.map((m): Col => ({ key: m, label: `${m} p75`, value: (p) => p.vitals[m]?.p75 ?? -1, cell: (p) => vitalCell(m, p.vitals[m]) })),
    { key: 'scroll', label: 'Scroll reach', value: (p) => p.scroll?.p50Depth ?? -1, cell: (p) => h('td', { title: 'Median deepest scroll point, % of the page' }, typeof p.scroll?.p50Depth === 'number' ? `${Math.round(p.scroll.p50Depth)}%` : '–') },
    { key: 'rage', label: 'Rage clicks', value: (p) => p.rageClicks, cell: (p) => h('td', {}, p.rageClicks ? h('span', { class: 'chip poor' }, int(p.rageClicks)) : '0') },
    { key: 'dead', label: 'Dead clicks', value: (p) => p.deadClicks, cell: (p) => h('td', {}, p.deadClicks ? h('span', { class: 'chip ni' }, int(p.deadClicks)) : '0') },
  ];
  let sortKey = 'views';
  let desc = true;
  const thead = h('thead', {});
  const tbody = h('tbody', {});
  const table = h('table', { 'data-table': 'pages' }, h('caption', { class: 'sr-only' }, 'Pages, sortable by column'), thead, tbody);
  function drawTable(): void {
    thead.textContent = '';
    tbody.textContent = '';
    const col = cols.find((c) => c.key === sortKey) ?? cols[1];
    thead.appendChild(h('tr', {}, ...cols.map((c) => h('th', { scope: 'col', class: c.key === 'path' ? 'text' : '', 'aria-sort': c.key === sortKey ? (desc ? 'descending' : 'ascending') : undefined },
      h('button', { type: 'button', onclick: () => { desc = c.key === sortKey ? !desc : c.key !== 'path'; sortKey = c.key; drawTable(); } }, c.label)))));
    const sorted = [...rows].sort((a, b) => {
      const x = col.value(a), y = col.value(b);
      const d = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
      return desc ? -d : d;
    });
    for (const p of sorted) tbody.appendChild(h('tr', { class: p.path === focus ? 'focus' : undefined, 'data-path': p.path }, ...cols.map((c) => c.cell(p))));
  }
  drawTable();
  grid.appendChild(card('All pages', 'p75 vitals coloured by the web-vitals thresholds: good, needs improvement, poor. Click a header to sort.', 12, h('div', { class: 'table-wrap' }, table)));
  if (focus) {
    const row = Array.from(tbody.querySelectorAll('tr')).find((r) => r.dataset.path === focus);
    row?.scrollIntoView({ block: 'center' });
  }
};
