import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { MemoryRateLimiter, RedisRateLimiter } from '../../gateway/src/ratelimit/index.js';
import { describeRateLimiterConformance } from './rate-limiter-conformance.js';
import { connectTestRedis, deleteKeys, uniquePrefix } from './redis-test-support.js';

let redis: Redis;
beforeAll(async () => {
  redis = await connectTestRedis();
});
afterAll(() => redis?.quit());

describeRateLimiterConformance('MemoryRateLimiter', async ({ now, leaseMs }) => {
  const limiter = new MemoryRateLimiter({ now, leaseMs });
  return { limiter, close: () => limiter.close() };
});

// The scripts take the test clock instead of Redis TIME so the numbers are exact.
describeRateLimiterConformance('RedisRateLimiter', async ({ now, leaseMs }) => {
  const keyPrefix = uniquePrefix('conformance');
  const limiter = new RedisRateLimiter({ redis, keyPrefix, now, leaseMs });
  return {
    limiter,
    close: async () => {
      await limiter.close();
      await deleteKeys(redis, keyPrefix);
    },
  };
});
