export { exactCacheKey, EXACT_CACHE_KEY_VERSION } from './exact-cache-key.js';
export {
  DEFAULT_MAX_ENTRIES_PER_TENANT,
  type CachedAnswer,
  type ExactCacheErrorHandler,
  type ExactCacheOperation,
  type ExactCacheStore,
} from './exact-cache-store.js';
export {
  DEFAULT_MEMORY_MAX_BYTES,
  DEFAULT_MEMORY_MAX_BYTES_PER_TENANT,
  MemoryExactCache,
  type MemoryExactCacheOptions,
} from './memory-exact-cache.js';
export {
  DEFAULT_EXACT_CACHE_KEY_PREFIX,
  DEFAULT_REDIS_MAX_ENTRY_BYTES,
  DEFAULT_REDIS_TIMEOUT_MS,
  RedisExactCache,
  type RedisExactCacheOptions,
} from './redis-exact-cache.js';
export { createExactCacheRedis, type ExactCacheRedisOptions } from './create-exact-cache-redis.js';
export { cachedAnswerSchema, decodeCachedAnswer } from './cached-answer-schema.js';
