import { describe, expect, it } from 'vitest';
import { createBatchHandler } from './handle-batch.js';
import { createMemoryStore } from './memory.js';
import type { Store, StoredEvent } from './store.js';

const send = (handle: (r: Request) => Promise<Response>, events: object[]) =>
  handle(new Request('http://x/v1/batch', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ v: 1, sentAt: Date.now(), writeKey: 'site', events }) }));
const stored = async (store: Store) => {
  const out: StoredEvent[] = [];
  for await (const e of store.scan()) out.push(e);
  return out.sort((a, b) => b.id.localeCompare(a.id)); // p1, c1
};
const events = [
  { id: 'p1', type: 'page', ts: Date.now(), anonymousId: 'a', url: 'https://shop.test/?email=alice%40x.test&utm_source=news&gclid=g', referrer: 'https://mail.test/read?msg=42' },
  { id: 'c1', type: 'click', ts: Date.now(), anonymousId: 'a', url: 'https://shop.test/', selector: 'a', tag: 'a', x: 1, y: 1, rx: 0, ry: 0, vw: 100, vh: 100, dh: 100, href: 'https://shop.test/reset?token=t' },
];

describe('query parameters on ingest (docs/privacy.md#query-strings)', () => {
  it('drops what the allow-list does not name, whatever the client sent', async () => {
    const store = createMemoryStore();
    expect((await send(createBatchHandler({ store }), events)).status).toBe(200);
    const [page, click] = await stored(store);
    expect(page).toMatchObject({ url: 'https://shop.test/?utm_source=news&gclid=g', referrer: 'https://mail.test/read' });
    expect(click).toMatchObject({ href: 'https://shop.test/reset' });
  });

  it('keeps what a configured list names; "*" keeps everything', async () => {
    const own = createMemoryStore();
    await send(createBatchHandler({ store: own, keepParams: ['email', 'msg'] }), events);
    expect((await stored(own))[0]).toMatchObject({ url: 'https://shop.test/?email=alice%40x.test', referrer: 'https://mail.test/read?msg=42' });
    const all = createMemoryStore();
    await send(createBatchHandler({ store: all, keepParams: ['*'] }), events);
    expect((await stored(all))[0].url).toBe(events[0].url);
  });
});
