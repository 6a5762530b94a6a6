import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient, waitFor } from '../../test/fakes.js';
import { cartAttributes, cartFields } from './cart.js';

let stop = () => {};
afterEach(() => stop());

describe('cart events', () => {
  it('cleans payloads and sums the value when it is missing', () => {
    expect(cartFields('add', { items: [{ id: 'a', price: 10, quantity: 2 }, { id: 'b', price: 5.5 }], currency: 'eur' })).toEqual({
      action: 'add',
      items: [
        { id: 'a', price: 10, quantity: 2, name: undefined, category: undefined },
        { id: 'b', price: 5.5, quantity: undefined, name: undefined, category: undefined },
      ],
      value: 25.5,
      currency: 'EUR',
      orderId: undefined,
    });
    const bad = cartFields('purchase', { items: [{ id: '' }, null, { id: 7, price: 'x' }] as never, currency: 'euro', orderId: 'o1', value: 3 });
    expect(JSON.parse(JSON.stringify(bad))).toEqual({ action: 'purchase', items: [{ id: '7' }], value: 3, orderId: 'o1' });
  });

  it('reads data-footfall-* attributes: clicks for add/remove/checkout, page views for view_item/view_cart/purchase', async () => {
    document.body.innerHTML = `
      <article data-footfall-cart="view_item" data-footfall-id="mug" data-footfall-name="Mug" data-footfall-price="12" data-footfall-currency="EUR">
        <button data-footfall-cart="add" data-footfall-id="mug" data-footfall-price="12" data-footfall-quantity="2" data-footfall-currency="EUR"><span>Add</span></button>
      </article>
      <div data-footfall-cart="purchase" data-footfall-order-id="o-1" data-footfall-value="30" data-footfall-currency="EUR">
        <i data-footfall-id="a" data-footfall-price="10"></i><i data-footfall-id="b" data-footfall-price="20"></i>
      </div>
      <div data-footfall-ignore><div data-footfall-cart="view_cart"></div></div>`;
    const f = fakeClient();
    cartAttributes()(f.client);
    stop = f.stop;
    f.client._page();
    await waitFor(() => f.emitted.filter((e) => e.type === 'cart').length === 2, 'views');
    document.querySelector('button span')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    const carts = f.emitted.filter((e) => e.type === 'cart').map((e) => JSON.parse(JSON.stringify(e)));
    expect(carts).toEqual([
      { type: 'cart', action: 'view_item', items: [{ id: 'mug', name: 'Mug', price: 12 }], value: 12, currency: 'EUR' },
      { type: 'cart', action: 'purchase', items: [{ id: 'a', price: 10 }, { id: 'b', price: 20 }], value: 30, currency: 'EUR', orderId: 'o-1' },
      { type: 'cart', action: 'add', items: [{ id: 'mug', price: 12, quantity: 2 }], value: 24, currency: 'EUR' },
    ]);
  });
});
