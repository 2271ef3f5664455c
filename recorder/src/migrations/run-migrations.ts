import type { ClickHouseTransport } from '../clickhouse-transport.js';
import { ttlClause, type Migration, type MigrationContext } from './migration.js';

export interface MigrationReport {
  /** Versions applied by this run (empty when the schema was already current). */
  applied: number[];
  /** Tables whose TTL was changed to match `ttlDays`. */
  ttlChanged: string[];
}

/**
 * `schema_migrations` is a ReplacingMergeTree read with DISTINCT: two processes racing through
 * the same step (both statements are idempotent) may both record it, and that must not matter.
 */
const CREATE_SCHEMA_MIGRATIONS = `CREATE TABLE IF NOT EXISTS schema_migrations
(
    version    UInt32,
    name       String,
    applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
ORDER BY version`;

/**
 * Applies every migration not yet recorded in `schema_migrations`, in version order, then makes
 * the data tables' TTL match `ttlDays`. Running it again is a no-op.
 */
export async function runMigrations(
  transport: ClickHouseTransport,
  migrations: readonly Migration[],
  context: MigrationContext,
): Promise<MigrationReport> {
  await transport.command(CREATE_SCHEMA_MIGRATIONS);
  const rows = await transport.query('SELECT DISTINCT version FROM schema_migrations');
  const done = new Set(rows.map((row) => Number((row as { version?: unknown }).version)));
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(migration.version)) continue;
    for (const statement of migration.statements(context)) await transport.command(statement);
    await transport.command(
      `INSERT INTO schema_migrations (version, name) VALUES (${migration.version}, '${migration.name.replace(/'/g, "''")}')`,
    );
    applied.push(migration.version);
  }
  const ttlChanged = await reconcileTtl(transport, context.ttlDays);
  return { applied, ttlChanged };
}

/**
 * TTL is configuration, not schema history: the create migrations use the ttlDays of the first
 * start, and a later start with another value rewrites the clause. `materialize_ttl_after_modify
 * = 0` keeps the ALTER cheap (no rewrite of existing parts); merges apply the new TTL over time
 * (`ALTER TABLE ... MATERIALIZE TTL` forces it).
 */
async function reconcileTtl(transport: ClickHouseTransport, ttlDays: number): Promise<string[]> {
  const clause = ttlClause(ttlDays);
  const rows = await transport.query(
    "SELECT name, engine_full FROM system.tables WHERE database = currentDatabase() AND name IN ('requests', 'attempts')",
  );
  const changed: string[] = [];
  for (const row of rows) {
    const { name, engine_full: engine } = row as { name?: unknown; engine_full?: unknown };
    if (typeof name !== 'string' || typeof engine !== 'string') continue;
    const current = /toIntervalDay\((\d+)\)/.exec(engine)?.[1];
    if (current !== undefined && Number(current) === ttlDays) continue;
    await transport.command(`ALTER TABLE ${name} MODIFY ${clause} SETTINGS materialize_ttl_after_modify = 0`);
    changed.push(name);
  }
  return changed.sort();
}
