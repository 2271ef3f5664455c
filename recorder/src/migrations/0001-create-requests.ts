import { DATA_TABLE_SETTINGS, ttlClause, type Migration } from './migration.js';

/**
 * One row per request. ORDER BY (tenant, started_at, request_id): tenants are few (low
 * cardinality), so a dashboard's time-range scan still prunes granules per tenant, while
 * per-tenant questions (the common filter in a multi-tenant gateway) read one contiguous range.
 * Point lookups by id go through the bloom filter skip index. See README for the full rationale.
 */
export const createRequests: Migration = {
  version: 1,
  name: 'create requests',
  statements: ({ ttlDays }) => [
    `CREATE TABLE IF NOT EXISTS requests
(
    request_id          String,
    started_at          DateTime64(3, 'UTC'),
    tenant              LowCardinality(String),
    key_id              LowCardinality(String),
    surface             LowCardinality(String),
    endpoint            LowCardinality(String),
    requested_model     LowCardinality(String),
    served_model        LowCardinality(String),
    route_rule          LowCardinality(String),
    route_via           LowCardinality(String),
    cache_outcome       LowCardinality(String),
    cache_similarity    Nullable(Float32),
    rate_limit          String CODEC(ZSTD(1)),
    status              UInt16,
    error_code          LowCardinality(String),
    input_tokens        UInt32,
    output_tokens       UInt32,
    cost_usd            Nullable(Float64),
    latency_total_ms    Float32,
    latency_upstream_ms Float32,
    overhead_ms         Float32,
    ttft_ms             Nullable(Float32),
    stream              Bool,
    config_hash         LowCardinality(String),
    client_aborted      Bool,
    partial             Bool,
    attempt_count       UInt8,
    trace               String CODEC(ZSTD(3)),
    request_body        Nullable(String) CODEC(ZSTD(3)),
    response_body       Nullable(String) CODEC(ZSTD(3)),
    INDEX idx_request_id request_id TYPE bloom_filter(0.001) GRANULARITY 1
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(started_at)
ORDER BY (tenant, started_at, request_id)
${ttlClause(ttlDays)}
${DATA_TABLE_SETTINGS}`,
  ],
};
