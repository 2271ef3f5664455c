import type { Pool } from 'pg';
import type { PgvectorTables } from './pgvector-tables.js';
import { SemanticStoreError } from './semantic-store-error.js';

export interface PgvectorServerInfo {
  /** The `vector` extension's version in this database, e.g. "0.8.0". */
  extensionVersion: string;
  /** hnsw.iterative_scan exists from pgvector 0.8.0 on. */
  supportsIterativeScan: boolean;
}

function atLeast(version: string, wanted: readonly number[]): boolean {
  const parts = version.split('.').map((part) => Number.parseInt(part, 10));
  for (let i = 0; i < wanted.length; i++) {
    const have = parts[i] ?? 0;
    const want = wanted[i] ?? 0;
    if (Number.isNaN(have)) return false;
    if (have !== want) return have > want;
  }
  return true;
}

/**
 * Reads what the store adapts to (the extension version) and checks what it relies on (the
 * table's column is `vector(<dims>)`): a table created for another embedder fails here, at
 * start-up, rather than on every insert.
 */
export async function inspectPgvector(pool: Pool, tables: PgvectorTables): Promise<PgvectorServerInfo> {
  const extension = await pool.query<{ extversion: string }>(`SELECT extversion FROM pg_extension WHERE extname = 'vector'`);
  const extensionVersion = extension.rows[0]?.extversion;
  if (extensionVersion === undefined) throw new SemanticStoreError('storage', 'the vector extension is not installed in this database');
  const column = await pool.query<{ type: string }>(
    `SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute
     WHERE attrelid = to_regclass($1) AND attname = 'embedding' AND NOT attisdropped`,
    [tables.table],
  );
  const type = column.rows[0]?.type;
  if (type === undefined) throw new SemanticStoreError('storage', `${tables.table} has no embedding column: was it migrated?`);
  // format_type may schema-qualify the type (e.g. "public.vector(512)") when it is off the search_path.
  if (!type.endsWith(`vector(${tables.dims})`)) {
    throw new SemanticStoreError('storage', `${tables.table}.embedding is ${type}, the store expects vector(${tables.dims})`);
  }
  return { extensionVersion, supportsIterativeScan: atLeast(extensionVersion, [0, 8, 0]) };
}
