import type pg from 'pg';
import type { PgvectorTables, SemanticSearchQuery } from '../../../gateway/src/cache/semantic/store/index.js';
import { searchBeginSql, searchSql, toVectorParam } from '../../../gateway/src/cache/semantic/store/pgvector-queries.js';

export interface ExplainedSearch {
  /** Which access path the planner chose. */
  plan: string;
  /** The server's own execution time (EXPLAIN ANALYZE), ms: no round trips, no client. */
  executionMs: number;
}

function classify(text: string): string {
  if (text.includes('_hnsw')) return 'HNSW index scan';
  if (text.includes('_scope')) return '(tenant, scope) btree + top-N sort';
  return text.includes('Seq Scan') ? 'seq scan' : 'other';
}

/**
 * Runs one search under EXPLAIN ANALYZE with the store's own per-query settings, so the
 * server's share of a lookup can be told apart from round trips and a busy client machine.
 */
export async function explainSearch(
  pool: pg.Pool,
  tables: PgvectorTables,
  query: SemanticSearchQuery,
  settings: { efSearch: number; now: number },
): Promise<ExplainedSearch> {
  const client = await pool.connect();
  try {
    await client.query(searchBeginSql({ efSearch: Math.max(settings.efSearch, query.k), iterativeScan: 'relaxed_order', timeoutMs: 10_000 }));
    const params = [toVectorParam(Float32Array.from(query.vector)), query.tenant, query.scope, new Date(settings.now), query.k, 2];
    const result = await client.query(`EXPLAIN (ANALYZE) ${searchSql(tables)}`, params);
    await client.query('COMMIT');
    const text = result.rows.map((row: Record<string, unknown>) => String(row['QUERY PLAN'])).join('\n');
    return { plan: classify(text), executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? Number.NaN) };
  } finally {
    client.release();
  }
}
