/** Values a migration's SQL depends on (they come from the recorder's options). */
export interface MigrationContext {
  /** Rows expire this many days after `started_at`. */
  ttlDays: number;
}

/**
 * One forward-only schema step. Every statement must be idempotent on its own
 * (`CREATE TABLE IF NOT EXISTS`, `ADD COLUMN IF NOT EXISTS`, ...), because ClickHouse has no
 * transactional DDL: a run that dies half-way re-runs the whole step, and two gateways starting
 * together may both run it. Never edit a shipped migration; add the next one.
 */
export interface Migration {
  version: number;
  name: string;
  statements(context: MigrationContext): string[];
}

/** The TTL clause both data tables share; `reconcileTtl` rewrites it when `ttlDays` changes. */
export function ttlClause(ttlDays: number): string {
  if (!Number.isInteger(ttlDays) || ttlDays < 1) throw new Error(`ttlDays must be a positive integer, got ${ttlDays}`);
  return `TTL toDateTime(started_at) + INTERVAL ${ttlDays} DAY`;
}

/**
 * Table settings both data tables share. `non_replicated_deduplication_window` makes a plain
 * MergeTree remember the last N inserted blocks' dedup tokens, so a batch re-sent from the spill
 * with the same `insert_deduplication_token` is dropped instead of doubled (README: dedup).
 */
export const DATA_TABLE_SETTINGS = 'SETTINGS non_replicated_deduplication_window = 10000, index_granularity = 8192';
