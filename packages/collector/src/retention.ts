import type { ExpireResult, Store } from './store.js';

/** Options of `scheduleRetention`. */
export interface RetentionOptions {
  /** Events older than this (by `ts`), ms, are erased. */
  retentionMs: number;
  /** Time between runs, ms. @default retentionMs / 24, between 1 s and 1 h */
  everyMs?: number;
  /** Clock, ms. @default Date.now */
  now?: () => number;
  /** Called after each run with what it removed and the cutoff. @default none */
  onRun?: (result: ExpireResult, before: number) => void;
  /** Called when a run fails (the next run tries again). @default none */
  onError?: (error: unknown) => void;
}

/** A running retention schedule. */
export interface Retention {
  /** Runs once now (after the run in flight, if any) and resolves with what it removed. */
  run(): Promise<ExpireResult>;
  /** Stops the schedule; a run in flight finishes. */
  stop(): Promise<void>;
}

/**
 * Time between retention runs: a 24th of the retention, between 1 s and 1 h (90d → hourly).
 *
 * @example
 * ```ts
 * retentionEveryMs(parseDuration('90d')); // 3600000
 * ```
 */
export function retentionEveryMs(retentionMs: number): number {
  return Math.min(Math.max(retentionMs / 24, 1000), 3_600_000);
}

/**
 * Erases events older than `retentionMs` from a store at once and then every `everyMs`
 * (`Store.expire`: gone from the files too, docs/privacy.md#retention). Runs never overlap;
 * the timer does not keep the process alive.
 *
 * @example
 * ```ts
 * const retention = scheduleRetention(store, { retentionMs: parseDuration('90d') });
 * // on shutdown
 * await retention.stop();
 * ```
 */
export function scheduleRetention(store: Store, options: RetentionOptions): Retention {
  const now = options.now ?? Date.now;
  const everyMs = options.everyMs ?? retentionEveryMs(options.retentionMs);
  let last: Promise<ExpireResult> = Promise.resolve({ removed: 0 });
  const run = () => {
    last = last.catch(() => ({ removed: 0 })).then(async () => {
      const before = now() - options.retentionMs;
      const result = await store.expire(before);
      options.onRun?.(result, before);
      return result;
    });
    return last;
  };
  const tick = () => void run().catch((error: unknown) => options.onError?.(error));
  const timer = setInterval(tick, everyMs);
  (timer as { unref?: () => void }).unref?.();
  tick();
  return {
    run,
    async stop() {
      clearInterval(timer);
      await last.catch(() => {});
    },
  };
}
