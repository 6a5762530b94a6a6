import { draw, tooltipBase } from '../charts.js';
import type { View } from '../context.js';
import { card, empty, field, h } from '../dom.js';
import { esc, int, short } from '../format.js';
import type { PathsResult } from '../../types.js';

/** The Sankey's part of a paths result. */
type Graph = Pick<PathsResult, 'nodes' | 'links'>;

/** The nodes and links on paths through `id`: links among its ancestors, and among its descendants. */
export function through(paths: Graph, id: string): Graph {
  const reach = (from: 'source' | 'target', to: 'source' | 'target') => {
    const seen = new Set([id]);
    const queue = [id];
    while (queue.length) {
      const cur = queue.pop() as string;
      for (const l of paths.links) if (l[from] === cur && !seen.has(l[to])) { seen.add(l[to]); queue.push(l[to]); }
    }
    return seen;
  };
  const down = reach('source', 'target');
  const up = reach('target', 'source');
  const links = paths.links.filter((l) => (up.has(l.source) && up.has(l.target)) || (down.has(l.source) && down.has(l.target)));
  return { nodes: paths.nodes.filter((n) => up.has(n.id) || down.has(n.id)), links };
}

/** Sankey of session paths from a start or to an end, with a step limit; click a node to filter. */
export const journeys: View = async (ctx, el) => {
  const editable = ctx.mode === 'dashboard';
  let start = ctx.params.get('start') ?? '';
  let end = ctx.params.get('end') ?? '';
  let steps = Number(ctx.params.get('steps') ?? 5) || 5;
  let focus = ctx.params.get('node') ?? '';
  const box = h('div', {});
  const controls = h('div', { class: 'toolbar' });
  el.appendChild(h('div', { class: 'grid' }, card('Journey paths', 'Sessions flowing from step to step; a node’s height is its sessions. Click a node to keep only paths through it.', 12, controls, box)));

  let data: Graph | undefined;
  const startIn = h('input', { type: 'text', value: start, placeholder: 'any', list: 'ff-items', size: 18 });
  const endIn = h('input', { type: 'text', value: end, placeholder: 'any', list: 'ff-items', size: 18 });
  const stepsIn = h('input', { type: 'number', min: 2, max: 10, value: steps, style: 'width:80px' });
  const items = h('datalist', { id: 'ff-items' });
  if (editable) {
    controls.append(field('Start at', startIn), field('End at', endIn), field('Steps', stepsIn), items,
      h('button', { type: 'button', class: 'primary', onclick: () => { start = startIn.value.trim(); end = endIn.value.trim(); steps = Math.min(10, Math.max(2, Number(stepsIn.value) || 5)); focus = ''; void load(); } }, 'Show paths'));
  }
  const chip = h('span', {});
  controls.appendChild(chip);

  async function load(): Promise<void> {
    data = await ctx.source.paths(ctx.filters, { start, end, steps });
    if (!ctx.current()) return;
    if (editable && data) {
      items.textContent = '';
      for (const item of new Set(data.nodes.map((n) => n.item))) items.appendChild(h('option', { value: item }));
    }
    show();
  }

  function show(): void {
    box.textContent = '';
    chip.textContent = '';
    if (!data || data.nodes.length === 0) {
      box.appendChild(empty('No journeys in these results.'));
      return;
    }
    const shown = focus && data.nodes.some((n) => n.id === focus) ? through(data, focus) : data;
    if (shown !== data) {
      const node = data.nodes.find((n) => n.id === focus);
      chip.appendChild(h('span', { class: 'filter-chip' }, `Through step ${node?.step}: ${node?.item ?? ''}`,
        h('button', { type: 'button', 'aria-label': 'Clear the node filter', onclick: () => { focus = ''; show(); } }, '×')));
    }
    const maxStep = Math.max(...shown.nodes.map((n) => n.step));
    // narrow screens scroll the Sankey sideways rather than crushing its labels
    const chartEl = h('div', { class: 'chart tall', 'data-chart': 'sankey', style: `height:${Math.max(420, Math.min(760, shown.nodes.length * 22))}px;min-width:${Math.max(2, maxStep) * 170}px` });
    box.appendChild(h('div', { style: 'overflow-x:auto', tabindex: '0', 'aria-label': 'Journey Sankey, scrollable' }, chartEl));
    const byId = new Map(shown.nodes.map((n) => [n.id, n]));
    const chart = draw(chartEl, {
      tooltip: { ...tooltipBase, trigger: 'item', formatter: (p: { dataType: string; data: { name?: string; source?: string; target?: string; value: number } }) => {
        if (p.dataType === 'edge') {
          const s = byId.get(p.data.source ?? ''), t = byId.get(p.data.target ?? '');
          return `${esc(s?.item ?? '')} → ${esc(t?.item ?? '')}<br>${int(p.data.value)} sessions`;
        }
        const n = byId.get(p.data.name ?? '');
        return `<b>${esc(n?.item ?? '')}</b><br>step ${n?.step} · ${int(n?.count)} sessions`;
      } },
      series: [{
        type: 'sankey',
        left: 8, right: maxStep > 1 ? 120 : 8, top: 12, bottom: 12,
        nodeGap: 10, nodeWidth: 14, layoutIterations: 32, draggable: false,
        emphasis: { focus: 'adjacency' },
        data: shown.nodes.map((n) => ({ name: n.id, depth: n.step - 1, value: n.count })),
        links: shown.links.map((l) => ({ ...l })),
        label: { color: '#172033', fontSize: 12, formatter: (p: { name: string }) => short(byId.get(p.name)?.item ?? p.name, 24) },
        lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
        itemStyle: { borderWidth: 0 },
        levels: Array.from({ length: maxStep }, (_, i) => ({ depth: i, itemStyle: { color: ['#4338ca', '#0ea5e9', '#10b981', '#f59e0b', '#ef4444', '#8b5cf6', '#14b8a6', '#f97316', '#64748b', '#ec4899'][i % 10] } })),
      }],
    }, `Journey Sankey with ${shown.nodes.length} nodes`);
    chart.on('click', (p) => {
      const d = p as unknown as { dataType?: string; name?: string };
      if (d.dataType === 'node' && d.name) { focus = d.name; show(); }
    });
    // keyboard access: the nodes as a list of buttons
    const list = h('div', { class: 'toolbar', 'aria-label': 'Filter by node', role: 'group', style: 'margin-top:10px' });
    const firstStep = shown.nodes.filter((n) => n.step === 1).sort((a, b) => b.count - a.count).slice(0, 8);
    if (firstStep.length) {
      list.appendChild(h('span', { class: 'note' }, 'First steps:'));
      for (const n of firstStep) list.appendChild(h('button', { type: 'button', class: 'icon', onclick: () => { focus = n.id; show(); } }, `${short(n.item, 30)} (${int(n.count)})`));
      box.appendChild(list);
    }
  }

  await load();
};
