/** Test helpers: hand-made normalized events (person and session set by the caller). */
import type { NormalizedEvent } from '../analyzer.js';
import type { FootfallEvent } from '../events.js';

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
