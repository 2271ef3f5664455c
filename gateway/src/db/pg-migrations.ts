import type { PoolClient } from 'pg';

/** One forward-only migration step: released steps never change, a change is a new step. */
export interface PgMigrationStep {
  version: number;
  sql: string;
}

export interface PgMigrationPlan {
  /** Quoted, schema-qualified name of the shared `llmgw_schema_migrations` table. */
  migrationsTable: string;
  /** The component's row key in that table (e.g. `prompts`, `semantic-cache:<table>`). */
  component: string;
  /** Created when missing; undefined = the connection's search_path. */
  schema: string | undefined;
  steps: readonly PgMigrationStep[];
}

/** The lock every component's migrations queue on, so replicas starting together do not race. */
export async function lockMigrations(client: PoolClient): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('llmgw_schema_migrations'))`);
}

/**
 * Applies the steps this component lacks, inside the caller's transaction (after
 * `lockMigrations`), and returns the versions it applied (empty when up to date). Every
 * component of the gateway tracks its steps in the same table, by (component, version).
 */
export async function applyPgMigrations(client: PoolClient, plan: PgMigrationPlan): Promise<number[]> {
  if (plan.schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS "${plan.schema}"`);
  await client.query(`
    CREATE TABLE IF NOT EXISTS ${plan.migrationsTable} (
      component text NOT NULL,
      version integer NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version)
    )`);
  const done = await client.query<{ version: number }>(`SELECT version FROM ${plan.migrationsTable} WHERE component = $1`, [plan.component]);
  const applied = new Set(done.rows.map((row) => Number(row.version)));
  const ran: number[] = [];
  for (const step of plan.steps) {
    if (applied.has(step.version)) continue;
    await client.query(step.sql);
    await client.query(`INSERT INTO ${plan.migrationsTable} (component, version) VALUES ($1, $2)`, [plan.component, step.version]);
    ran.push(step.version);
  }
  return ran;
}
