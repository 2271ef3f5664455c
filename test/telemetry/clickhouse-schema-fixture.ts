/**
 * The ClickHouse tables the dashboards query, as the recorder creates them.
 *
 * STOPGAP for a checkout without recorder/src/migrations: the dashboard test builds the
 * schema from the real migrations when they are there (they are the truth), and from this
 * list only when they are not. While both exist, the test checks that every table and
 * column here is in the migrated schema, so this list cannot drift silently: when that
 * check fails, update this list from recorder/src/migrations (never the other way round).
 * Last synced with migrations 0001–0003.
 */
export const CLICKHOUSE_SCHEMA: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  requests: {
    request_id: 'String',
    started_at: "DateTime64(3, 'UTC')",
    tenant: 'LowCardinality(String)',
    key_id: 'LowCardinality(String)',
    surface: 'LowCardinality(String)',
    endpoint: 'LowCardinality(String)',
    requested_model: 'LowCardinality(String)',
    served_model: 'LowCardinality(String)',
    route_rule: 'LowCardinality(String)',
    route_via: 'LowCardinality(String)',
    cache_outcome: 'LowCardinality(String)',
    cache_similarity: 'Nullable(Float32)',
    rate_limit: 'String',
    status: 'UInt16',
    error_code: 'LowCardinality(String)',
    input_tokens: 'UInt32',
    output_tokens: 'UInt32',
    cost_usd: 'Nullable(Float64)',
    latency_total_ms: 'Float32',
    latency_upstream_ms: 'Float32',
    overhead_ms: 'Float32',
    ttft_ms: 'Nullable(Float32)',
    stream: 'Bool',
    config_hash: 'LowCardinality(String)',
    client_aborted: 'Bool',
    partial: 'Bool',
    attempt_count: 'UInt8',
    trace: 'String',
    request_body: 'Nullable(String)',
    response_body: 'Nullable(String)',
    recorded_at: "DateTime64(3, 'UTC')",
  },
  attempts: {
    request_id: 'String',
    started_at: "DateTime64(3, 'UTC')",
    attempt_index: 'UInt8',
    tenant: 'LowCardinality(String)',
    config_hash: 'LowCardinality(String)',
    target: 'LowCardinality(String)',
    // The trace's `try` (0 first try, 1.. retries); `try` is a keyword in many SQL tools.
    retry: 'UInt8',
    start_ms: 'Float32',
    latency_ms: 'Float32',
    ttft_ms: 'Nullable(Float32)',
    outcome: 'LowCardinality(String)',
    error_code: 'LowCardinality(String)',
    decision: 'LowCardinality(String)',
    why: 'String',
    passthrough: 'Bool',
    http_status: 'Nullable(UInt16)',
    recorded_at: "DateTime64(3, 'UTC')",
  },
};
