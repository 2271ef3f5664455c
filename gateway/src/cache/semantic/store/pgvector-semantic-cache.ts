import pg from 'pg';
import type { Pool } from 'pg';
import { checkInsert, checkSearchQuery, checkStoreOptions } from './check-arguments.js';
import { withTransaction } from '../../../db/pg-transaction.js';
import { migratePgvectorSchema } from './pgvector-migrations.js';
import {
  decodeHit,
  deleteExpiredSql,
  insertSql,
  type IterativeScanMode,
  searchBeginSql,
  searchSql,
  tenantLockSql,
  toVectorParam,
  trimTenantSql,
} from './pgvector-queries.js';
import { inspectPgvector, type PgvectorServerInfo } from './pgvector-server-info.js';
import { pgvectorTables, type PgvectorTables } from './pgvector-tables.js';
import { isSemanticStoreError, SemanticStoreError } from './semantic-store-error.js';
import {
  DEFAULT_MAX_ENTRIES_PER_TENANT,
  type SemanticCacheStore,
  type SemanticInsert,
  type SemanticSearchHit,
  type SemanticSearchQuery,
} from './semantic-store.js';
import { toUnitVector } from './unit-vector.js';

export interface PgvectorSemanticCacheOptions {
  /** Vector length; picks the table `llmgw_semantic_cache_d<dims>` unless `table` is given. */
  dims: number;
  /** An injected pool; the store never ends it. Give this or `connectionString`. */
  pool?: Pool;
  /** The store builds (and on close ends) its own pool. */
  connectionString?: string;
  /** A PostgreSQL schema for the table (created by the migration); default: search_path. */
  schema?: string;
  table?: string;
  /** Default 10 000; an insert beyond it deletes the tenant's oldest entries. */
  maxEntriesPerTenant?: number;
  /** hnsw.ef_search per query (at least k): candidates kept while searching. Default 40. */
  efSearch?: number;
  /** Default 'relaxed_order' (re-sorted by the query); not sent to pgvector < 0.8. */
  iterativeScan?: IterativeScanMode;
  /** statement_timeout of a search, ms. Default 500: a slower lookup is worth less than a miss. */
  searchTimeoutMs?: number;
  /** Epoch milliseconds; injected so tests can move time. */
  now?: () => number;
}

const DELETE_BATCH = 10_000;

function positiveInteger(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new SemanticStoreError('invalid_input', `${name} must be an integer in 1..${max}`);
  }
  return value;
}

/**
 * The production store: one PostgreSQL table per vector length with an HNSW cosine index
 * (pgvector), shared by every gateway replica. See README.md for the query plan, the
 * iterative scan and the per-tenant bound.
 */
export class PgvectorSemanticCache implements SemanticCacheStore {
  readonly dims: number;
  readonly tables: PgvectorTables;
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly maxEntriesPerTenant: number;
  private readonly efSearch: number;
  private readonly iterativeScan: IterativeScanMode;
  private readonly searchTimeoutMs: number;
  private readonly now: () => number;
  private opening: Promise<PgvectorServerInfo> | undefined;
  private info: PgvectorServerInfo | undefined;
  private closed = false;

