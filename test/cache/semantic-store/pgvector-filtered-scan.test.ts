import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PgvectorSemanticCache } from '../../../gateway/src/cache/semantic/store/index.js';
import { DATABASE_URL, dropSchema, testPool, uniqueSchema, vectorLiteral } from './pg-test-support.js';

/**
 * Why the store turns on hnsw.iterative_scan: an HNSW scan keeps ef_search candidates and
 * the tenant/scope filter runs on those, so a selective filter can leave fewer than k rows.
 * The planner normally answers a small scope from the (tenant, scope) btree (exact); here
 * the other plans are switched off for the connection so the HNSW path is what runs.
 */
describe('PgvectorSemanticCache filtered HNSW scan', () => {
  const DIMS = 8;
  const schema = uniqueSchema();
  const admin = testPool(2);
  const forcedHnsw = new pg.Pool({
    connectionString: DATABASE_URL,
    max: 2,
    options: '-c enable_seqscan=off -c enable_bitmapscan=off -c enable_sort=off',
  });
  const query = { tenant: 't', scope: 'small', vector: [1, 0, 0, 0, 0, 0, 0, 0], k: 5, minSimilarity: -1 };
  // Seeded, spread-out vectors: 30 of 2030 rows match, so the ef_search (40) nearest
  // candidates hold fewer than 5 of them (expected 0.6) whatever the query.
  let seed = 42;
  const random = (): number => {
    // mulberry32: tiny, seeded, good enough to spread test vectors.
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32 - 0.5;
  };
  const spread = (): number[] => Array.from({ length: DIMS }, random);

  beforeAll(async () => {
    const store = new PgvectorSemanticCache({ pool: admin, schema, dims: DIMS, maxEntriesPerTenant: 100_000 });
    await store.open();
    const rows = [
      ...Array.from({ length: 2000 }, (_, i) => ({ id: `big-${i}`, scope: 'big', vector: spread() })),
      ...Array.from({ length: 30 }, (_, i) => ({ id: `small-${i}`, scope: 'small', vector: spread() })),
    ];
    // One multi-row statement: the test is about the scan, not about insert().
    await admin.query(
      `INSERT INTO ${store.tables.table} (tenant, id, scope, text, answer, created_at, expires_at, embedding)
       SELECT 't', id, scope, '', '""', now(), now() + interval '1 day', v::vector
       FROM unnest($1::text[], $2::text[], $3::text[]) AS r(id, scope, v)`,
      [rows.map((r) => r.id), rows.map((r) => r.scope), rows.map((r) => vectorLiteral(r.vector))],
    );
    await admin.query(`ANALYZE ${store.tables.table}`);
  });

  afterAll(async () => {
    await forcedHnsw.end();
    await dropSchema(admin, schema);
    await admin.end();
  });

  it('runs the HNSW index under the forced settings', async () => {
    const plan = await forcedHnsw.query(
      `EXPLAIN SELECT id FROM "${schema}".llmgw_semantic_cache_d8 WHERE tenant = 't' AND scope = 'small'
       ORDER BY embedding <=> $1::vector LIMIT 5`,
      [vectorLiteral(query.vector)],
    );
    expect(plan.rows.map((row: Record<string, unknown>) => String(row['QUERY PLAN'])).join('\n')).toMatch(/llmgw_semantic_cache_d8_hnsw/);
  });

  it('without iterative scan returns fewer than k rows of a small scope', async () => {
    const store = new PgvectorSemanticCache({ pool: forcedHnsw, schema, dims: DIMS, iterativeScan: 'off' });
    expect((await store.search(query)).length).toBeLessThan(5);
  });

  it('with iterative scan (the default on pgvector ≥ 0.8) returns all k', async () => {
    const store = new PgvectorSemanticCache({ pool: forcedHnsw, schema, dims: DIMS });
    const info = await store.open();
    if (!info.supportsIterativeScan) return; // pgvector < 0.8: documented limitation
    const hits = await store.search(query);
    expect(hits.map((hit) => hit.entry.scope)).toEqual(Array(5).fill('small'));
    const sims = hits.map((hit) => hit.similarity);
    expect(sims).toEqual([...sims].sort((a, b) => b - a));
  });
});
