// Query parameters outside the allow-list never leave the page (docs/privacy.md#query-strings):
// the BUILT script-tag SDK in real Chromium, url, referrer and a link's href.
import { expect, it } from 'vitest';
import { until } from '../lib/collector-stub.js';
import { FAST, testPage, useChromiumAndStub } from './sdk-helpers.js';

const env = useChromiumAndStub();

it('drops every parameter but utm_* and click ids from url, referrer and href before sending', async () => {
  const { browser, stub } = env;
  const key = 'e2e-keep-params';
  stub.pages.set('/t/kp.html', testPage(key, FAST, '<a id="go" href="/t/kp2.html?token=secret2&gclid=g2">next</a>'));
  stub.pages.set('/t/kp2.html', testPage(key, FAST, '<h1>second</h1>'));
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${stub.url}/t/kp.html?email=alice%40example.test&utm_source=news&token=abc1#section`);
  await page.click('#go');
  await page.waitForURL(/kp2\.html/);
  await until(() => stub.unique(key).filter((e) => e.type === 'page').length === 2 && stub.unique(key).some((e) => e.type === 'click'), 'two page views and a click', 15_000);
  const events = stub.unique(key);
  const [first, second] = events.filter((e) => e.type === 'page');
  expect(first.url).toBe(`${stub.url}/t/kp.html?utm_source=news#section`);
  expect(second.url).toBe(`${stub.url}/t/kp2.html?gclid=g2`);
  expect(second.referrer).toBe(`${stub.url}/t/kp.html?utm_source=news`);
  expect(events.find((e) => e.type === 'click')!.href).toBe(`${stub.url}/t/kp2.html?gclid=g2`);
  // Nothing that left the page carries them, in any request.
  const sent = JSON.stringify(stub.received.filter((r) => r.writeKey === key));
  for (const secret of ['alice', 'abc1', 'secret2']) expect(sent).not.toContain(secret);
  await context.close();
});
