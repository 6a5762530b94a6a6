/**
 * Test helper: the ClickHouse server the tests use (FOOTFALL_CLICKHOUSE_URL). In CI a
 * missing or unreachable server fails loudly; locally the ClickHouse tests are skipped
 * with a printed reason.
 */
export async function clickHouseUrl(): Promise<string | undefined> {
  const url = process.env.FOOTFALL_CLICKHOUSE_URL;
  let reason = url ? '' : 'FOOTFALL_CLICKHOUSE_URL is not set';
  if (url) {
    try {
      const res = await fetch(`${url.replace(/\/$/, '')}/ping`, { signal: AbortSignal.timeout(3000) });
      if (!res.ok) reason = `${url}/ping answered ${res.status}`;
    } catch (error) {
      reason = `${url} is unreachable (${(error as Error).message})`;
    }
  }
  if (!reason) return url;
  if (process.env.CI === 'true') throw new Error(`ClickHouse is required in CI: ${reason}. .ci/run starts clickhouse-server on 127.0.0.1:8123`);
  console.warn(`skipping ClickHouse tests: ${reason}`);
  return undefined;
}
