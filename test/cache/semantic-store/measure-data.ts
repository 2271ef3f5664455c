import type pg from 'pg';
import type { PgvectorTables } from '../../../gateway/src/cache/semantic/store/index.js';
import { vectorLiteral } from './pg-test-support.js';

/** Where generated entries go: one big scope holds half, 10 tenants × 10 scopes the rest. */
export interface Placement {
  tenant: string;
  scope: string;
}

export const BIG: Placement = { tenant: 'tenant-big', scope: 'scope-big' };
export const SMALL: readonly Placement[] = Array.from({ length: 100 }, (_, i) => ({
  tenant: `tenant-${Math.floor(i / 10)}`,
  scope: `scope-${i % 10}`,
}));

export const placementOf = (index: number): Placement => (index % 2 === 0 ? BIG : SMALL[(index >> 1) % SMALL.length]!);

/** Seeded standard-normal draws (mulberry32 + Box–Muller), so runs are comparable. */
export function gaussian(seed: number): () => number {
  let state = seed | 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) + 1) / (2 ** 32 + 1);
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** A random direction: normal components, scaled to length 1 (uniform on the sphere). */
export function randomUnit(draw: () => number, dims: number): Float32Array {
  const v = new Float32Array(dims);
  let sum = 0;
  for (let i = 0; i < dims; i++) {
    v[i] = draw();
    sum += v[i]! * v[i]!;
  }
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < dims; i++) v[i] = v[i]! * scale;
  return v;
}

/**
 * A stored vector: a random direction with components rounded to 1e-5. Short decimals make
 * the text sent by the bulk load ~4x shorter and faster to format (the 100k load is
 * dominated by number-to-text); the rounding moves a 512-dim unit vector by ~1e-4.
 */
export function randomEntryVector(draw: () => number, dims: number): number[] {
  return Array.from(randomUnit(draw, dims), (value) => Math.round(value * 1e5) / 1e5);
}

/** `base` plus noise of the given relative size: a paraphrase-like query (cosine ≈ 1/√(1+noise²)). */
export function nearby(draw: () => number, base: ArrayLike<number>, noise: number): Float32Array {
  const offset = randomUnit(draw, base.length);
  return Float32Array.from(offset, (value, i) => base[i]! + noise * value);
}

export interface GeneratedEntry extends Placement {
  id: string;
  vector: number[];
}

/**
 * Multi-row INSERT … SELECT FROM unnest(arrays): one statement and one round trip per batch,
 * straight into the table (the harness measures lookups; insert() is tested elsewhere).
 */
export async function bulkInsert(pool: pg.Pool, tables: PgvectorTables, entries: readonly GeneratedEntry[], now: number): Promise<void> {
  const BATCH = 1000;
  for (let start = 0; start < entries.length; start += BATCH) {
    const batch = entries.slice(start, start + BATCH);
    await pool.query(
      `INSERT INTO ${tables.table} (tenant, id, scope, text, answer, created_at, expires_at, embedding)
       SELECT tenant, id, scope, 'measured question', '{"measured":true}', $5, $6, v::vector
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS r(tenant, id, scope, v)`,
      [
        batch.map((e) => e.tenant),
        batch.map((e) => e.id),
        batch.map((e) => e.scope),
        batch.map((e) => vectorLiteral(e.vector)),
        new Date(now),
        new Date(now + 86_400_000),
      ],
    );
  }
}
