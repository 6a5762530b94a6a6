/** The views of the sources beyond the browser (docs/dashboard.md#the-views), as routes of the tab bar. */
import type { Route } from '../context.js';
import { channels } from './channels.js';
import { email } from './email.js';
import { products } from './products.js';
import { service } from './service.js';

export const SOURCE_ROUTES: Route[] = [
  { id: 'channels', label: 'Channels', heading: 'Channels and campaigns', intro: 'Ad spend and clicks beside the sessions and orders they brought; landing pages that lose them first.', view: channels },
  { id: 'email', label: 'Email', heading: 'Email', intro: 'Campaigns from send to open, click, visit and order.', view: email },
  { id: 'service', label: 'Service', heading: 'Customer service', intro: 'Support contacts per 1,000 sessions by page, product and reason; how fast they are answered.', view: service },
  { id: 'products', label: 'Products', heading: 'Products', intro: 'Views, purchases, revenue and ratings per product; viewed a lot but rarely bought first.', view: products },
];
