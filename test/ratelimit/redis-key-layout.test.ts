import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisRateLimiter } from '../../gateway/src/ratelimit/index.js';
import { connectTestRedis, deleteKeys, uniquePrefix } from './redis-test-support.js';

let redis: Redis;
const keyPrefix = uniquePrefix('layout');
beforeAll(async () => {
  redis = await connectTestRedis();
});
afterAll(async () => {
  await deleteKeys(redis, keyPrefix);
  await redis.quit();
});

// The layout README.md documents; every key carries a TTL so nothing outlives its use.
describe('Redis key layout', () => {
  it('keeps a state hash, a slot set and a reservation marker, all expiring', async () => {
    const limiter = new RedisRateLimiter({ redis, keyPrefix, leaseMs: 60_000, idleTtlMs: 5_000 });
    const bucket = { key: 'tenant:t', limits: { requestsPerMinute: 60, tokensPerMinute: 6_000, concurrent: 3 } };
    const result = await limiter.reserve({ buckets: [bucket], inputTokens: 50, outputTokens: 50, reservationId: 'res-1' });
    if (!result.ok) throw new Error('expected ok');

    const state = await redis.hgetall(`${keyPrefix}b:tenant:t`);
    expect(Object.keys(state).sort()).toEqual(['r', 't', 'ts']);
    expect(Number(state.r)).toBe(59 * 60_000); // levels in 1/60 000 of a unit
    expect(Number(state.t)).toBe(5_900 * 60_000);
    expect(Number(state.ts)).toBe(result.reservation.at);
    // Full again in 1 s (one request at 1/s; 100 tokens at 100/s), then the idle margin.
    expect(await redis.pttl(`${keyPrefix}b:tenant:t`)).toBeLessThanOrEqual(1_000 + 5_000);
    expect(await redis.pttl(`${keyPrefix}b:tenant:t`)).toBeGreaterThan(5_000);
    expect(await redis.zscore(`${keyPrefix}c:tenant:t`, 'res-1')).toBe(String(result.reservation.at + 60_000));
    expect(await redis.pttl(`${keyPrefix}c:tenant:t`)).toBeGreaterThan(55_000);
    expect(await redis.get(`${keyPrefix}res:res-1`)).toBe(String(result.reservation.at + 60_000));

    await limiter.settle({ reservation: result.reservation, inputTokens: 50, outputTokens: 50 });
    expect(await redis.exists(`${keyPrefix}res:res-1`)).toBe(0);
    expect(await redis.zscore(`${keyPrefix}c:tenant:t`, 'res-1')).toBeNull();
  });
});