  /** Does no I/O; open() (or createPgvectorSemanticCache) migrates and inspects. */
  constructor(options: PgvectorSemanticCacheOptions) {
    if (options.pool === undefined && options.connectionString === undefined) {
      throw new SemanticStoreError('invalid_input', 'PgvectorSemanticCache needs a pool or a connection string');
    }
    this.dims = options.dims;
    this.maxEntriesPerTenant = options.maxEntriesPerTenant ?? DEFAULT_MAX_ENTRIES_PER_TENANT;
    checkStoreOptions(this.dims, this.maxEntriesPerTenant);
    this.tables = pgvectorTables({ dims: options.dims, schema: options.schema, table: options.table });
    // pgvector accepts ef_search up to 1000.
    this.efSearch = positiveInteger('efSearch', options.efSearch ?? 40, 1000);
    this.searchTimeoutMs = positiveInteger('searchTimeoutMs', options.searchTimeoutMs ?? 500, 600_000);
    this.iterativeScan = options.iterativeScan ?? 'relaxed_order';
    if (!['relaxed_order', 'strict_order', 'off'].includes(this.iterativeScan)) {
      throw new SemanticStoreError('invalid_input', `unknown iterativeScan ${JSON.stringify(this.iterativeScan)}`);
    }
    this.now = options.now ?? Date.now;
    this.ownsPool = options.pool === undefined;
    this.pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString });
    // An idle connection that dies emits 'error' on the pool, which would crash the process
    // if nobody listened; pg drops that connection and the next query reports the outage.
    if (this.ownsPool) this.pool.on('error', () => undefined);
  }

  /** Migrates (idempotent) and inspects the server once; later calls share the result. */
  open(): Promise<PgvectorServerInfo> {
    this.opening ??= (async () => {
      await migratePgvectorSchema(this.pool, this.tables);
      this.info = await this.storage('inspect', () => inspectPgvector(this.pool, this.tables));
      return this.info;
    })().catch((error: unknown) => {
      this.opening = undefined; // a later call may retry, e.g. once the database is back
      throw error;
    });
    return this.opening;
  }

  /** What open() found; undefined before it. */
  get serverInfo(): PgvectorServerInfo | undefined {
    return this.info;
  }

  async search(query: SemanticSearchQuery): Promise<SemanticSearchHit[]> {
    this.checkOpen();
    checkSearchQuery(query);
    const vector = toVectorParam(toUnitVector(query.vector, this.dims));
    const info = this.info ?? (await this.open());
    const begin = searchBeginSql({
      efSearch: Math.max(this.efSearch, query.k),
      iterativeScan: info.supportsIterativeScan ? this.iterativeScan : undefined,
      timeoutMs: this.searchTimeoutMs,
    });
    const params = [vector, query.tenant, query.scope, new Date(this.now()), query.k, 1 - query.minSimilarity];
    const rows = await this.storage('search', () =>
      withTransaction(this.pool, async (client) => (await client.query<Record<string, unknown>>(searchSql(this.tables), params)).rows, begin),
    );
    return rows.map((row) => decodeHit(row, query.tenant, this.dims));
  }

  async insert(entry: SemanticInsert): Promise<void> {
    this.checkOpen();
    checkInsert(entry, this.dims);
    const vector = toVectorParam(toUnitVector(entry.vector, this.dims));
    if (this.info === undefined) await this.open();
    // The tenant lock makes the bound exact under concurrent inserts: each trim sees every
    // committed insert of the tenant before it.
    await this.storage('insert', () =>
      withTransaction(this.pool, async (client) => {
        await client.query(tenantLockSql, [this.tables.table, entry.tenant]);
        await client.query(insertSql(this.tables), [
          entry.tenant,
          entry.id,
          entry.scope,
          entry.text,
          entry.answer,
          new Date(entry.createdAt),
          new Date(entry.expiresAt),
          vector,
        ]);
        await client.query(trimTenantSql(this.tables), [entry.tenant, this.maxEntriesPerTenant]);
      }),
    );
  }

  async deleteExpired(): Promise<number> {
    this.checkOpen();
    if (this.info === undefined) await this.open();
    const now = new Date(this.now());
    let removed = 0;
    for (;;) {
      const result = await this.storage('deleteExpired', () => this.pool.query(deleteExpiredSql(this.tables), [now, DELETE_BATCH]));
      const count = result.rowCount ?? 0;
      removed += count;
      if (count < DELETE_BATCH) return removed;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsPool) await this.pool.end();
  }

  private checkOpen(): void {
    if (this.closed) throw new SemanticStoreError('storage', 'the semantic cache store is closed');
  }

  private async storage<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isSemanticStoreError(error)) throw error;
      throw new SemanticStoreError('storage', `semantic cache ${operation} on ${this.tables.table} failed`, { cause: error });
    }
  }
}

/** Builds the store, migrates its table and inspects the server: start-up fails here, loudly. */
export async function createPgvectorSemanticCache(options: PgvectorSemanticCacheOptions): Promise<PgvectorSemanticCache> {
  const store = new PgvectorSemanticCache(options);
  try {
    await store.open();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
