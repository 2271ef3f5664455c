import type { AttemptRecordRow, RequestRecord } from './record-types.js';

/**
 * RequestRecord → ClickHouse rows (JSONEachRow objects). Every value is coerced to what its
 * column accepts: one NaN latency or a negative token count would otherwise make ClickHouse
 * reject the whole 1000-row batch, and a rejected batch can only be set aside, not written.
 */

function finite(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function nullableFinite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function uint(value: unknown, max: number): number {
  return Math.min(max, Math.max(0, Math.round(finite(value))));
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === null || value === undefined ? '' : String(value);
}

function nullableText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(value);
}

/** Latest instant DateTime64 holds (2299-12-31); later values would not parse. */
const MAX_DATETIME64_MS = 10_413_791_999_000;

/**
 * DateTime64(3, 'UTC') from epoch ms, as 'YYYY-MM-DD hh:mm:ss.sss' in UTC: the one text form
 * ClickHouse reads the same under every date_time_input_format (short numeric strings such as
 * "5.000" are misread as dates; checked on chdb 26).
 */
function dateTime64(epochMs: unknown): string {
  const ms = Math.min(MAX_DATETIME64_MS, Math.max(0, Math.round(finite(epochMs, Date.now()))));
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 23);
}

export function requestRow(r: RequestRecord): Record<string, unknown> {
  return {
    request_id: text(r.requestId),
    started_at: dateTime64(r.startedAt),
    tenant: text(r.tenant),
    key_id: text(r.keyId),
    surface: text(r.surface),
    endpoint: text(r.endpoint),
    requested_model: text(r.requestedModel),
    served_model: text(r.servedModel),
    route_rule: text(r.routeRule),
    route_via: text(r.routeVia),
    cache_outcome: text(r.cacheOutcome),
    cache_similarity: nullableFinite(r.cacheSimilarity),
    rate_limit: text(r.rateLimit),
    status: uint(r.status, 65_535),
    error_code: text(r.errorCode),
    input_tokens: uint(r.inputTokens, 4_294_967_295),
    output_tokens: uint(r.outputTokens, 4_294_967_295),
    cost_usd: nullableFinite(r.costUsd),
    latency_total_ms: Math.max(0, finite(r.latencyTotalMs)),
    latency_upstream_ms: Math.max(0, finite(r.latencyUpstreamMs)),
    overhead_ms: finite(r.overheadMs),
    ttft_ms: nullableFinite(r.ttftMs),
    stream: r.stream === true,
    config_hash: text(r.configHash),
    client_aborted: r.clientAborted === true,
    partial: r.partial === true,
    attempt_count: uint(Array.isArray(r.attempts) ? r.attempts.length : 0, 255),
    trace: text(r.trace),
    request_body: nullableText(r.requestBody),
    response_body: nullableText(r.responseBody),
  };
}

export function attemptRow(r: RequestRecord, a: AttemptRecordRow, index: number): Record<string, unknown> {
  const httpStatus = nullableFinite(a.httpStatus);
  return {
    request_id: text(r.requestId),
    started_at: dateTime64(r.startedAt),
    attempt_index: uint(index, 255),
    tenant: text(r.tenant),
    config_hash: text(r.configHash),
    target: text(a.target),
    retry: uint(a.try, 255),
    start_ms: Math.max(0, finite(a.startMs)),
    latency_ms: Math.max(0, finite(a.latencyMs)),
    ttft_ms: nullableFinite(a.ttftMs),
    outcome: text(a.outcome),
    error_code: text(a.errorCode),
    decision: text(a.decision),
    why: text(a.why),
    passthrough: a.passthrough === true,
    http_status: httpStatus === null ? null : uint(httpStatus, 65_535),
  };
}

/**
 * A rough upper bound of a record's memory, in O(1): the big strings dominate, and reading their
 * lengths is free. Used to bound the in-memory queue by bytes as well as rows.
 */
export function estimateRecordBytes(r: RequestRecord): number {
  const strings =
    (r.trace?.length ?? 0) + (r.requestBody?.length ?? 0) + (r.responseBody?.length ?? 0) + (r.rateLimit?.length ?? 0);
  return 512 + 2 * strings + 256 * (Array.isArray(r.attempts) ? r.attempts.length : 0);
}
