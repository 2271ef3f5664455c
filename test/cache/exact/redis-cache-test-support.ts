import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createExactCacheRedis } from '../../../gateway/src/cache/exact/index.js';

/** The Redis these tests run against (REDIS_URL overrides the local default). */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A port nothing listens on, for the "Redis down" cases. */
export const CLOSED_REDIS_URL = 'redis://127.0.0.1:6391';

/** Every run gets its own key space, so parallel runs never share entries or tenant bounds. */
export function uniqueCachePrefix(label: string): string {
  return `llmgw:cache:exact:test:${label}:${randomUUID().slice(0, 8)}:`;
}

/** A fail-fast client that is connected, or an error saying the tests need a real Redis. */
export async function connectTestRedis(url = TEST_REDIS_URL): Promise<Redis> {
  // Roomier per-command bound than production: two shared cores, and megabyte values.
  const redis = createExactCacheRedis({ url, commandTimeoutMs: 2_000 });
  const ready = await new Promise<boolean>((resolve) => {
    if (redis.status === 'ready') return resolve(true);
    const timer = setTimeout(() => resolve(false), 5_000);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (!ready) {
    redis.disconnect();
    throw new Error(`Redis at ${url} is not reachable; the exact-cache e2e tests need a real Redis`);
  }
  return redis;
}

/** Deletes every key under a prefix (the run's own keys only). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
