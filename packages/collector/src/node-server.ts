import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FootfallError, LIMITS } from '@footfall/core';
import { answerTexts } from './answers.js';
import { bufferedBodies } from './body.js';
import { describeFailure, errorResponse, failureOf, HttpFailure } from './http-error.js';
import { withSecurityHeaders } from './security-headers.js';

/** A Fetch-API handler: what `handleBatch` and the whole app are. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** Options of the node:http request listener (`toNodeListener`). */
export interface NodeListenerOptions {
  /** Bytes of a request body taken; a declared or received body above it is answered 413 at once. @default 524288 */
  maxBodyBytes?: number;
  /** Milliseconds to receive a whole request body; a slower one is answered 408 and its connection closed. @default 10000 */
  bodyTimeoutMs?: number;
  /**
   * Where 5xx answers and handler failures are logged, one line each: status, request id,
   * method, path and cause (docs/collector.md, "Limits and hardening").
   * @default a line on stderr
   */
  log?: (line: string) => void;
}

/** Options of the node:http adapter. */
export interface NodeServerOptions extends NodeListenerOptions {
  /** Port; 0 picks a free one. @default 8787 */
  port?: number;
  /** Interface to bind. @default '127.0.0.1' */
  host?: string;
  /** Milliseconds to receive a request's headers (slowloris). @default 10000 */
  headersTimeoutMs?: number;
}

/** A running server: its address and how to stop it. */
export interface RunningServer {
  server: Server;
  /** `http://host:port`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Methods the Fetch API refuses to carry (`new Request` throws on them). */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
/** A `Host` authority: a name, IPv4 or bracketed IPv6, optional port; no user info. */
const AUTHORITY = /^(?:\[[0-9a-f:.]{2,45}\]|[a-z0-9_.-]{1,253})(?::(\d{1,5}))?$/i;

const stderrLog = (line: string) => void process.stderr.write(`${line}\n`);

/** Request ids: a random prefix per process and a counter (cheap, unique, not guessable across restarts). */
function requestIds(): () => string {
  const prefix = randomBytes(4).toString('hex');
  let n = 0;
  return () => `${prefix}-${(++n).toString(36)}`;
}

/**
 * The URL of a request, from its target and `Host` header; throws `HttpFailure` 400/405 for a
 * request the Fetch API cannot carry, instead of letting `new Request` throw outside a handler.
 */
function requestUrl(req: IncomingMessage): string {
  const method = req.method ?? 'GET';
  if (FORBIDDEN_METHODS.has(method)) throw new HttpFailure(405, 'INVALID_REQUEST', `${method} is not served: use GET, HEAD, POST or OPTIONS`);
  const target = req.url ?? '/';
  if (!target.startsWith('/')) {
    throw new HttpFailure(400, 'INVALID_REQUEST', 'the request target is not a path: send origin-form targets such as GET /v1/kpis HTTP/1.1');
  }
  const host = req.headers.host ?? 'localhost';
  const m = AUTHORITY.exec(host);
  if (!m || (m[1] !== undefined && Number(m[1]) > 65535)) {
    throw new HttpFailure(400, 'INVALID_REQUEST', 'the Host header is not a host[:port] authority: send e.g. Host: collector.example');
  }
  const url = `http://${host}${target}`;
  if (!URL.canParse(url)) throw new HttpFailure(400, 'INVALID_REQUEST', 'the request target is not a valid URL path: percent-encode it');
  return url;
}

/**
 * Turns a Fetch-API handler into a node:http request listener: the body is buffered
 * (capped), the handler runs, and its Response (streamed bodies too, such as SSE) is
 * written back. Any request, however malformed, gets an answer (4xx for what the Fetch API
 * cannot carry, 413 for a body above the limit, 408 for a body slower than the timeout,
 * 500 logged for a handler that fails): nothing a request sends is thrown out of the listener.
 * A GET request's `signal` aborts when the client leaves before the answer is written (a
 * stream it stops reading); other methods' requests carry a signal that never aborts.
 *
 * @example
 * ```ts
 * createServer(toNodeListener(handleBatch)).listen(8787);
 * ```
 */
export function toNodeListener(handler: FetchHandler, options: NodeListenerOptions = {}) {
  const max = options.maxBodyBytes ?? LIMITS.batchBytes;
  const timeoutMs = options.bodyTimeoutMs ?? 10_000;
  const log = options.log ?? stderrLog;
  const nextId = requestIds();
  return (req: IncomingMessage, res: ServerResponse): void => {
    const id = nextId();
    const where = `${req.method} ${(req.url ?? '').split('?')[0].slice(0, 200)}`;
    /** Answers the adapter makes itself (4xx for what the handler never sees, 500 for a handler that threw), with the API's security headers. */
    const fail = (response: Response) => {
      void withSecurityHeaders(response, 'api')
        .then((secured) => send(secured, res, id, where, log))
        .catch((error) => log(`footfall: failed to answer ${id} ${where}: ${describeFailure(error)}`));
    };
    /** Answers before the body was read, then drops the connection (the body is never read). */
    const cutOff = (failure: HttpFailure) => {
      if (res.headersSent) return void req.destroy();
      req.removeAllListeners('data');
      fail(errorResponse(failure.status, failure, { connection: 'close' }));
      res.once('finish', () => setTimeout(() => req.destroy(), 200).unref());
      req.resume();
    };
    try {
      let url: string;
      try {
        url = requestUrl(req);
      } catch (error) {
        return cutOff(error as HttpFailure);
      }
      const declared = req.headers['content-length'];
      if (declared !== undefined && Number(declared) > max) return cutOff(tooLarge(max));
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      const timer = setTimeout(() => {
        done = true;
        cutOff(new HttpFailure(408, 'REQUEST_TIMEOUT', `the request body did not arrive within ${timeoutMs} ms: send it at once`));
      }, timeoutMs);
      timer.unref();
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > max) {
          done = true;
          clearTimeout(timer);
          return cutOff(tooLarge(max));
        }
        chunks.push(chunk);
      });
      req.on('error', () => clearTimeout(timer));
      req.on('end', () => {
        clearTimeout(timer);
        if (done) return;
        done = true;
        try {
          const headers = new Headers();
          for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
          const method = req.method ?? 'GET';
          const hasBody = method !== 'GET' && method !== 'HEAD';
          // `request.signal` aborts when the client leaves before the answer is written: only
          // GET answers stream (SSE), and an AbortController plus the Request's listener on it
          // cost ~25 µs per request, a third of what an ingest batch's Request costs
          // (docs/collector.md, "Throughput"); other methods get the Request's own signal.
          let signal: AbortSignal | undefined;
          if (method === 'GET') {
            const abort = new AbortController();
            res.on('close', () => {
              if (!res.writableFinished) abort.abort();
            });
            signal = abort.signal;
          }
          const body = hasBody ? (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)) : undefined;
          // The bytes go beside the Request (bufferedBodies), not through a Web stream.
          const request = new Request(url, signal ? { method, headers, signal } : { method, headers });
          if (body) bufferedBodies.set(request, body);
          handler(request).then(
            (response) => send(response, res, id, where, log),
            (error: unknown) => fail(internal(error)),
          ).catch((error) => log(`footfall: failed to answer ${id} ${where}: ${describeFailure(error)}`));
        } catch (error) {
          // Headers the Fetch API refuses (odd bytes in a value): the request's fault.
          fail(errorResponse(400, new FootfallError('INVALID_REQUEST', `the request could not be read (${(error as Error).message}): send plain HTTP/1.1 headers`, { cause: error })));
        }
      });
    } catch (error) {
      fail(internal(error));
    }
  };
}

