import { parseStep } from '@footfall/core';
import { axisText, draw, palette, splitLine, tooltipBase } from '../charts.js';
import type { Ctx, View } from '../context.js';
import { card, empty, field, h, select } from '../dom.js';
import { duration, esc, int, pct, short, shortDuration } from '../format.js';
import type { FunnelResult } from '../../types.js';

const STORE_KEY = 'footfall.funnel.steps';

function initialSteps(ctx: Ctx): string[] {
  const fromHash = ctx.params.getAll('step');
  if (fromHash.length) return fromHash;
  if (ctx.mode === 'dashboard') {
    try {
      const saved = JSON.parse(localStorage.getItem(STORE_KEY) ?? 'null') as unknown;
      if (Array.isArray(saved) && saved.length >= 2 && saved.every((s) => typeof s === 'string')) return saved as string[];
    } catch {
      // storage unavailable or corrupt: use the defaults
    }
  }
  return ctx.source.defaultSteps();
}

/** Suggestions for the step editor: matcher types plus the pages and events seen. */
async function suggestions(ctx: Ctx): Promise<string[]> {
  const [pagesRes, paths] = await Promise.all([ctx.source.pages(ctx.filters).catch(() => undefined), ctx.source.paths(ctx.filters, { steps: 5 }).catch(() => undefined)]);
  const out = new Set<string>(['page', 'cart:view_item', 'cart:add', 'cart:view_cart', 'cart:checkout', 'cart:purchase']);
  for (const p of pagesRes?.pages ?? []) out.add(`page:${p.path}`);
  for (const n of paths?.nodes ?? []) out.add(n.item.startsWith('/') ? `page:${n.item}` : n.item);
  return [...out].slice(0, 400);
}

