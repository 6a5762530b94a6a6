import type { View } from '../context.js';
import { card, empty, h } from '../dom.js';
import { int, money, pct } from '../format.js';
import { idsOf, onLiveEvents, throttled } from '../live-events.js';
import { apiGet } from '../source.js';
import type { PersonProfile } from '../../types.js';

const when = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** A table; `stack` ones turn into one card per row on phones. */
function stackTable(name: string, head: string[], rows: (string | Node)[][], stack = true): HTMLElement {
  const tbody = h('tbody', {});
  for (const r of rows) {
    const tr = h('tr', {});
    r.forEach((c, j) => tr.appendChild(h('td', { class: j === 0 || typeof c !== 'string' || !/^[\d.,%–]+$/.test(c) ? 'text' : '', 'data-label': head[j] }, c)));
    tbody.appendChild(tr);
  }
  return h('div', { class: stack ? 'table-wrap stack' : 'table-wrap' }, h('table', { class: stack ? 'stack' : '', 'data-table': name },
    h('thead', {}, h('tr', {}, ...head.map((t) => h('th', { scope: 'col', class: 'text' }, t)))), tbody));
}

/** One person: ids, traits, figures, sessions, next steps, support, reviews and a timeline by session; refreshed live while the person is active. */
export const person: View = async (ctx, el) => {
  const id = ctx.params.get('id') ?? '';
  if (!id) {
    el.appendChild(empty('No person chosen: open one from the Persons table.'));
    return;
  }
  const load = () => apiGet<PersonProfile>(ctx.apiBase, ctx.token, `persons/${encodeURIComponent(id)}`, ctx.filters);
  let p: PersonProfile;
  try {
    p = await load();
  } catch (error) {
    if (!ctx.current()) return;
    if (error instanceof Error && / 404/.test(error.message)) {
      el.appendChild(empty(`No stored event names "${id}" (or the person was erased).`));
      return;
    }
    throw error;
  }
  if (!ctx.current()) return;
  const body = h('div', { 'data-person-page': p.person, 'data-live-updates': '0' });
  el.appendChild(body);
  const draw = (x: PersonProfile) => {
    body.textContent = '';
    body.dataset.personPage = x.person;
    const kpi = (label: string, value: string, hint?: string) =>
      h('div', { class: 'kpi', 'data-kpi': label }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value), hint ? h('div', { class: 'hint' }, hint) : null);
    body.appendChild(h('div', { class: 'kpis' },
      kpi('Stage', x.stage),
      kpi('Sessions', int(x.sessions)),
      kpi('Orders', int(x.orders)),
      kpi('Revenue (LTV)', money(x.revenue)),
      kpi('Conversion probability', pct(x.conversionProbability), 'of the latest session'),
      kpi('Last seen', when(x.lastSeen).slice(0, 16), `first ${when(x.firstSeen).slice(0, 16)}`)));
    const grid = h('div', { class: 'grid' });
    body.appendChild(grid);
    const traits = Object.keys(x.traits);
    grid.appendChild(card('Identity', 'Every id stitched to this person, and the traits they were identified with', 6,
      stackTable('ids', ['Field', 'Value'], [
        ['Person', x.person],
        ['User id', x.userId ?? '–'],
        ['Devices', x.devices.join(', ') || '–'],
        ['Channels', x.channels.join(' → ') || '–'],
        ['Device classes', x.deviceClasses.join(', ') || '–'],
        ...traits.map((k) => [`Trait ${k}`, JSON.stringify(x.traits[k])]),
      ], false)));
    grid.appendChild(card('Likeliest next steps', 'From the journey model, after the latest session\'s last step', 6,
      x.next.length
        ? h('ol', { class: 'next-steps', 'data-list': 'next' }, ...x.next.map((n) => h('li', {}, h('span', { class: 'path' }, n.item), ' ', h('span', { class: 'chip neutral' }, pct(n.probability)))))
        : empty(x.conversionProbability === 1 ? 'The latest session converted.' : 'No web session to predict from.')));
    grid.appendChild(card('Sessions', `The latest ${int(x.recentSessions.length)} of ${int(x.sessions)}, newest first`, 12,
      stackTable('sessions', ['Start', 'Entry channel', 'Device', 'Events', 'Pages', 'Converted'],
        x.recentSessions.map((s) => [when(s.start), s.channel ?? '–', s.device ?? '–', int(s.events), int(s.pages), s.converted ? 'yes' : 'no']))));
    if (x.tickets || x.reviews) {
      grid.appendChild(card('Support and reviews', `${int(x.tickets)} tickets, ${int(x.reviews)} reviews`, 12,
        stackTable('contacts', ['When', 'What', 'Detail'], [
          ...x.recentTickets.map((t) => [when(t.ts), `ticket ${t.id}`, `${t.reason ?? ''}${t.resolvedAt ? ` · resolved ${when(t.resolvedAt)}` : ' · open'}`]),
          ...x.recentReviews.map((r) => [when(r.ts), `review ${r.product}`, `${r.rating}/5`]),
        ])));
    }
    const timeline = h('div', { 'data-list': 'timeline' });
    for (const g of x.timeline) {
      timeline.appendChild(h('section', { class: 'timeline-group', 'data-session': g.session },
        h('h4', {}, g.session ? `Session ${g.session}` : 'Outside web sessions'),
        h('ol', {}, ...g.events.map((e) => h('li', {}, h('time', {}, when(e.ts)), ' ', h('span', { class: 'path' }, e.what))))));
    }
    grid.appendChild(card('Latest events', 'Grouped by session, newest session first', 12, x.timeline.length ? timeline : empty('No events.')));
  };
  draw(p);

  // docs/dashboard.md, Person: the person's new events refresh the page (at most every 2 s).
  const ids = () => new Set([p.person, ...(p.userId ? [p.userId] : []), ...p.devices, id]);
  let updates = 0;
  const refresh = throttled(2000, () => {
    void load().then((next) => {
      if (!ctx.current()) return;
      p = next;
      updates += 1;
      draw(p);
      body.dataset.liveUpdates = String(updates);
    }, () => undefined);
  });
  onLiveEvents(ctx, (events) => {
    const mine = ids();
    if (events.some((e) => idsOf(e).some((x) => mine.has(x)))) refresh();
  });
};
