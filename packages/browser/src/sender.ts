/**
 * Delivery: batches from the queue, POSTed as `text/plain` JSON (a CORS-simple
 * request, so cross-origin collectors need no preflight). A batch leaves the queue
 * only after a 2xx. Failures back off exponentially with jitter; 429/503 honour
 * Retry-After; 413 splits the batch; 400 drops it (and counts). One tab sends at a
 * time. When the page is being unloaded, what this tab has not yet delivered goes out
 * with `sendBeacon` (it also stays queued: the collector dedupes by id).
 */
import { withLock } from './lib/lock.js';
import type { Queue } from './queue.js';
import type { Resolved } from './options.js';
import type { Ev, Stats } from './types.js';

/** The sender's operations. */
export interface Sender {
  /** Sends everything queued (any tab's events) unless backing off or another tab is sending. */
  _flush(): Promise<void>;
  /** Sends a flush after `ms` unless one is already planned. */
  _schedule(ms?: number): void;
  /** Page unload: sends this tab's undelivered events with sendBeacon, synchronously. */
  _beacon(): void;
}

/** Parses Retry-After (seconds or an HTTP date) into ms, or `undefined`. */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const s = +header;
  const ms = isNaN(s) ? Date.parse(header) - Date.now() : s * 1000;
  return isNaN(ms) ? undefined : Math.max(0, ms);
}

/**
 * Creates the sender. `unsent` holds the events this tab captured and has not yet
 * seen delivered (for the unload beacon); `inflight` their ids while a request runs.
 */
export function createSender(o: Resolved, q: Queue, stats: Stats, unsent: Map<string, Ev>): Sender {
  const inflight = new Set<string>();
  let attempt = 0;
  let waitUntil = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;

  // No credentials option: beacons send the site's cookies to a same-site collector anyway, and it ignores them.
  const post = (b: string, keepalive: boolean) => fetch(o.url, { method: 'POST', body: b, keepalive });
  const body = (events: Ev[]) => JSON.stringify({ v: 1, sentAt: Date.now(), writeKey: o.writeKey, events });

  const schedule = (ms = o.flushInterval) => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, ms);
  };

  const backoff = (retryAfter?: number) => {
    const exp = Math.min(o.backoffMax, o.backoffBase * 2 ** attempt++);
    const delay = retryAfter ?? exp * (0.5 + Math.random() / 2);
    waitUntil = Date.now() + delay;
    clearTimeout(timer);
    timer = undefined;
    schedule(delay);
  };

  /** Sends one batch; `true` when it has left the queue (delivered or dropped). */
  const send = async (entries: [string, Ev][]): Promise<boolean> => {
    const events = entries.map((e) => e[1]);
    const b = body(events);
    let status = 0;
    let retry: number | undefined;
    events.forEach((e) => inflight.add(e.id));
    try {
      const r = await post(b, b.length < 60_000);
      status = r.status;
      if (status === 429 || status === 503) retry = retryAfterMs(r.headers.get('Retry-After'));
    } catch {
      /* offline or blocked: retried */
    }
    events.forEach((e) => inflight.delete(e.id));
    const ok = status >= 200 && status < 300;
    if (status === 413 && entries.length > 1) {
      const half = entries.length >> 1;
      return (await send(entries.slice(0, half))) && send(entries.slice(half));
    }
    if (ok || status === 400 || status === 413) {
      if (ok) stats.sent += events.length;
      else stats.dropped += events.length;
      await q._del(entries.map((e) => e[0]));
      events.forEach((e) => unsent.delete(e.id));
      return true;
    }
    backoff(retry);
    return false;
  };

  const flush = (): Promise<void> => {
    const wait = waitUntil - Date.now();
    if (running) return running;
    if (wait > 0) {
      schedule(wait);
      return Promise.resolve();
    }
    if (navigator.onLine === false) {
      schedule();
      return Promise.resolve();
    }
    running = withLock(async () => {
      for (;;) {
        const batch = await q._peek(o.batchSize);
        if (!batch.length || !(await send(batch))) return;
        attempt = 0;
      }
    })
      .then((held) => {
        if (!held) schedule();
      })
      .catch(() => schedule())
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const beacon = () => {
    const events = [...unsent.values()].filter((e) => !inflight.has(e.id));
    for (let i = 0; i < events.length; i += o.batchSize) {
      const chunk = events.slice(i, i + o.batchSize);
      const b = body(chunk);
      chunk.forEach((e) => unsent.delete(e.id));
      let queued = false;
      try {
        queued = navigator.sendBeacon(o.url, b);
      } catch {
        /* fall back to fetch */
      }
      if (!queued) post(b, true).catch(() => undefined);
    }
  };

  return { _flush: flush, _schedule: schedule, _beacon: beacon };
}
