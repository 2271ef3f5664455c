import type { Pool, PoolClient } from 'pg';
import { applyPgMigrations, lockMigrations } from '../../../db/pg-migrations.js';
import { withTransaction } from '../../../db/pg-transaction.js';
import type { PgvectorTables } from './pgvector-tables.js';
import { SemanticStoreError } from './semantic-store-error.js';

/**
 * The pgvector store's schema as forward-only migrations, tracked in the shared
 * `llmgw_schema_migrations` table (component, version). Each table (one per vector length)
 * is its own component, `semantic-cache:<table>`, so a 512-dim and a 1536-dim cache migrate
 * independently. A released migration never changes: a change is a new entry. Each one is
 * also idempotent on its own (IF NOT EXISTS), so a half-tracked database migrates safely.
 */

export interface PgvectorMigration {
  version: number;
  description: string;
  sql(tables: PgvectorTables): string;
}

/**
 * HNSW build parameters (pgvector's defaults, written out so they are a decision):
 * m = 16 links per node and ef_construction = 64 candidates while building. Higher values
 * buy recall with build time and memory; at semantic-cache sizes (≤ 1e5–1e6 rows) and with
 * hnsw.ef_search set per query, the defaults found the true nearest neighbour of 98–100 % of
 * paraphrase-like queries at 10k–100k entries (see README).
 */
export const HNSW_M = 16;
export const HNSW_EF_CONSTRUCTION = 64;

export const PGVECTOR_MIGRATIONS: readonly PgvectorMigration[] = [
  {
    version: 1,
    description: 'entries table, HNSW cosine index, (tenant, scope), (tenant, created_at), expires_at',
    // answer is text, not jsonb: it is returned byte for byte and never queried, so jsonb
    // would only add a parse on write and a re-serialisation (key order!) on read.
    sql: (t) => `
      CREATE TABLE IF NOT EXISTS ${t.table} (
        tenant text NOT NULL,
        id text NOT NULL,
        scope text NOT NULL,
        text text NOT NULL,
        answer text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        embedding vector(${t.dims}) NOT NULL,
        PRIMARY KEY (tenant, id)
      );
      CREATE INDEX IF NOT EXISTS "${t.name}_scope" ON ${t.table} (tenant, scope);
      CREATE INDEX IF NOT EXISTS "${t.name}_age" ON ${t.table} (tenant, created_at);
      CREATE INDEX IF NOT EXISTS "${t.name}_expiry" ON ${t.table} (expires_at);
      CREATE INDEX IF NOT EXISTS "${t.name}_hnsw" ON ${t.table}
        USING hnsw (embedding vector_cosine_ops) WITH (m = ${HNSW_M}, ef_construction = ${HNSW_EF_CONSTRUCTION});
    `,
  },
  {
    version: 2,
    description: 'keep vectors inline (STORAGE MAIN)',
    // pgvector's type defaults to EXTERNAL storage, so any row over ~2 KB (every row at 512
    // dims) keeps its vector out of line in TOAST, and an exact scan of a small scope detoasts
    // every row: measured 6x slower (7.5 vs 1.3 ms for 2 000 rows), and the planner, seeing a
    // tiny heap, misjudges the plans. MAIN keeps vectors inline (text and answer are toasted
    // first); only a row that cannot fit a page at all moves its vector out. Applies to rows
    // written from now on; existing rows move when rewritten (cache entries turn over by TTL).
    sql: (t) => `ALTER TABLE ${t.table} ALTER COLUMN embedding SET STORAGE MAIN;`,
  },
];

export const pgvectorMigrationComponent = (tables: PgvectorTables): string => `semantic-cache:${tables.name}`;

/**
 * Makes sure the `vector` extension exists in this database. CREATE EXTENSION needs a
 * superuser (pgvector is not a trusted extension), so a production role usually finds it
 * created by the DBA and this is a lookup only.
 */
async function ensureVectorExtension(client: PoolClient): Promise<void> {
  const installed = await client.query(`SELECT 1 FROM pg_extension WHERE extname = 'vector'`);
  if (installed.rowCount !== 0) return;
  const available = await client.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`);
  if (available.rowCount === 0) {
    throw new SemanticStoreError('storage', 'the PostgreSQL server has no pgvector extension: run scripts/install-pgvector.sh');
  }
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS vector');
  } catch (error) {
    throw new SemanticStoreError('storage', 'CREATE EXTENSION vector failed: it needs a superuser; have one run it in this database', {
      cause: error,
    });
  }
}

/**
 * Applies the migrations this table lacks, in one transaction, and returns the versions it
 * applied (empty when up to date). Replicas starting together queue on the same advisory
 * lock as the other components' migrations instead of racing to create the same objects.
 */
export async function migratePgvectorSchema(pool: Pool, tables: PgvectorTables): Promise<number[]> {
  const component = pgvectorMigrationComponent(tables);
  try {
    return await withTransaction(pool, async (client) => {
      await lockMigrations(client);
      await ensureVectorExtension(client);
      return applyPgMigrations(client, {
        migrationsTable: tables.migrations,
        component,
        schema: tables.schema,
        steps: PGVECTOR_MIGRATIONS.map((m) => ({ version: m.version, sql: m.sql(tables) })),
      });
    });
  } catch (error) {
    if (error instanceof SemanticStoreError) throw error;
    throw new SemanticStoreError('storage', `semantic cache migration of ${tables.table} failed`, { cause: error });
  }
}
