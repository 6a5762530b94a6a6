/** Money of a purchase event. */
import type { NormalizedEvent } from '../analyzer.js';

/** A purchase's value: `value`, else Σ price × quantity of its items (quantity 1 when absent); 0 for other events. */
export function purchaseValue(e: NormalizedEvent): number {
  if (e.type !== 'cart') return 0;
  if (typeof e.value === 'number') return e.value;
  return (e.items ?? []).reduce((s, i) => s + (i.price ?? 0) * (i.quantity ?? 1), 0);
}
