/** Simulates one visit to the demo shop: its events, in time order. */
import { rateVital, type CartItem, type FootfallEvent, type VitalMetric } from '@footfall/core';
import { DEMO_FRICTION } from './friction.js';
import { DEMO_SOURCES } from './plants.js';
import type { Random } from './random.js';
import {
  CATEGORIES, DEVICES, LANGS, ORIGIN, ARRIVALS, PAGE_TITLES, PRODUCTS, documentHeight, element, productsOf,
  type Device, type Element, type Product,
} from './shop.js';

/** A browser on a device, maybe of a registered user. */
export interface Visitor {
  anonymousId: string;
  device: Device;
  /** The account, when the visitor has one. */
  userId?: string;
  /** Logged in on this browser: events carry `userId`. */
  loggedIn: boolean;
  /** End of the latest visit. */
  lastEnd: number;
}

export interface Shop {
  random: Random;
  friction: boolean;
  /** Next order number. */
  orders: number;
  /** Next user number. */
  users: number;
}

/** A new browser: device profile, language, maybe an account (45 %). */
export function newVisitor(shop: Shop, userId?: string): Visitor {
  const { random } = shop;
  const d = random.weighted(DEVICES);
  const [lang, tz] = random.pick(LANGS);
  const device: Device = { kind: d.kind, ctx: { ua: d.ua, lang, tz, vw: d.vw, vh: d.vh, sw: d.sw, sh: d.sh, dpr: d.dpr } };
  const account = userId ?? (random.chance(0.45) ? `user_${++shop.users}` : undefined);
  return { anonymousId: random.uuid(), device, ...(account ? { userId: account } : {}), loggedIn: false, lastEnd: -Infinity };
}

