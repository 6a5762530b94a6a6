export {
  personKey, hashKey, inPartition, checkPartition,
  type Store, type StoredEvent, type ScanOptions, type Partition, type StoreStats,
} from './store.js';
export { createMemoryStore } from './memory.js';
export { createDuckDbStore, type DuckDbStoreOptions } from './duckdb.js';
export {
  createClickHouseStore, clickHouseSchema,
  type ClickHouseStore, type ClickHouseStoreOptions, type PushdownFunnelOptions, type PushdownFunnelResult, type PushdownPagesResult,
} from './clickhouse.js';
export { openStore } from './open-store.js';
