/**
 * Products (docs/metrics.md, "Products"): per product id, views, adds, orders, units,
 * revenue and ratings; the products viewed a lot but rarely bought; and the repeat
 * purchase rate of persons by the products of their first order.
 */
import type { Analyzer, NormalizedEvent } from './analyzer.js';
import { hasPerson } from './event-scope.js';
import type { CartItem } from './events.js';
import { defineAnalyzer, type KeyedState } from './lib/define-analyzer.js';
import { dict, entry, foldInto, type Dict } from './lib/dict.js';
import { registerOrder } from './lib/landing-sessions.js';
import { conversionLoss, lossRule, pct, type ConversionLoss } from './lib/lost-conversions.js';
import { emptySketch, sketchAdd, sketchQuantile } from './sketch.js';

/** Options of `createProducts`. */
export interface ProductsOptions {
  /** Products with at least this quantile of views are "viewed a lot" (nearest rank over products). @default 0.75 */
  viewedQuantile?: number;
  /** Smallest views of the product and of the rest for the "rarely bought" test. @default 30 */
  minGroup?: number;
  /** Significance level of that two-proportion z-test. @default 0.01 */
  alpha?: number;
}

interface ProductTally {
  views: number;
  adds: number;
  orders: number;
  units: number;
  revenue: number;
  ratingSum: number;
  ratings: number;
}

interface ProductPerson {
  /** Order keys (each order once). */
  orders: string[];
  /** Product ids of the person's first order. */
  first: string[];
}

/** State of `createProducts`. */
export interface ProductsState extends KeyedState {
  products: Dict<ProductTally>;
  persons: Dict<ProductPerson>;
}

/** Viewed a lot, rarely bought: the product's views lead to orders significantly less often than other products' views. */
export interface RarelyBoughtFlag extends ConversionLoss {
  message: string;
}

/** One product of the report. */
export interface ProductRow {
  product: string;
  /** `cart` `view_item` events listing the product. */
  views: number;
  /** `cart` `add` events listing it. */
  adds: number;
  /** Orders containing it (each order once per person). */
  purchases: number;
  /** Units in those orders (`quantity`, 1 when absent). */
  units: number;
  /** purchases / views; `null` without views. */
  viewToPurchaseRate: number | null;
  /** Σ price × quantity of its lines in those orders. */
  revenue: number;
  /** Mean of its review ratings (1–5); `null` without reviews. */
  averageRating: number | null;
  ratings: number;
  /** Persons whose first order held the product. */
  firstBuyers: number;
  /** Of them, the share with ≥ 2 orders; `null` without first buyers. */
  repeatPurchaseRate: number | null;
  flag: RarelyBoughtFlag | null;
}

/** Result of `createProducts`: flagged products first (most lost purchases first), then by views. */
export interface ProductsResult {
  products: ProductRow[];
  /** Views from which a product counts as viewed a lot. */
  viewedThreshold: number | null;
}

/** The message of a flagged product. */
export const RARELY_BOUGHT = 'viewed a lot, rarely bought';

const tally = (): ProductTally => ({ views: 0, adds: 0, orders: 0, units: 0, revenue: 0, ratingSum: 0, ratings: 0 });
/** The distinct product ids of a cart event's items. */
const ids = (items: readonly CartItem[] | undefined) => [...new Set((items ?? []).map((i) => i.id))];

/**
 * Products. A view is a `cart` `view_item` event listing the product, an add a `cart` `add`;
 * a purchase is an order containing it (orders deduplicated by `orderId` per person, so a
 * browser's and a backend's copy count once), with its units and revenue (price × quantity
 * of its lines); ratings come from `review` events. A product with views at or above the
 * `viewedQuantile` of all products' views whose view-to-purchase rate is significantly below
 * the other products' (≥ 30 views each, p < 0.01) is flagged "viewed a lot, rarely bought".
 * The repeat purchase rate by first product: persons whose first order held it, and the
 * share of them with two or more orders.
 *
 * @example
 * ```ts
 * const products = createProducts();
 * for (const e of normalize(events)) products.add(e);
 * products.result().products[0]; // { product: 'trail-runner', views: 912, purchases: 12, flag: { message: 'viewed a lot, rarely bought …' }, ... }
 * ```
 */
