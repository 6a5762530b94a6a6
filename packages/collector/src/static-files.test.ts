import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStaticFiles } from './static-files.js';

const dir = mkdtempSync(join(tmpdir(), 'footfall-static-'));
mkdirSync(join(dir, 'shop', 'checkout'), { recursive: true });
writeFileSync(join(dir, 'shop', 'index.html'), '<h1>shop</h1>');
writeFileSync(join(dir, 'shop', 'checkout', 'index.html'), '<h1>pay</h1>');
writeFileSync(join(dir, 'secret.txt'), 'secret');
writeFileSync(join(dir, 'sdk.js'), 'console.log(1)');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const assets = createStaticFiles({ '/shop/': join(dir, 'shop'), '/sdk/footfall.js': join(dir, 'sdk.js') });
const get = (path: string) => assets(new Request(`http://x${path}`));

describe('static files', () => {
  it('serves folders with index.html, single files, with their media type', async () => {
    const home = (await get('/shop/'))!;
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(await home.text()).toBe('<h1>shop</h1>');
    expect(await (await get('/shop/checkout'))!.text()).toBe('<h1>pay</h1>');
    const sdk = (await get('/sdk/footfall.js'))!;
    expect(sdk.headers.get('content-type')).toMatch(/javascript/);
    expect((await get('/shop'))!.status).toBe(308);
  });

  it('redirects paths no file answers, one segment per *, files first', async () => {
    const site = createStaticFiles({ '/shop/': join(dir, 'shop') }, { redirects: { '/shop/product/*': '/shop/product.html', '/shop/checkout': '/shop/elsewhere.html', '/shop/a.b': '/shop/' } });
    const at = (path: string) => site(new Request(`http://x${path}`));
    const moved = (await at('/shop/product/trail-runner'))!;
    expect(moved.status).toBe(302);
    expect(moved.headers.get('location')).toBe('/shop/product.html');
    expect((await at('/shop/product/trail-runner/'))!.status).toBe(302);
    expect(await at('/shop/product/a/b')).toBeUndefined();
    expect(await at('/shop/product')).toBeUndefined();
    expect(await at('/shop/axb')).toBeUndefined(); // the dot is literal
    expect(await (await at('/shop/checkout'))!.text()).toBe('<h1>pay</h1>');
  });

  it('never leaves the folder and answers nothing for unknown paths', async () => {
    expect(await get('/shop/../secret.txt')).toBeUndefined();
    expect(await get('/shop/%2e%2e/secret.txt')).toBeUndefined();
    expect(await get('/shop/missing.html')).toBeUndefined();
    expect(await get('/other')).toBeUndefined();
  });
});
