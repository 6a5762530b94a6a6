/**
 * Delivery: batches from the queue, POSTed as `text/plain` JSON (a CORS-simple
 * request, so cross-origin collectors need no preflight). A batch leaves the queue
 * only after a 2xx. Failures back off exponentially with jitter; 429/503 honour
 * Retry-After; 413 splits the batch; 400 drops it (and counts). One tab sends at a
 * time, and never waits without bound while it holds the send lock (IndexedDB opens and
 * requests time out). All waits are timers on the monotonic clock, so a device clock set
 * back changes none of them. Events some tab took to send in the last `TAKEN_MS` are
 * skipped (docs/sdk.md, "Delivery").
 */
import { jsonWorks, mono, stringify } from './lib/intrinsics.js';
import { now } from './lib/clock.js';
import { mark, taken, TAKEN_MS } from './lib/taken.js';
import { timeZone } from './lib/context.js';
import type { Entry, Queue } from './queue.js';
import type { Ev, Resolved, Stats } from './types.js';
import { TEST } from './lib/test-only.js';

/** The sender's operations. */
export interface Sender {
  /** Sends everything queued (any tab's events) unless backing off or another tab is sending. */
  _flush(): Promise<void>;
  /** Plans a flush in `ms` (default: the flush interval), or sooner if one is already planned sooner. */
  _schedule(ms?: number): void;
  /** Page exit: sends this tab's undelivered events that no tab has taken, with keepalive, synchronously. */
  _beacon(): void;
  /** Tests only (`TEST`): cancels the planned flush and plans none again (the client's `_stop`). */
  _stop?(): void;
}

/** Longest a request may take before it counts as failed, ms. */
export const REQUEST_TIMEOUT_MS = 20_000;
/** Bodies up to this size go with keepalive (the browser's budget is 64 KiB). */
const KEEPALIVE_BYTES = 60_000;

/** Parses Retry-After (seconds or an HTTP date) into ms, or `undefined`. */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const s = +header;
  const ms = isNaN(s) ? Date.parse(header) - now() : s * 1000;
  return isNaN(ms) ? undefined : Math.max(0, ms);
}

/**
 * Creates the sender. `unsent` holds the entries this tab captured and has not yet
 * seen delivered (the exit beacon's candidates).
 */
export function createSender(o: Resolved, q: Queue, stats: Stats, unsent: Map<string, Entry>): Sender {
  let attempt = 0;
  let waitUntil = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** When the planned flush runs (monotonic ms), Infinity when none is planned. */
  let due = Infinity;
  let running: Promise<void> | undefined;

  // No credentials option: beacons send the site's cookies to a same-site collector anyway, and it ignores them.
  const post = (events: Ev[]) => {
    for (const e of events) if (e.ctx && e.ctx.tz === undefined) e.ctx.tz = timeZone();
    if (!jsonWorks) throw 0; // a page broke JSON before the SDK loaded: keep the batch queued for a page where it works
    const body = stringify({ v: 1, sentAt: now(), writeKey: o.writeKey, events });
    return fetch(o.url, { method: 'POST', body, keepalive: body.length < KEEPALIVE_BYTES, signal: AbortSignal.timeout?.(REQUEST_TIMEOUT_MS) });
  };

  let stopped = false;
  const schedule = (ms = o.flushInterval) => {
    if ((TEST && stopped) || mono() + ms >= due) return;
    clearTimeout(timer);
    due = mono() + ms;
    timer = setTimeout(() => {
      due = Infinity;
      void flush();
    }, ms);
  };

  const backoff = (retryAfter?: number) => {
    const exp = Math.min(o.backoffMax, o.backoffBase * 2 ** attempt++);
    const delay = retryAfter ?? exp * (0.5 + Math.random() / 2);
    waitUntil = mono() + delay;
    due = Infinity;
    schedule(delay);
  };

  /** Sends one batch; `true` when it has left the queue. */
  const send = async (entries: Entry[]): Promise<boolean> => {
    const events: Ev[] = [];
    const ids: string[] = [];
    for (const [, e] of entries) events.push(e), ids.push(e.id);
    mark(ids, now());
    let status = 0;
    let retry: number | undefined;
    try {
      const r = await post(events);
      status = r.status;
      if (status === 429 || status === 503) retry = retryAfterMs(r.headers.get('Retry-After'));
    } catch {
      /* offline, blocked or timed out: retried */
    }
    if (status === 413 && entries.length > 1) {
      // The first half's mark replaces this one (a mark is named by its first id).
      const half = entries.length >> 1;
      return (await send(entries.slice(0, half))) && (await send(entries.slice(half)));
    }
    if (status >= 200 && status < 300) stats.sent += ids.length;
    else if (status === 400 || status === 413) stats.dropped += ids.length;
    else return mark(ids), backoff(retry), false;
    mark(ids, 0);
    const keys: string[] = [];
    for (const [k, e] of entries) keys.push(k), unsent.delete(e.id);
    await q.del(keys);
    return true;
  };

  const flush = async (): Promise<void> => {
    const wait = waitUntil - mono();
    if (running) return await running;
    if (wait > 0) return schedule(wait);
    if (navigator.onLine === false) return schedule();
    running = (async () => {
      try {
        const held = await q.lock(async () => {
          for (;;) {
            const entries = await q.peek(o.batchSize + taken().size);
            // Read the marks again after the wait: an exit beacon may have taken some meanwhile.
            const marks = taken();
            const batch: Entry[] = [];
            const gone: string[] = [];
            let skipped = 0;
            for (const entry of entries) {
              const m = marks.get(entry[1].id);
              // Delivered (0), but the page that saw the 2xx went before its delete committed: removed, never sent again.
              if (m === 0) gone.push(entry[0]), unsent.delete(entry[1].id);
              else if (m) skipped++;
              else if (batch.length < o.batchSize) batch.push(entry);
            }
            if (gone.length) await q.del(gone);
            if (skipped) schedule(TAKEN_MS); // the skipped ones may need sending once their marks expire
            if (!batch.length || !(await send(batch))) return;
            attempt = 0;
          }
        });
        if (!held) schedule();
      } catch {
        schedule();
      }
      running = undefined;
    })();
    return await running;
  };

  const beacon = () => {
    const skip = taken();
    let chunk: Entry[] = [];
    for (const entry of unsent.values()) {
      if (skip.has(entry[1].id)) continue;
      chunk.push(entry);
      if (chunk.length === o.batchSize) void send(chunk), (chunk = []);
    }
    // The request leaves now; its answer is seen only if the page lives on (back/forward cache, or only hidden).
    if (chunk.length) void send(chunk);
  };

  const sender: Sender = { _flush: flush, _schedule: schedule, _beacon: beacon };
  if (TEST) sender._stop = () => ((stopped = true), clearTimeout(timer));
  return sender;
}
