import { randomUUID } from 'node:crypto';
import {
  FootfallError, LIMITS, validateEvent,
  type CartAction, type CartItem, type FootfallEvent, type FootfallErrorCode,
} from '@footfall/core';

/** Options of `createServerTracker`. Every field but `host` and `secretKey` is optional. */
export interface ServerTrackerOptions {
  /** The collector's base URL, e.g. `https://collect.shop.example` (the tracker POSTs to `/v1/batch`). */
  host: string;
  /** A server key of the collector (`FOOTFALL_SERVER_KEYS`), sent as `Authorization: Bearer`. Never the public write key. */
  secretKey: string;
  /** The site's write key, put in the envelope (it names the site). @default 'server' */
  writeKey?: string;
  /** Events per batch; a batch is sent as soon as this many wait. At most 500. @default 100 */
  flushAt?: number;
  /** Longest time an event waits before its batch is sent, ms. @default 5000 */
  flushInterval?: number;
  /**
   * Most events held in memory (waiting and in flight). When full, a new event is dropped
   * (the call returns its id but it is never sent) and `onError` gets a `QUEUE_FULL` error:
   * what is already queued is older and closer to being delivered. @default 10000
   */
  maxQueue?: number;
  /** Retries of one batch after a network error, a timeout, a 5xx or a 429, before it is dropped. @default 10 */
  maxRetries?: number;
  /** First retry delay, ms; doubles each retry, with jitter (a random 50–100 % of it). @default 500 */
  retryBaseMs?: number;
  /** Longest retry delay, ms (a `Retry-After` of the collector is honoured up to 10 times this). @default 30000 */
  retryMaxMs?: number;
  /** Time one request may take, ms; then it is aborted and retried. @default 10000 */
  timeoutMs?: number;
  /** Flush the queue when the process is about to exit normally (`beforeExit`). @default true */
  flushOnExit?: boolean;
  /** Told about events that were not stored: dropped batches, rejected events, a full queue. @default writes to stderr */
  onError?: (error: FootfallError) => void;
  /** The fetch to use. @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** Who an event is about: a `userId`, an `anonymousId`, or both. */
export interface Person {
  userId?: string;
  anonymousId?: string;
}

/** Fields every call may set. `id` and `ts` are made at the call when left out. */
export interface CallFields extends Person {
  /** The event's id; give your own (e.g. `order-A-1042-confirmed`) to make a resend a no-op. @default a random UUID */
  id?: string;
  /** When it happened, ms since the epoch; kept as sent (server keys are not skew-corrected). @default now */
  ts?: number;
  sessionId?: string;
  url?: string;
  props?: Record<string, unknown>;
}

/** The fields of a `cart` call. */
export interface CartFields extends CallFields {
  items?: CartItem[];
  value?: number;
  currency?: string;
  orderId?: string;
}

/** Any event of docs/events.md with `id` and `ts` optional (made at the call when left out). */
export type SendableEvent = FootfallEvent extends infer E ? (E extends FootfallEvent ? Omit<E, 'id' | 'ts'> & { id?: string; ts?: number } : never) : never;

/** Counts since the tracker was made. */
export interface ServerTrackerStats {
  /** Events accepted by the collector (duplicates it dropped included). */
  delivered: number;
  /** Events never stored: dropped after the last retry, rejected, or refused by a full queue. */
  dropped: number;
  /** Requests retried. */
  retries: number;
  /** Events waiting or in flight now. */
  queued: number;
}

/** A server-side tracker: batched, retried, flushed on exit. */
export interface ServerTracker {
  /** A custom event; returns its id. */
  track(name: string, fields: CallFields): string;
  /** Ties `anonymousId` (when given) to `userId`, with traits; returns the event id. */
  identify(fields: CallFields & { userId: string; traits?: Record<string, unknown> }): string;
  /** A cart action, e.g. an order confirmed by the backend (`purchase` with `orderId`); returns the event id. */
  cart(action: CartAction, fields: CartFields): string;
  /** Any event of docs/events.md (`email`, `ticket`, `review`, `adstats`…); `id`, `ts` filled when missing. Returns the id. */
  send(event: SendableEvent): string;
  /** Resolves when every event queued before the call was delivered or dropped. */
  flush(): Promise<void>;
  /** Flushes, stops the timer and the exit hook; calls after it throw. */
  close(): Promise<void>;
  stats(): ServerTrackerStats;
}

const misuse = (message: string) => new FootfallError('INVALID_OPTION', message);

function positiveInt(value: number | undefined, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0 || value > max) throw misuse(`${name} must be a whole number from 0 to ${max}, got ${String(value)}`);
  return value;
}

