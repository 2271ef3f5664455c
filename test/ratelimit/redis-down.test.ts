import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RateLimitStoreUnavailable,
  RedisRateLimiter,
  ResilientRateLimiter,
  createRateLimitRedis,
  waitForRedisReady,
  type RateLimiter,
  type ReserveRequest,
  type StoreErrorEvent,
} from '../../gateway/src/ratelimit/index.js';
import { RedisServerProcess } from './redis-server-process.js';
import { CLOSED_REDIS_URL, connectTestRedis, deleteKeys, uniquePrefix } from './redis-test-support.js';

const bucket = { key: 'key:k', limits: { requestsPerMinute: 100, tokensPerMinute: 10_000, concurrent: 10 } };
let n = 0;
const request = (): ReserveRequest => ({ buckets: [bucket], inputTokens: 100, outputTokens: 100, reservationId: `down-${++n}` });

/** Runs `fn` and returns its outcome with the elapsed wall time. */
async function timed<T>(fn: () => Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const start = performance.now();
  try {
    return { value: await fn(), ms: performance.now() - start };
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
}

describe('Redis unreachable from the start (nothing listens on the port)', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = createRateLimitRedis({ url: CLOSED_REDIS_URL, connectTimeoutMs: 200 });
  });
  afterAll(() => redis.disconnect());

  it('fail-open admits at once, flagged degraded, counted and reported', async () => {
    const events: StoreErrorEvent[] = [];
    const limiter = new ResilientRateLimiter(new RedisRateLimiter({ redis }), { onError: (e) => events.push(e) });
    const { value, ms } = await timed(() => limiter.reserve(request()));
    expect(ms).toBeLessThan(1_000);
    expect(value).toMatchObject({ ok: true, degraded: true, buckets: [] });
    if (value?.ok !== true) throw new Error('unreachable');
    const settle = await timed(() => limiter.settle({ reservation: value.reservation, inputTokens: 1, outputTokens: 1 }));
    expect(settle.ms).toBeLessThan(1_000);
    expect(settle.value).toEqual({ settled: false, buckets: [], degraded: true });
    expect(limiter.counters()).toEqual({ reserveFailures: 1, settleFailures: 1, degradedAdmissions: 1 });
    expect(events.map((e) => e.operation)).toEqual(['reserve', 'settle']);
  });

  it('fail-closed throws RateLimitStoreUnavailable at once', async () => {
    const limiter = new ResilientRateLimiter(new RedisRateLimiter({ redis }), { onStoreError: 'closed' });
    const { error, ms } = await timed(() => limiter.reserve(request()));
    expect(ms).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(RateLimitStoreUnavailable);
  });
});

describe('Redis stopped mid-run, then back', () => {
  let server: RedisServerProcess;
  let redis: Redis;
  beforeAll(async () => {
    server = await RedisServerProcess.start();
    redis = createRateLimitRedis({ url: server.url, connectTimeoutMs: 200 });
    expect(await waitForRedisReady(redis, 5_000)).toBe(true);
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
  });

  it('gives the configured behaviour while down and recovers on its own', async () => {
    const inner = new RedisRateLimiter({ redis, keyPrefix: uniquePrefix('down') });
    const open = new ResilientRateLimiter(inner, { onStoreError: 'open' });
    const closed = new ResilientRateLimiter(inner, { onStoreError: 'closed' });

    const before = await open.reserve(request());
    expect(before).toMatchObject({ ok: true, buckets: [{ dimension: 'requests', remaining: 99 }, {}, {}] });
    expect(before.ok && before.degraded).toBeFalsy();

    await server.stop();
    const whileDownOpen = await timed(() => open.reserve(request()));
    expect(whileDownOpen.ms).toBeLessThan(1_000);
    expect(whileDownOpen.value).toMatchObject({ ok: true, degraded: true });
    const whileDownClosed = await timed(() => closed.reserve(request()));
    expect(whileDownClosed.ms).toBeLessThan(1_000);
    expect(whileDownClosed.error).toBeInstanceOf(RateLimitStoreUnavailable);
    if (before.ok) expect((await open.settle({ reservation: before.reservation, inputTokens: 1, outputTokens: 1 })).degraded).toBe(true);

    // A fresh server: no state, no scripts loaded (EVALSHA answers NOSCRIPT and is reloaded).
    await server.start();
    expect(await waitForRedisReady(redis, 5_000)).toBe(true);
    const after = await closed.reserve(request());
    expect(after).toMatchObject({ ok: true, buckets: [{ dimension: 'requests', remaining: 99 }, {}, {}] });
    expect(open.counters()).toEqual({ reserveFailures: 1, settleFailures: 1, degradedAdmissions: 1 });
    expect(closed.counters()).toEqual({ reserveFailures: 1, settleFailures: 0, degradedAdmissions: 0 });
  });
});

describe('a reserve that timed out but landed', () => {
  let redis: Redis;
  const keyPrefix = uniquePrefix('late');
  beforeAll(async () => {
    redis = await connectTestRedis();
  });
  afterAll(async () => {
    await deleteKeys(redis, keyPrefix);
    await redis.quit();
  });

  it('is settled exactly through the store, with no slot or token leaked', async () => {
    const redisLimiter = new RedisRateLimiter({ redis, keyPrefix });
    // The store answers, but only after the caller gave up on it.
    const slow: RateLimiter = {
      reserve: async (r) => {
        const result = await redisLimiter.reserve(r);
        await new Promise((resolve) => setTimeout(resolve, 100));
        return result;
      },
      settle: (r) => redisLimiter.settle(r),
      close: () => redisLimiter.close(),
    };
    const limiter = new ResilientRateLimiter(slow, { timeoutMs: 20 });
    const tight = { key: 'key:late', limits: { tokensPerMinute: 1_000, concurrent: 1 } };
    const admitted = await limiter.reserve({ buckets: [tight], inputTokens: 400, outputTokens: 400, reservationId: 'late-1' });
    expect(admitted).toMatchObject({ ok: true, degraded: true });
    if (!admitted.ok) throw new Error('unreachable');
    await new Promise((resolve) => setTimeout(resolve, 150)); // let the late reserve finish
    const settled = await limiter.settle({ reservation: admitted.reservation, inputTokens: 100, outputTokens: 100 });
    expect(settled.settled).toBe(true);
    const next = await redisLimiter.reserve({ buckets: [tight], inputTokens: 0, outputTokens: 0, reservationId: 'late-2' });
    // 800 reserved, 200 used: 800 left (plus a few tokens of refill), and the slot is free.
    expect(next).toMatchObject({ ok: true });
    const tokens = next.buckets.find((b) => b.dimension === 'tokens')?.remaining ?? 0;
    expect(tokens).toBeGreaterThanOrEqual(800);
    expect(tokens).toBeLessThan(820);
  });
});
