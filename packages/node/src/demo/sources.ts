/**
 * The demo shop's sources beyond the browser: the backend's confirmation of each order, the
 * newsletter's sends, opens and clicks, support tickets, product reviews and a day of ad
 * statistics per campaign (docs/events.md#events-without-a-browser). Drawn from their own
 * seeded sequence, so the browser's events do not depend on them; the planted problems are
 * `DEMO_SOURCES`.
 */
import type { CartItem, FootfallEvent } from '@footfall/core';
import { DEMO_SOURCES } from './plants.js';
import type { Random } from './random.js';
import { ARRIVALS, ORIGIN, PRODUCTS } from './shop.js';
import type { Visitor } from './session.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The ad campaigns with ad statistics: their tags, CTR and cost per click. */
const CAMPAIGNS = [
  { source: 'google', medium: 'cpc', campaign: 'spring_sale', ctr: 0.032, cpc: 0.62 },
  { source: 'facebook', medium: 'social', campaign: 'lookbook', ctr: 0.011, cpc: 0.34 },
  { source: DEMO_SOURCES.landing.source, medium: DEMO_SOURCES.landing.medium, campaign: DEMO_SOURCES.landing.campaign, ctr: DEMO_SOURCES.landing.ctr, cpc: 0.48 },
] as const;

/** Newsletter sends: UTC day of the span (0-based) and campaign; a fifth of the users in two subscribe. */
const SENDS: readonly (readonly [number, string])[] = [[1, 'weekly'], [8, 'weekly'], [12, 'winter_preview'], [15, 'weekly'], [22, 'weekly']];
const OPEN = 0.38;
const CLICK_OF_OPENED = 0.14;

const TEXT: Record<number, string> = { 1: 'Runs two sizes small, went back.', 2: 'Not as warm as the page says.', 3: 'It is fine.', 4: 'Good value.', 5: 'Love it.' };
const RATINGS = [[5, 50], [4, 35], [3, 10], [2, 5]] as const;

/** What the sources know of the shop: its seeded sequence, whether problems are planted, the users so far. */
export interface SourcesShop {
  random: Random;
  friction: boolean;
  /** Users registered so far (`user_1` … `user_<users>`). */
  users: number;
  /** Expected visits per day of the demo: ad clicks follow the channels' share of them. */
  visitsPerDay: number;
  /** Day (since the epoch) of the span's first day. */
  firstDay: number;
  /** The first visit's time: nothing is dated before it. */
  start: number;
}

/** The person fields a source knows a visitor by: the account when logged in, else the browser (support widget, checkout). */
function personOf(visitor: Visitor): { userId: string } | { anonymousId: string } {
  return visitor.loggedIn && visitor.userId ? { userId: visitor.userId } : { anonymousId: visitor.anonymousId };
}

const event = (e: Record<string, unknown>) => e as unknown as FootfallEvent;
const path = (url: string) => {
  const rest = url.startsWith(ORIGIN) ? url.slice(ORIGIN.length) : url;
  const q = rest.indexOf('?');
  return q < 0 ? rest : rest.slice(0, q);
};

/**
 * The events the backend, the help desk and the review widget send about one visit: a server
 * copy of its order (same `orderId`, seconds later), tickets within a day (the planted page's
 * within 24 h of its view) or days later, and reviews of the bought products days later.
 */
export function visitSources(shop: SourcesShop, visitor: Visitor, events: readonly FootfallEvent[]): FootfallEvent[] {
  const { random, friction } = shop;
  const out: FootfallEvent[] = [];
  const who = personOf(visitor);
  const viewed = new Set<string>();
  let purchase: (FootfallEvent & { type: 'cart' }) | undefined;
  let last = 0;
  for (const e of events) {
    if (e.type === 'page') viewed.add(path(e.url));
    if (e.type === 'cart' && e.action === 'purchase') purchase = e;
    last = Math.max(last, e.ts);
  }
  if (purchase) {
    out.push(event({
      id: `srv-${purchase.orderId}`, type: 'cart', ts: purchase.ts + Math.round(random.between(2000, 20000)), ...personOf(visitor),
      action: 'purchase', orderId: purchase.orderId, value: purchase.value, currency: purchase.currency, items: purchase.items?.map((i) => ({ ...i })),
    }));
  }
  const ticket = (ts: number, reason: string, extra: Record<string, unknown> = {}) => {
    const opened = Math.round(ts);
    const first = opened + Math.round(random.logNormal(3 * HOUR, 0.8));
    out.push(event({
      id: `zd-${random.uuid()}`, type: 'ticket', ts: opened, ...who, ticketId: `T-${random.uuid().slice(0, 8)}`, reason, ...extra,
      firstResponseAt: first, resolvedAt: first + Math.round(random.logNormal(20 * HOUR, 0.9)),
    }));
  };
  // The planted page: non-buyers ask about it within a day; without friction anyone may, rarely.
  const plant = DEMO_SOURCES.supportPage;
  if (viewed.has(plant.page) && random.chance(friction ? (purchase ? 0 : plant.share) : plant.unaffectedShare)) {
    ticket(last + Math.min(20 * HOUR, random.logNormal(2 * HOUR, 1)), plant.reason, { page: plant.page });
  }
  // Background contacts: where is my order (days later), a size question about a product viewed.
  if (purchase && random.chance(0.06)) ticket(last + random.between(2 * DAY, 6 * DAY), 'delivery-status');
  const products = [...viewed].filter((p) => p.startsWith('/product/'));
  if (products.length && random.chance(0.01)) {
    const page = random.pick(products);
    ticket(last + random.logNormal(HOUR, 1), 'sizing', { page, product: page.slice('/product/'.length) });
  }
  for (const item of purchase?.items ?? []) out.push(...review(shop, visitor, item, purchase!.ts));
  return out;
}

