import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStaticFiles, sdkFiles } from './static-files.js';

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

  it('mounts the SDK with its chunks beside it, same cache headers, loadable cross-origin', async () => {
    const built = join(dir, 'built');
    mkdirSync(built);
    for (const f of ['footfall.js', 'footfall-vitals.js', 'footfall-journey.js', 'index.js', 'footfall-x.map']) writeFileSync(join(built, f), `// ${f}`);
    const mounts = sdkFiles(join(built, 'footfall.js'));
    expect(Object.keys(mounts)).toEqual(['/sdk/footfall.js', '/sdk/footfall-journey.js', '/sdk/footfall-vitals.js']);
    const sdk = createStaticFiles({ ...mounts, '/shop/': join(dir, 'shop') }, { cors: Object.keys(mounts) });
    const at = (path: string) => sdk(new Request(`http://x${path}`));
    const script = (await at('/sdk/footfall.js'))!;
    const chunk = (await at('/sdk/footfall-vitals.js'))!;
    expect(await chunk.text()).toBe('// footfall-vitals.js');
    expect(chunk.headers.get('content-type')).toMatch(/javascript/);
    expect(chunk.headers.get('cache-control')).toBe(script.headers.get('cache-control'));
    expect(chunk.headers.get('access-control-allow-origin')).toBe('*');
    expect((await at('/shop/'))!.headers.get('access-control-allow-origin')).toBeNull();
    expect(await at('/sdk/index.js')).toBeUndefined();
    expect(Object.keys(sdkFiles(join(dir, 'nowhere', 'footfall.js')))).toEqual(['/sdk/footfall.js']);
  });

  it('never leaves the folder and answers nothing for unknown paths', async () => {
    expect(await get('/shop/../secret.txt')).toBeUndefined();
    expect(await get('/shop/%2e%2e/secret.txt')).toBeUndefined();
    expect(await get('/shop/missing.html')).toBeUndefined();
    expect(await get('/other')).toBeUndefined();
  });
});
