// The SDK applies the core's keepParams (docs/privacy.md#query-strings) to every event before it is queued.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../client.js';
import { fakeCollector, freshDevice, waitFor } from '../../test/fakes.js';

describe('the SDK drops query parameters before an event is queued', () => {
  let clients: Client[] = [];
  beforeEach(freshDevice);
  afterEach(() => {
    clients.forEach((c) => c._stop!());
    clients = [];
    history.replaceState(null, '', '/');
  });

  it('in url, referrer and href, by default and with keepParams', async () => {
    const col = fakeCollector();
    history.replaceState(null, '', '/checkout?email=alice%40example.test&utm_source=news#step');
    const c = createClient({ writeKey: 'k', flushInterval: 10, backoffBase: 10 });
    clients.push(c);
    c._page();
    c._emit('click', { href: 'https://shop.test/reset?token=secret&gclid=g' });
    await waitFor(() => col.delivered().length === 2, 'delivery ' + JSON.stringify(col.delivered().map((e) => (e as { type: string }).type)), 10_000);
    const [page, click] = col.delivered() as unknown as Record<string, string>[];
    expect(page.url).toBe(`${location.origin}/checkout?utm_source=news#step`);
    expect(click.href).toBe('https://shop.test/reset?gclid=g');
    expect(JSON.stringify(col.delivered())).not.toMatch(/alice|secret/);

    const own = createClient({ writeKey: 'k', flushInterval: 10, backoffBase: 10, keepParams: ['email'] });
    clients.push(own);
    own._emit('track', { name: 'x', referrer: 'https://r.test/?q=1' });
    await waitFor(() => col.delivered().length === 3, 'delivery ' + JSON.stringify(col.delivered().map((e) => (e as { type: string }).type)), 10_000);
    expect(col.delivered()[2]).toMatchObject({ url: `${location.origin}/checkout?email=alice%40example.test#step`, referrer: 'https://r.test/' });
  });
});
