import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createRateLimitRedis, waitForRedisReady } from '../../gateway/src/ratelimit/index.js';

/** The Redis the ratelimit tests run against (REDIS_URL overrides the local default). */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A port nothing listens on, for the "Redis unreachable" cases. */
export const CLOSED_REDIS_URL = 'redis://127.0.0.1:6390';

export async function connectTestRedis(url = TEST_REDIS_URL): Promise<Redis> {
  const redis = createRateLimitRedis({ url });
  if (!(await waitForRedisReady(redis, 5_000))) {
    redis.disconnect();
    throw new Error(`Redis at ${url} is not reachable; the ratelimit e2e tests need a real Redis`);
  }
  return redis;
}

/** Every test run gets its own key space, so runs in parallel never share buckets. */
export function uniquePrefix(label: string): string {
  return `llmgw:rl:test:${label}:${randomUUID().slice(0, 8)}:`;
}

/** Deletes every key under a prefix (the test's own keys only). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
