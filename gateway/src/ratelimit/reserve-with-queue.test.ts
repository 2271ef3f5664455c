import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from './memory-rate-limiter.js';
import { reserveWithQueue } from './reserve-with-queue.js';
import type { ReserveRequest } from './types.js';

function setup() {
  const clock = { t: 0 };
  const sleeps: number[] = [];
  const limiter = new MemoryRateLimiter({ now: () => clock.t });
  const options = (maxWaitMs: number) => ({
    maxWaitMs,
    now: () => clock.t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      clock.t += ms;
    },
  });
  return { clock, sleeps, limiter, options };
}

const req = (id: string, limits: ReserveRequest['buckets'][number]['limits'], inputTokens = 0): ReserveRequest => ({
  buckets: [{ key: 'k', limits }],
  inputTokens,
  outputTokens: 0,
  reservationId: id,
});

describe('reserveWithQueue', () => {
  it('waits for the refill when it fits in the budget', async () => {
    const { sleeps, limiter, options } = setup();
    await limiter.reserve(req('a', { requestsPerMinute: 600 }));
    for (let i = 0; i < 599; i += 1) await limiter.reserve(req(`f${i}`, { requestsPerMinute: 600 }));
    const result = await reserveWithQueue(limiter, req('b', { requestsPerMinute: 600 }), options(500));
    expect(result).toMatchObject({ ok: true, queuedMs: 100, attempts: 2 });
    expect(sleeps).toEqual([100]);
  });

  it('refuses at once when the wait cannot fit, or the request never can', async () => {
    const { sleeps, limiter, options } = setup();
    await limiter.reserve(req('a', { requestsPerMinute: 1 }));
    expect(await reserveWithQueue(limiter, req('b', { requestsPerMinute: 1 }), options(5_000))).toMatchObject({ ok: false, retryAfterMs: 60_000, attempts: 1 });
    expect(await reserveWithQueue(limiter, req('c', { tokensPerMinute: 10 }, 11), options(120_000))).toMatchObject({ ok: false, requestTooLarge: true, attempts: 1 });
    expect(sleeps).toEqual([]);
  });

  it('polls sooner than the concurrency hint, until the budget runs out', async () => {
    const { sleeps, limiter, options } = setup();
    await limiter.reserve(req('a', { concurrent: 1 }));
    const result = await reserveWithQueue(limiter, req('b', { concurrent: 1 }), { ...options(120), concurrencyPollMs: 50 });
    expect(result).toMatchObject({ ok: false, limitedBy: { dimension: 'concurrent' }, queuedMs: 100, attempts: 3 });
    expect(sleeps).toEqual([50, 50]);
  });

  it('stops waiting when the client goes away', async () => {
    const { limiter, options } = setup();
    await limiter.reserve(req('a', { concurrent: 1 }));
    const controller = new AbortController();
    const sleep = async () => controller.abort(new Error('client gone'));
    await expect(reserveWithQueue(limiter, req('b', { concurrent: 1 }), { ...options(10_000), sleep, signal: controller.signal })).rejects.toThrow('client gone');
  });
});