/** Simulates a visit starting at `start`; returns its events sorted by time. */
export function simulateVisit(shop: Shop, visitor: Visitor, start: number): FootfallEvent[] {
  const { random, friction } = shop;
  const events: FootfallEvent[] = [];
  const kind = visitor.device.kind;
  const mobile = kind === 'mobile';
  const { vw, vh } = visitor.device.ctx as { vw: number; vh: number };
  const sessionId = random.uuid();
  const arrival = random.weighted(ARRIVALS);
  const mismatch = friction && arrival.mismatch === true ? DEMO_SOURCES.landing.affected : DEMO_SOURCES.landing.unaffected;
  let t = start;
  let url = '';
  let path = '';
  let dh = 0;
  let deepest = 0;
  let clicks = 0;
  const cart: CartItem[] = [];

  const base = (type: FootfallEvent['type'], ts: number): Record<string, unknown> => {
    const e: Record<string, unknown> = { id: random.uuid(), type, ts: Math.round(ts), anonymousId: visitor.anonymousId };
    if (visitor.loggedIn && visitor.userId) e.userId = visitor.userId;
    e.sessionId = sessionId;
    e.url = url;
    return e;
  };
  const push = (e: Record<string, unknown>) => void events.push(e as unknown as FootfallEvent);
  const vital = (metric: VitalMetric, value: number, ts: number) => {
    const v = metric === 'CLS' ? Math.round(value * 1000) / 1000 : Math.round(value);
    const e = base('vitals', ts);
    e.metric = metric;
    e.value = v;
    const rating = rateVital(metric, v);
    if (rating) e.rating = rating; // LOAD is unrated, as the SDK sends it
    push(e);
  };
  const click = (el: Element, ts: number, jitter?: { rx: number; ry: number }, flags: { rage?: boolean; dead?: boolean } = {}) => {
    const rx = jitter?.rx ?? random.between(0.1, 0.9);
    const ry = jitter?.ry ?? random.between(0.15, 0.85);
    const x = Math.round(el.x + rx * el.w);
    const y = Math.round(el.y + ry * el.h);
    deepest = Math.max(deepest, Math.min(dh, el.y + el.h + 40));
    clicks++;
    const e = base('click', ts);
    e.selector = el.selector;
    if (el.text) e.text = el.text;
    e.tag = el.tag;
    Object.assign(e, { x, y, rx: Math.round(rx * 1000) / 1000, ry: Math.round(ry * 1000) / 1000, vw, vh, dh }, flags);
    push(e);
  };
  const cartEvent = (action: string, ts: number, items?: CartItem[], extra: Record<string, unknown> = {}) => {
    const value = items ? Math.round(items.reduce((s, i) => s + (i.price ?? 0) * (i.quantity ?? 1), 0) * 100) / 100 : undefined;
    push({ ...base('cart', ts), action, ...(items ? { items: items.map((i) => ({ ...i })), value, currency: 'EUR' } : {}), ...extra });
  };
  const identify = (ts: number) => {
    if (!visitor.userId || visitor.loggedIn) return;
    push({ ...base('identify', ts), userId: visitor.userId, traits: { plan: random.pick(['free', 'member', 'member', 'vip']) } });
    visitor.loggedIn = true;
  };

  /** Opens a page view; returns when its main content is ready (after LCP). */
  const open = (next: string, referrer: string | undefined, query?: string) => {
    path = next;
    url = `${ORIGIN}${next}${query ? `?${query}` : ''}`;
    dh = documentHeight(next, vw);
    deepest = Math.min(dh, vh);
    clicks = 0;
    const title = PAGE_TITLES[next] ?? `${next.split('/').pop()!.replace(/-/g, ' ')} — Footfall Outfitters`;
    push({ ...base('page', t), ...(referrer ? { referrer } : {}), title, ctx: { ...visitor.device.ctx } });
    const ttfb = random.logNormal(mobile ? 420 : 260, 0.5);
    const fcp = ttfb + random.logNormal(mobile ? 900 : 550, 0.45);
    let lcp = fcp + random.logNormal(mobile ? 600 : 350, 0.6);
    if (friction && mobile && next === DEMO_FRICTION.paymentLcp.page) {
      slowPayment = random.chance(DEMO_FRICTION.paymentLcp.share);
      if (slowPayment) lcp = random.between(4200, 8000);
    }
    const load = Math.max(lcp, fcp) + random.logNormal(400, 0.5);
    vital('TTFB', ttfb, t + ttfb);
    vital('FCP', fcp, t + fcp);
    vital('LCP', lcp, t + lcp);
    vital('LOAD', load, t + load);
    t += load + random.logNormal(2500, 0.5);
  };
  /** Reads for a while, maybe clicks something that goes nowhere. */
  const dwell = (median: number) => {
    t += random.logNormal(median, 0.7);
    if (path.startsWith('/product/') && random.chance(0.3)) {
      click(element(path, vw, 'price'), t, undefined, random.chance(0.25) ? { dead: true } : {});
      t += random.logNormal(3000, 0.5);
    }
  };
  /** Ends the page view: CLS, INP (when clicked), scroll depth. */
  const close = () => {
    deepest = Math.min(dh, Math.max(deepest, vh + random.next() * random.next() * (dh - vh)));
    vital('CLS', random.logNormal(mobile ? 0.06 : 0.03, 0.9), t + 50);
    if (clicks) vital('INP', random.logNormal(mobile ? 180 : 90, 0.6), t + 60);
    push({ ...base('scroll', t + 70), depth: Math.round((deepest / dh) * 1000) / 10, px: Math.round(deepest), dh, vh });
    t += 100;
  };
  /** Clicks a link or button and lands on `next`. */
  const go = (el: Element | undefined, next: string) => {
    if (el) click(el, t);
    close();
    const referrer = url;
    t += random.between(250, 900);
    open(next, referrer);
  };
  let slowPayment = false;

  // Landing.
  const landing = arrival.lands === 'home' ? '/' : arrival.lands === 'category' ? `/category/${random.pick(CATEGORIES)}` : `/product/${random.pick(PRODUCTS).id}`;
  open(landing, arrival.referrer, arrival.query);
  if (visitor.userId && !visitor.loggedIn && random.chance(0.1)) identify(t + 800);
  dwell(9000);
  if (random.chance(mismatch.leaveAfterLanding)) return finish();

  // Browsing.
  let steps = random.int(1, 6);
  let product: Product | undefined = path.startsWith('/product/') ? PRODUCTS.find((p) => path.endsWith(`/${p.id}`)) : undefined;
  let category = product?.category ?? (path.startsWith('/category/') ? path.split('/')[2] : random.pick(CATEGORIES));
  while (steps-- > 0) {
    if (path.startsWith('/product/') && product) {
      cartEvent('view_item', t - 500, [{ id: product.id, name: product.name, price: product.price, quantity: 1, category: product.category }]);
      const planted = friction && product.id === DEMO_SOURCES.product.id;
      if (random.chance(planted ? DEMO_SOURCES.product.affected.add : DEMO_SOURCES.product.unaffected.add)) {
        click(element(path, vw, 'add'), t);
        const line = { id: product.id, name: product.name, price: product.price, quantity: random.chance(0.12) ? 2 : 1, category: product.category };
        cartEvent('add', t + 150, [line]);
        cart.push(line);
        t += random.logNormal(2500, 0.4);
        if (random.chance(0.55)) break;
      }
      // Its reviews put visitors off the shop (planted): they stop browsing.
      if (planted && random.chance(DEMO_SOURCES.product.affected.leave)) break;
      if (random.chance(0.3)) category = random.pick(CATEGORIES);
      go(element(path, vw, 'nav'), `/category/${category}`);
    } else if (path.startsWith('/category/')) {
      let i = random.int(0, 5);
      // The jackets page features one product (DEMO_SOURCES.product): it is viewed a lot, planted or not.
      if (category === 'jackets' && random.chance(DEMO_SOURCES.product.featured)) i = productsOf(category).findIndex((p) => p.id === DEMO_SOURCES.product.id);
      product = productsOf(category)[i];
      go(element(path, vw, `card${i % 3}`), `/product/${product.id}`);
    } else {
      category = random.chance(0.3) ? 'jackets' : random.pick(CATEGORIES);
      go(element(path, vw, category === 'jackets' && random.chance(0.6) ? 'hero' : 'nav'), `/category/${category}`);
    }
    dwell(path.startsWith('/product/') ? 20000 : 12000);
  }
  if (!cart.length || random.chance(mismatch.leaveWithCart)) return finish();

  // Cart.
  go(element(path, vw, 'cart'), '/cart');
  cartEvent('view_cart', t - 400, cart);
  dwell(8000);
  if (random.chance(0.12)) {
    click(element('/cart', vw, 'remove'), t);
    cartEvent('remove', t + 120, [cart.shift()!]);
    t += 1500;
  }
  if (!cart.length || random.chance(0.3)) return finish();

  // Shipping (planted friction b).
  go(element('/cart', vw, 'checkout'), '/checkout/shipping');
  cartEvent('checkout', t - 300, cart);
  if (visitor.userId && !visitor.loggedIn && random.chance(0.6)) {
    click(element(path, vw, 'login'), t);
    identify(t + 4000);
    t += 9000;
  }
  t += random.logNormal(40000, 0.5); // filling in the form
  const submit = element(path, vw, 'submit');
  const rage = friction && random.chance(DEMO_FRICTION.shippingRage.share);
  if (rage) {
    const n = random.int(3, 6);
    let rx = random.between(0.3, 0.7);
    let ry = random.between(0.3, 0.7);
    for (let i = 0; i < n; i++) {
      click(submit, t, { rx, ry }, { rage: true });
      t += random.between(120, 600);
      rx = Math.min(0.95, Math.max(0.05, rx + random.between(-0.01, 0.01)));
      ry = Math.min(0.95, Math.max(0.05, ry + random.between(-0.05, 0.05)));
    }
    t += random.logNormal(3000, 0.5);
  }
  const proceed = rage ? DEMO_FRICTION.shippingRage.affected.proceed : DEMO_FRICTION.shippingRage.unaffected.proceed;
  if (!random.chance(proceed)) return finish();

  // Payment (planted friction a).
  go(rage ? undefined : submit, '/checkout/payment');
  t += random.logNormal(30000, 0.5);
  const complete = slowPayment ? DEMO_FRICTION.paymentLcp.affected.complete : DEMO_FRICTION.paymentLcp.unaffected.complete;
  if (!random.chance(complete)) return finish();

  // Confirmation and purchase.
  go(element(path, vw, 'pay'), '/checkout/confirmation');
  cartEvent('purchase', t - 200, cart, { orderId: `ord_${String(++shop.orders).padStart(6, '0')}` });
  dwell(6000);
  return finish();

  function finish(): FootfallEvent[] {
    close();
    visitor.lastEnd = t;
    return events.sort((a, b) => a.ts - b.ts);
  }
}