/** Step editor (dashboard), conversion and drop-off bars, time to convert, breakdown. */
export const funnel: View = async (ctx, el) => {
  let steps = initialSteps(ctx);
  let breakdown = ctx.params.get('breakdown') ?? '';
  const editable = ctx.mode === 'dashboard';
  const grid = h('div', { class: 'grid' });
  const editor = h('div', {});
  const results = h('div', { class: 'grid span-12', style: 'grid-column:span 12' });
  grid.append(card('Steps', editable ? 'Matchers: page:/path/*, cart:add, track:name, click:#selector' : 'Steps as computed for this report', 4, editor), h('div', { class: 'span-8', style: 'min-width:0' }, results));
  (grid.firstElementChild as HTMLElement).style.alignSelf = 'start';
  el.appendChild(grid);

  const listId = 'ff-step-suggestions';
  const datalist = h('datalist', { id: listId });
  if (editable) void suggestions(ctx).then((s) => { for (const v of s) datalist.appendChild(h('option', { value: v })); });

  const error = h('p', { class: 'error', role: 'alert' });
  function drawEditor(): void {
    editor.textContent = '';
    const rows = h('ol', { class: 'steps', 'aria-label': 'Funnel steps', style: 'list-style:none;padding:0;margin:0 0 12px' });
    steps.forEach((s, i) => {
      const input = h('input', { type: 'text', value: s, list: listId, 'aria-label': `Step ${i + 1}`, 'data-step': String(i), readonly: !editable, spellcheck: 'false', autocomplete: 'off' });
      input.addEventListener('change', () => { steps[i] = input.value.trim(); });
      input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { steps[i] = input.value.trim(); void apply(); } });
      const remove = editable && steps.length > 2
        ? h('button', { type: 'button', class: 'icon', 'aria-label': `Remove step ${i + 1}`, onclick: () => { steps.splice(i, 1); drawEditor(); } }, '×')
        : null;
      rows.appendChild(h('li', { class: 'step-row' }, h('span', { class: 'num', 'aria-hidden': 'true' }, String(i + 1)), input, remove));
    });
    editor.append(rows, datalist);
    if (editable) {
      editor.append(
        h('div', { class: 'toolbar' },
          h('button', { type: 'button', onclick: () => { steps.push(''); drawEditor(); (editor.querySelector(`[data-step="${steps.length - 1}"]`) as HTMLInputElement | null)?.focus(); } }, '+ Add step'),
          field('Breakdown', select([['', 'None'], ['channel', 'Channel'], ['device', 'Device']], breakdown, (v) => { breakdown = v; void apply(); })),
          h('button', { type: 'button', class: 'primary', 'data-action': 'apply', onclick: () => void apply() }, 'Update funnel'),
        ),
        error,
      );
    } else {
      editor.append(h('p', { class: 'note' }, 'Change steps with footfall report --step S --step S …, or in the live dashboard.'));
    }
  }

  async function apply(): Promise<void> {
    for (const input of Array.from(editor.querySelectorAll<HTMLInputElement>('input[data-step]'))) steps[Number(input.dataset.step)] = input.value.trim();
    steps = steps.filter((s) => s.length > 0);
    if (steps.length < 2) {
      error.textContent = 'A funnel needs at least two steps.';
      return;
    }
    // the core's own matcher parser: a typo is explained here, before any query
    for (const s of steps) {
      try {
        parseStep(s);
      } catch (e) {
        error.textContent = e instanceof Error ? e.message : String(e);
        return;
      }
    }
    error.textContent = '';
    if (editable) {
      try { localStorage.setItem(STORE_KEY, JSON.stringify(steps)); } catch { /* private mode: not remembered */ }
    }
    drawEditor();
    let result: FunnelResult | undefined;
    try {
      result = await ctx.source.funnel(ctx.filters, steps, breakdown);
    } catch (e) {
      error.textContent = `Could not compute the funnel: ${e instanceof Error ? e.message : String(e)}`;
      return;
    }
    if (!ctx.current()) return;
    show(result);
  }

  function show(result: FunnelResult | undefined): void {
    results.textContent = '';
    if (!result || result.steps.length === 0) {
      results.appendChild(card('Conversion', null, 12, empty('No funnel in these results.')));
      return;
    }
    const s = result.steps;
    const labels = s.map((x) => short(x.step, 22));
    const bars = h('div', { class: 'chart tall', 'data-chart': 'funnel' });
    results.appendChild(card('Conversion and drop-off', `${int(result.persons)} persons · ${result.mode} · window ${duration(result.windowMs)}`, 12, bars));
    draw(bars, {
      grid: { left: 56, right: 16, top: 40, bottom: 64 },
      legend: { top: 0, right: 0, textStyle: axisText },
      tooltip: { ...tooltipBase, trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (ps: { dataIndex: number }[]) => {
        const x = s[ps[0].dataIndex];
        const prev = ps[0].dataIndex > 0 ? s[ps[0].dataIndex - 1].count : x.count;
        return `<b>${esc(x.step)}</b><br>${int(x.count)} persons · ${pct(x.conversion)} of step 1<br>${pct(x.fromPrevious)} from previous · ${int(prev - x.count)} dropped`;
      } },
      xAxis: { type: 'category', data: labels, axisLabel: { ...axisText, interval: 0, rotate: s.length > 4 ? 18 : 0 }, axisTick: { show: false } },
      yAxis: { type: 'value', axisLabel: axisText, splitLine },
      series: [
        { name: 'Converted', type: 'bar', stack: 'f', barMaxWidth: 90, data: s.map((x) => x.count), itemStyle: { color: '#4338ca', borderRadius: [0, 0, 0, 0] },
          label: { show: true, position: 'insideTop', color: '#fff', fontWeight: 600, formatter: (p: { dataIndex: number }) => pct(s[p.dataIndex].conversion, 0) } },
        { name: 'Dropped off', type: 'bar', stack: 'f', data: s.map((x, i) => (i === 0 ? 0 : s[i - 1].count - x.count)), itemStyle: { color: '#fca5a5', borderRadius: [6, 6, 0, 0] },
          label: { show: true, position: 'top', color: '#b42318', formatter: (p: { dataIndex: number; value: number }) => (p.dataIndex === 0 || !p.value ? '' : `−${pct(1 - s[p.dataIndex].fromPrevious, 0)}`) } },
      ],
    }, `Funnel: ${s.map((x) => `${x.step} ${x.count}`).join(', ')}`);

    const timeEl = h('div', { class: 'chart short', 'data-chart': 'time-to-convert' });
    const timed = s.slice(1);
    results.appendChild(card('Time to convert', 'Median and average time from step 1, log scale (seconds and days on one chart)', 6, timed.some((x) => x.medianTimeMs !== null) ? timeEl : empty('No conversion times.')));
    if (timed.some((x) => x.medianTimeMs !== null)) {
      draw(timeEl, {
        grid: { left: 44, right: 12, top: 32, bottom: 48 },
        legend: { top: 0, right: 0, textStyle: axisText },
        tooltip: { ...tooltipBase, trigger: 'axis', valueFormatter: (v: number) => duration(v) },
        xAxis: { type: 'category', data: timed.map((x) => short(x.step, 14)), axisLabel: { ...axisText, interval: 0, rotate: timed.length > 2 ? 16 : 0 } },
        // Log scale: medians of seconds sit beside averages of hours, and a linear axis flattens the medians to nothing.
        yAxis: { type: 'log', logBase: 10, axisLabel: { ...axisText, formatter: (v: number) => shortDuration(v) }, splitLine },
        series: [
          { name: 'Median', type: 'bar', data: timed.map((x) => x.medianTimeMs || null), itemStyle: { color: '#0ea5e9', borderRadius: [4, 4, 0, 0] } },
          { name: 'Average', type: 'bar', data: timed.map((x) => x.avgTimeMs || null), itemStyle: { color: '#a5b4fc', borderRadius: [4, 4, 0, 0] } },
        ],
      }, 'Time to convert per step');
    }

    const bd = result.breakdown ?? [];
    const bdEl = h('div', { class: 'chart short', 'data-chart': 'breakdown' });
    results.appendChild(card('Breakdown', bd.length ? 'Conversion from step 1 by first-touch value' : 'Choose a breakdown by channel or device', 6, bd.length ? bdEl : empty(editable ? 'No breakdown selected.' : 'No breakdown in this report.')));
    if (bd.length) {
      const top = [...bd].sort((a, b) => (b.steps[0]?.count ?? 0) - (a.steps[0]?.count ?? 0)).slice(0, 8);
      draw(bdEl, {
        grid: { left: 48, right: 12, top: 40, bottom: 48 },
        legend: { top: 0, type: 'scroll', textStyle: axisText, formatter: (n: string) => short(n, 18) },
        tooltip: { ...tooltipBase, trigger: 'item', formatter: (p: { seriesIndex: number; dataIndex: number }) => {
          const row = top[p.seriesIndex];
          const st = row.steps[p.dataIndex];
          return `<b>${esc(row.value)}</b><br>${esc(s[p.dataIndex]?.step ?? '')}<br>${int(st?.count)} persons · ${pct(st?.conversion)}`;
        } },
        xAxis: { type: 'category', data: s.map((x) => short(x.step, 14)), axisLabel: { ...axisText, interval: 0, rotate: s.length > 3 ? 16 : 0 } },
        yAxis: { type: 'value', max: 1, axisLabel: { ...axisText, formatter: (v: number) => pct(v, 0) }, splitLine },
        series: top.map((row, i) => ({ name: row.value, type: 'bar', data: row.steps.map((x) => x.conversion), itemStyle: { color: palette[i % palette.length] } })),
      }, `Funnel conversion by ${breakdown || 'breakdown'}`);
    }

    const table = h('table', {},
      h('thead', {}, h('tr', {}, ...['Step', 'Persons', 'Conversion', 'From previous', 'Drop-off', 'Median time'].map((t, i) => h('th', { scope: 'col', class: i === 0 ? 'text' : '' }, t)))),
      h('tbody', {}, ...s.map((x, i) => h('tr', {},
        h('td', { class: 'text path' }, x.step),
        h('td', {}, int(x.count)),
        h('td', {}, pct(x.conversion)),
        h('td', {}, pct(x.fromPrevious)),
        h('td', {}, i === 0 ? '–' : int(s[i - 1].count - x.count)),
        h('td', {}, duration(x.medianTimeMs))))));
    results.appendChild(card('Steps in numbers', null, 12, h('div', { class: 'table-wrap' }, table)));
  }

  drawEditor();
  if (editable) await apply();
  else show(await ctx.source.funnel(ctx.filters, steps, breakdown));
};
