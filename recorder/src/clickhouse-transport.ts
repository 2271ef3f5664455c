/**
 * The narrow surface the recorder needs from ClickHouse. Two implementations: `ClientTransport`
 * (an `@clickhouse/client` client: a server over HTTP, or chdb inside the embedded worker) and
 * `WorkerTransport` (main-thread proxy to the worker that owns the chdb session). Keeping it this
 * small is what lets the writer, the migrations and the reader run unchanged on both.
 */
export interface ClickHouseTransport {
  /** A statement with no result (DDL, small INSERT ... VALUES). */
  command(sql: string): Promise<void>;
  /** A SELECT; rows come back as parsed JSONEachRow objects, to be validated by the caller. */
  query(sql: string, params?: Record<string, string | number>): Promise<unknown[]>;
  /**
   * INSERT a JSONEachRow body (UTF-8 of a JSON array of row objects, in chunks) into `table`.
   * The same `dedupToken` inserted twice lands once (see README: deduplication). Bytes, not a
   * string: a multi-megabyte string costs the main thread ~10 ms to post to a worker.
   */
  insert(table: string, body: readonly Uint8Array[], dedupToken: string): Promise<void>;
  /** Resolves when the engine answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TOKEN = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * Table names and dedup tokens are spliced into SQL text (the INSERT's SETTINGS clause cannot
 * take a bound parameter), so both are checked against a strict alphabet first.
 */
export function insertStatement(table: string, dedupToken: string): string {
  if (!IDENTIFIER.test(table)) throw new Error(`invalid table name: ${JSON.stringify(table)}`);
  if (!TOKEN.test(dedupToken)) throw new Error(`invalid dedup token: ${JSON.stringify(dedupToken)}`);
  // The token goes in the statement's own SETTINGS clause, not in `clickhouse_settings`: chdb
  // turns those into a session-wide `SET`, which would stick to every later insert (verified).
  // Parallel parsing starts extra threads per insert; for 1k-row batches it buys nothing and,
  // embedded, those threads compete with the gateway's main thread (measured: lag spikes halve).
  return `INSERT INTO ${table} SETTINGS insert_deduplication_token = '${dedupToken}', input_format_parallel_parsing = 0 FORMAT JSONEachRow`;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** An error carrying ClickHouse's error type name (e.g. CANNOT_PARSE_TEXT), across the worker boundary too. */
export class ClickHouseFailure extends Error {
  readonly type: string | undefined;

  constructor(message: string, type: string | undefined) {
    super(message);
    this.name = 'ClickHouseFailure';
    this.type = type;
  }
}

/** ClickHouse's error type name, from a ClickHouseError or a ClickHouseFailure. */
export function clickHouseErrorType(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('type' in err)) return undefined;
  return typeof err.type === 'string' ? err.type : undefined;
}

const DATA_REJECTION = /^(CANNOT_PARSE|CANNOT_READ|INCORRECT_DATA|TYPE_MISMATCH|NO_SUCH_COLUMN|CANNOT_CONVERT_TYPE|VALUE_IS_OUT_OF_RANGE|CANNOT_INSERT_NULL|TOO_LARGE_STRING_SIZE|ILLEGAL_COLUMN)/;

/**
 * ClickHouse answered and said the data itself is wrong: re-sending the same batch cannot
 * succeed. Everything else (network, timeouts, TOO_MANY_PARTS, memory limits) may pass.
 */
export function isDataRejection(err: unknown): boolean {
  const type = clickHouseErrorType(err);
  return type !== undefined && DATA_REJECTION.test(type);
}
