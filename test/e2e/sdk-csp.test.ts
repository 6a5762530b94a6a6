// The built script-tag SDK under a strict Content Security Policy with Trusted Types
// enforced: no eval, no HTML sinks, so no violation, and events still arrive. Its lazily
// loaded vitals chunk runs too: import() carries the script's nonce and is no Trusted
// Types sink (docs/sdk.md#lazy-chunks).
import { expect, it } from 'vitest';
import { until } from '../lib/collector-stub.js';
import { sdkReady, useChromiumAndStub } from './sdk-helpers.js';

const env = useChromiumAndStub();

it('runs under script-src with a nonce, no unsafe-eval, and require-trusted-types-for', async () => {
  const { browser, stub } = env;
  const key = 'e2e-csp';
  const csp = "default-src 'none'; script-src 'self' 'nonce-n0nce'; connect-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'";
  const body = `<!doctype html><html><head><meta charset="utf-8"><title>csp</title>
<script nonce="n0nce">window.violations=[];document.addEventListener('securitypolicyviolation',(e)=>violations.push(e.violatedDirective+' '+e.blockedURI));
window.footfall=window.footfall||function(){(window.footfall.q=window.footfall.q||[]).push(arguments)};footfall('track','queued');</script>
<script async nonce="n0nce" src="/sdk/footfall.js" data-write-key="${key}" data-flush-interval="100"></script>
</head><body><button id="b">Press</button></body></html>`;
  stub.pages.set('/t/csp.html', { type: 'text/html; charset=utf-8', body, headers: { 'content-security-policy': csp } });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${stub.url}/t/csp.html`);
  await sdkReady(page);
  await page.click('#b');
  await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
  await page.goto('about:blank#left'); // ends the page view: click and scroll go out
  await until(() => ['page', 'track', 'click', 'scroll', 'vitals'].every((t) => stub.unique(key).some((e) => e.type === t)), 'events under CSP');
  await context.close();
});

it('loads its vitals chunk from another origin under script-src with only a nonce (no self), with Trusted Types enforced', async () => {
  const { browser, stub } = env;
  const key = 'e2e-csp-nonce-only';
  // The page lives on its own origin (localhost); the script, its chunk and the collector on the stub's (127.0.0.1).
  const site = stub.url.replace('127.0.0.1', 'localhost');
  const csp = `default-src 'none'; script-src 'nonce-n0nce'; connect-src ${stub.url}; require-trusted-types-for 'script'; trusted-types 'none'`;
  const body = `<!doctype html><html><head><meta charset="utf-8"><title>csp</title>
<script nonce="n0nce">window.violations=[];document.addEventListener('securitypolicyviolation',(e)=>violations.push(e.violatedDirective+' '+e.blockedURI));
window.footfall=window.footfall||function(){(window.footfall.q=window.footfall.q||[]).push(arguments)};</script>
<script async nonce="n0nce" src="${stub.url}/sdk/footfall.js" data-write-key="${key}" data-flush-interval="100"></script>
</head><body><p>site</p></body></html>`;
  stub.pages.set('/t/csp-nonce-only.html', { type: 'text/html; charset=utf-8', body, headers: { 'content-security-policy': csp } });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site}/t/csp-nonce-only.html`);
  await sdkReady(page);
  await until(() => stub.unique(key).some((e) => e.type === 'vitals' && e.metric === 'TTFB'), 'vitals from the chunk under a nonce-only CSP');
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
  await context.close();
});
