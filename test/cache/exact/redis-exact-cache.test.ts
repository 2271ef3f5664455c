import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisExactCache, exactCacheKey, type CachedAnswer } from '../../../gateway/src/cache/exact/index.js';
import { exactCacheConformance } from './exact-cache-conformance.js';
import { connectTestRedis, deleteKeys, uniqueCachePrefix } from './redis-cache-test-support.js';

let redis: Redis;
const keyPrefix = uniqueCachePrefix('conformance');
const errors: Error[] = [];
beforeAll(async () => {
  redis = await connectTestRedis();
});
afterAll(async () => {
  await deleteKeys(redis, keyPrefix);
  await redis.quit();
});

// Shared client (the store must leave it open on close); a roomy bound for megabyte values
// on a loaded machine. The fail-fast bound itself is tested in redis-exact-cache-down.test.ts.
exactCacheConformance('RedisExactCache', (bounds) => new RedisExactCache({ redis, keyPrefix, timeoutMs: 2_000, onError: (e) => errors.push(e), ...bounds }));

describe('RedisExactCache specifics', () => {
  const answer: CachedAnswer = {
    response: { id: 'r', model: 'm', content: [{ type: 'text', text: 'ok' }], stopReason: 'end', usage: { inputTokens: 1, outputTokens: 1 } },
    storedAt: 0,
    model: 'p/m',
    requestedModel: 'm',
  };
  const request = { model: 'm', messages: [], stream: false };

  it('reported no store error during the conformance run', () => {
    expect(errors).toEqual([]);
  });

  it('lays keys out as documented, with TTLs on the entry and the tenant index', async () => {
    const store = new RedisExactCache({ redis, keyPrefix, timeoutMs: 2_000 });
    const key = exactCacheKey('layout', 'm', request);
    await store.set(key, answer, 60_000, 'layout');
    const entryKey = `${keyPrefix}entry:${key}`;
    expect(JSON.parse((await redis.get(entryKey)) ?? 'null')).toEqual(answer);
    expect(await redis.pttl(entryKey)).toBeGreaterThan(59_000);
    expect(await redis.zrange(`${keyPrefix}tenant:layout`, 0, -1)).toEqual([entryKey]);
    expect(await redis.pttl(`${keyPrefix}tenant:layout`)).toBeGreaterThan(59_000);
  });

  it('treats a value that is not a cached answer as a miss, and reports it', async () => {
    const seen: string[] = [];
    const store = new RedisExactCache({ redis, keyPrefix, timeoutMs: 2_000, onError: (e, op) => seen.push(`${op}: ${e.message.slice(0, 40)}`) });
    await redis.set(`${keyPrefix}entry:v1:garbage`, '{"response":{"id":1}}', 'PX', 60_000);
    await redis.set(`${keyPrefix}entry:v1:not-json`, 'hello', 'PX', 60_000);
    expect(await store.get('v1:garbage')).toBeUndefined();
    expect(await store.get('v1:not-json')).toBeUndefined();
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatch(/^get: exact cache entry v1:garbage/);
  });

  it('does not store an answer over maxEntryBytes, and drops the one it replaces', async () => {
    const store = new RedisExactCache({ redis, keyPrefix, timeoutMs: 2_000, maxEntryBytes: 1_000 });
    const key = exactCacheKey('big', 'm', request);
    await store.set(key, answer, 60_000, 'big');
    expect(await store.get(key)).toEqual(answer);
    const huge = { ...answer, response: { ...answer.response, content: [{ type: 'text' as const, text: 'x'.repeat(2_000) }] } };
    await store.set(key, huge, 60_000, 'big');
    expect(await store.get(key)).toBeUndefined();
  });
});
