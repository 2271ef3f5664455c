export {
  DEFAULT_MAX_ENTRIES_PER_TENANT,
  MAX_SEMANTIC_K,
  type SemanticCacheStore,
  type SemanticEntry,
  type SemanticInsert,
  type SemanticSearchHit,
  type SemanticSearchQuery,
  type SemanticVector,
} from './semantic-store.js';
export { isSemanticStoreError, SemanticStoreError, type SemanticStoreErrorCode } from './semantic-store-error.js';
export { MemorySemanticCache, type MemorySemanticCacheOptions } from './memory-semantic-cache.js';
export {
  createPgvectorSemanticCache,
  PgvectorSemanticCache,
  type PgvectorSemanticCacheOptions,
} from './pgvector-semantic-cache.js';
export type { IterativeScanMode } from './pgvector-queries.js';
export type { PgvectorServerInfo } from './pgvector-server-info.js';
export { pgvectorTables, PGVECTOR_MAX_HNSW_DIMS, type PgvectorTables } from './pgvector-tables.js';
export {
  HNSW_EF_CONSTRUCTION,
  HNSW_M,
  migratePgvectorSchema,
  PGVECTOR_MIGRATIONS,
  pgvectorMigrationComponent,
} from './pgvector-migrations.js';
