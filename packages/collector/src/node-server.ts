import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LIMITS } from '@footfall/core';
import { bufferedBodies } from './body.js';

/** A Fetch-API handler: what `handleBatch` and the whole app are. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** Options of the node:http adapter. */
export interface NodeServerOptions {
  /** Port; 0 picks a free one. @default 8787 */
  port?: number;
  /** Interface to bind. @default '127.0.0.1' */
  host?: string;
  /** Bytes of a request body passed on; beyond that the handler sees one byte more and answers 413. @default 524288 */
  maxBodyBytes?: number;
}

/** A running server: its address and how to stop it. */
export interface RunningServer {
  server: Server;
  /** `http://host:port`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Turns a Fetch-API handler into a node:http request listener: the body is buffered
 * (capped), the handler runs, and its Response (streamed bodies too, such as SSE) is
 * written back. Nothing else happens here, so the handler stays runtime-agnostic.
 *
 * @example
 * ```ts
 * createServer(toNodeListener(handleBatch)).listen(8787);
 * ```
 */
export function toNodeListener(handler: FetchHandler, options: { maxBodyBytes?: number } = {}) {
  const cap = (options.maxBodyBytes ?? LIMITS.batchBytes) + 1;
  return (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size >= cap) return;
      chunks.push(chunk);
      size += chunk.length;
    });
    req.on('end', () => {
      const abort = new AbortController();
      // Abort only when the client leaves before the answer is written (SSE streams).
      res.on('close', () => {
        if (!res.writableFinished) abort.abort();
      });
      const headers = new Headers();
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
      const method = req.method ?? 'GET';
      const hasBody = method !== 'GET' && method !== 'HEAD';
      const body = hasBody ? (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).subarray(0, cap) : undefined;
      // The bytes go beside the Request (bufferedBodies), not through a Web stream.
      const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, { method, headers, signal: abort.signal });
      if (body) bufferedBodies.set(request, body);
      handler(request).then((response) => send(response, res), (error: Error) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`internal error: ${error.message}\n`);
      });
    });
  };
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => { headers[key] = value; });
  if (!response.body) {
    res.writeHead(response.status, headers).end();
    return;
  }
  if (!headers['content-type']?.startsWith('text/event-stream')) {
    const bytes = Buffer.from(await response.arrayBuffer());
    headers['content-length'] = String(bytes.length);
    res.writeHead(response.status, headers).end(bytes);
    return;
  }
  res.writeHead(response.status, headers);
  res.flushHeaders();
  const reader = response.body.getReader();
  res.on('close', () => void reader.cancel().catch(() => {}));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || res.destroyed) break;
      res.write(value);
    }
  } catch {
    /* the client went away */
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
  const server = createServer({ keepAliveTimeout: 65_000 }, toNodeListener(handler, options));
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
