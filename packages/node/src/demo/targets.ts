/** What the demo clicks on the example shop (examples/shop): page files and element queries, measured by scripts/measure-shop.mjs. */

/** The demo's page kinds and the shop file each is drawn from. */
export const DEMO_PAGE_FILES = {
  home: 'index.html',
  category: 'category.html',
  product: 'product.html',
  cart: 'cart.html',
  shipping: 'checkout/shipping.html',
  payment: 'checkout/payment.html',
  confirmation: 'confirmation.html',
} as const;

export type PageKind = keyof typeof DEMO_PAGE_FILES;

/** The elements the demo's visitors click on each page kind: name → CSS query on the shop page. */
export const DEMO_TARGETS: Readonly<Record<PageKind, Readonly<Record<string, string>>>> = {
  home: { nav: '#nav-category', cart: '#nav-cart', hero: '#shop-now' },
  category: { nav: '#nav-category', cart: '#nav-cart', card0: '#link-mug-classic', card1: '#link-mug-travel', card2: '#link-tea-sampler' },
  product: { nav: '#nav-category', cart: '#nav-cart', add: '#add-to-cart', price: 'article .price' },
  cart: { remove: '#remove-mug-classic', checkout: '#checkout' },
  shipping: { submit: '#shipping-submit', login: '#login-link' },
  payment: { pay: '#pay' },
  confirmation: { continue: '#continue' },
};

/** Every viewport (width, height) of the demo's device profiles (`DEVICES` in shop.ts). */
export const DEMO_VIEWPORTS: readonly (readonly [number, number])[] = [
  [390, 664], [412, 756], [360, 680], [820, 1106], [1536, 730], [1440, 789], [1920, 937], [1280, 689],
];
