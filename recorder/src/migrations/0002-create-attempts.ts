import { DATA_TABLE_SETTINGS, ttlClause, type Migration } from './migration.js';

/**
 * One row per upstream attempt. `started_at` is the REQUEST's start, so an attempt shares its
 * request's partition and expires with it. ORDER BY (target, started_at, ...) serves the
 * per-upstream dashboards (error rate, latency, TTFT by target over time) from one range per
 * target; tenant and config hash ride along so those can be sliced without a join.
 */
export const createAttempts: Migration = {
  version: 2,
  name: 'create attempts',
  statements: ({ ttlDays }) => [
    `CREATE TABLE IF NOT EXISTS attempts
(
    request_id    String,
    started_at    DateTime64(3, 'UTC'),
    attempt_index UInt8,
    tenant        LowCardinality(String),
    config_hash   LowCardinality(String),
    target        LowCardinality(String),
    retry         UInt8,
    start_ms      Float32,
    latency_ms    Float32,
    ttft_ms       Nullable(Float32),
    outcome       LowCardinality(String),
    error_code    LowCardinality(String),
    decision      LowCardinality(String),
    why           String,
    passthrough   Bool,
    http_status   Nullable(UInt16),
    INDEX idx_request_id request_id TYPE bloom_filter(0.001) GRANULARITY 1
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(started_at)
ORDER BY (target, started_at, request_id, attempt_index)
${ttlClause(ttlDays)}
${DATA_TABLE_SETTINGS}`,
  ],
};
