/** The demo storefront: catalog, pages, page layouts, acquisition channels and devices. */
import type { EventContext } from '@footfall/core';
import { SHOP_LAYOUT } from './layout.js';
import type { PageKind } from './targets.js';

export const ORIGIN = 'https://shop.example';

export interface Product {
  id: string;
  name: string;
  price: number;
  category: string;
}

export const CATEGORIES = ['shoes', 'bags', 'jackets', 'accessories'] as const;

const NAMES: Record<(typeof CATEGORIES)[number], [string, number][]> = {
  shoes: [['Trail runner', 119], ['City sneaker', 89], ['Leather boot', 179], ['Canvas slip-on', 49], ['Rain boot', 69], ['Court classic', 99]],
  bags: [['Day pack', 79], ['Weekender', 149], ['Tote', 39], ['Messenger', 99], ['Hip pack', 29], ['Laptop sleeve', 45]],
  jackets: [['Rain shell', 159], ['Down parka', 289], ['Denim jacket', 119], ['Fleece', 69], ['Windbreaker', 89], ['Wool coat', 249]],
  accessories: [['Beanie', 19], ['Wool socks', 15], ['Leather belt', 45], ['Sunglasses', 79], ['Gloves', 29], ['Water bottle', 25]],
};

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

export const PRODUCTS: readonly Product[] = CATEGORIES.flatMap((category) =>
  NAMES[category].map(([name, price]) => ({ id: slug(name), name, price, category })),
);

export const productsOf = (category: string) => PRODUCTS.filter((p) => p.category === category);

/** A device profile: what `ctx` says and the device class it belongs to. */
export interface Device {
  kind: 'mobile' | 'tablet' | 'desktop';
  ctx: EventContext;
}

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const GALAXY = 'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36';
const IPAD = 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const WIN_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const MAC_SAFARI = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const WIN_FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0';
const MAC_EDGE = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0';

const LANGS: [string, string][] = [['de-DE', 'Europe/Berlin'], ['fr-FR', 'Europe/Paris'], ['en-GB', 'Europe/London'], ['nl-NL', 'Europe/Amsterdam'], ['es-ES', 'Europe/Madrid'], ['it-IT', 'Europe/Rome']];

/** Device profiles with their weights (mobile ≈ 55 %, tablet ≈ 10 %, desktop ≈ 35 %). */
export const DEVICES: readonly (readonly [Omit<Device, 'ctx'> & { ua: string; vw: number; vh: number; sw: number; sh: number; dpr: number }, number])[] = [
  [{ kind: 'mobile', ua: IPHONE, vw: 390, vh: 664, sw: 390, sh: 844, dpr: 3 }, 25],
  [{ kind: 'mobile', ua: ANDROID, vw: 412, vh: 756, sw: 412, sh: 915, dpr: 2.625 }, 18],
  [{ kind: 'mobile', ua: GALAXY, vw: 360, vh: 680, sw: 360, sh: 780, dpr: 3 }, 12],
  [{ kind: 'tablet', ua: IPAD, vw: 820, vh: 1106, sw: 820, sh: 1180, dpr: 2 }, 10],
  [{ kind: 'desktop', ua: WIN_CHROME, vw: 1536, vh: 730, sw: 1536, sh: 864, dpr: 1.25 }, 16],
  [{ kind: 'desktop', ua: MAC_SAFARI, vw: 1440, vh: 789, sw: 1440, sh: 900, dpr: 2 }, 9],
  [{ kind: 'desktop', ua: WIN_FIREFOX, vw: 1920, vh: 937, sw: 1920, sh: 1080, dpr: 1 }, 6],
  [{ kind: 'desktop', ua: MAC_EDGE, vw: 1280, vh: 689, sw: 1280, sh: 800, dpr: 2 }, 4],
];
export { LANGS };

/** How a visit arrives: landing query string and referrer. */
export interface Arrival {
  query?: string;
  referrer?: string;
  /** Where this channel tends to land. */
  lands: 'home' | 'category' | 'product';
  /** The planted landing mismatch (`DEMO_SOURCES.landing`). */
  mismatch?: boolean;
}

/** Acquisition mix with weights: direct, organic search, paid search, email, social, referral. */
export const ARRIVALS: readonly (readonly [Arrival, number])[] = [
  [{ lands: 'home' }, 28],
  [{ referrer: 'https://www.google.com/', lands: 'home' }, 14],
  [{ referrer: 'https://www.google.com/', lands: 'product' }, 8],
  [{ referrer: 'https://www.bing.com/', lands: 'category' }, 3],
  [{ referrer: 'https://duckduckgo.com/', lands: 'home' }, 2],
  [{ query: 'utm_source=google&utm_medium=cpc&utm_campaign=spring_sale', referrer: 'https://www.google.com/', lands: 'product' }, 10],
  [{ query: 'utm_source=newsletter&utm_medium=email&utm_campaign=weekly', lands: 'category' }, 9],
  [{ query: 'utm_source=facebook&utm_medium=social&utm_campaign=lookbook', referrer: 'https://l.facebook.com/', lands: 'product' }, 6],
  [{ referrer: 'https://www.instagram.com/', lands: 'home' }, 5],
  [{ referrer: 'https://t.co/', lands: 'product' }, 2],
  [{ referrer: 'https://news.ycombinator.com/', lands: 'home' }, 3],
  [{ referrer: 'https://www.outdoorblog.example/best-rain-gear', lands: 'product' }, 5],
  [{ query: 'utm_source=partner&utm_medium=affiliate', referrer: 'https://deals.example/', lands: 'product' }, 5],
  [{ query: 'utm_source=google&utm_medium=cpc&utm_campaign=rain_gear_launch', referrer: 'https://www.google.com/', lands: 'home', mismatch: true }, 7],
];

/** A clickable element of the example shop: the selector the SDK records and its box (document px). */
export interface Element {
  selector: string;
  tag: string;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export const PAGE_TITLES: Record<string, string> = {
  '/': 'Footfall Outfitters — Gear for every trail',
  '/cart': 'Your cart — Footfall Outfitters',
  '/checkout/shipping': 'Shipping — Checkout',
  '/checkout/payment': 'Payment — Checkout',
  '/checkout/confirmation': 'Thank you for your order',
};

/** The shop page a demo path is drawn from (the same mapping `footfall serve` uses for heatmaps). */
export function pageKind(path: string): PageKind {
  if (path === '/') return 'home';
  if (path.startsWith('/category/')) return 'category';
  if (path.startsWith('/product/')) return 'product';
  if (path === '/cart') return 'cart';
  if (path === '/checkout/shipping') return 'shipping';
  if (path === '/checkout/payment') return 'payment';
  return 'confirmation';
}

const layoutOf = (path: string, vw: number) => SHOP_LAYOUT[vw][pageKind(path)];

/** Document height of a page at a viewport width, as the shop renders it in Chromium. */
export const documentHeight = (path: string, vw: number): number => layoutOf(path, vw).dh;

/**
 * An element the demo clicks (a name of `DEMO_TARGETS`) with its box at a viewport width,
 * measured on the shop page in Chromium (scripts/measure-shop.mjs), so heatmaps land on it.
 */
export function element(path: string, vw: number, name: string): Element {
  const el = layoutOf(path, vw).elements[name];
  if (!el) throw new Error(`demo: no element "${name}" on ${path} at ${vw} px: run scripts/measure-shop.mjs`);
  return el;
}
