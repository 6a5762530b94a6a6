// The script tag's data-keep-params (docs/privacy.md#query-strings).
// The SDK started here keeps running until the file ends: its fetch stays the fake one.
import { expect, it } from 'vitest';
import { fakeCollector, freshDevice, waitFor } from '../../test/fakes.js';

it('data-keep-params replaces the allow-list: listed parameters stay, the rest are dropped', async () => {
  freshDevice();
  const col = fakeCollector();
  history.replaceState(null, '', '/search?q=shoes&ref=ad&utm_source=x&email=a%40b.test');
  const script = document.createElement('script');
  script.setAttribute('data-write-key', 'site_1');
  script.setAttribute('data-flush-interval', '20');
  script.setAttribute('data-keep-params', 'q, ref');
  document.head.append(script);
  await import('../standalone.js');
  await waitFor(() => col.delivered().some((e) => e.type === 'page'), 'delivery');
  const page = col.delivered().find((e) => e.type === 'page')!;
  expect(page.url).toBe(`${location.origin}/search?q=shoes&ref=ad`);
});
