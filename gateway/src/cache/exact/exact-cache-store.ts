import type { CanonicalResponse } from '../../canonical/types.js';

/** Entries one tenant may hold in either store, unless configured otherwise. */
export const DEFAULT_MAX_ENTRIES_PER_TENANT = 10_000;

/** One stored answer: what a later identical request is served instead of going upstream. */
export interface CachedAnswer {
  /** The complete upstream answer, protocol-neutral: replayed as JSON or as an SSE stream. */
  response: CanonicalResponse;
  /** Wall-clock milliseconds when it was stored (for an `age` header and the trace). */
  storedAt: number;
  /** The provider/model that served it. */
  model: string;
  /** The model or alias the client asked for (part of the key). */
  requestedModel: string;
}

/** Which store call failed, for the `onError` hook (metrics, rate-limited logs). */
export type ExactCacheOperation = 'get' | 'set' | 'delete' | 'clearTenant' | 'close';

/** Called for every store failure that was turned into a miss or a skipped write. */
export type ExactCacheErrorHandler = (error: Error, operation: ExactCacheOperation) => void;

/**
 * The exact cache's storage: keys come from exactCacheKey (they already include the tenant).
 *
 * Contract held by test/cache/exact/exact-cache-conformance.ts for every implementation:
 * - A store failure is a miss: `get` resolves `undefined`, `set` and `delete` resolve. None of
 *   them rejects or takes longer than the store's own time bound, so the pipeline never
 *   fails or hangs because of the cache.
 * - `get` returns a fresh object each time; changing it never changes the stored answer.
 * - An entry is gone once `ttlMs` has passed; each tenant is bounded, oldest out first.
 */
export interface ExactCacheStore {
  get(key: string): Promise<CachedAnswer | undefined>;
  /** Stores (or replaces) an answer. `tenant` is the bound it counts against. */
  set(key: string, value: CachedAnswer, ttlMs: number, tenant: string): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Removes every entry of one tenant (operator action), resolving how many were removed.
   * Unlike the request-path calls it rejects when the store fails: an operator must know.
   */
  clearTenant?(tenant: string): Promise<number>;
  /** Releases what the store owns (an injected Redis client stays open). */
  close(): Promise<void>;
}
