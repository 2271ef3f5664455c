import type { PgvectorTables } from './pgvector-tables.js';
import { SemanticStoreError } from './semantic-store-error.js';
import type { SemanticEntry, SemanticSearchHit } from './semantic-store.js';

/** How a filtered HNSW scan goes on when the filter leaves fewer than k rows (pgvector ≥ 0.8). */
export type IterativeScanMode = 'relaxed_order' | 'strict_order' | 'off';

/**
 * BEGIN plus the per-query settings, sent as one simple query so they cost one round trip.
 * SET LOCAL ends with the transaction, so a pooled connection (maybe shared with other
 * components) never keeps them. The values are integers and a closed set, checked by the
 * caller: nothing user-supplied is spliced in.
 */
export function searchBeginSql(settings: { efSearch: number; iterativeScan: IterativeScanMode | undefined; timeoutMs: number }): string {
  const statements = ['BEGIN', `SET LOCAL hnsw.ef_search = ${settings.efSearch}`, `SET LOCAL statement_timeout = ${settings.timeoutMs}`];
  if (settings.iterativeScan !== undefined) statements.push(`SET LOCAL hnsw.iterative_scan = ${settings.iterativeScan}`);
  return statements.join('; ');
}

/**
 * $1 vector, $2 tenant, $3 scope, $4 now, $5 k, $6 max cosine distance (1 - minSimilarity).
 * The inner query is the shape the HNSW index serves (ORDER BY distance LIMIT k, the filter
 * applied during the scan); the threshold is applied outside it, because a distance bound
 * inside would make the index scan walk on (up to hnsw.max_scan_tuples) whenever there is
 * no hit — the common case of a cache. The outer ORDER BY restores exact order, which
 * iterative_scan = relaxed_order may slightly break.
 */
export function searchSql(t: PgvectorTables): string {
  return `
    SELECT id, scope, text, answer, created_at, expires_at, distance FROM (
      SELECT id, scope, text, answer, created_at, expires_at, embedding <=> $1::vector AS distance
      FROM ${t.table}
      WHERE tenant = $2 AND scope = $3 AND expires_at > $4
      ORDER BY embedding <=> $1::vector
      LIMIT $5
    ) nearest
    WHERE distance <= $6
    ORDER BY distance`;
}

/** $1 tenant, $2 id, $3 scope, $4 text, $5 answer, $6 created_at, $7 expires_at, $8 vector. */
export function insertSql(t: PgvectorTables): string {
  return `
    INSERT INTO ${t.table} (tenant, id, scope, text, answer, created_at, expires_at, embedding)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8::vector)
    ON CONFLICT (tenant, id) DO UPDATE SET
      scope = EXCLUDED.scope, text = EXCLUDED.text, answer = EXCLUDED.answer,
      created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at, embedding = EXCLUDED.embedding`;
}

/** Serialises the inserts of one tenant (two-int key space, apart from the migration lock). */
export const tenantLockSql = 'SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))';

/** $1 tenant, $2 max entries: deletes all but the newest $2 (by created_at) of the tenant. */
export function trimTenantSql(t: PgvectorTables): string {
  return `
    DELETE FROM ${t.table} WHERE tenant = $1 AND id IN (
      SELECT id FROM ${t.table} WHERE tenant = $1 ORDER BY created_at DESC, id DESC OFFSET $2
    )`;
}

/** $1 now, $2 batch size: deletes in batches so one sweep never holds a huge transaction. */
export function deleteExpiredSql(t: PgvectorTables): string {
  return `DELETE FROM ${t.table} WHERE ctid IN (SELECT ctid FROM ${t.table} WHERE expires_at <= $1 LIMIT $2)`;
}

/**
 * A vector as a query parameter in pgvector's BINARY form. node-pg sends a Buffer parameter
 * with the binary format code, so the server reads it with vector_recv: int16 dims, int16
 * unused (0), then dims float4, big-endian (pgvector src/vector.c). Compared with the text
 * form '[0.1,…]' this is exact and ~10x cheaper to build (~25 µs vs ~250 µs at 512 dims),
 * which matters on the lookup path.
 */
export function toVectorParam(unit: Float32Array): Buffer {
  const buffer = Buffer.allocUnsafe(4 + 4 * unit.length);
  buffer.writeInt16BE(unit.length, 0);
  buffer.writeInt16BE(0, 2);
  for (let i = 0; i < unit.length; i++) buffer.writeFloatBE(unit[i]!, 4 + 4 * i);
  return buffer;
}

function field<T>(row: Record<string, unknown>, name: string, check: (value: unknown) => value is T): T {
  const value = row[name];
  if (!check(value)) throw new SemanticStoreError('storage', `unexpected ${name} in a semantic cache row`);
  return value;
}
const isString = (value: unknown): value is string => typeof value === 'string';
const isDate = (value: unknown): value is Date => value instanceof Date;
const isNumber = (value: unknown): value is number => typeof value === 'number';

/** Turns a search row into a hit; rows are checked, not cast (the table is outside our types). */
export function decodeHit(row: Record<string, unknown>, tenant: string, dims: number): SemanticSearchHit {
  const id = field(row, 'id', isString);
  const entry: SemanticEntry = {
    id,
    tenant,
    scope: field(row, 'scope', isString),
    text: field(row, 'text', isString),
    answer: field(row, 'answer', isString),
    createdAt: field(row, 'created_at', isDate).getTime(),
    expiresAt: field(row, 'expires_at', isDate).getTime(),
    dims,
  };
  // pgvector clamps cosine to [-1, 1], so distance is in [0, 2].
  return { id, similarity: 1 - field(row, 'distance', isNumber), entry };
}
