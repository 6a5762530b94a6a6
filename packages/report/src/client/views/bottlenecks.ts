import { axisText, draw, splitLine, tooltipBase } from '../charts.js';
import { FRICTION_SIGNALS } from '@footfall/core';
import type { View } from '../context.js';
import { card, empty, h } from '../dom.js';
import { dec, esc, int, money, pct, short } from '../format.js';
import type { BottleneckResult } from '../../types.js';

/** The persons table of the persons behind a page bottleneck (`friction=SIGNAL@PAGE`), when its signal is marked per session. */
export function personsBehind(b: BottleneckResult): string | undefined {
  if (!b.target.startsWith('page:') || !(FRICTION_SIGNALS as readonly string[]).includes(b.signal)) return undefined;
  return `#persons?${new URLSearchParams({ friction: `${b.signal}@${b.target.slice(5)}` }).toString()}`;
}

/** Where a bottleneck's evidence is: the page's vitals row, its heatmap, or the funnel. */
export function evidence(b: BottleneckResult): { view: string; params: Record<string, string>; label: string } {
  const path = b.target.startsWith('page:') ? b.target.slice(5) : b.target.startsWith('/') ? b.target : '';
  const signal = b.signal.toLowerCase();
  if (path && /rage|dead|click/.test(signal)) return { view: 'heatmaps', params: { page: path, layer: 'click' }, label: 'Click heatmap' };
  if (path && /scroll|fold|cta/.test(signal)) return { view: 'heatmaps', params: { page: path, layer: 'scroll' }, label: 'Scroll map' };
  if (path) return { view: 'pages', params: { focus: path }, label: /lcp|inp|cls|fcp|ttfb|vital|load/.test(signal) ? 'Page vitals' : 'Page figures' };
  return { view: 'funnel', params: {}, label: 'Funnel step' };
}

function signalChip(signal: string): HTMLElement {
  const cls = /poor|error|rage/.test(signal) ? 'poor' : /dead|exit|scroll/.test(signal) ? 'ni' : 'neutral';
  return h('span', { class: `chip ${cls}` }, signal);
}

/** The ranked bottleneck table with reasons, losses and evidence links, and the losses as bars. */
export const bottlenecks: View = async (ctx, el) => {
  const [res, kpis] = await Promise.all([ctx.source.bottlenecks(ctx.filters), ctx.source.kpis(ctx.filters).catch(() => undefined)]);
  if (!ctx.current()) return;
  const list = res?.bottlenecks ?? [];
  if (list.length === 0) {
    el.appendChild(empty('No significant bottlenecks: no friction signal measurably cost conversions (each needs ≥ 30 sessions per group and p < 0.01).'));
    return;
  }
  const grid = h('div', { class: 'grid' });
  el.appendChild(grid);
  const top = list.slice(0, 10);
  const chartEl = h('div', { class: 'chart short', 'data-chart': 'lost', style: `height:${Math.max(200, top.length * 34 + 40)}px` });
  const totalLost = list.reduce((a, b) => a + b.lostConversions, 0);
  const totalRevenue = list.reduce((a, b) => a + b.lostRevenue, 0);
  grid.appendChild(card('Conversions lost to friction', `${dec(totalLost)} conversions and ${money(totalRevenue, kpis?.currency)} across ${list.length} bottlenecks`, 12, chartEl));
  // labels take at most 40 % of a narrow chart
  const labelWidth = Math.min(220, Math.round(chartEl.clientWidth * 0.4));
  draw(chartEl, {
    grid: { left: labelWidth + 10, right: 56, top: 8, bottom: 24 },
    tooltip: { ...tooltipBase, trigger: 'item', formatter: (p: { dataIndex: number }) => {
      const b = top[p.dataIndex];
      return `<b>${esc(b.target)}</b> · ${esc(b.signal)}<br>${esc(b.reason)}`;
    } },
    xAxis: { type: 'value', axisLabel: axisText, splitLine },
    yAxis: { type: 'category', inverse: true, data: top.map((b) => `${short(b.target.replace(/^page:/, ''), 22)} · ${b.signal}`), axisLabel: { ...axisText, width: labelWidth, overflow: 'truncate' }, axisTick: { show: false } },
    series: [{ type: 'bar', data: top.map((b) => b.lostConversions), barMaxWidth: 22, itemStyle: { color: '#ef4444', borderRadius: [0, 6, 6, 0] },
      label: { show: true, position: 'right', color: '#172033', formatter: (p: { value: number }) => dec(p.value) } }],
  }, `Lost conversions by bottleneck: ${top.map((b) => `${b.target} ${b.signal} ${dec(b.lostConversions)}`).join('; ')}`);

  const head = ['#', 'Where', 'Signal', 'Why', 'Lost conversions', 'Lost revenue', 'Evidence', 'Affected sessions', 'CR affected / not', 'p-value'];
  const table = h('table', { 'data-table': 'bottlenecks', class: 'stack' },
    h('thead', {}, h('tr', {}, ...head.map((t, i) => h('th', { scope: 'col', class: i <= 3 || i === 6 ? 'text' : '' }, t)))),
    h('tbody', {}, ...list.map((b, i) => {
      const ev = evidence(b);
      const href = `#${ev.view}?${new URLSearchParams(ev.params).toString()}`;
      const cells = [
        h('td', { class: 'text rank' }, String(i + 1)),
        h('td', { class: 'text path' }, b.target),
        h('td', { class: 'text' }, signalChip(b.signal)),
        h('td', { class: 'reason' }, b.reason),
        h('td', {}, dec(b.lostConversions)),
        h('td', {}, money(b.lostRevenue, kpis?.currency)),
        h('td', { class: 'text' }, h('a', { href, 'data-evidence': ev.view }, ev.label),
          ctx.mode === 'dashboard' && personsBehind(b) ? h('span', {}, ' · ', h('a', { href: personsBehind(b), 'data-persons-behind': b.target }, 'Persons')) : null),
        h('td', {}, int(b.affected)),
        h('td', {}, `${pct(b.crAffected)} / ${pct(b.crUnaffected)}`),
        h('td', {}, b.pValue < 0.0001 ? '< 0.0001' : b.pValue.toFixed(4)),
      ];
      cells.forEach((td, j) => td.setAttribute('data-label', head[j]));
      return h('tr', {}, ...cells);
    })));
  grid.appendChild(card('Ranked bottlenecks', 'Sessions that met a friction signal compared with those that did not (two-proportion z-test).', 12, h('div', { class: 'table-wrap stack' }, table)));
};