/** A `Retry-After` header in ms: seconds or an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** Why a send failed, and whether to try again. */
class SendFailure extends Error {
  constructor(message: string, readonly retry: boolean, readonly waitMs?: number, readonly code: FootfallErrorCode = 'STORE_FAILED') {
    super(message);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

/**
 * Makes a server-side tracker that sends events to a Footfall collector with a server key
 * (docs/integration.md#server-events). Events are batched (`flushAt` events or every
 * `flushInterval` ms), each gets its `id` once, at the call, so a retry after a lost answer
 * is dropped by the collector instead of stored twice; failed requests (network errors,
 * timeouts, 5xx, 429) are retried with exponential backoff and jitter, honouring
 * `Retry-After`. The queue is flushed when the process exits normally; on `SIGTERM` call
 * `close()` yourself, and a `SIGKILL` loses what is queued (at most `maxQueue` events).
 * A malformed event throws a `FootfallError` at the call, so the bug shows where it is.
 *
 * @example
 * ```ts
 * const footfall = createServerTracker({ host: 'https://collect.shop.example', secretKey: process.env.FOOTFALL_SERVER_KEY! });
 * footfall.identify({ userId: 'user_17', anonymousId: req.cookies.ff_anon });
 * footfall.cart('purchase', { userId: 'user_17', orderId: 'A-1042', value: 208, currency: 'EUR', items: [{ id: 'trail-runner', price: 119, quantity: 1 }] });
 * process.on('SIGTERM', () => void footfall.close().then(() => process.exit(0)));
 * ```
 */
export function createServerTracker(options: ServerTrackerOptions): ServerTracker {
  if (typeof options !== 'object' || options === null) throw misuse('createServerTracker needs { host, secretKey }');
  let endpoint: string;
  try {
    const url = new URL(options.host);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(url.protocol);
    endpoint = new URL('/v1/batch', url).href;
  } catch {
    throw misuse(`host must be the collector's http(s) URL, e.g. https://collect.shop.example, got ${JSON.stringify(options.host)}`);
  }
  if (typeof options.secretKey !== 'string' || options.secretKey.length === 0 || /\s/.test(options.secretKey)) {
    throw misuse('secretKey must be one of the collector\'s FOOTFALL_SERVER_KEYS (a non-empty string without spaces)');
  }
  const writeKey = options.writeKey ?? 'server';
  const flushAt = Math.max(1, positiveInt(options.flushAt, 'flushAt', 100, LIMITS.batchEvents));
  const flushInterval = positiveInt(options.flushInterval, 'flushInterval', 5000);
  const maxQueue = Math.max(1, positiveInt(options.maxQueue, 'maxQueue', 10_000));
  const maxRetries = positiveInt(options.maxRetries, 'maxRetries', 10);
  const retryBaseMs = positiveInt(options.retryBaseMs, 'retryBaseMs', 500);
  const retryMaxMs = positiveInt(options.retryMaxMs, 'retryMaxMs', 30_000);
  const timeoutMs = Math.max(1, positiveInt(options.timeoutMs, 'timeoutMs', 10_000));
  const doFetch = options.fetch ?? globalThis.fetch;
  const onError = options.onError ?? ((e: FootfallError) => process.stderr.write(`footfall: ${e.message}\n`));

  const queue: FootfallEvent[] = [];
  let inFlight = 0;
  let closed = false;
  let draining: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stats = { delivered: 0, dropped: 0, retries: 0 };

  const report = (code: FootfallErrorCode, message: string, details: readonly string[] = []) => {
    try {
      onError(new FootfallError(code, message, { details }));
    } catch {
      /* the handler's own failure must not stop delivery */
    }
  };

  async function post(events: FootfallEvent[]): Promise<void> {
    let response: Response;
    try {
      response = await doFetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.secretKey}` },
        body: JSON.stringify({ v: 1, sentAt: Date.now(), writeKey, events }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw new SendFailure(`the collector at ${endpoint} could not be reached (${(cause as Error).message})`, true);
    }
    const text = await response.text().catch(() => '');
    if (response.status === 429 || response.status >= 500) {
      throw new SendFailure(`the collector answered ${response.status}`, true, retryAfterMs(response.headers.get('retry-after'), Date.now()));
    }
    if (response.status !== 200) {
      const hint = response.status === 401 ? ': check secretKey against the collector\'s FOOTFALL_SERVER_KEYS' : response.status === 403 ? ': check writeKey against FOOTFALL_WRITE_KEYS' : '';
      throw new SendFailure(`the collector refused a batch of ${events.length} events with ${response.status}${hint} (${text.slice(0, 300)})`, false, undefined, response.status === 401 || response.status === 403 ? 'UNAUTHORIZED' : 'INVALID_EVENT');
    }
    let rejected: { index: number; errors: string[] }[] = [];
    try {
      rejected = (JSON.parse(text) as { rejected?: typeof rejected }).rejected ?? [];
    } catch {
      /* a 200 without our body still stored the batch */
    }
    stats.delivered += events.length - rejected.length;
    if (rejected.length) {
      stats.dropped += rejected.length;
      report('INVALID_EVENT', `the collector rejected ${rejected.length} of ${events.length} events`, rejected.flatMap((r) => r.errors));
    }
  }

  async function deliver(events: FootfallEvent[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await post(events);
        return;
      } catch (error) {
        const failure = error as SendFailure;
        if (!failure.retry || attempt >= maxRetries) {
          stats.dropped += events.length;
          report(failure.code, `${failure.message}; ${events.length} events dropped${failure.retry ? ` after ${attempt} retries` : ''}`);
          return;
        }
        stats.retries++;
        const backoff = Math.min(retryMaxMs, retryBaseMs * 2 ** attempt) * (0.5 + Math.random() / 2);
        await sleep(failure.waitMs === undefined ? backoff : Math.min(failure.waitMs, retryMaxMs * 10));
      }
    }
  }

  /** Sends batches until the queue is empty; one batch in flight at a time keeps the order. */
  function drain(): Promise<void> {
    if (!draining) {
      draining = (async () => {
        while (queue.length) {
          const batch = queue.splice(0, flushAt);
          inFlight = batch.length;
          await deliver(batch);
          inFlight = 0;
        }
      })().finally(() => {
        draining = undefined;
      });
    }
    return draining;
  }

  function schedule(): void {
    if (queue.length >= flushAt) {
      void drain();
    } else if (!timer) {
      timer = setTimeout(() => {
        timer = undefined;
        void drain();
      }, flushInterval);
      timer.unref?.();
    }
  }

  function enqueue(raw: Record<string, unknown>): string {
    if (closed) throw misuse('the tracker is closed: make a new one with createServerTracker');
    const event: Record<string, unknown> = { ...raw, id: raw.id ?? randomUUID(), ts: raw.ts ?? Date.now() };
    for (const key of Object.keys(event)) if (event[key] === undefined) delete event[key];
    const checked = validateEvent(event, 'event', { origin: 'server' });
    if (!checked.ok) throw new FootfallError('INVALID_EVENT', `this event would be rejected: ${checked.errors[0]}. See docs/events.md`, { details: checked.errors });
    if (queue.length + inFlight >= maxQueue) {
      stats.dropped++;
      report('QUEUE_FULL', `the queue holds ${maxQueue} events (maxQueue): event ${String(event.id)} was dropped; is the collector reachable?`);
      return event.id as string;
    }
    queue.push(checked.value);
    schedule();
    return event.id as string;
  }

  const person = (fields: CallFields | undefined, call: string) => {
    if (typeof fields !== 'object' || fields === null) throw misuse(`${call} needs its fields, with a userId or an anonymousId`);
    if (fields.userId === undefined && fields.anonymousId === undefined) throw misuse(`${call} needs a userId or an anonymousId: the backend names the person by userId`);
    return fields;
  };

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    // A drain in progress may have started before the newest events: run until empty.
    while (queue.length || draining) await drain();
  }

  const onBeforeExit = () => {
    if (queue.length && !draining) void drain();
  };
  if (options.flushOnExit ?? true) process.on('beforeExit', onBeforeExit);

  return {
    track(name, fields) {
      if (typeof name !== 'string' || name.length === 0) throw misuse('track needs an event name, e.g. track(\'order_shipped\', { userId })');
      return enqueue({ ...person(fields, 'track'), type: 'track', name });
    },
    identify(fields) {
      if (typeof fields?.userId !== 'string') throw misuse('identify needs a userId');
      return enqueue({ ...fields, type: 'identify' });
    },
    cart(action, fields) {
      return enqueue({ ...person(fields, 'cart'), type: 'cart', action });
    },
    send(event) {
      if (typeof event !== 'object' || event === null) throw misuse('send needs an event object of docs/events.md');
      return enqueue(event as Record<string, unknown>);
    },
    flush,
    async close() {
      if (closed) return;
      closed = true;
      process.off('beforeExit', onBeforeExit);
      await flush();
    },
    stats: () => ({ ...stats, queued: queue.length + inFlight }),
  };
}
