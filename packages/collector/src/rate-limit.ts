/** Options of the per-write-key rate limit. */
export interface RateLimitOptions {
  /** Events per second each write key may send on average. */
  eventsPerSecond: number;
  /** Events a key may send at once after being idle. @default eventsPerSecond */
  burst?: number;
}

const MAX_BUCKETS = 10_000;

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
  let swept = -Infinity;
  return (key, count, now) => {
    let b = buckets.get(key);
    // Write keys are whatever requests name: past 10,000 buckets, forget the full ones (a full
    // bucket is what a new key gets anyway), so memory stays bounded.
    // At most one sweep a second, so a flood of new keys cannot make every request pay for one.
    if (!b && buckets.size >= MAX_BUCKETS && now - swept >= 1000) {
      swept = now;
      for (const [k, x] of buckets) if (x.tokens + ((now - x.at) / 1000) * rate >= burst) buckets.delete(k);
    }
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
