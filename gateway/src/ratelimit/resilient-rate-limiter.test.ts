import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from './memory-rate-limiter.js';
import { RateLimitStoreTimeout, RateLimitStoreUnavailable } from './rate-limit-store-unavailable.js';
import { ResilientRateLimiter, type StoreErrorEvent } from './resilient-rate-limiter.js';
import type { RateLimiter, ReserveRequest } from './types.js';

const request: ReserveRequest = { buckets: [{ key: 'k', limits: { requestsPerMinute: 5 } }], inputTokens: 10, outputTokens: 20, reservationId: 'r1' };

/** A store that fails (or never answers) on demand. */
function brokenStore(mode: 'reject' | 'hang'): RateLimiter {
  const fail = () => (mode === 'reject' ? Promise.reject(new Error('ECONNREFUSED')) : new Promise<never>(() => undefined));
  return { reserve: fail, settle: fail, close: async () => undefined };
}

describe('ResilientRateLimiter', () => {
  it('passes decisions of a healthy store through', async () => {
    const limiter = new ResilientRateLimiter(new MemoryRateLimiter({ now: () => 0 }));
    const result = await limiter.reserve(request);
    expect(result).toMatchObject({ ok: true, buckets: [{ dimension: 'requests', remaining: 4 }] });
    expect(result.ok && result.degraded).toBeFalsy();
  });

  it('fail-open admits unchecked, counts, and reports the error', async () => {
    const events: StoreErrorEvent[] = [];
    const limiter = new ResilientRateLimiter(brokenStore('reject'), { now: () => 42, onError: (e) => events.push(e) });
    const result = await limiter.reserve(request);
    expect(result).toEqual({
      ok: true,
      degraded: true,
      buckets: [],
      reservation: { id: 'r1', buckets: request.buckets, inputTokens: 10, outputTokens: 20, at: 42, degraded: true },
    });
    expect(events).toMatchObject([{ operation: 'reserve', policy: 'open', failures: 1 }]);
    expect(limiter.counters()).toEqual({ reserveFailures: 1, settleFailures: 0, degradedAdmissions: 1 });
  });

  it('fail-closed throws RateLimitStoreUnavailable', async () => {
    const limiter = new ResilientRateLimiter(brokenStore('reject'), { onStoreError: 'closed' });
    await expect(limiter.reserve(request)).rejects.toBeInstanceOf(RateLimitStoreUnavailable);
    expect(limiter.counters()).toEqual({ reserveFailures: 1, settleFailures: 0, degradedAdmissions: 0 });
  });

  it('never waits longer than the timeout', async () => {
    const limiter = new ResilientRateLimiter(brokenStore('hang'), { onStoreError: 'closed', timeoutMs: 5 });
    const error: unknown = await limiter.reserve(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitStoreUnavailable);
    expect((error as RateLimitStoreUnavailable).cause).toBeInstanceOf(RateLimitStoreTimeout);
  });

  it('swallows and counts settle failures under either policy', async () => {
    for (const onStoreError of ['open', 'closed'] as const) {
      const limiter = new ResilientRateLimiter(brokenStore('hang'), { onStoreError, settleTimeoutMs: 5 });
      const reservation = { id: 'r1', buckets: request.buckets, inputTokens: 1, outputTokens: 1, at: 0 };
      expect(await limiter.settle({ reservation, inputTokens: 1, outputTokens: 1 })).toEqual({ settled: false, buckets: [], degraded: true });
      expect(limiter.counters().settleFailures).toBe(1);
    }
  });

  it('does not mistake a bad request for a store failure', async () => {
    const limiter = new ResilientRateLimiter(brokenStore('reject'));
    await expect(limiter.reserve({ ...request, reservationId: '' })).rejects.toThrow(TypeError);
    expect(limiter.counters().reserveFailures).toBe(0);
  });
});
