import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.js';

describe('createRateLimiter (issue 10, 6)', () => {
  it('a rate below the batch size still admits every batch, at the configured long-run rate', () => {
    const take = createRateLimiter({ eventsPerSecond: 20 });
    let now = 0;
    let admitted = 0;
    let refused = 0;
    // An SDK sending 50-event batches, honouring Retry-After, for 10 simulated minutes.
    while (now < 600_000) {
      const wait = take('site', 50, now);
      if (wait === 0) {
        admitted += 50;
        now += 100;
      } else {
        refused++;
        expect(wait).toBeGreaterThanOrEqual(1);
        now += wait * 1000;
      }
    }
    expect(admitted).toBeGreaterThan(0);
    // 20 events/s for 600 s, plus at most one batch of debt; Retry-After is whole seconds, so a
    // client that waits exactly that long sends a little below the rate.
    expect(admitted).toBeLessThanOrEqual(20 * 600 + 50);
    expect(admitted).toBeGreaterThanOrEqual(20 * 600 * 0.75);
    expect(refused).toBeGreaterThan(0);
  });

  it('Retry-After is honest: after waiting it, the same batch is admitted', () => {
    const take = createRateLimiter({ eventsPerSecond: 20 });
    expect(take('k', 50, 0)).toBe(0);
    const wait = take('k', 50, 0);
    expect(wait).toBe(3); // 30 in debt + 20 needed, at 20/s
    expect(take('k', 50, wait * 1000)).toBe(0);
  });

  it('keys have their own buckets, and batches within the burst are unchanged', () => {
    const take = createRateLimiter({ eventsPerSecond: 100 });
    expect(take('a', 60, 0)).toBe(0);
    expect(take('a', 60, 0)).toBe(1);
    expect(take('b', 100, 0)).toBe(0);
  });

  it('buckets of idle keys are forgotten, so unknown write keys cannot grow memory without bound', () => {
    const take = createRateLimiter({ eventsPerSecond: 10 });
    for (let i = 0; i < 50_000; i++) expect(take(`key-${i}`, 1, i * 1000)).toBe(0);
    // A key seen just now keeps its state: its second batch at once is still limited.
    expect(take('key-49999', 10, 49_999_000)).toBe(1);
  });
});
