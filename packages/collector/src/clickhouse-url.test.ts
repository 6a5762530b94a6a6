/**
 * The ClickHouse tests (store conformance, pushdown, erasure, retention, dedupe across a
 * restart) get their server from `clickHouseUrl()`: with `CI=true` a missing or unreachable
 * server fails the run instead of skipping them (docs/internals.md#build-test-layout).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clickHouseUrl } from '../test/clickhouse-url.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('clickHouseUrl', () => {
  it('with CI=true, no FOOTFALL_CLICKHOUSE_URL or an unreachable server throws instead of skipping', async () => {
    vi.stubEnv('CI', 'true');
    vi.stubEnv('FOOTFALL_CLICKHOUSE_URL', '');
    await expect(clickHouseUrl()).rejects.toThrow(/ClickHouse is required in CI: FOOTFALL_CLICKHOUSE_URL is not set/);
    vi.stubEnv('FOOTFALL_CLICKHOUSE_URL', 'http://127.0.0.1:9');
    await expect(clickHouseUrl()).rejects.toThrow(/ClickHouse is required in CI: http:\/\/127\.0\.0\.1:9 is unreachable/);
  });

  it('outside CI, the same cases skip with a printed reason', async () => {
    vi.stubEnv('CI', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubEnv('FOOTFALL_CLICKHOUSE_URL', '');
    expect(await clickHouseUrl()).toBeUndefined();
    expect(warn).toHaveBeenCalledWith('skipping ClickHouse tests: FOOTFALL_CLICKHOUSE_URL is not set');
  });
});
