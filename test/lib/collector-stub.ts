// A minimal collector for real-browser tests (the test oracle, docs/internals.md#build-test-layout): it
// serves the built SDK and the example shop, records every batch body it receives
// with the status it answered, and can be told to fail requests.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A wire event as recorded (docs/events.md fields, loosely typed for assertions). */
export type WireEvent = { id: string; type: string; ts: number; url: string; [field: string]: unknown };

/** One POST the stub received. */
export interface Received {
  status: number;
  writeKey: string;
  events: WireEvent[];
  contentType: string;
  at: number;
}

/** What to answer a batch request with (default 200). */
export type Responder = (request: { n: number; writeKey: string; events: WireEvent[] }) => { status: number; headers?: Record<string, string> };

export interface CollectorStub {
  /** `http://127.0.0.1:<port>` */
  url: string;
  received: Received[];
  /** Test pages served at their path, e.g. `/t/basic.html`: HTML, or a body with its content type. */
  pages: Map<string, string | { type: string; body: string; headers?: Record<string, string> }>;
  /** Answers batch requests; replace per test. */
  respond: Responder;
  /** Rewrites served shop HTML (e.g. to add `data-*` options to the script tag). */
  rewriteHtml: (html: string) => string;
  /** Events of 2xx requests for `writeKey`, in arrival order (duplicates included). */
  delivered(writeKey: string): WireEvent[];
  /** Delivered events deduped by id. */
  unique(writeKey: string): WireEvent[];
  close(): Promise<void>;
}

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

/** Starts the stub on 127.0.0.1, port 0. */
export async function startCollectorStub(): Promise<CollectorStub> {
  let n = 0;
  const stub: CollectorStub = {
    url: '',
    received: [],
    pages: new Map(),
    respond: () => ({ status: 200 }),
    rewriteHtml: (html) => html,
    delivered: (key) => stub.received.filter((r) => r.writeKey === key && r.status >= 200 && r.status < 300).flatMap((r) => r.events),
    unique: (key) => [...new Map(stub.delivered(key).map((e) => [e.id, e])).values()],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url || '/', 'http://x').pathname;
    if (req.method === 'POST' && path === '/v1/batch') {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      let body: { writeKey?: string; events?: WireEvent[] } = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        /* recorded as empty */
      }
      const writeKey = String(body.writeKey ?? '');
      const events = Array.isArray(body.events) ? body.events : [];
      const answer = stub.respond({ n: n++, writeKey, events });
      stub.received.push({ status: answer.status, writeKey, events, contentType: String(req.headers['content-type'] ?? ''), at: Date.now() });
      // Like the collector (docs/collector.md, CORS), pages of any origin may read the answer.
      res.writeHead(answer.status, { 'content-type': 'application/json', 'access-control-allow-origin': '*', ...answer.headers });
      res.end('{}');
      return;
    }
    const page = stub.pages.get(path);
    if (page !== undefined) {
      const { type, body, headers } = typeof page === 'string' ? { type: 'text/html; charset=utf-8', body: page, headers: {} } : page;
      res.writeHead(200, { 'content-type': type, ...headers });
      res.end(body);
      return;
    }
    let file: string | undefined;
    if (path === '/sdk/footfall.js' || /^\/sdk\/footfall-[a-z0-9]+\.js$/.test(path)) file = join(root, 'packages/browser/dist', path.slice('/sdk/'.length));
    else if (path.startsWith('/shop/')) {
      const rel = normalize(path.slice('/shop/'.length)).replace(/^(\.\.[/\\])+/, '');
      file = join(root, 'examples/shop', rel.endsWith('/') || rel === '.' || rel === '' ? join(rel, 'index.html') : rel);
    }
    try {
      if (!file) throw new Error('not found');
      let data: Buffer | string = await readFile(file);
      if (extname(file) === '.html') data = stub.rewriteHtml(data.toString('utf8'));
      // The SDK's chunks are ES modules: a page of another origin loads them with CORS, as the collector allows.
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', 'access-control-allow-origin': '*' });
      res.end(data);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return stub;
}

/** Polls `check` until it returns true or `timeoutMs` passes (then throws with `what`). */
export async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
