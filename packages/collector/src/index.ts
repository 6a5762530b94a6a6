export {
  personKey, partitionKey, personSql, inPartition, checkPartition, learnLinks,
  type Store, type StoredEvent, type ScanOptions, type Partition, type StoreStats, type ForgetResult, type ExpireResult,
} from './store.js';
export { personIds, isPersonEvent, type PersonIds } from './person-ids.js';
export { createForgetApi, type ForgetApiOptions } from './forget-api.js';
export { createPersonApi } from './person-api.js';
export { scheduleRetention, retentionEveryMs, type Retention, type RetentionOptions } from './retention.js';
export { createMemoryStore } from './memory.js';
export { createDuckDbStore, type DuckDbStoreOptions } from './duckdb.js';
export {
  createClickHouseStore, clickHouseSchema,
  type ClickHouseStore, type ClickHouseStoreOptions, type PushdownFunnelOptions, type PushdownFunnelResult, type PushdownPagesResult,
} from './clickhouse.js';
export { openStore } from './open-store.js';
export { createBatchHandler, type BatchHandlerOptions, type BatchResult } from './handle-batch.js';
export { createCors, parseOrigins, type CorsPolicy, type OriginsOption } from './cors.js';
export { createRateLimiter, type RateLimiter, type RateLimitOptions } from './rate-limit.js';
export { toNodeListener, serveNode, type FetchHandler, type NodeServerOptions, type RunningServer } from './node-server.js';
export { createLiveStream, type LiveStream, type LiveStreamOptions } from './live.js';
export { createQueryApi, type QueryApiOptions } from './query-api.js';
export { createQueryAnalyzer, QUERY_NAMES, type QueryName } from './query-params.js';
export { queryFilter } from './query-filter.js';
export { runQuery, feedStore, type Query, type RunQueryOptions } from './run-query.js';
export { createCollectorApp, type CollectorApp, type CollectorAppOptions } from './app.js';
export { createStaticFiles, sdkFiles, type StaticFilesOptions } from './static-files.js';
export { createModelApi, type ModelApiOptions } from './model-api.js';
