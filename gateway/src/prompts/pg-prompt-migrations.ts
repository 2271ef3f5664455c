import type { Pool } from 'pg';
import { applyPgMigrations, lockMigrations } from '../db/pg-migrations.js';
import { withTransaction } from '../db/pg-transaction.js';
import { PromptStoreError } from './prompt-errors.js';

/**
 * The prompt store's PostgreSQL schema, as forward-only migrations tracked in the shared
 * `llmgw_schema_migrations` table (one row per component + version). A migration never
 * changes once released: a change is a new entry. Each one is also idempotent on its own
 * (IF NOT EXISTS / OR REPLACE), so a half-tracked database can be migrated again safely.
 */

export const PROMPT_MIGRATION_COMPONENT = 'prompts';

/** Quoted, schema-qualified object names; unqualified means the connection's search_path. */
export interface PgPromptTables {
  schema: string | undefined;
  migrations: string;
  prompts: string;
  versions: string;
  labels: string;
  rejectUpdate: string;
}

export interface PgPromptMigration {
  version: number;
  description: string;
  sql(tables: PgPromptTables): string;
}

export const PROMPT_MIGRATIONS: readonly PgPromptMigration[] = [
  {
    version: 1,
    description: 'prompts (version counter), versions, labels; versions reject UPDATE',
    // llmgw_prompts holds one row per prompt whose latest_version is bumped by an upsert:
    // that row lock is what hands out version numbers without races or gaps.
    sql: (t) => `
      CREATE TABLE IF NOT EXISTS ${t.prompts} (
        tenant text NOT NULL,
        name text NOT NULL,
        latest_version integer NOT NULL CHECK (latest_version > 0),
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant, name)
      );
      CREATE TABLE IF NOT EXISTS ${t.versions} (
        tenant text NOT NULL,
        name text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        content jsonb NOT NULL,
        hash text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant, name, version),
        FOREIGN KEY (tenant, name) REFERENCES ${t.prompts} (tenant, name)
      );
      CREATE TABLE IF NOT EXISTS ${t.labels} (
        tenant text NOT NULL,
        name text NOT NULL,
        label text NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant, name, label),
        FOREIGN KEY (tenant, name, version) REFERENCES ${t.versions} (tenant, name, version)
      );
      CREATE INDEX IF NOT EXISTS llmgw_prompt_labels_by_version ON ${t.labels} (tenant, name, version);
      CREATE OR REPLACE FUNCTION ${t.rejectUpdate}() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'prompt versions are immutable' USING ERRCODE = 'restrict_violation';
      END
      $fn$;
      CREATE OR REPLACE TRIGGER llmgw_prompt_versions_immutable BEFORE UPDATE ON ${t.versions}
        FOR EACH ROW EXECUTE FUNCTION ${t.rejectUpdate}();
    `,
  },
];

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function pgPromptTables(schema?: string): PgPromptTables {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new PromptStoreError('invalid_input', `invalid PostgreSQL schema name ${JSON.stringify(schema)}`);
  }
  const name = (table: string): string => (schema === undefined ? `"${table}"` : `"${schema}"."${table}"`);
  return {
    schema,
    migrations: name('llmgw_schema_migrations'),
    prompts: name('llmgw_prompts'),
    versions: name('llmgw_prompt_versions'),
    labels: name('llmgw_prompt_labels'),
    rejectUpdate: name('llmgw_prompt_versions_reject_update'),
  };
}

/**
 * Applies the migrations this database lacks, in one transaction, and returns the versions
 * it applied (empty when up to date). Replicas starting together queue on an advisory lock
 * instead of racing to create the same tables.
 */
export async function migratePromptSchema(pool: Pool, options: { schema?: string } = {}): Promise<number[]> {
  const tables = pgPromptTables(options.schema);
  try {
    return await withTransaction(pool, async (client) => {
      await lockMigrations(client);
      return applyPgMigrations(client, {
        migrationsTable: tables.migrations,
        component: PROMPT_MIGRATION_COMPONENT,
        schema: tables.schema,
        steps: PROMPT_MIGRATIONS.map((m) => ({ version: m.version, sql: m.sql(tables) })),
      });
    });
  } catch (error) {
    throw new PromptStoreError('storage', 'prompt store migration failed', { cause: error });
  }
}
