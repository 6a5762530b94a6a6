/** Test helpers: hand-made normalized events (person and session set by the caller). */
import type { NormalizedEvent } from '../src/analyzer.js';
import type { FootfallEvent } from '../src/events.js';

type Extra = Record<string, unknown>;
let seq = 0;

/** A normalized event of `type` with the given fields; `url` may be a bare path. */
export function ev(type: FootfallEvent['type'], person: string, session: string, ts: number, url: string, extra: Extra = {}): NormalizedEvent {
  seq += 1;
  return {
    id: `t${seq}`,
    type,
    ts,
    anonymousId: person,
    url: url.startsWith('/') ? `https://shop.test${url}` : url,
    person,
    session,
    ...extra,
  } as NormalizedEvent;
}

/** A click at document (x, y) in a viewport `vw` wide. */
export function click(person: string, session: string, ts: number, url: string, x: number, y: number, extra: Extra = {}): NormalizedEvent {
  return ev('click', person, session, ts, url, { selector: '#b', tag: 'button', x, y, rx: 0.5, ry: 0.5, vw: 1280, vh: 800, dh: 3000, ...extra });
}

/** Splits events into `k` shards by person (a stable hash), keeping order within each shard. */
export function shardByPerson<E extends { person: string }>(events: readonly E[], k: number): E[][] {
  const shards: E[][] = Array.from({ length: k }, () => []);
  for (const e of events) {
    let h = 0;
    for (const ch of e.person) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    shards[h % k].push(e);
  }
  return shards;
}

/** One generated action, turned into an event by `journey`. */
export interface Action {
  kind: 'page' | 'click' | 'scroll' | 'vitals' | 'add' | 'purchase' | 'checkout' | 'view_item' | 'error' | 'share';
  path: number;
  gap: number;
  a: number;
  b: number;
}

const PATHS = ['/', '/product/1', '/cart', '/checkout/shipping', '/checkout/payment'];

/** Builds events for one person from generated actions (gaps ≥ 30 min start a new session). */
export function journey(person: string, actions: readonly Action[], t0 = 1_700_000_000_000): NormalizedEvent[] {
  let ts = t0;
  let session = 0;
  return actions.map((x) => {
    if (x.gap > 1_800_000) session += 1;
    ts += x.gap;
    const s = `${person}#${session}`;
    const url = PATHS[x.path % PATHS.length];
    switch (x.kind) {
      case 'page':
        return ev('page', person, s, ts, url);
      case 'click':
        return click(person, s, ts, url, x.a % 40, (x.b % 3) * 20, { selector: `#b${x.b % 3}`, vw: [375, 800, 1400][x.a % 3], dead: x.b % 5 === 0 });
      case 'scroll':
        return ev('scroll', person, s, ts, url, { depth: x.a % 101, px: x.b % 3000, dh: 3000, vh: 700 });
      case 'vitals':
        return ev('vitals', person, s, ts, url, { metric: ['LCP', 'INP', 'CLS', 'FCP', 'TTFB'][x.b % 5], value: x.b % 5 === 2 ? (x.a % 50) / 100 : x.a * 10, rating: 'good' });
      case 'error':
      case 'share':
        return ev('track', person, s, ts, url, { name: x.kind });
      default:
        return ev('cart', person, s, ts, url, { action: x.kind, value: x.kind === 'purchase' ? 10 + (x.a % 90) : undefined, orderId: x.kind === 'purchase' ? `${person}-${x.b % 4}` : undefined });
    }
  });
}

/** Interleaves persons' events by time (stable), as the pipeline may deliver them. */
export function interleave(perPerson: readonly NormalizedEvent[][]): NormalizedEvent[] {
  return perPerson.flat().sort((x, y) => x.ts - y.ts);
}
