/** The dashboard and report client: reads the boot JSON, draws the shell, routes `#view` hashes. */
import type { Boot } from '../types.js';
import { disposeAll } from './charts.js';
import type { Ctx, Route, View } from './context.js';
import { append, field, h, select } from './dom.js';
import { apiSource, reportSource, TokenError, type Filters } from './source.js';
import { overview } from './views/overview.js';
import { funnel } from './views/funnel.js';
import { journeys } from './views/journeys.js';
import { bottlenecks } from './views/bottlenecks.js';
import { pages } from './views/pages.js';
import { heatmaps } from './views/heatmaps.js';
import { live } from './views/live.js';
import { persons } from './views/persons.js';
import { person } from './views/person.js';
import { SOURCE_ROUTES } from './views/source-routes.js';


const routes: Route[] = [
  { id: 'overview', label: 'Overview', heading: 'Overview', intro: 'How many came, how far they got and what they spent.', view: overview },
  { id: 'funnel', label: 'Funnel', heading: 'Funnel', intro: 'Persons reaching each step, in order, within the window.', view: funnel },
  { id: 'journeys', label: 'Journeys', heading: 'Journeys', intro: 'The paths sessions take, step by step.', view: journeys },
  { id: 'bottlenecks', label: 'Bottlenecks', heading: 'Bottlenecks', intro: 'Friction that measurably costs conversions, ranked by what it costs.', view: bottlenecks },
  { id: 'pages', label: 'Pages', heading: 'Pages', intro: 'Engagement, web vitals and frustration per page.', view: pages },
  { id: 'heatmaps', label: 'Heatmaps', heading: 'Heatmaps', intro: 'Where visitors click and how far they scroll.', view: heatmaps },
  ...SOURCE_ROUTES,
  { id: 'persons', label: 'Persons', heading: 'Persons', intro: 'Who they are, how far they got, what they are worth and how likely they buy.', view: persons, dashboardOnly: true },
  { id: 'person', label: 'Person', heading: 'Person', intro: 'One person across their devices: sessions, orders, stage, next steps and latest events.', view: person, dashboardOnly: true, under: 'persons' },
  { id: 'live', label: 'Live', heading: 'Live', intro: 'Sessions in progress, as their events arrive.', view: live, dashboardOnly: true },
];

const logo = () => {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '26');
  svg.setAttribute('height', '26');
  svg.setAttribute('viewBox', '0 0 32 32');
  svg.setAttribute('aria-hidden', 'true');
  const shapes: [string, Record<string, string>][] = [
    ['rect', { width: '32', height: '32', rx: '8', fill: '#6366f1' }],
    ['ellipse', { cx: '12', cy: '19', rx: '4', ry: '6', fill: '#fff' }],
    ['ellipse', { cx: '21', cy: '12', rx: '3.4', ry: '5', fill: '#c7d2fe' }],
  ];
  for (const [tag, attrs] of shapes) {
    const s = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) s.setAttribute(k, v);
    svg.appendChild(s);
  }
  return svg;
};

