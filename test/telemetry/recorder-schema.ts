import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Session } from 'chdb';
import { CLICKHOUSE_SCHEMA } from './clickhouse-schema-fixture.js';
import { DASHBOARDS_DIR } from './grafana-dashboards.js';

export type TableColumns = Record<string, Record<string, string>>;

const MIGRATIONS_INDEX = resolve(DASHBOARDS_DIR, '../recorder/src/migrations/index.ts');

/** The shape of recorder/src/migrations/index.ts this test relies on. */
interface MigrationsModule {
  MIGRATIONS: ReadonlyArray<{ statements(context: { ttlDays: number }): string[] }>;
}

export function migrationsExist(): boolean {
  return existsSync(MIGRATIONS_INDEX);
}

/**
 * Runs the recorder's own migrations in the session (chdb is the recorder's embedded
 * ClickHouse, so the statements run as they would in production). Loaded by path at run
 * time: the recorder package is written in parallel, and without it this test falls back
 * to the fixture instead of failing to compile.
 */
export async function applyRecorderMigrations(session: Session): Promise<void> {
  const specifier: string = MIGRATIONS_INDEX;
  const { MIGRATIONS } = (await import(specifier)) as MigrationsModule;
  for (const migration of MIGRATIONS) for (const statement of migration.statements({ ttlDays: 30 })) session.query(statement);
}

export function applyFixtureSchema(session: Session): void {
  for (const [table, columns] of Object.entries(CLICKHOUSE_SCHEMA)) {
    const body = Object.entries(columns)
      .map(([name, type]) => `\`${name}\` ${type}`)
      .join(', ');
    session.query(`CREATE TABLE ${table} (${body}) ENGINE = Memory`);
  }
}

/** table → column → type, as ClickHouse sees them. */
export function describeTables(session: Session): TableColumns {
  const out: TableColumns = {};
  const rows = session.query("SELECT table, name, type FROM system.columns WHERE database = currentDatabase() AND table IN ('requests', 'attempts')", 'JSONEachRow');
  for (const line of rows.split('\n')) {
    if (line.trim() === '') continue;
    const { table, name, type } = JSON.parse(line) as { table: string; name: string; type: string };
    (out[table] ??= {})[name] = type;
  }
  return out;
}
