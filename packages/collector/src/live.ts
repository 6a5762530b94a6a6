import type { StoredEvent } from './store.js';

/** Options of the live stream. */
export interface LiveStreamOptions {
  /** Milliseconds between keep-alive comments. @default 15000 */
  heartbeatMs?: number;
  /**
   * Bytes queued for one client that has not read them yet; a client further behind is
   * disconnected (it reconnects and goes on from then: EventSource does so by itself).
   * @default 4194304 (4 MiB)
   */
  maxBufferedBytes?: number;
  /** Clients connected at once; more are answered 503 with `Retry-After`. @default 64 */
  maxClients?: number;
}

/** Fans stored events out to Server-Sent-Events clients. */
export interface LiveStream {
  /** Sends events to every connected client (the batch handler calls this after a commit). */
  publish(events: readonly StoredEvent[]): void;
  /** Answers `GET /v1/live[?writeKey=K]` with an SSE stream: one `data:` message per stored event. */
  handle(request: Request): Response;
  /** Connected clients. */
  readonly clients: number;
  /** Bytes queued for all clients and not yet taken by the server adapter (at most `maxBufferedBytes` each). */
  readonly bufferedBytes: number;
  /** Clients disconnected so far for being too far behind. */
  readonly dropped: number;
}

const encoder = new TextEncoder();

interface Client {
  send(events: readonly StoredEvent[]): void;
  /** Bytes queued and not yet read. */
  queued(): number;
}

/**
 * A live stream of stored events as Server-Sent Events (Fetch API only). Each message's
 * `id` is the event id and its `data` the stored event as JSON; a `: ping` comment keeps
 * idle connections open. Each client's queue is bounded (`maxBufferedBytes`): the stream
 * honours backpressure from the reader, and a client that stops reading is disconnected
 * rather than buffered for without end (docs/collector.md, "Limits and hardening").
 *
 * @example
 * ```ts
 * const live = createLiveStream();
 * const handleBatch = createBatchHandler({ store, onStored: live.publish });
 * // GET /v1/live → live.handle(request)
 * ```
 */
export function createLiveStream(options: LiveStreamOptions = {}): LiveStream {
  const clients = new Set<Client>();
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxBytes = options.maxBufferedBytes ?? 4 * 1024 * 1024;
  const maxClients = options.maxClients ?? 64;
  let dropped = 0;
  return {
    get clients() {
      return clients.size;
    },
    get bufferedBytes() {
      let n = 0;
      for (const c of clients) n += c.queued();
      return n;
    },
    get dropped() {
      return dropped;
    },
    publish(events) {
      for (const c of clients) c.send(events);
    },
    handle(request) {
      if (clients.size >= maxClients) {
        return Response.json(
          { error: { code: 'RATE_LIMITED', message: `${maxClients} live clients are connected already: retry later`, details: [] } },
          { status: 503, headers: { 'retry-after': '5' } },
        );
      }
      const writeKey = new URL(request.url).searchParams.get('writeKey') ?? undefined;
      let client: Client | undefined;
      let timer: ReturnType<typeof setInterval> | undefined;
      const stop = () => {
        if (client) clients.delete(client);
        if (timer) clearInterval(timer);
      };
      const body = new ReadableStream<Uint8Array>(
        {
          start(controller) {
            const write = (bytes: Uint8Array) => {
              // desiredSize is highWaterMark minus the bytes still queued: below what this
              // message needs means the reader is that far behind. Drop it, and free its queue.
              if ((controller.desiredSize ?? 0) < bytes.byteLength) {
                dropped++;
                stop();
                try { controller.error(new Error('the live client read too slowly and was disconnected')); } catch { /* closed */ }
                return;
              }
              try {
                controller.enqueue(bytes);
              } catch {
                stop();
              }
            };
            client = {
              send(events) {
                let text = '';
                for (const e of events) if (writeKey === undefined || e.writeKey === writeKey) text += `id: ${e.id}\ndata: ${JSON.stringify(e)}\n\n`;
                if (text) write(encoder.encode(text));
              },
              queued: () => maxBytes - Math.min(maxBytes, controller.desiredSize ?? 0),
            };
            clients.add(client);
            write(encoder.encode(': connected\nretry: 2000\n\n'));
            timer = setInterval(() => write(encoder.encode(': ping\n\n')), heartbeatMs);
            (timer as { unref?: () => void }).unref?.();
            request.signal.addEventListener('abort', () => {
              stop();
              try { controller.close(); } catch { /* already closed */ }
            });
          },
          cancel: stop,
        },
        { highWaterMark: maxBytes, size: (chunk: Uint8Array) => chunk.byteLength },
      );
      return new Response(body, {
        headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' },
      });
    },
  };
}
