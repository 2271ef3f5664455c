export {
  CONCURRENCY_RETRY_MS,
  DEFAULT_IDLE_TTL_MS,
  DEFAULT_LEASE_MS,
} from './bucket-math.js';
export { createRateLimitRedis, waitForRedisReady, type RateLimitRedisOptions } from './create-rate-limit-redis.js';
export { MemoryRateLimiter, type MemoryRateLimiterOptions } from './memory-rate-limiter.js';
export { formatResetDuration, rateLimitHeaders } from './rate-limit-headers.js';
export { RateLimitStoreTimeout, RateLimitStoreUnavailable } from './rate-limit-store-unavailable.js';
export { DEFAULT_KEY_PREFIX, RedisRateLimiter, type RedisRateLimiterOptions } from './redis-rate-limiter.js';
export { RESERVE_SCRIPT_NAME } from './reserve-script.lua.js';
export { reserveWithQueue, type QueuedReserveResult, type ReserveQueueOptions } from './reserve-with-queue.js';
export {
  ResilientRateLimiter,
  type ResilienceCounters,
  type ResilientRateLimiterOptions,
  type StoreErrorEvent,
  type StoreErrorPolicy,
} from './resilient-rate-limiter.js';
export { SETTLE_SCRIPT_NAME } from './settle-script.lua.js';
export type {
  BucketLimits,
  BucketReport,
  BucketSpec,
  RateLimitDimension,
  RateLimiter,
  Reservation,
  ReserveAllowed,
  ReserveRefused,
  ReserveRequest,
  ReserveResult,
  SettleReport,
  SettleRequest,
} from './types.js';
