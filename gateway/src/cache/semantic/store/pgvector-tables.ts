import { SemanticStoreError } from './semantic-store-error.js';

/** Quoted, schema-qualified names; unqualified means the connection's search_path. */
export interface PgvectorTables {
  schema: string | undefined;
  /** Unquoted table name: also names its indexes and its migration component. */
  name: string;
  table: string;
  migrations: string;
  dims: number;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
// Short enough that "<name>_hnsw" etc. stay within PostgreSQL's 63-byte identifiers.
const TABLE_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

/** HNSW on `vector` indexes at most 2 000 dimensions (pgvector's limit). */
export const PGVECTOR_MAX_HNSW_DIMS = 2000;

/**
 * One table per vector length (`llmgw_semantic_cache_d<dims>` by default): the column type
 * is `vector(<dims>)`, and an embedder of another length needs its own table anyway.
 */
export function pgvectorTables(options: { dims: number; schema?: string | undefined; table?: string | undefined }): PgvectorTables {
  const { dims, schema } = options;
  if (!Number.isInteger(dims) || dims < 1 || dims > PGVECTOR_MAX_HNSW_DIMS) {
    throw new SemanticStoreError(
      'invalid_input',
      `dims must be an integer in 1..${PGVECTOR_MAX_HNSW_DIMS} (pgvector's HNSW limit); ask the embedder for fewer dimensions`,
    );
  }
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new SemanticStoreError('invalid_input', `invalid PostgreSQL schema name ${JSON.stringify(schema)}`);
  }
  const name = options.table ?? `llmgw_semantic_cache_d${dims}`;
  if (!TABLE_NAME.test(name)) {
    throw new SemanticStoreError('invalid_input', `invalid table name ${JSON.stringify(name)} (lower-case, at most 48 characters)`);
  }
  const qualify = (table: string): string => (schema === undefined ? `"${table}"` : `"${schema}"."${table}"`);
  return { schema, name, table: qualify(name), migrations: qualify('llmgw_schema_migrations'), dims };
}
