import type { View } from '../context.js';
import { card, h } from '../dom.js';
import { dec, duration, int, pct } from '../format.js';
import type { ContactRate } from '../../types.js';
import { dataTable, viewGrid } from './data-table.js';

const rows = (list: readonly ContactRate[]) => list.map((r) => ({ key: r.key, cells: [r.key, int(r.contacts), int(r.sessions), r.per1000Sessions === null ? '–' : dec(r.per1000Sessions)] }));
const HEAD = ['Contacts', 'Sessions', 'Per 1,000 sessions'];

/** Support contacts per 1,000 sessions by page, product and reason; response times; repeat purchases. */
export const service: View = async (ctx, el) => {
  const shown = await viewGrid(ctx, el, ctx.source.service(ctx.filters), (r) => r.contacts > 0, 'No support contacts in these results.');
  if (!shown) return;
  const { res, grid } = shown;
  const { contacted, notContacted } = res.repeatPurchase;
  const tiles: [string, string, string][] = [
    ['Contacts', int(res.contacts), `${res.per1000Sessions === null ? '–' : dec(res.per1000Sessions)} per 1,000 sessions`],
    ['First response', duration(res.firstResponse.medianMs), `median; p90 ${duration(res.firstResponse.p90Ms)}`],
    ['Resolution', duration(res.resolution.medianMs), `median; p90 ${duration(res.resolution.p90Ms)}`],
    ['Repeat purchase', pct(contacted.rate), `after a contact; ${pct(notContacted.rate)} without`],
  ];
  grid.appendChild(h('div', { class: 'kpis span-12', role: 'list', 'aria-label': 'Support figures' },
    ...tiles.map(([label, value, hint]) => h('div', { class: 'kpi', role: 'listitem', 'data-kpi': label }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value), h('div', { class: 'hint' }, hint)))));
  grid.appendChild(dataTable('service-pages', 'Contacts by page', 'Tickets about a page against the sessions that viewed it; highest rate first.', ['Page', ...HEAD], rows(res.byPage)));
  if (res.byProduct.length) grid.appendChild(dataTable('service-products', 'Contacts by product', 'Against the sessions that viewed the product.', ['Product', ...HEAD], rows(res.byProduct)));
  grid.appendChild(dataTable('service-reasons', 'Contacts by reason', 'Against all sessions.', ['Reason', ...HEAD], rows(res.byReason)));
  if (res.byPage.length === 0) grid.appendChild(card('No pages', null, 12, 'No ticket names a page.'));
};
