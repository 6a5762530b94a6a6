import { DEFAULT_SESSION_GAP_MS } from '@footfall/core';
import { axisText, draw, splitLine, tooltipBase } from '../charts.js';
import type { View } from '../context.js';
import { card, h } from '../dom.js';
import { duration, int } from '../format.js';
import { personLink } from './persons.js';
import { eventsOf } from '../live-events.js';

const shortKey = (key: string) => (key.length > 14 ? `${key.slice(0, 12)}…` : key);

/** A session seen on the live stream. */
interface LiveSession { key: string; first: number; last: number; events: number; page: string; lastType: string; device: string; /** The id the person page opens by (user id, else anonymous id). */ person: string }

const BUCKET_MS = 10_000;
const BUCKETS = 30;

function pathOf(url: unknown): string {
  if (typeof url !== 'string') return '';
  try { return decodeURIComponent(new URL(url, 'http://x').pathname); } catch { return url.slice(0, 200); }
}

/** Sessions in progress, fed by `/v1/live` (Server-Sent Events; the token goes in `?token=`). */
export const live: View = async (ctx, el) => {
  const sessions = new Map<string, LiveSession>();
  const counts: number[] = new Array(BUCKETS).fill(0);
  let bucketStart = Math.floor(Date.now() / BUCKET_MS) * BUCKET_MS;
  let total = 0;
  const state = h('span', { class: 'badge', style: 'background:#eef1f6;color:#374151', 'data-live-state': 'connecting' }, h('span', { class: 'dot' }), 'Connecting…');
  // the count is announced when it changes; the table (repainted every second) is not
  const inProgress = h('div', { class: 'value', 'data-live': 'sessions', 'aria-live': 'polite' }, '0');
  const received = h('div', { class: 'value', 'data-live': 'events' }, '0');
  el.appendChild(h('div', { class: 'kpis' },
    h('div', { class: 'kpi' }, h('div', { class: 'label' }, 'Sessions in progress'), inProgress, h('div', { class: 'hint' }, 'active in the last 30 min')),
    h('div', { class: 'kpi' }, h('div', { class: 'label' }, 'Events received'), received, h('div', { class: 'hint' }, 'since this view opened')),
    h('div', { class: 'kpi' }, h('div', { class: 'label' }, 'Stream'), h('div', { style: 'margin-top:10px' }, state))));
  const chartEl = h('div', { class: 'chart short', 'data-chart': 'live' });
  const tbody = h('tbody', {});
  const head = ['Session', 'Current page', 'Last event', 'Events', 'Device', 'Duration', 'Last seen'];
  const table = h('table', { 'data-table': 'live', class: 'stack' },
    h('thead', {}, h('tr', {}, ...head.map((t, i) => h('th', { scope: 'col', class: i < 3 || i === 4 ? 'text' : '' }, t)))),
    tbody);
  el.appendChild(h('div', { class: 'grid' },
    card('Sessions in progress', 'Most recent first', 12, h('div', { class: 'table-wrap stack' }, table)),
    card('Events per 10 seconds', 'The last five minutes', 12, chartEl)));
  const chart = draw(chartEl, {
    grid: { left: 40, right: 12, top: 12, bottom: 28 },
    tooltip: { ...tooltipBase, trigger: 'axis' },
    xAxis: { type: 'category', data: counts.map((_, i) => `-${(BUCKETS - 1 - i) * 10}s`), axisLabel: { ...axisText, interval: 5 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: axisText, splitLine },
    series: [{ type: 'bar', name: 'Events', data: counts, itemStyle: { color: '#10b981', borderRadius: [3, 3, 0, 0] } }],
  }, 'Live events per 10 seconds');

  function roll(now: number): void {
    while (now - bucketStart >= BUCKET_MS) { counts.shift(); counts.push(0); bucketStart += BUCKET_MS; }
  }

  function add(e: Record<string, unknown>): void {
    const now = Date.now();
    roll(now);
    counts[BUCKETS - 1] += 1;
    total += 1;
    const key = String(e.sessionId ?? e.session ?? e.anonymousId ?? 'unknown');
    const s = sessions.get(key) ?? { key, first: now, last: now, events: 0, page: '', lastType: '', device: '', person: '' };
    const who = [e.userId, e.anonymousId].find((x): x is string => typeof x === 'string' && x !== '');
    if (who !== undefined && (!s.person || typeof e.userId === 'string')) s.person = who;
    s.last = now;
    s.events += 1;
    s.lastType = String(e.type ?? '') + (e.type === 'cart' && typeof e.action === 'string' ? `:${e.action}` : e.type === 'track' && typeof e.name === 'string' ? `:${e.name}` : '');
    if (e.type === 'page' || !s.page) s.page = pathOf(e.url);
    const ctxObj = e.ctx as { vw?: unknown } | undefined;
    const agent = e.agent as { device?: unknown } | undefined;
    if (typeof agent?.device === 'string') s.device = agent.device;
    else if (typeof ctxObj?.vw === 'number') s.device = ctxObj.vw < 768 ? 'mobile' : ctxObj.vw < 1280 ? 'tablet' : 'desktop';
    sessions.set(key, s);
  }

  function paint(): void {
    const now = Date.now();
    roll(now);
    for (const [k, s] of sessions) if (now - s.last > DEFAULT_SESSION_GAP_MS) sessions.delete(k);
    if (inProgress.textContent !== int(sessions.size)) inProgress.textContent = int(sessions.size);
    received.textContent = int(total);
    chart.setOption({ series: [{ data: counts }] });
    tbody.textContent = '';
    const list = [...sessions.values()].sort((a, b) => b.last - a.last).slice(0, 50);
    if (list.length === 0) tbody.appendChild(h('tr', {}, h('td', { colspan: 7, class: 'text note' }, 'Waiting for events… open the site in another tab.')));
    for (const s of list) {
      const cells = [
        h('td', { class: 'text path' }, s.person ? personLink(s.person, shortKey(s.key)) : shortKey(s.key)),
        h('td', { class: 'text path' }, s.page),
        h('td', { class: 'text' }, s.lastType),
        h('td', {}, int(s.events)),
        h('td', { class: 'text' }, s.device || '–'),
        h('td', {}, duration(s.last - s.first)),
        h('td', {}, `${Math.round((now - s.last) / 1000)} s ago`),
      ];
      cells.forEach((td, j) => td.setAttribute('data-label', head[j]));
      tbody.appendChild(h('tr', { 'data-session': s.key }, ...cells));
    }
  }

  const token = ctx.token();
  const url = `${ctx.apiBase}/v1/live${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  const source = new EventSource(url);
  const setState = (on: boolean, text: string) => {
    state.dataset.liveState = on ? 'open' : 'closed';
    state.textContent = '';
    state.append(h('span', { class: on ? 'dot on' : 'dot' }), text);
  };
  source.addEventListener('open', () => setState(true, 'Connected'));
  source.addEventListener('error', () => setState(false, source.readyState === EventSource.CLOSED ? 'Disconnected' : 'Reconnecting…'));
  const onMessage = (m: MessageEvent) => {
    try {
      for (const e of eventsOf(JSON.parse(String(m.data)))) add(e);
    } catch {
      return; // not JSON (a comment or keep-alive): ignore
    }
    paint();
  };
  source.addEventListener('message', onMessage);
  source.addEventListener('event', onMessage as EventListener);
  const timer = setInterval(paint, 1000);
  ctx.onLeave(() => { source.close(); clearInterval(timer); });
  paint();
};
