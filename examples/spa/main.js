// A single-page app using the npm entry of @footfall/browser with client-side routing.
// Page views come from history.pushState / popstate (autocapture's pageViews), so the
// router below needs no analytics code at all.
import { autocapture, cart, identify, init, track } from '@footfall/browser';

const params = new URLSearchParams(location.search);
init({
  writeKey: 'demo',
  // The collector (`footfall serve`, port 8787 by default); the endpoint path is renamable.
  host: params.get('collector') || 'http://localhost:8787',
  endpoint: '/v1/batch',
  capture: [autocapture()],
});

const products = { 'mug-classic': { name: 'Classic mug', price: 12 }, 'mug-travel': { name: 'Travel mug', price: 24 } };

const views = {
  '/': () => `<h1>Mugs worth keeping</h1><p><a href="/products" data-link id="to-products">Browse products</a></p>`,
  '/products': () =>
    `<h1>Products</h1><ul>${Object.entries(products)
      .map(([id, p]) => `<li><a href="/products/${id}" data-link id="to-${id}">${p.name}</a> €${p.price}</li>`)
      .join('')}</ul>`,
  '/products/:id': (id) => {
    const p = products[id];
    if (!p) return '<h1>Not found</h1>';
    cart.view({ items: [{ id, name: p.name, price: p.price }], currency: 'EUR' });
    return `<h1>${p.name}</h1><p>€${p.price}</p><button id="add" data-id="${id}">Add to cart</button>
      <p><a href="/checkout" data-link id="to-checkout">Checkout</a></p>`;
  },
  '/checkout': () => `<h1>Checkout</h1><button id="buy">Buy now</button>`,
  '/thanks': () => `<h1>Thank you!</h1><p><a href="/" data-link id="to-home">Home</a></p>`,
};

function render() {
  const path = location.pathname.replace(/\/index\.html$/, '/') || '/';
  const [, section, id] = path.split('/');
  const view = id ? views[`/${section}/:id`] : views[path] || views['/'];
  document.getElementById('app').innerHTML = view(id);
}

function navigate(path) {
  history.pushState(null, '', path);
  render();
}

document.addEventListener('click', (e) => {
  const link = e.target.closest('a[data-link]');
  if (link) {
    e.preventDefault();
    navigate(link.getAttribute('href'));
    return;
  }
  if (e.target.id === 'add') {
    const id = e.target.dataset.id;
    cart.add({ items: [{ id, name: products[id].name, price: products[id].price, quantity: 1 }], currency: 'EUR' });
  }
  if (e.target.id === 'buy') {
    identify('customer-42');
    cart.purchase({ orderId: 'spa-' + Date.now(), value: 12, currency: 'EUR' });
    track('checkout_completed', { method: 'card' });
    navigate('/thanks');
  }
});
window.addEventListener('popstate', render);
render();
