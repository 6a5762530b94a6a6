import { axisText, draw, splitLine, tooltipBase } from '../charts.js';
import type { View } from '../context.js';
import { card, empty, h } from '../dom.js';
import { dec, duration, esc, int, money, pct, short } from '../format.js';

const STAGES = [
  ['awareness', 'Awareness'],
  ['consideration', 'Consideration'],
  ['decision', 'Decision'],
  ['retention', 'Retention'],
  ['advocacy', 'Advocacy'],
] as const;

/** KPIs, journey-stage distribution, sessions over time, channels. */
export const overview: View = async (ctx, el) => {
  const [kpis, attribution] = await Promise.all([ctx.source.kpis(ctx.filters), ctx.source.attribution(ctx.filters).catch(() => undefined)]);
  if (!ctx.current()) return;
  const list = document.getElementById('ff-channels');
  if (list && attribution) {
    list.textContent = '';
    for (const c of attribution.channels) list.appendChild(h('option', { value: c.channel }));
  }
  if (!kpis) {
    el.appendChild(empty('No KPIs in this report.'));
    return;
  }
  const cur = kpis.currency;
  const tiles: [string, string, string][] = [
    ['Sessions', int(kpis.sessions), `${dec(kpis.pagesPerSession)} pages per session`],
    ['Persons', int(kpis.persons), `median session ${duration(kpis.medianSessionMs)}`],
    ['Conversion', pct(kpis.conversionRate), 'sessions with a purchase'],
    ['Cart abandonment', pct(kpis.cartAbandonment), 'carts without a purchase'],
    ['Avg. order value', money(kpis.aov, cur), 'per order'],
    ['Revenue', money(kpis.revenue, cur), 'from purchases'],
    ['Repeat purchase', pct(kpis.repeatPurchaseRate), 'buyers with 2+ orders'],
  ];
  el.appendChild(h('div', { class: 'kpis', role: 'list', 'aria-label': 'Key figures' },
    ...tiles.map(([label, value, hint]) => h('div', { class: 'kpi', role: 'listitem', 'data-kpi': label },
      h('div', { class: 'label' }, label), h('div', { class: 'value' }, value), h('div', { class: 'hint' }, hint)))));

  const grid = h('div', { class: 'grid' });
  el.appendChild(grid);

  // Sessions (and converting sessions) per UTC day of the session start: the KPIs' timeline.
  const daily = kpis.timeline ?? [];
  const overTime = h('div', { class: 'chart', 'data-chart': 'timeline' });
  grid.appendChild(card('Sessions over time', 'Sessions and sessions with a purchase, per day (UTC)', 8, daily.length ? overTime : empty('No daily figures in these results.')));
  const stagesEl = h('div', { class: 'chart', 'data-chart': 'stages' });
  grid.appendChild(card('Journey stages', 'Persons by the furthest stage reached', 4, stagesEl));
  const channelsEl = h('div', { class: 'chart short', 'data-chart': 'channels' });
  if (attribution?.channels.length) grid.appendChild(card('Conversions by channel', 'Markov attribution (removal effect)', 12, channelsEl));

  if (daily.length) {
    draw(overTime, {
      grid: { left: 48, right: 16, top: 30, bottom: 36 },
      legend: { top: 0, right: 0, textStyle: axisText },
      tooltip: { ...tooltipBase, trigger: 'axis' },
      xAxis: { type: 'category', data: daily.map((d) => d.date), axisLabel: axisText, axisLine: { lineStyle: { color: '#c9cfdb' } } },
      yAxis: { type: 'value', axisLabel: axisText, splitLine },
      series: [
        { name: 'Sessions', type: 'line', smooth: true, showSymbol: false, data: daily.map((d) => d.sessions), areaStyle: { opacity: 0.12 }, lineStyle: { width: 2.5 } },
        { name: 'Conversions', type: 'line', smooth: true, showSymbol: false, data: daily.map((d) => d.conversions), lineStyle: { width: 2 } },
      ],
    }, `Sessions per day, ${daily.length} days: ${int(daily.reduce((n, d) => n + d.sessions, 0))} sessions, ${int(daily.reduce((n, d) => n + d.conversions, 0))} with a purchase`);
  }

  const stageValues = STAGES.map(([k]) => kpis.stages[k] ?? 0);
  const stageTotal = stageValues.reduce((a, b) => a + b, 0) || 1;
  draw(stagesEl, {
    grid: { left: 104, right: 56, top: 8, bottom: 8 },
    tooltip: { ...tooltipBase, trigger: 'item', formatter: (p: { name: string; value: number }) => `${esc(p.name)}: ${int(p.value)} persons (${pct(p.value / stageTotal)})` },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', inverse: true, data: STAGES.map(([, l]) => l), axisLabel: axisText, axisTick: { show: false }, axisLine: { show: false } },
    series: [{
      type: 'bar', barWidth: '62%', data: stageValues.map((v, i) => ({ value: v, itemStyle: { color: ['#c7d2fe', '#a5b4fc', '#818cf8', '#6366f1', '#4338ca'][i], borderRadius: [0, 6, 6, 0] } })),
      label: { show: true, position: 'right', color: '#172033', formatter: (p: { value: number }) => pct(p.value / stageTotal, 0) },
    }],
  }, `Journey stages: ${STAGES.map(([, l], i) => `${l} ${stageValues[i]}`).join(', ')}`);

  if (attribution?.channels.length) {
    const chans = [...attribution.channels].sort((a, b) => b.conversions - a.conversions).slice(0, 12);
    draw(channelsEl, {
      grid: { left: 48, right: 16, top: 16, bottom: 56 },
      tooltip: { ...tooltipBase, trigger: 'item', formatter: (p: { dataIndex: number }) => {
        const c = chans[p.dataIndex];
        return `<b>${esc(c.channel)}</b><br>${dec(c.conversions)} conversions${c.removalEffect === undefined ? '' : `<br>removal effect ${pct(c.removalEffect)}`}`;
      } },
      xAxis: { type: 'category', data: chans.map((c) => short(c.channel, 18)), axisLabel: { ...axisText, interval: 0, rotate: chans.length > 5 ? 20 : 0 } },
      yAxis: { type: 'value', axisLabel: axisText, splitLine },
      series: [{ type: 'bar', data: chans.map((c) => c.conversions), barMaxWidth: 48, itemStyle: { color: '#0ea5e9', borderRadius: [6, 6, 0, 0] } }],
    }, `Conversions by channel: ${chans.map((c) => `${c.channel} ${dec(c.conversions)}`).join(', ')}`);
  }
};
