import type { View } from '../context.js';
import { empty, h } from '../dom.js';
import { int, money, pct } from '../format.js';
import { dataTable, flagList } from './data-table.js';

/** Products: views, purchases, revenue, ratings; "viewed a lot, rarely bought" first. */
export const products: View = async (ctx, el) => {
  const res = await ctx.source.products(ctx.filters);
  if (!ctx.current()) return;
  if (!res || res.products.length === 0) {
    el.appendChild(empty('No products in these results.'));
    return;
  }
  const grid = h('div', { class: 'grid' });
  el.appendChild(grid);
  const flags = flagList('Viewed a lot, rarely bought', res.products.filter((p) => p.flag).map((p) => ({ key: p.product, message: p.flag!.message })));
  if (flags) grid.appendChild(flags);
  grid.appendChild(dataTable('products', 'Products', `Views (product detail), adds, orders holding the product, revenue and review ratings. Viewed a lot: ${int(res.viewedThreshold)} views or more. Flagged products first.`,
    ['Product', 'Views', 'Adds', 'Purchases', 'View → purchase', 'Units', 'Revenue', 'Rating', 'Reviews', 'First buyers', 'Repeat'],
    res.products.map((p) => ({
      key: p.product,
      flagged: p.flag !== null,
      cells: [p.product, int(p.views), int(p.adds), int(p.purchases), pct(p.viewToPurchaseRate), int(p.units), money(p.revenue),
        p.averageRating === null ? '–' : p.averageRating.toFixed(1), int(p.ratings), int(p.firstBuyers), pct(p.repeatPurchaseRate)],
    }))));
};
