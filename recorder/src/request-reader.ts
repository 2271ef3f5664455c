import type { ClickHouseTransport } from './clickhouse-transport.js';
import { CACHE_OUTCOMES, type AttemptRecordRow, type CacheOutcome, type RecordedRequest, type StoredRequest } from './record-types.js';

/**
 * Reads one recorded request back. Rows from ClickHouse are unknown input: each field is
 * checked, and a row that does not fit says which column is wrong.
 */

const REQUEST_COLUMNS = `request_id, toFloat64(toUnixTimestamp64Milli(started_at)) AS started_at_ms, tenant, key_id, surface,
  endpoint, requested_model, served_model, route_rule, route_via, cache_outcome, cache_similarity, rate_limit,
  status, error_code, input_tokens, output_tokens, cost_usd, latency_total_ms, latency_upstream_ms, overhead_ms,
  ttft_ms, stream, config_hash, client_aborted, partial, trace, request_body, response_body,
  toFloat64(toUnixTimestamp64Milli(recorded_at)) AS recorded_at_ms`;

const ATTEMPT_COLUMNS = `attempt_index, target, retry, start_ms, latency_ms, ttft_ms, outcome, error_code, decision, why, passthrough, http_status`;

class RowReader {
  readonly #row: Record<string, unknown>;
  readonly #table: string;

  constructor(row: unknown, table: string) {
    if (typeof row !== 'object' || row === null) throw new Error(`${table}: row is not an object`);
    this.#row = row as Record<string, unknown>;
    this.#table = table;
  }

  string(column: string): string {
    const value = this.#row[column];
    if (typeof value !== 'string') throw this.#wrong(column, 'a string');
    return value;
  }

  /** '' is how nullable text is stored in LowCardinality columns. */
  optionalString(column: string): string | null {
    const value = this.string(column);
    return value === '' ? null : value;
  }

  nullableString(column: string): string | null {
    const value = this.#row[column];
    if (value === null) return null;
    return this.string(column);
  }

  number(column: string): number {
    const value = this.#row[column];
    // 64-bit integers arrive quoted in JSON output; everything the recorder reads is cast to fit.
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n)) throw this.#wrong(column, 'a number');
    return n;
  }

  nullableNumber(column: string): number | null {
    return this.#row[column] === null ? null : this.number(column);
  }

  boolean(column: string): boolean {
    const value = this.#row[column];
    if (typeof value === 'boolean') return value;
    if (value === 0 || value === 1) return value === 1;
    throw this.#wrong(column, 'a boolean');
  }

  #wrong(column: string, expected: string): Error {
    return new Error(`${this.#table}.${column}: expected ${expected}, got ${JSON.stringify(this.#row[column])}`);
  }
}

function cacheOutcome(value: string): CacheOutcome {
  return (CACHE_OUTCOMES as readonly string[]).includes(value) ? (value as CacheOutcome) : 'none';
}

function outcome(value: string): AttemptRecordRow['outcome'] {
  return value === 'ok' || value === 'error' || value === 'aborted' || value === 'skipped' ? value : 'error';
}

export function parseStoredRequest(row: unknown): StoredRequest {
  const r = new RowReader(row, 'requests');
  return {
    requestId: r.string('request_id'),
    startedAt: r.number('started_at_ms'),
    tenant: r.string('tenant'),
    keyId: r.string('key_id'),
    surface: r.string('surface'),
    endpoint: r.string('endpoint'),
    requestedModel: r.string('requested_model'),
    servedModel: r.string('served_model'),
    routeRule: r.string('route_rule'),
    routeVia: r.string('route_via'),
    cacheOutcome: cacheOutcome(r.string('cache_outcome')),
    cacheSimilarity: r.nullableNumber('cache_similarity'),
    rateLimit: r.string('rate_limit'),
    status: r.number('status'),
    errorCode: r.optionalString('error_code'),
    inputTokens: r.number('input_tokens'),
    outputTokens: r.number('output_tokens'),
    costUsd: r.nullableNumber('cost_usd'),
    latencyTotalMs: r.number('latency_total_ms'),
    latencyUpstreamMs: r.number('latency_upstream_ms'),
    overheadMs: r.number('overhead_ms'),
    ttftMs: r.nullableNumber('ttft_ms'),
    stream: r.boolean('stream'),
    configHash: r.string('config_hash'),
    clientAborted: r.boolean('client_aborted'),
    partial: r.boolean('partial'),
    trace: r.string('trace'),
    requestBody: r.nullableString('request_body'),
    responseBody: r.nullableString('response_body'),
    recordedAt: r.number('recorded_at_ms'),
  };
}

export function parseAttempt(row: unknown): AttemptRecordRow {
  const r = new RowReader(row, 'attempts');
  return {
    target: r.string('target'),
    try: r.number('retry'),
    startMs: r.number('start_ms'),
    latencyMs: r.number('latency_ms'),
    ttftMs: r.nullableNumber('ttft_ms'),
    outcome: outcome(r.string('outcome')),
    errorCode: r.optionalString('error_code'),
    decision: r.optionalString('decision'),
    why: r.optionalString('why'),
    passthrough: r.boolean('passthrough'),
    httpStatus: r.nullableNumber('http_status'),
  };
}

function parseTrace(trace: string): unknown {
  try {
    return JSON.parse(trace);
  } catch {
    return undefined;
  }
}

/**
 * One request with its attempts, or undefined. The id is a bound parameter; the bloom filter
 * index on request_id keeps the lookup from reading every granule.
 */
export async function readRequest(transport: ClickHouseTransport, requestId: string): Promise<RecordedRequest | undefined> {
  const rows = await transport.query(`SELECT ${REQUEST_COLUMNS} FROM requests WHERE request_id = {id:String} LIMIT 1`, { id: requestId });
  if (rows.length === 0) return undefined;
  const request = parseStoredRequest(rows[0]);
  const attemptRows = await transport.query(
    `SELECT ${ATTEMPT_COLUMNS} FROM attempts WHERE request_id = {id:String} ORDER BY attempt_index`,
    { id: requestId },
  );
  return { request, attempts: attemptRows.map(parseAttempt), trace: parseTrace(request.trace), source: 'clickhouse' };
}
