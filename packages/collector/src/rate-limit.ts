/** Options of the per-write-key rate limit. */
export interface RateLimitOptions {
  /** Events per second each write key may send on average. */
  eventsPerSecond: number;
  /** Events a key may send at once after being idle. @default eventsPerSecond */
  burst?: number;
}

/** Takes `count` events from `key`'s bucket: 0 when allowed, else seconds to wait (≥ 1). */
export type RateLimiter = (key: string, count: number, now: number) => number;

/**
 * A token bucket per key: `eventsPerSecond` refill, `burst` capacity. A batch larger than the
 * burst is admitted when the bucket is full and leaves it in debt, which later batches wait
 * out: every batch size is eventually admitted, and the long-run rate is still
 * `eventsPerSecond` (docs/collector.md, "Limits and hardening").
 *
 * @example
 * ```ts
 * const take = createRateLimiter({ eventsPerSecond: 100 });
 * take('site_abc', 50, Date.now()); // 0: allowed
 * ```
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const rate = options.eventsPerSecond;
  const burst = options.burst ?? rate;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (key, count, now) => {
    let b = buckets.get(key);
    if (!b) {
      b = { tokens: burst, at: now };
      buckets.set(key, b);
    }
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    const needed = Math.min(count, burst);
    if (b.tokens >= needed) {
      b.tokens -= count;
      return 0;
    }
    return Math.max(1, Math.ceil((needed - b.tokens) / rate));
  };
}