function review(shop: SourcesShop, visitor: Visitor, item: CartItem, bought: number): FootfallEvent[] {
  const { random, friction } = shop;
  const planted = friction && item.id === DEMO_SOURCES.product.id;
  if (!random.chance(planted ? DEMO_SOURCES.product.affected.review : DEMO_SOURCES.product.unaffected.review)) return [];
  const rating = random.weighted(planted ? DEMO_SOURCES.product.ratings : RATINGS);
  return [event({
    id: `rv-${random.uuid()}`, type: 'review', ts: Math.round(bought + random.between(3 * DAY, 12 * DAY)), ...personOf(visitor),
    product: item.id, rating, text: TEXT[rating],
  })];
}

/** The share of visits that arrive with each campaign's tags. */
function campaignShare(campaign: string): number {
  let total = 0;
  let mine = 0;
  for (const [a, w] of ARRIVALS) {
    total += w;
    if (a.query?.includes(`utm_campaign=${campaign}`)) mine += w;
  }
  return mine / total;
}

/**
 * The events of a new day (`day`: days since the epoch; nothing may be emitted before `at`):
 * each campaign's ad statistics for the day, at its start, and the newsletter when one goes out
 * that day (at 08:00 UTC, or `at` if later), with the opens and clicks that follow within days.
 */
export function daySources(shop: SourcesShop, day: number, at: number): FootfallEvent[] {
  const { random } = shop;
  const out: FootfallEvent[] = [];
  const date = new Date(day * DAY).toISOString().slice(0, 10);
  const after = Math.ceil(at);
  for (const c of CAMPAIGNS) {
    const clicks = Math.max(0, Math.round(shop.visitsPerDay * campaignShare(c.campaign) * random.between(1.0, 1.3)));
    const impressions = Math.round((clicks / c.ctr) * random.between(0.9, 1.1));
    out.push(event({
      id: `ads-${date}-${c.source}-${c.campaign}`, type: 'adstats', ts: Math.max(day * DAY, Math.ceil(shop.start)), source: c.source, medium: c.medium, campaign: c.campaign,
      impressions, clicks, cost: Math.round(clicks * c.cpc * random.between(0.85, 1.15) * 100) / 100, currency: 'EUR',
    }));
  }
  // Reviews from customers of before the span: most products now and then, the planted one often.
  const product = DEMO_SOURCES.product;
  const reviews: [string, boolean][] = [];
  for (let k = 0; k < 3; k++) if (random.chance(0.4)) reviews.push([random.pick(PRODUCTS).id, false]);
  if (shop.friction && random.chance(product.pastReviewsPerDay)) reviews.push([product.id, true]);
  reviews.forEach(([id, planted], k) => {
    const rating = random.weighted(planted ? product.ratings : RATINGS);
    out.push(event({
      id: `rv-${date}-${k}`, type: 'review', ts: Math.max(after, day * DAY + 10 * HOUR) + Math.round(random.between(0, 12 * HOUR)),
      userId: `past_customer_${random.int(1, 5000)}`, product: id, rating, text: TEXT[rating],
    }));
  });
  for (const [offset, campaign] of SENDS) {
    if (day !== shop.firstDay + offset) continue;
    const sent = Math.max(after, day * DAY + 8 * HOUR);
    for (let u = 1; u <= shop.users; u++) {
      // Two of every five users subscribe.
      if ((u * 7) % 5 >= 2) continue;
      const userId = `user_${u}`;
      const ts = sent + u * 40;
      const link = `${ORIGIN}/category/jackets?utm_source=newsletter&utm_medium=email&utm_campaign=${campaign}`;
      out.push(event({ id: `esp-${campaign}-${date}-${u}-sent`, type: 'email', ts, userId, action: 'sent', campaign }));
      if (!random.chance(OPEN)) continue;
      const opened = Math.round(ts + random.logNormal(4 * HOUR, 1.1));
      out.push(event({ id: `esp-${campaign}-${date}-${u}-open`, type: 'email', ts: opened, userId, action: 'open', campaign }));
      if (!random.chance(CLICK_OF_OPENED)) continue;
      out.push(event({ id: `esp-${campaign}-${date}-${u}-click`, type: 'email', ts: opened + Math.round(random.between(5000, 120000)), userId, action: 'click', campaign, link }));
    }
  }
  return out;
}
