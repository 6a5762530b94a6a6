import { afterEach, describe, expect, it } from 'vitest';
import { createCollectorApp } from './app.js';
import { createMemoryStore } from './memory.js';
import { jsonAnswer } from './answers.js';
import { serveNode, type NodeServerOptions, type RunningServer } from './node-server.js';
import { rawRequest } from '../test/raw-http.js';

let running: RunningServer | undefined;
let lines: string[] = [];
afterEach(async () => {
  await running?.close();
  running = undefined;
  lines = [];
});

async function start(options: NodeServerOptions = {}, handler?: (request: Request) => Promise<Response>) {
  const app = createCollectorApp({ store: createMemoryStore(), readToken: 'secret' });
  running = await serveNode(handler ?? app.fetch, { port: 0, log: (line) => lines.push(line), ...options });
  return running.port;
}
const alive = async (port: number) => (await rawRequest(port, 'GET /v1/kpis HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer secret\r\nConnection: close\r\n\r\n')).status;

describe('serveNode: no request stops the server (issue 10, 1)', () => {
  const hostile: [string, string, number][] = [
    ['a forbidden method (TRACE)', 'TRACE / HTTP/1.1\r\nHost: x\r\n\r\n', 405],
    ['TRACK', 'TRACK / HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    ['CONNECT', 'CONNECT other.example:443 HTTP/1.1\r\nHost: other.example:443\r\n\r\n', 405],
    ['an absolute-form target', 'GET http://other.example/ HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    ['OPTIONS *', 'OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    ['Host "["', 'GET / HTTP/1.1\r\nHost: [\r\n\r\n', 400],
    ['a port above 65535', 'GET / HTTP/1.1\r\nHost: x:70000\r\n\r\n', 400],
    ['user info in Host', 'GET / HTTP/1.1\r\nHost: user:pass@host\r\n\r\n', 400],
    ['an empty Host', 'GET / HTTP/1.1\r\nHost: \r\n\r\n', 400],
    ['HTTP/1.0 without Host', 'GET /v1/nothing HTTP/1.0\r\n\r\n', 404],
    ['a header value the Fetch API refuses', 'GET / HTTP/1.1\r\nHost: x\r\nX-A: \x7f\x01\r\n\r\n', 400],
    ['garbage', '\x00\x01\x02 nonsense\r\n\r\n', 400],
  ];
  it.each(hostile)('%s: a 4xx, and the server keeps serving', async (_name, raw, status) => {
    const port = await start();
    const answer = await rawRequest(port, raw);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    if (status !== 400 || answer.status !== 400) expect([status, 400]).toContain(answer.status);
    expect(await alive(port)).toBe(200);
  });

  it('a handler that throws or rejects answers 500, logged with its request id and cause', async () => {
    const port = await start({}, async (request) => {
      if (new URL(request.url).pathname === '/sync') throw new Error('boom sync');
      return Promise.reject(new TypeError('boom async'));
    });
    const a = await rawRequest(port, 'GET /sync HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const b = await rawRequest(port, 'GET /async?token=hidden HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect([a.status, b.status]).toEqual([500, 500]);
    const id = /x-request-id: (\S+)/i.exec(b.text)?.[1];
    expect(id).toBeTruthy();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^footfall: 500 \S+ GET \/sync: INTERNAL_ERROR: .* <- boom sync$/);
    expect(lines[1]).toContain(`500 ${id} GET /async: `);
    expect(lines[1]).toContain('boom async');
    expect(lines.join('\n')).not.toContain('hidden'); // query strings (tokens) are not logged
  });
});

describe('serveNode: bodies are cut at the limit (issue 10, 7)', () => {
  it('a declared Content-Length above the limit is answered 413 at once, before any body byte', async () => {
    const port = await start({ maxBodyBytes: 1000 });
    const answer = await rawRequest(port, 'POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n', { waitMs: 5000 });
    expect(answer.status).toBe(413);
    expect(answer.text).toContain('PAYLOAD_TOO_LARGE');
    expect(await alive(port)).toBe(200);
  });

  it('a chunked body that never ends is answered 413 once it passes the limit, and the connection closed', async () => {
    const port = await start({ maxBodyBytes: 10_000 });
    let sent = 0;
    const chunk = `400\r\n${'x'.repeat(0x400)}\r\n`;
    const answer = await rawRequest(port, 'POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n', {
      waitMs: 5000,
      // Stops by itself after 50 MB: bounded even if the server never cut it.
      keepSending: () => ((sent += chunk.length) < 50_000_000 ? chunk : undefined),
    });
    expect(answer.status).toBe(413);
    expect(sent).toBeLessThan(5_000_000);
    expect(await alive(port)).toBe(200);
  });

  it('a body slower than the timeout is answered 408 and its connection closed', async () => {
    const port = await start({ bodyTimeoutMs: 300 });
    const answer = await rawRequest(port, 'POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"v":1', { waitMs: 5000 });
    expect(answer.status).toBe(408);
    expect(answer.text).toContain('REQUEST_TIMEOUT');
    expect(answer.closed || /connection: close/i.test(answer.text)).toBe(true);
  });
});

describe('security headers and logged 5xx (issue 10, 12)', () => {
  it('every answer carries nosniff, a referrer policy and a CSP that forbids framing', async () => {
    const port = await start();
    const requests = ['/', '/v1/kpis', '/v1/nothing', '/missing', '/v1/batch'].map((path) => `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    // Answers the adapter makes itself too: a bad Host, a body too large.
    requests.push('GET / HTTP/1.1\r\nHost: [\r\n\r\n', 'POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n');
    for (const raw of requests) {
      const a = await rawRequest(port, raw);
      expect(a.text).toMatch(/x-content-type-options: nosniff/i);
      expect(a.text).toMatch(/referrer-policy: no-referrer/i);
      expect(a.text).toMatch(/content-security-policy: [^\r]*frame-ancestors 'none'/i);
      expect(a.text).toMatch(/x-request-id: /i);
    }
  });

  it("the dashboard's CSP allows exactly its own inline scripts, by hash", async () => {
    const html = '<!doctype html><script type="application/json">{"a":1}</script><script>console.log(1)</script>';
    const app = createCollectorApp({ store: createMemoryStore(), readToken: 'secret', dashboard: () => html });
    const res = await app.fetch(new Request('http://x/'));
    const csp = res.headers.get('content-security-policy')!;
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update('console.log(1)').digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash}';`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('a store failure (503) is logged on one line with its request id and cause', async () => {
    const store = createMemoryStore();
    store.append = () => Promise.reject(new Error('disk full'));
    const app = createCollectorApp({ store, readToken: 'secret' });
    const port = await start({}, app.fetch);
    const body = JSON.stringify({ v: 1, sentAt: 1, writeKey: 'k', events: [{ id: 'e1', type: 'page', ts: 1, anonymousId: 'a', url: '/' }] });
    const a = await rawRequest(port, `POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
    expect(a.status).toBe(503);
    const id = /x-request-id: (\S+)/i.exec(a.text)![1];
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^footfall: 503 ${id} POST /v1/batch: STORE_FAILED: .*disk full`))]);
  });
});

describe('400, not 500, for what a request cannot mean (issue 10, 8)', () => {
  it('malformed percent-encoding on a static path, from/to beyond int64, other parameters', async () => {
    const { createStaticFiles } = await import('./static-files.js');
    const app = createCollectorApp({ store: createMemoryStore(), readToken: 'secret', assets: createStaticFiles({ '/shop/': '/nonexistent' }) });
    const port = await start({}, app.fetch);
    const get = async (path: string) => (await rawRequest(port, `GET ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer secret\r\nConnection: close\r\n\r\n`)).status;
    expect(await get('/shop/%E0%A4%A')).toBe(400);
    expect(await get('/shop/%')).toBe(400);
    expect(await get('/v1/kpis?from=99999999999999999999999')).toBe(400);
    expect(await get('/v1/kpis?to=9223372036854775808')).toBe(400);
    expect(await get('/v1/paths?steps=99999999999999999999')).toBe(400);
    expect(await get('/v1/kpis?retention-day=123456789012')).toBe(400);
    expect(await get('/v1/funnel?step=page:/&window=1e400d')).toBe(400);
    expect(await get(`/v1/funnel?step=page:/&window=1${'%20'.repeat(3000)}x`)).toBe(400);
    expect(await get('/v1/kpis?channel=%ZZ')).toBe(200);
    expect(lines).toEqual([]);
  });
});

describe('serveNode: answers the collector made itself (answerTexts)', () => {
  it('writes the same bytes and headers as reading the body back, also for an answer that was cloned', async () => {
    const value = { accepted: 2, rejected: [{ index: 1, errors: ['é — "quoted"'] }] };
    const mine = jsonAnswer(value, { status: 200, headers: { 'x-a': '1' } });
    const read = jsonAnswer(value, { status: 200, headers: { 'x-a': '1' } });
    await read.clone().text();
    const answers = [mine, read, Response.json(value, { status: 200, headers: { 'x-a': '1' } })];
    const port = await start({}, async () => answers.shift()!);
    const got = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/x`, { method: 'POST', body: '{}' });
      got.push({ status: res.status, type: res.headers.get('content-type'), length: res.headers.get('content-length'), a: res.headers.get('x-a'), body: await res.text() });
    }
    expect(got[0]).toEqual(got[2]);
    expect(got[1]).toEqual(got[2]);
    expect(JSON.parse(got[0].body)).toEqual(value);
  });
});
