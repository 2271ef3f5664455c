import { afterAll, describe, expect, it } from 'vitest';
import {
  createPgvectorSemanticCache,
  migratePgvectorSchema,
  PGVECTOR_MIGRATIONS,
  pgvectorMigrationComponent,
  PgvectorSemanticCache,
  pgvectorTables,
} from '../../../gateway/src/cache/semantic/store/index.js';
import { dropSchema, testPool, uniqueSchema } from './pg-test-support.js';

describe('PgvectorSemanticCache schema', () => {
  const pool = testPool();
  const schemas: string[] = [];
  const freshSchema = (): string => {
    const schema = uniqueSchema();
    schemas.push(schema);
    return schema;
  };

  afterAll(async () => {
    for (const schema of schemas) await dropSchema(pool, schema);
    await pool.end();
  });

  it('runs its tracked migration once and is a no-op the second time', async () => {
    const schema = freshSchema();
    const tables = pgvectorTables({ dims: 8, schema });
    expect(await migratePgvectorSchema(pool, tables)).toEqual([1, 2]);
    expect(await migratePgvectorSchema(pool, tables)).toEqual([]);
    const tracked = await pool.query(`SELECT component, version FROM "${schema}".llmgw_schema_migrations`);
    expect(tracked.rows).toEqual([
      { component: 'semantic-cache:llmgw_semantic_cache_d8', version: 1 },
      { component: 'semantic-cache:llmgw_semantic_cache_d8', version: 2 },
    ]);
    const indexes = await pool.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname`,
      [schema],
    );
    const hnsw = indexes.rows.find((row) => row.indexname === 'llmgw_semantic_cache_d8_hnsw');
    expect(hnsw?.indexdef).toMatch(/USING hnsw \(embedding vector_cosine_ops\) WITH \(m='16', ef_construction='64'\)/);
    expect(indexes.rows.find((row) => row.indexname === 'llmgw_semantic_cache_d8_scope')?.indexdef).toMatch(/\(tenant, scope\)/);
    // Vectors inline (not TOASTed): see the migration's comment.
    const storage = await pool.query(
      `SELECT attstorage FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = 'embedding'`,
      [tables.table],
    );
    expect(storage.rows).toEqual([{ attstorage: 'm' }]);
  });

  it('migrates concurrently without errors (replicas starting together)', async () => {
    const tables = pgvectorTables({ dims: 8, schema: freshSchema() });
    const results = await Promise.all([1, 2, 3].map(() => migratePgvectorSchema(pool, tables)));
    expect(results.flat()).toEqual([1, 2]);
  });

  it('tracks each vector length as its own component in the shared table, beside other components', async () => {
    const schema = freshSchema();
    await pool.query(`CREATE SCHEMA "${schema}"`);
    await pool.query(`CREATE TABLE "${schema}".llmgw_schema_migrations (
      component text NOT NULL, version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version))`);
    await pool.query(`INSERT INTO "${schema}".llmgw_schema_migrations (component, version) VALUES ('prompts', 1)`);
    expect(await migratePgvectorSchema(pool, pgvectorTables({ dims: 8, schema }))).toEqual([1, 2]);
    expect(await migratePgvectorSchema(pool, pgvectorTables({ dims: 16, schema }))).toEqual([1, 2]);
    const tracked = await pool.query(`SELECT component, version FROM "${schema}".llmgw_schema_migrations ORDER BY component`);
    expect(tracked.rows).toEqual([
      { component: 'prompts', version: 1 },
      { component: 'semantic-cache:llmgw_semantic_cache_d16', version: 1 },
      { component: 'semantic-cache:llmgw_semantic_cache_d16', version: 2 },
      { component: 'semantic-cache:llmgw_semantic_cache_d8', version: 1 },
      { component: 'semantic-cache:llmgw_semantic_cache_d8', version: 2 },
    ]);
  });

  it('brings a database that has only version 1 forward, applying only what it lacks', async () => {
    const schema = freshSchema();
    const tables = pgvectorTables({ dims: 8, schema });
    await pool.query(`CREATE SCHEMA "${schema}"`);
    await pool.query(`CREATE TABLE ${tables.migrations} (component text, version integer, applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (component, version))`);
    await pool.query(PGVECTOR_MIGRATIONS[0]!.sql(tables));
    await pool.query(`INSERT INTO ${tables.migrations} (component, version) VALUES ($1, 1)`, [pgvectorMigrationComponent(tables)]);
    expect(await migratePgvectorSchema(pool, tables)).toEqual([2]);
    const storage = await pool.query(`SELECT attstorage FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = 'embedding'`, [tables.table]);
    expect(storage.rows).toEqual([{ attstorage: 'm' }]);
  });

  it('refuses at open a table whose vectors have another length', async () => {
    const schema = freshSchema();
    await migratePgvectorSchema(pool, pgvectorTables({ dims: 8, schema, table: 'shared_cache' }));
    const store = new PgvectorSemanticCache({ pool, schema, table: 'shared_cache', dims: 16 });
    await expect(store.open()).rejects.toMatchObject({ code: 'storage', message: expect.stringMatching(/vector\(8\).*vector\(16\)/) });
  });

  it('refuses more dimensions than HNSW indexes, and bad names, before any I/O', () => {
    expect(() => new PgvectorSemanticCache({ pool, dims: 3072 })).toThrow(/1\.\.2000/);
    expect(() => new PgvectorSemanticCache({ pool, dims: 8, schema: 'x"; drop' })).toThrow(/schema name/);
    expect(() => new PgvectorSemanticCache({ pool, dims: 8, table: 'Bad-Name' })).toThrow(/table name/);
    expect(() => new PgvectorSemanticCache({ pool, dims: 8, efSearch: 0 })).toThrow(/efSearch/);
  });

  it('reports the server and leaves an injected pool open on close', async () => {
    const store = await createPgvectorSemanticCache({ pool, schema: freshSchema(), dims: 8 });
    expect(store.serverInfo).toMatchObject({ extensionVersion: expect.stringMatching(/^\d+\.\d+/) });
    await store.close();
    await expect(store.search({ tenant: 't', scope: 's', vector: [1, 0, 0, 0, 0, 0, 0, 0], k: 1, minSimilarity: 0 })).rejects.toMatchObject({
      code: 'storage',
    });
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('reports an unreachable database as a storage error', async () => {
    const store = new PgvectorSemanticCache({ connectionString: 'postgres://postgres@127.0.0.1:1/test', dims: 8 });
    try {
      await expect(store.open()).rejects.toMatchObject({ name: 'SemanticStoreError', code: 'storage' });
    } finally {
      await store.close();
    }
  });
});
