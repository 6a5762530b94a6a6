import type { ProductsResult } from '@footfall/core';
import { number, percent, table } from './format.js';
import { analysisCommand } from './print-analysis.js';
import { analysisHelp } from './session-filter-flags.js';

const help = `Usage: footfall products INPUT... [--viewed-quantile 0.75] [--min-group 30] [--alpha 0.01]
                            [--channel C] [--device D] [--json]

Products: per product id, views (cart view_item), adds, purchases (orders
holding it, each order once per person), units, revenue, view-to-purchase rate,
mean review rating, and the repeat purchase rate of persons whose first order
held it. A product viewed at least as often as the --viewed-quantile of all
products whose views lead to purchases significantly less often than other
products' is flagged "viewed a lot, rarely bought"; flagged products come first.

INPUT               an .ndjson file, .ndjson.gz, a folder of them, - for stdin,
                    duckdb:PATH or clickhouse:URL; several files are
                    merged by ts (web, orders, email, tickets, ads)
--viewed-quantile Q products with views at or above this quantile are "viewed a
                    lot" (default 0.75)
--min-group N       smallest views of the product and of the rest (default 30)
--alpha P           significance level (default 0.01)
${analysisHelp(20)}

Example:
  footfall products events.ndjson reviews.ndjson
`;

/** Text rendering of the products report: the table, then each flagged product's message. */
export function productsTable(r: ProductsResult): string {
  if (r.products.length === 0) return 'No products in the input.\n';
  const flagged = r.products.filter((p) => p.flag);
  return `${table(
    ['  product', 'views', 'adds', 'purchases', 'view→buy', 'units', 'revenue', 'rating', 'reviews', 'first buyers', 'repeat'],
    r.products.map((p) => [
      `${p.flag ? '!' : ' '} ${p.product}`,
      number(p.views),
      number(p.adds),
      number(p.purchases),
      percent(p.viewToPurchaseRate),
      number(p.units),
      number(p.revenue, 2),
      p.averageRating === null ? '-' : p.averageRating.toFixed(1),
      number(p.ratings),
      number(p.firstBuyers),
      percent(p.repeatPurchaseRate),
    ]),
  )}${flagged.length ? `\n${flagged.map((p) => `! ${p.product}: ${p.flag!.message}; ${number(p.flag!.lostConversions, 1)} purchases lost (p ${p.flag!.pValue.toExponential(1)})`).join('\n')}\n` : ''}`;
}

/** `footfall products`: per-product views, purchases, revenue, ratings and the "rarely bought" flag. */
export const products = analysisCommand('products', 'products: views, purchases, revenue, ratings; viewed a lot but rarely bought', help, productsTable);
