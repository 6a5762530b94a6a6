import { JOURNEY_STAGES, personsCsv, PERSONS_SORTS } from '@footfall/core';
import type { View } from '../context.js';
import { card, empty, field, h, select } from '../dom.js';
import { int, money, pct } from '../format.js';
import { idsOf, onLiveEvents, throttled } from '../live-events.js';
import { apiGet } from '../source.js';
import type { PersonRow, PersonsResult } from '../../types.js';

/** The segment filters, as the query parameters of `/v1/persons` and of this view's hash. */
const FILTERS = ['stage', 'min-ltv', 'min-probability', 'since', 'friction', 'sort', 'limit'] as const;
/** Rows a CSV download asks for at most. */
const CSV_LIMIT = 100_000;

const when = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** A link to a person's page. */
export function personLink(id: string, text = id): HTMLAnchorElement {
  return h('a', { href: `#person?${new URLSearchParams({ id }).toString()}`, 'data-person': id }, text);
}

/** Persons and segments: the filters of `footfall persons`, a table linking to each person, a CSV download; refreshed live while a listed person is active. */
export const persons: View = async (ctx, el) => {
  const params = (extra: [string, string][] = []) => [...FILTERS.flatMap((k): [string, string][] => (ctx.params.get(k) ? [[k, ctx.params.get(k) as string]] : [])), ...extra];
  const get = (extra: [string, string][] = []) => apiGet<PersonsResult>(ctx.apiBase, ctx.token, 'persons', ctx.filters, [...params().filter(([k]) => !extra.some(([e]) => e === k)), ...extra]);

  const value = (k: string) => ctx.params.get(k) ?? '';
  const inputs = {
    'min-ltv': h('input', { type: 'number', min: 0, step: 'any', value: value('min-ltv'), placeholder: '0', size: 8 }),
    'min-probability': h('input', { type: 'number', min: 0, max: 1, step: 0.05, value: value('min-probability'), placeholder: '0', size: 6 }),
    since: h('input', { type: 'date', value: /^\d{4}-\d{2}-\d{2}$/.test(value('since')) ? value('since') : '' }),
    limit: h('input', { type: 'number', min: 1, max: 10000, value: value('limit') || '100', size: 6 }),
  };
  let stage = value('stage');
  let sort = value('sort') || 'ltv';
  const apply = (e?: Event) => {
    e?.preventDefault();
    const next: Record<string, string> = {};
    if (stage) next.stage = stage;
    for (const [k, input] of Object.entries(inputs)) if (input.value.trim()) next[k] = input.value.trim();
    // a `since` the date field cannot show (`7d`, ms) stays until a date is picked
    if (!next.since && value('since') && !/^\d{4}-\d{2}-\d{2}$/.test(value('since'))) next.since = value('since');
    if (sort !== 'ltv') next.sort = sort;
    if (ctx.params.get('friction')) next.friction = ctx.params.get('friction') as string;
    ctx.go('persons', next);
  };
  const form = h('form', { class: 'toolbar', 'aria-label': 'Segment', onsubmit: apply },
    field('Stage', select([['', 'Any stage'], ...JOURNEY_STAGES.map((s): [string, string] => [s, s])], stage, (v) => { stage = v; })),
    field('Min LTV', inputs['min-ltv']),
    field('Min probability', inputs['min-probability']),
    field('Last seen since', inputs.since),
    field('Sort', select(PERSONS_SORTS.map((s): [string, string] => [s, s === 'ltv' ? 'LTV' : s === 'last-seen' ? 'Last seen' : 'Probability']), sort, (v) => { sort = v; })),
    field('Rows', inputs.limit),
    h('button', { type: 'submit', class: 'primary', 'data-action': 'apply' }, 'Apply'),
    h('button', { type: 'button', 'data-action': 'csv', onclick: () => void download() }, 'Download CSV'));
  el.appendChild(form);
  const friction = value('friction');
  if (friction) {
    const at = friction.indexOf('@');
    el.appendChild(h('p', { class: 'toolbar' }, h('span', { class: 'filter-chip', 'data-filter': 'friction' },
      `Behind the bottleneck: ${friction.slice(0, at)} on ${friction.slice(at + 1)}`,
      h('button', { type: 'button', 'aria-label': 'Remove the bottleneck filter', onclick: () => { ctx.params.delete('friction'); apply(); } }, '×'))));
  }

  const matched = h('div', { class: 'value', 'data-kpi-value': 'matched' }, '–');
  const seen = h('div', { class: 'value', 'data-kpi-value': 'seen' }, '–');
  const liveBadge = h('span', { class: 'badge', style: 'background:#eef1f6;color:#374151', 'data-live-updates': '0' }, h('span', { class: 'dot on' }), 'Live');
  el.appendChild(h('div', { class: 'kpis' },
    h('div', { class: 'kpi', 'data-kpi': 'Matched' }, h('div', { class: 'label' }, 'Persons in segment'), matched),
    h('div', { class: 'kpi', 'data-kpi': 'Seen' }, h('div', { class: 'label' }, 'Persons seen'), seen),
    h('div', { class: 'kpi' }, h('div', { class: 'label' }, 'Updates'), h('div', { style: 'margin-top:10px' }, liveBadge))));

  const head = ['Person', 'Stage', 'Sessions', 'Orders', 'Revenue (LTV)', 'Probability', 'Last seen', 'Channels'];
  const tbody = h('tbody', {});
  const note = h('p', { class: 'note', 'aria-live': 'polite' });
  el.appendChild(h('div', { class: 'grid' }, card('Persons', 'Most first; every row opens the person', 12, note,
    h('div', { class: 'table-wrap stack' }, h('table', { 'data-table': 'persons', class: 'stack' },
      h('caption', { class: 'sr-only' }, 'Persons in the segment'),
      h('thead', {}, h('tr', {}, ...head.map((t, i) => h('th', { scope: 'col', class: i === 0 || i === 1 || i === 7 ? 'text' : '' }, t)))), tbody)))));

  let rows: PersonRow[] = [];
  const ids = new Set<string>();
  function paint(r: PersonsResult): void {
    rows = r.persons;
    ids.clear();
    for (const p of rows) for (const id of [p.person, ...(p.userId ? [p.userId] : []), ...p.devices]) ids.add(id);
    matched.textContent = int(r.matched);
    seen.textContent = int(r.seen);
    note.textContent = r.persons.length < r.matched ? `The first ${int(r.persons.length)} of ${int(r.matched)} are listed; the CSV holds up to ${int(CSV_LIMIT)}.` : '';
    tbody.textContent = '';
    if (rows.length === 0) tbody.appendChild(h('tr', {}, h('td', { colspan: head.length, class: 'text note' }, 'No person matches these filters.')));
    for (const p of rows) {
      const cells = [
        h('td', { class: 'text path' }, personLink(p.person)),
        h('td', { class: 'text' }, h('span', { class: 'chip neutral' }, p.stage)),
        h('td', {}, int(p.sessions)),
        h('td', {}, int(p.orders)),
        h('td', {}, money(p.revenue)),
        h('td', {}, pct(p.conversionProbability)),
        h('td', {}, when(p.lastSeen)),
        h('td', { class: 'text' }, p.channels.join(', ') || '–'),
      ];
      cells.forEach((td, j) => td.setAttribute('data-label', head[j]));
      tbody.appendChild(h('tr', { 'data-row': p.person }, ...cells));
    }
  }

  async function download(): Promise<void> {
    const all = await get([['limit', String(CSV_LIMIT)]]);
    const url = URL.createObjectURL(new Blob([personsCsv(all.persons)], { type: 'text/csv' }));
    const a = h('a', { href: url, download: `persons${stage ? `-${stage}` : ''}.csv`, style: 'display:none' });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  const first = await get();
  if (!ctx.current()) return;
  if (first.seen === 0) el.appendChild(empty('No persons in these results yet.'));
  paint(first);

  // docs/dashboard.md, Persons: a listed person's new event refreshes the table (at most every 2 s).
  let updates = 0;
  const refresh = throttled(2000, () => {
    void get().then((r) => {
      if (!ctx.current()) return;
      updates += 1;
      liveBadge.dataset.liveUpdates = String(updates);
      paint(r);
    }, () => undefined);
  });
  onLiveEvents(ctx, (events) => {
    if (events.some((e) => idsOf(e).some((id) => ids.has(id)))) refresh();
  });
};