export function createProducts(options: ProductsOptions = {}): Analyzer<ProductsState, ProductsResult> {
  const rule = lossRule(options);
  const viewedQuantile = options.viewedQuantile ?? 0.75;
  return defineAnalyzer<ProductsState, ProductsResult>(
    { key: JSON.stringify({ products: 1, viewedQuantile, ...rule }), products: dict(), persons: dict() },
    {
      name: 'products',
      add(s, e) {
        if (!hasPerson(e)) return;
        if (e.type === 'review') {
          const t = entry(s.products, e.product, tally);
          t.ratingSum += e.rating;
          t.ratings += 1;
          return;
        }
        if (e.type !== 'cart') return;
        if (e.action === 'view_item' || e.action === 'add') {
          for (const id of ids(e.items)) entry(s.products, id, tally)[e.action === 'add' ? 'adds' : 'views'] += 1;
          return;
        }
        if (e.action === 'purchase') addOrder(s, e);
      },
      merge(into, o) {
        foldInto(into.products, o.products, (mine, theirs) => {
          const t = mine ?? tally();
          for (const k of Object.keys(t) as (keyof ProductTally)[]) t[k] += theirs[k];
          return t;
        });
        foldInto(into.persons, o.persons, (_, p) => ({ orders: [...p.orders], first: [...p.first] }));
      },
      result(state) {
        const keys = Object.keys(state.products).sort();
        const first = dict<[number, number]>();
        for (const person of Object.keys(state.persons).sort()) {
          const p = state.persons[person];
          for (const id of p.first) {
            const f = entry(first, id, (): [number, number] => [0, 0]);
            f[0] += 1;
            if (p.orders.length >= 2) f[1] += 1;
          }
        }
        const views = emptySketch();
        for (const k of keys) if (state.products[k].views > 0) sketchAdd(views, state.products[k].views);
        const threshold = sketchQuantile(views, viewedQuantile);
        let allViews = 0;
        let allBought = 0;
        for (const k of keys) {
          allViews += state.products[k].views;
          allBought += Math.min(state.products[k].orders, state.products[k].views);
        }
        const rows = keys.map((product): ProductRow => {
          const t = state.products[product];
          const [firstBuyers, repeaters] = Object.hasOwn(first, product) ? first[product] : [0, 0];
          const bought = Math.min(t.orders, t.views);
          const loss = threshold !== null && t.views >= threshold ? conversionLoss(bought, t.views, allBought - bought, allViews - t.views, rule) : undefined;
          return {
            product,
            views: t.views,
            adds: t.adds,
            purchases: t.orders,
            units: t.units,
            viewToPurchaseRate: t.views > 0 ? t.orders / t.views : null,
            revenue: t.revenue,
            averageRating: t.ratings > 0 ? t.ratingSum / t.ratings : null,
            ratings: t.ratings,
            firstBuyers,
            repeatPurchaseRate: firstBuyers > 0 ? repeaters / firstBuyers : null,
            flag: loss ? { ...loss, message: `${RARELY_BOUGHT}: ${t.views} views, ${pct(loss.crAffected)} bought vs ${pct(loss.crUnaffected)} for other products` } : null,
          };
        });
        rows.sort((a, b) => (b.flag?.lostConversions ?? -1) - (a.flag?.lostConversions ?? -1) || b.views - a.views || b.purchases - a.purchases);
        return { products: rows, viewedThreshold: threshold };
      },
    },
  );
}

function addOrder(s: ProductsState, e: NormalizedEvent & { type: 'cart' }): void {
  const person = entry(s.persons, e.person, (): ProductPerson => ({ orders: [], first: [] }));
  if (!registerOrder(person.orders, e)) return;
  const products = ids(e.items);
  if (person.orders.length === 1) person.first = products;
  for (const id of products) entry(s.products, id, tally).orders += 1;
  for (const item of e.items ?? []) {
    const t = entry(s.products, item.id, tally);
    const q = item.quantity ?? 1;
    t.units += q;
    t.revenue += (item.price ?? 0) * q;
  }
}