function start(): void {
  const bootEl = document.getElementById('footfall-boot');
  const app = document.getElementById('app');
  if (!bootEl || !app) return;
  const boot = JSON.parse(bootEl.textContent ?? '{}') as Boot;
  const isReport = boot.mode === 'report';
  const auth = { token: isReport ? undefined : initialToken(boot.token) };
  const source = isReport ? reportSource(boot.data) : apiSource(boot.apiBase, () => auth.token);
  const filters: Filters = {};
  const visible = routes.filter((r) => !(isReport && r.dashboardOnly));

  app.textContent = '';
  const status = h('span', { class: 'badge' });
  if (isReport) {
    const when = new Date(boot.data.generatedAt);
    append(status, `Report · ${Number.isNaN(when.getTime()) ? boot.data.generatedAt : when.toUTCString().replace(' GMT', ' UTC')}`);
  } else {
    append(status, h('span', { class: 'dot on' }), 'Live data');
  }
  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Views' });
  for (const r of visible) if (!r.under) tabs.appendChild(h('a', { href: `#${r.id}`, 'data-view': r.id }, r.label));
  const main = h('main', { id: 'main', tabindex: '-1' });
  append(
    app,
    h('a', { class: 'skip', href: '#main', onclick: (e) => { e.preventDefault(); main.focus(); } }, 'Skip to content'),
    h('header', { class: 'topbar' }, h('div', { class: 'brand' }, logo(), 'Footfall'), boot.title === 'Footfall' ? h('h1', { class: 'sr-only' }, boot.title) : h('h1', {}, boot.title), h('span', { class: 'spacer' }), status),
    tabs,
  );
  if (!isReport) app.appendChild(filterBar(filters, () => render()));
  app.appendChild(main);
  app.appendChild(h('footer', { class: 'footer' }, isReport ? 'Self-contained Footfall report: works offline. Numbers as computed by the Footfall core.' : 'Footfall dashboard · numbers from the query API.'));

  let leave: (() => void)[] = [];
  let generation = 0;

  function render(): void {
    const [idRaw, query = ''] = location.hash.slice(1).split('?');
    const route = visible.find((r) => r.id === idRaw) ?? visible[0];
    for (const a of Array.from(tabs.querySelectorAll('a'))) {
      if (a.dataset.view === (route.under ?? route.id)) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    for (const fn of leave) fn();
    leave = [];
    disposeAll();
    generation += 1;
    const mine = generation;
    main.textContent = '';
    main.dataset.view = route.id;
    main.setAttribute('aria-busy', 'true');
    main.appendChild(h('div', { class: 'view-head' }, h('h2', {}, route.heading), h('p', {}, route.intro)));
    const body = h('div', { class: 'view' });
    main.appendChild(body);
    document.title = `${route.heading} · ${boot.title}`;
    const ctx: Ctx = {
      source,
      filters,
      params: new URLSearchParams(query),
      mode: boot.mode,
      apiBase: isReport ? '' : boot.apiBase,
      token: () => auth.token,
      siteBase: isReport ? undefined : boot.siteBase,
      go(view, params) {
        const qs = params ? new URLSearchParams(params).toString() : '';
        location.hash = `${view}${qs ? `?${qs}` : ''}`;
      },
      onLeave: (fn) => leave.push(fn),
      current: () => mine === generation,
    };
    if (!isReport && !auth.token) {
      tokenForm(body, '', (t) => { auth.token = t; render(); });
      main.setAttribute('aria-busy', 'false');
      return;
    }
    route.view(ctx, body).then(
      () => { if (mine === generation) main.setAttribute('aria-busy', 'false'); },
      (error: unknown) => {
        if (mine !== generation) return;
        main.setAttribute('aria-busy', 'false');
        if (error instanceof TokenError) {
          for (const fn of leave) fn();
          leave = [];
          disposeAll();
          body.textContent = '';
          remember(undefined);
          tokenForm(body, 'That token was not accepted.', (t) => { auth.token = t; render(); });
          return;
        }
        body.appendChild(h('p', { class: 'error', role: 'alert' }, `Could not load this view: ${error instanceof Error ? error.message : String(error)}`));
      },
    );
  }

  window.addEventListener('hashchange', render);
  render();
}

const TOKEN_KEY = 'footfall.readToken';

function remember(token: string | undefined): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage unavailable: the token lasts as long as the page
  }
}

/** The read token: rendered into the page, else `?token=` (then dropped from the address bar), else this tab's session. */
function initialToken(rendered: string | undefined): string | undefined {
  const url = new URL(location.href);
  const given = url.searchParams.get('token') ?? undefined;
  if (given !== undefined) {
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  let stored: string | undefined;
  try { stored = sessionStorage.getItem(TOKEN_KEY) ?? undefined; } catch { stored = undefined; }
  const token = rendered ?? given ?? stored;
  remember(token);
  return token;
}

/** Asks for the read token (printed by `footfall serve`). */
function tokenForm(el: HTMLElement, problem: string, done: (token: string) => void): void {
  const input = h('input', { type: 'password', autocomplete: 'off', required: true, size: 36 });
  const form = h('form', { class: 'card', style: 'max-width:520px', 'aria-label': 'Read token' },
    h('h3', {}, 'Read token needed'),
    h('p', { class: 'sub' }, 'The query API needs its read token: footfall serve prints it at start (or set FOOTFALL_READ_TOKEN).'),
    problem ? h('p', { class: 'error', role: 'alert' }, problem) : null,
    h('div', { class: 'toolbar' }, field('Token', input), h('button', { type: 'submit', class: 'primary' }, 'Open dashboard')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const t = input.value.trim();
    if (!t) return;
    remember(t);
    done(t);
  });
  el.appendChild(form);
  input.focus();
}

/** Date range, channel and device filters (dashboard only; no country: no IP is kept). */
function filterBar(filters: Filters, changed: () => void): HTMLElement {
  const date = (key: 'from' | 'to') => {
    const input = h('input', { type: 'date' });
    input.addEventListener('change', () => {
      // the query API takes ms since the epoch; `to` includes its whole (UTC) day
      const day = input.value ? Date.parse(`${input.value}T00:00:00Z`) : NaN;
      filters[key] = Number.isNaN(day) ? undefined : String(key === 'to' ? day + 86_400_000 - 1 : day);
      changed();
    });
    return input;
  };
  const set = (key: 'channel' | 'device') => (v: string) => {
    filters[key] = v || undefined;
    changed();
  };
  const channel = h('input', { type: 'text', placeholder: 'any', list: 'ff-channels', size: 14 });
  channel.addEventListener('change', () => set('channel')(channel.value.trim()));
  // folded on phones, where it would push every view below the fold
  return h('details', { class: 'filters-box', open: window.innerWidth > 600 }, h('summary', {}, 'Filters'), h('div', { class: 'filters', role: 'search', 'aria-label': 'Filters' },
    field('From', date('from')),
    field('To', date('to')),
    field('Channel', channel),
    h('datalist', { id: 'ff-channels' }),
    field('Device', select([['', 'Any device'], ['desktop', 'Desktop'], ['tablet', 'Tablet'], ['mobile', 'Mobile']], '', set('device'))),
  ));
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
