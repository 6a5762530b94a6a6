/**
 * Cart events, from the API (`cart.add(...)`) or declared in HTML:
 * `data-footfall-cart="add|remove|checkout"` on a clickable element sends on click;
 * `data-footfall-cart="view_item|view_cart|purchase"` on any element sends when the
 * page view starts. Items are the element itself and its descendants carrying
 * `data-footfall-id` (with `-name`, `-price`, `-quantity`, `-category`) that are not
 * inside another declared cart element; the element
 * may carry `data-footfall-value`, `-currency`, `-order-id`.
 */
import type { CartAction, CartItem } from '@footfall/core';
import type { Capture, Client } from '../types.js';
import { cleanNumber, cleanString } from '../lib/clean.js';
import { idle } from '../lib/util.js';

/** What a cart call carries. `value` defaults to Σ price × quantity of the items. */
export interface CartPayload {
  items?: CartItem[];
  value?: number;
  /** ISO 4217, e.g. `EUR`. */
  currency?: string;
  orderId?: string;
}

const ON_CLICK = /^(add|remove|checkout)$/;
const ON_VIEW = /^(view_item|view_cart|purchase)$/;

/** Cleans a payload into the fields of a cart event. */
export function cartFields(action: CartAction, payload?: CartPayload | null): Record<string, unknown> {
  const p = payload || {};
  const items: CartItem[] = [];
  for (const it of Array.isArray(p.items) ? p.items.slice(0, 500) : []) {
    const item = { id: cleanString(it?.id, 256) } as Record<string, unknown>;
    if (!item.id) continue;
    for (const k of ['name', 'category'] as const) item[k] = cleanString(it[k], 256);
    for (const k of ['price', 'quantity'] as const) item[k] = cleanNumber(it[k]);
    items.push(item as CartItem);
  }
  let value = cleanNumber(p.value);
  let sum = 0;
  let priced = false;
  for (const i of items) (sum += (i.price || 0) * (i.quantity ?? 1)), (priced ||= i.price !== undefined);
  if (value === undefined && priced) value = Math.round(sum * 100) / 100;
  const currency = String(p.currency).toUpperCase();
  // undefined fields vanish when the event is serialized
  return {
    action,
    items: items.length ? items : undefined,
    value,
    currency: /^[A-Z]{3}$/.test(currency) ? currency : undefined,
    orderId: cleanString(p.orderId, 256),
  };
}

/** Reads a declared cart element into a payload. */
export function readCart(el: Element): CartPayload {
  const d = (e: Element, k: string) => e.getAttribute('data-footfall-' + k) ?? undefined;
  // Items nested in another declared cart element belong to that one.
  const items: CartItem[] = [];
  for (const e of [el, ...el.querySelectorAll('[data-footfall-id]')]) {
    if (e.hasAttribute('data-footfall-id') && e.closest('[data-footfall-cart]') === el) {
      items.push({ id: d(e, 'id')!, name: d(e, 'name'), price: cleanNumber(d(e, 'price')), quantity: cleanNumber(d(e, 'quantity')), category: d(e, 'category') });
    }
  }
  return {
    items,
    value: cleanNumber(d(el, 'value')),
    currency: d(el, 'currency'),
    orderId: d(el, 'order-id'),
  };
}

const emitCart = (c: Client, el: Element) => {
  const action = el.getAttribute('data-footfall-cart') as CartAction;
  c._emit('cart', cartFields(action, readCart(el)));
};

/**
 * Captures cart events declared with `data-footfall-*` attributes.
 *
 * @example
 * ```ts
 * init({ writeKey: 'site_abc', capture: [pageViews(), cartAttributes()] });
 * // <button data-footfall-cart="add" data-footfall-id="sku-1" data-footfall-price="19.9">Add</button>
 * ```
 */
export function cartAttributes(): Capture {
  return (c) => {
    const scan = () =>
      idle(() =>
        {
          for (const el of document.querySelectorAll('[data-footfall-cart]')) {
            if (ON_VIEW.test(el.getAttribute('data-footfall-cart') || '') && !el.closest('[data-footfall-ignore]')) emitCart(c, el);
          }
        },
      );
    c._on('start', () => (document.readyState === 'loading' ? c._listen(document, 'DOMContentLoaded', scan) : scan()));
    c._listen(
      document,
      'click',
      (e) => {
        const el = (e.target as Element | null)?.closest?.('[data-footfall-cart]');
        if (el && ON_CLICK.test(el.getAttribute('data-footfall-cart') || '') && !el.closest('[data-footfall-ignore]')) emitCart(c, el);
      },
      true,
    );
  };
}
