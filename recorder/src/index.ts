export { createRecorder, DEFAULT_SPILL_DIR, type Recorder, type RecorderOptions } from './recorder.js';
export type { AttemptRecordRow, CacheOutcome, RecordedRequest, RequestRecord, StoredRequest } from './record-types.js';
export { CACHE_OUTCOMES } from './record-types.js';
export type { BatchWriterOptions, WriterEvent, WriterStats } from './writer-options.js';
export { createEmbeddedClient, createServerClient, DEFAULT_EMBEDDED_DATA_DIR, openTransport, type ClickHouseTarget } from './clickhouse-connection.js';
export type { ClickHouseTransport } from './clickhouse-transport.js';
export type { Fault, FaultInjector } from './fault-injection.js';
export { MIGRATIONS, runMigrations, type Migration, type MigrationContext, type MigrationReport } from './migrations/index.js';
