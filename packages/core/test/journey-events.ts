/**
 * Test helper: hand-made `NormalizedEvent`s for the journey analyzers' tests.
 * `ev('p1', 100, 'page:/a')` is person p1 at ts 100 s (ms = s × 1000) viewing `/a`.
 */
import type { NormalizedEvent } from '../src/analyzer.js';

let seq = 0;

/** Options for one hand-made event. */
export interface EvOptions {
  session?: string;
  channel?: string;
  props?: Record<string, string | number>;
  device?: 'mobile' | 'tablet' | 'desktop';
  /** `ts` is already in ms. */
  ms?: boolean;
}

/** An event from `TYPE:NAME` shorthand: `page:/a`, `cart:add`, `track:signup`, `click:#x`. */
export function ev(person: string, ts: number, what: string, o: EvOptions = {}): NormalizedEvent {
  const i = what.indexOf(':');
  const type = what.slice(0, i);
  const name = what.slice(i + 1);
  const base = {
    id: `e${++seq}`,
    ts: o.ms ? ts : ts * 1000,
    anonymousId: person,
    person,
    session: o.session ?? `${person}-s1`,
    url: type === 'page' ? `https://shop.test${name}` : 'https://shop.test/',
    ...(o.props ? { props: o.props } : {}),
    ...(o.channel ? { channel: { name: o.channel, kind: 'other' as const } } : {}),
    ...(o.device ? { agent: { device: o.device } } : {}),
  };
  switch (type) {
    case 'page':
      return { ...base, type: 'page' };
    case 'cart':
      return { ...base, type: 'cart', action: name as 'add' };
    case 'track':
      return { ...base, type: 'track', name };
    case 'click':
      return { ...base, type: 'click', selector: name, tag: 'button', x: 1, y: 1, rx: 0.5, ry: 0.5, vw: 1280, vh: 800, dh: 2000 };
    default:
      throw new Error(`ev: unknown type in ${what}`);
  }
}

/** Events of several persons, ordered by ts within each person (interleaved by ts). */
export function byTime(events: NormalizedEvent[]): NormalizedEvent[] {
  return [...events].sort((a, b) => a.ts - b.ts);
}
