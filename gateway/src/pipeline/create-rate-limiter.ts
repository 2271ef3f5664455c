import type { ResolvedConfig } from '../config/resolved-config.js';
import type { Logger } from '../deps.js';
import { createRateLimitRedis, waitForRedisReady, MemoryRateLimiter, RedisRateLimiter, ResilientRateLimiter, type RateLimiter } from '../ratelimit/index.js';
import { rateLimitsConfigured } from './rate-limit-plan.js';

export interface RateLimiterHandle {
  limiter: RateLimiter | undefined;
  /** For /readyz: 'memory', 'redis: ready', 'redis: connecting', …; undefined when off. */
  status(): string | undefined;
  /** Resolves once the store can answer (true) or after `timeoutMs` (false: start degraded). */
  ready(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The limiter the config asks for: none when no limit is configured; in-process (embedded
 * default); or Redis behind the store-failure policy (never hangs: a call that cannot finish
 * within rateLimits.redis.timeoutMs counts as a store failure).
 */
export function createRateLimiter(config: ResolvedConfig, env: Readonly<Record<string, string | undefined>>, logger: Logger): RateLimiterHandle {
  const settings = config.raw.rateLimits;
  if (!rateLimitsConfigured(settings)) return { limiter: undefined, status: () => undefined, ready: async () => true, close: async () => undefined };
  if (settings.store === 'memory') {
    const limiter = new MemoryRateLimiter();
    return { limiter, status: () => 'memory', ready: async () => true, close: () => limiter.close() };
  }
  const url = typeof settings.redis.url === 'string' ? settings.redis.url : (env[settings.redis.url.env] || settings.redis.url.default || 'redis://127.0.0.1:6379');
  let lastWarning = 0;
  const warnAtMostEvery10s = (obj: object, msg: string): void => {
    const now = Date.now();
    if (now - lastWarning < 10_000) return;
    lastWarning = now;
    logger.warn(obj, msg);
  };
  const redis = createRateLimitRedis({ url, onError: (error) => warnAtMostEvery10s({ err: error.message }, 'rate-limit Redis unreachable') });
  const limiter = new ResilientRateLimiter(new RedisRateLimiter({ redis, keyPrefix: settings.redis.keyPrefix }), {
    onStoreError: settings.onStoreError,
    timeoutMs: settings.redis.timeoutMs,
    onError: (event) =>
      warnAtMostEvery10s(
        { operation: event.operation, failures: event.failures, policy: event.policy },
        event.policy === 'open' ? 'rate-limit store failing: admitting requests unchecked (fail-open)' : 'rate-limit store failing: refusing requests (fail-closed)',
      ),
  });
  return {
    limiter,
    status: () => `redis: ${redis.status}`,
    ready: (timeoutMs) => waitForRedisReady(redis, timeoutMs),
    close: async () => {
      await limiter.close();
      redis.disconnect();
    },
  };
}