function tooLarge(max: number): HttpFailure {
  return new HttpFailure(413, 'PAYLOAD_TOO_LARGE', `the body is larger than ${max} bytes: send fewer events per batch (at most ${LIMITS.batchEvents}, ${max} bytes)`);
}

function internal(error: unknown): Response {
  return errorResponse(500, new FootfallError('INTERNAL_ERROR', 'the collector failed on this request; it is logged with the request id: retry later', { cause: error }));
}

async function send(response: Response, res: ServerResponse, id: string, where: string, log: (line: string) => void): Promise<void> {
  if (response.status >= 500) {
    const failure = failureOf(response);
    log(`footfall: ${response.status} ${id} ${where}: ${failure ? describeFailure(failure) : 'no cause recorded'}`);
  }
  if (res.destroyed) return;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => { headers[key] = value; });
  headers['x-request-id'] = id;
  if (!response.body) {
    res.writeHead(response.status, headers).end();
    return;
  }
  if (!headers['content-type']?.startsWith('text/event-stream')) {
    // The collector's own JSON answers hand their text over (answerTexts), unread.
    const text = response.bodyUsed ? undefined : answerTexts.get(response);
    const bytes = text === undefined ? Buffer.from(await response.arrayBuffer()) : Buffer.from(text);
    headers['content-length'] = String(bytes.length);
    if (!res.destroyed) res.writeHead(response.status, headers).end(bytes);
    return;
  }
  res.writeHead(response.status, headers);
  res.flushHeaders();
  const reader = response.body.getReader();
  res.on('close', () => void reader.cancel().catch(() => {}));
  // Settles when the stream ends or errors (the live stream errors it to drop a slow reader).
  const ended = reader.closed.catch(() => {});
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || res.destroyed) break;
      // Backpressure: wait for the socket to drain before reading the next chunk, so a
      // reader that stops reading leaves chunks in the stream's bounded queue, not here.
      if (!res.write(value)) {
        await Promise.race([new Promise<void>((resume) => { res.once('drain', resume); res.once('close', resume); }), ended]);
      }
    }
  } catch {
    // The stream failed or dropped this client: free the socket and what it still buffers.
    res.destroy();
    return;
  }
  res.end();
}

/**
 * Serves a Fetch-API handler with node:http and resolves once it listens.
 *
 * @example
 * ```ts
 * const { url, close } = await serveNode(handleBatch, { port: 0 });
 * ```
 */
export async function serveNode(handler: FetchHandler, options: NodeServerOptions = {}): Promise<RunningServer> {
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const server = createServer(
    {
      keepAliveTimeout: 65_000,
      headersTimeout,
      // A backstop to the listener's own body timeout; 0 would disable it.
      requestTimeout: Math.max(headersTimeout, (options.bodyTimeoutMs ?? 10_000) * 2),
      connectionsCheckingInterval: 1_000,
    },
    toNodeListener(handler, options),
  );
  // CONNECT never reaches the request listener; without this the socket is dropped unanswered.
  server.on('connect', (_req: IncomingMessage, socket: import('node:stream').Duplex) => {
    socket.on('error', () => {});
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    server,
    port,
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
