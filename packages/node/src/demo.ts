/**
 * `@footfall/node/demo`: a seeded demo shop. Same options, same events, byte for byte;
 * runs anywhere (no Node APIs, no clock, no Math.random).
 */
import { DEFAULT_SESSION_GAP_MS, FootfallError, type FootfallEvent } from '@footfall/core';
import { DEMO_FRICTION } from './demo/friction.js';
import { DEMO_SOURCES } from './demo/plants.js';
import { createEventQueue } from './demo/queue.js';
import { createRandom } from './demo/random.js';
import { newVisitor, simulateVisit, type Shop, type Visitor } from './demo/session.js';
import { daySources, visitSources, type SourcesShop } from './demo/sources.js';

export { DEMO_FRICTION, DEMO_SOURCES };

/** Options of `generateDemo`. */
export interface DemoOptions {
  /** Number of events to generate. @default 10000 */
  events?: number;
  /** Seed of the pseudo-random sequence: the same seed gives the same events. @default 1 */
  seed?: number;
  /**
   * Plant the two bottlenecks of `DEMO_FRICTION` and the three problems of `DEMO_SOURCES`;
   * `false` gives the same shop with conversion independent of vitals, clicks, campaign,
   * support contacts and product.
   * @default true
   */
  friction?: boolean;
  /**
   * Also write the sources beyond the browser: server copies of orders, newsletter sends,
   * opens and clicks, support tickets, reviews and daily ad statistics (they count towards `events`).
   * @default true
   */
  sources?: boolean;
  /** Time of the first visit, ms since the epoch. Visits spread over the 28 days after it. @default Date.UTC(2026, 9, 1) (2026-10-01) */
  start?: number;
}

/** Span of the simulated traffic. */
const SPAN_MS = 28 * 24 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
/** Average events per visit (measured), to spread visits over the span. */
const EVENTS_PER_VISIT = 30;
/** Share of visits by a browser that came before. */
const RETURN_SHARE = 0.3;
/** Share of a logged-in user's return visits made from another device (stitched by identify). */
const NEW_DEVICE_SHARE = 0.15;

/**
 * Generates the demo shop's events lazily, in global time order (each visit's events in
 * time order too): home, category, product, cart, checkout/shipping, checkout/payment and
 * confirmation pages; channels from UTM tags and referrers; phones, tablets and desktops;
 * return visits, logins (`identify`), cart adds and removes, purchases in EUR with
 * `orderId` and items; clicks with positions, scroll depths and web vitals. Beside them (unless
 * `sources: false`), the backend's copy of each order, newsletter sends, opens and clicks,
 * support tickets, reviews and daily ad statistics per campaign. Two page bottlenecks
 * (`DEMO_FRICTION`) and three problems beyond the browser (`DEMO_SOURCES`) are planted unless
 * `friction: false`.
 *
 * @example
 * ```ts
 * import { generateDemo } from '@footfall/node/demo';
 * for (const event of generateDemo({ events: 1000, seed: 7 })) console.log(JSON.stringify(event));
 * ```
 */
export function* generateDemo(options: DemoOptions = {}): Generator<FootfallEvent, void, undefined> {
  const total = options.events ?? 10_000;
  const seed = options.seed ?? 1;
  const start = options.start ?? Date.UTC(2026, 9, 1);
  if (!Number.isInteger(total) || total < 0) throw new FootfallError('INVALID_OPTION', `events must be a whole number ≥ 0, got ${total}: pass e.g. { events: 10000 }`);
  if (!Number.isFinite(seed)) throw new FootfallError('INVALID_OPTION', `seed must be a number, got ${seed}: pass e.g. { seed: 1 }`);
  if (!Number.isInteger(start) || start < 0) throw new FootfallError('INVALID_OPTION', `start must be epoch milliseconds, got ${start}: pass e.g. { start: Date.UTC(2026, 9, 1) }`);

  const random = createRandom(seed);
  const friction = options.friction ?? true;
  const shop: Shop = { random, friction, orders: 0, users: 0 };
  const queue = createEventQueue();
  const visitors: Visitor[] = [];
  const meanGap = SPAN_MS / Math.max(1, total / EVENTS_PER_VISIT);
  // The other sources draw from their own sequence: the browser's events do not depend on them.
  const sources: SourcesShop | undefined = options.sources === false ? undefined : {
    random: createRandom((Math.imul(seed >>> 0, 0x9e3779b1) ^ 0x5eed) >>> 0), friction, users: 0, visitsPerDay: DAY_MS / meanGap, firstDay: Math.floor(start / DAY_MS), start,
  };
  let day = Math.floor(start / DAY_MS) - 1;
  let at = start;
  let generated = 0;
  let emitted = 0;
  while (emitted < total) {
    if (generated < total) {
      at += random.exponential(meanGap);
      // A new day's ad statistics start at midnight, after every event emitted so far (all before the previous visit).
      for (; sources && day < Math.floor(at / DAY_MS); day++) {
        sources.users = shop.users;
        for (const event of daySources(sources, day + 1, at)) (generated++, queue.push(event));
      }
      while (queue.peekTs() < at && emitted < total) (emitted++, yield queue.pop()!);
      const visitor = pickVisitor(shop, visitors, at);
      const visit = simulateVisit(shop, visitor, at);
      for (const event of visit) (generated++, queue.push(event));
      if (sources) for (const event of visitSources(sources, visitor, visit)) (generated++, queue.push(event));
    } else {
      emitted++;
      yield queue.pop()!;
    }
  }
}

/** A returning browser (free for the core's session gap, 30 min, at least), the same user on a new device, or a new browser. */
function pickVisitor(shop: Shop, visitors: Visitor[], at: number): Visitor {
  const { random } = shop;
  if (visitors.length && random.chance(RETURN_SHARE)) {
    const v = visitors[random.int(0, visitors.length - 1)];
    if (v.lastEnd + DEFAULT_SESSION_GAP_MS < at) {
      if (!(v.loggedIn && v.userId && random.chance(NEW_DEVICE_SHARE))) return v;
      const other = newVisitor(shop, v.userId);
      visitors.push(other);
      return other;
    }
  }
  const v = newVisitor(shop);
  visitors.push(v);
  return v;
}
