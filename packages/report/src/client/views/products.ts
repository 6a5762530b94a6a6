import type { View } from '../context.js';
import { int, money, pct } from '../format.js';
import { dataTable, viewGrid, flagList } from './data-table.js';

/** Products: views, purchases, revenue, ratings; "viewed a lot, rarely bought" first. */
export const products: View = async (ctx, el) => {
  const shown = await viewGrid(ctx, el, ctx.source.products(ctx.filters), (r) => r.products.length > 0, 'No products in these results.');
  if (!shown) return;
  const { res, grid } = shown;
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
