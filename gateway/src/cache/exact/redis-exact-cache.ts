import type { Redis } from 'ioredis';
import { decodeCachedAnswer } from './cached-answer-schema.js';
import { createExactCacheRedis, type ExactCacheRedisOptions } from './create-exact-cache-redis.js';
import {
  DEFAULT_MAX_ENTRIES_PER_TENANT,
  type CachedAnswer,
  type ExactCacheErrorHandler,
  type ExactCacheOperation,
  type ExactCacheStore,
} from './exact-cache-store.js';
import { INSERT_SCRIPT } from './insert-script.lua.js';
import { timeBound } from './time-bound.js';

export const DEFAULT_EXACT_CACHE_KEY_PREFIX = 'llmgw:cache:exact:';
export const DEFAULT_REDIS_MAX_ENTRY_BYTES = 4 * 1024 * 1024;
export const DEFAULT_REDIS_TIMEOUT_MS = 50;

export interface RedisExactCacheOptions {
  /**
   * A client to share (build it with createExactCacheRedis, or another fail-fast client); the
   * caller owns and closes it. Without one the store builds its own from `connection` and
   * closes it in close().
   */
  redis?: Redis;
  connection?: ExactCacheRedisOptions;
  /** Prefix of every key (default `llmgw:cache:exact:`). */
  keyPrefix?: string;
  /** Entries one tenant may hold; an insert past it evicts the tenant's oldest (default 10 000). */
  maxEntriesPerTenant?: number;
  /** Answers whose JSON is larger are not stored (default 4 MiB). */
  maxEntryBytes?: number;
  /** Bound on each get / set / delete, in ms (default 50): past it the call is a miss. */
  timeoutMs?: number;
  /** Bound on each round trip of clearTenant, an operator action (default 5 000). */
  clearTimeoutMs?: number;
  /** Every failure that was turned into a miss or a skipped write (count it, rate-limit logs). */
  onError?: ExactCacheErrorHandler;
}

/** Entry keys cleared per round trip by clearTenant. */
const CLEAR_BATCH = 500;

/**
 * The production exact-cache store. Layout (see README.md):
 * - `<prefix>entry:<key>`: the CachedAnswer as JSON, `SET ... PX ttl`;
 * - `<prefix>tenant:<tenant>`: sorted set of that tenant's entry keys by insert time, trimmed
 *   to `maxEntriesPerTenant` on every insert (oldest out) by one atomic script.
 *
 * Never throws on the request path and never takes longer than `timeoutMs` per call: Redis
 * down, slow or holding garbage all read as a miss, reported to `onError`.
 */
export class RedisExactCache implements ExactCacheStore {
  readonly #redis: Redis;
  readonly #ownsClient: boolean;
  readonly #prefix: string;
  readonly #maxEntries: number;
  readonly #maxEntryBytes: number;
  readonly #timeoutMs: number;
  readonly #clearTimeoutMs: number;
  readonly #onError: ExactCacheErrorHandler | undefined;

  constructor(options: RedisExactCacheOptions = {}) {
    this.#ownsClient = options.redis === undefined;
    this.#redis = options.redis ?? createExactCacheRedis(options.connection);
    this.#prefix = options.keyPrefix ?? DEFAULT_EXACT_CACHE_KEY_PREFIX;
    this.#maxEntries = positiveInteger('maxEntriesPerTenant', options.maxEntriesPerTenant ?? DEFAULT_MAX_ENTRIES_PER_TENANT);
    this.#maxEntryBytes = positiveInteger('maxEntryBytes', options.maxEntryBytes ?? DEFAULT_REDIS_MAX_ENTRY_BYTES);
    this.#timeoutMs = positiveInteger('timeoutMs', options.timeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS);
    this.#clearTimeoutMs = positiveInteger('clearTimeoutMs', options.clearTimeoutMs ?? 5_000);
    this.#onError = options.onError;
  }

  async get(key: string): Promise<CachedAnswer | undefined> {
    let json: string | null;
    try {
      json = await timeBound(this.#redis.get(this.#entryKey(key)), this.#timeoutMs, 'exact cache get');
    } catch (error) {
      return this.#failed(error, 'get', undefined);
    }
    if (json === null) return undefined;
    try {
      return decodeCachedAnswer(json);
    } catch (error) {
      return this.#failed(new Error(`exact cache entry ${key} is not a cached answer: ${String(error)}`), 'get', undefined);
    }
  }

  async set(key: string, value: CachedAnswer, ttlMs: number, tenant: string): Promise<void> {
    const json = JSON.stringify(value);
    // Too big or not meant to last: not stored, and an older answer under the key goes, as
    // the caller meant to replace it.
    if (!(ttlMs > 0) || Buffer.byteLength(json) > this.#maxEntryBytes) return this.delete(key);
    const ttl = Math.max(1, Math.ceil(ttlMs));
    try {
      await timeBound(
        this.#redis.eval(INSERT_SCRIPT, 2, this.#entryKey(key), this.#indexKey(tenant), json, ttl, this.#maxEntries),
        this.#timeoutMs,
        'exact cache set',
      );
    } catch (error) {
      this.#failed(error, 'set', undefined);
    }
  }

  async delete(key: string): Promise<void> {
    // The tenant index keeps the key until trimmed or expired: a DEL of a missing key is free.
    try {
      await timeBound(this.#redis.del(this.#entryKey(key)), this.#timeoutMs, 'exact cache delete');
    } catch (error) {
      this.#failed(error, 'delete', undefined);
    }
  }

  /**
   * Deletes the tenant's entries in batches, then its index. Entries inserted while it runs
   * may survive. Rejects on a store failure (an operator action, not the request path).
   */
  async clearTenant(tenant: string): Promise<number> {
    const index = this.#indexKey(tenant);
    let removed = 0;
    // Bounded rounds: concurrent inserts can refill the index, never keep this looping.
    for (let round = 0; round <= Math.ceil(this.#maxEntries / CLEAR_BATCH) + 1; round++) {
      const keys = await timeBound(this.#redis.zrange(index, 0, CLEAR_BATCH - 1), this.#clearTimeoutMs, 'exact cache clearTenant');
      if (keys.length === 0) break;
      const replies = await timeBound(this.#redis.multi().del(...keys).zrem(index, ...keys).exec(), this.#clearTimeoutMs, 'exact cache clearTenant');
      const deleted = replies?.[0]?.[1];
      removed += typeof deleted === 'number' ? deleted : 0;
    }
    return removed;
  }

  async close(): Promise<void> {
    if (!this.#ownsClient) return;
    try {
      await timeBound(this.#redis.quit(), 1_000, 'exact cache close');
    } catch {
      // Not connected, or QUIT unanswered: drop the socket and stop reconnecting.
      this.#redis.disconnect();
    }
  }

  #entryKey(key: string): string {
    return `${this.#prefix}entry:${key}`;
  }

  #indexKey(tenant: string): string {
    return `${this.#prefix}tenant:${tenant}`;
  }

  #failed<T>(error: unknown, operation: ExactCacheOperation, result: T): T {
    this.#onError?.(error instanceof Error ? error : new Error(String(error)), operation);
    return result;
  }
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`RedisExactCache: ${name} must be a positive integer, got ${value}`);
  return value;
}
