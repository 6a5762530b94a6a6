/**
 * Web sessions as the channel and email analyzers read them (docs/metrics.md, "Channels and
 * campaigns"): where the session landed (its first event's UTM tags, else its channel) and
 * what it did: page views, whether it met the conversion steps, and its orders, each order
 * once per person (a browser's and a backend's copy of one `orderId` are one order).
 */
import type { Channel, NormalizedEvent } from '../analyzer.js';
import { inSession } from '../event-scope.js';
import type { Step } from '../matchers.js';
import { orderKey } from '../stages.js';
import { entry, type Dict } from './dict.js';
import { sessionFor, type OpenSessions } from './open-sessions.js';
import { purchaseValue } from './purchase.js';

/** `[source, medium, campaign, keyword]` of a session's landing; `(none)` where a tag is missing. */
export type LandingTags = [source: string, medium: string, campaign: string, keyword: string];

/** One web session: its landing and its outcome. */
export interface LandedSession {
  tags: LandingTags;
  kind: Channel['kind'];
  pages: number;
  /** Steps met so far (`advanceSteps`). */
  progress: number;
  converted: boolean;
  orders: number;
  revenue: number;
}

/** Open sessions and each person's order keys. */
export interface LandingState {
  open: OpenSessions<LandedSession>;
  orders: Dict<string[]>;
}

export const NONE = '(none)';

/**
 * The landing tags of an event: `utm_source`, `utm_medium`, `utm_campaign`, `utm_term` of its
 * URL; without `utm_source`, the session channel's name split at its last `/`
 * (`google.com/organic` → `google.com`, `organic`; `direct` → `direct`, `(none)`).
 */
export function landingTags(e: NormalizedEvent): LandingTags {
  let q: URLSearchParams | undefined;
  try {
    q = e.url === undefined ? undefined : new URL(e.url).searchParams;
  } catch {
    q = undefined;
  }
  const tag = (name: string) => q?.get(name)?.trim() || NONE;
  const source = q?.get('utm_source')?.trim();
  if (source) return [source, tag('utm_medium'), tag('utm_campaign'), tag('utm_term')];
  const name = e.channel?.name ?? 'direct';
  const cut = name.lastIndexOf('/');
  return cut < 0 ? [name, NONE, tag('utm_campaign'), tag('utm_term')] : [name.slice(0, cut), name.slice(cut + 1), tag('utm_campaign'), tag('utm_term')];
}

/** Moves a session one step on when `e` meets its next step; the last step converts it. */
export function advanceSteps(x: { progress: number; converted: boolean }, steps: readonly Step[], e: NormalizedEvent): void {
  if (!x.converted && steps[x.progress].matches(e)) {
    x.progress += 1;
    if (x.progress === steps.length) x.converted = true;
  }
}

/**
 * Feeds one event: in-session events update their session (closing the person's previous
 * one through `close`); a purchase counts when its order key is new for the person (a
 * backend's purchase outside any session only registers its key).
 */
export function trackLanding(state: LandingState, e: NormalizedEvent, steps: readonly Step[], close: (s: LandedSession) => void): void {
  const purchase = e.type === 'cart' && e.action === 'purchase';
  const fresh = purchase && registerOrder(entry(state.orders, e.person, (): string[] => []), e);
  if (!inSession(e)) return;
  const x = sessionFor(state.open, e, (): LandedSession => ({ tags: landingTags(e), kind: e.channel?.kind ?? 'direct', pages: 0, progress: 0, converted: false, orders: 0, revenue: 0 }), close);
  if (e.type === 'page') x.pages += 1;
  advanceSteps(x, steps, e);
  if (fresh) {
    x.orders += 1;
    x.revenue += purchaseValue(e);
  }
}

/** Records a purchase's order key among its person's `keys`; true when it was new. */
export function registerOrder(keys: string[], e: NormalizedEvent): boolean {
  const k = orderKey(e);
  if (keys.includes(k)) return false;
  keys.push(k);
  return true;
}
