import type { StoredEvent } from './store.js';

/** Options of the live stream. */
export interface LiveStreamOptions {
  /** Milliseconds between keep-alive comments. @default 15000 */
  heartbeatMs?: number;
}

/** Fans stored events out to Server-Sent-Events clients. */
export interface LiveStream {
  /** Sends events to every connected client (the batch handler calls this after a commit). */
  publish(events: readonly StoredEvent[]): void;
  /** Answers `GET /v1/live[?writeKey=K]` with an SSE stream: one `data:` message per stored event. */
  handle(request: Request): Response;
  /** Connected clients. */
  readonly clients: number;
}

const encoder = new TextEncoder();

/**
 * A live stream of stored events as Server-Sent Events (Fetch API only). Each message's
 * `id` is the event id and its `data` the stored event as JSON; a `: ping` comment keeps
 * idle connections open.
 *
 * @example
 * ```ts
 * const live = createLiveStream();
 * const handleBatch = createBatchHandler({ store, onStored: live.publish });
 * // GET /v1/live → live.handle(request)
 * ```
 */
export function createLiveStream(options: LiveStreamOptions = {}): LiveStream {
  const clients = new Set<{ send(events: readonly StoredEvent[]): void }>();
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  return {
    get clients() {
      return clients.size;
    },
    publish(events) {
      for (const c of clients) c.send(events);
    },
    handle(request) {
      const writeKey = new URL(request.url).searchParams.get('writeKey') ?? undefined;
      let client: { send(events: readonly StoredEvent[]): void } | undefined;
      let timer: ReturnType<typeof setInterval> | undefined;
      const stop = () => {
        if (client) clients.delete(client);
        if (timer) clearInterval(timer);
      };
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          const write = (text: string) => {
            try {
              controller.enqueue(encoder.encode(text));
            } catch {
              stop();
            }
          };
          client = {
            send(events) {
              let text = '';
              for (const e of events) if (writeKey === undefined || e.writeKey === writeKey) text += `id: ${e.id}\ndata: ${JSON.stringify(e)}\n\n`;
              if (text) write(text);
            },
          };
          clients.add(client);
          write(': connected\nretry: 2000\n\n');
          timer = setInterval(() => write(': ping\n\n'), heartbeatMs);
          (timer as { unref?: () => void }).unref?.();
          request.signal.addEventListener('abort', () => {
            stop();
            try { controller.close(); } catch { /* already closed */ }
          });
        },
        cancel: stop,
      });
      return new Response(body, {
        headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' },
      });
    },
  };
}
