import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from './memory-rate-limiter.js';
import type { BucketSpec, ReserveRequest, ReserveResult } from './types.js';

function setup(leaseMs?: number) {
  const clock = { t: 1_700_000_000_000 };
  const limiter = new MemoryRateLimiter({ now: () => clock.t, ...(leaseMs === undefined ? {} : { leaseMs }) });
  let n = 0;
  const reserve = (buckets: BucketSpec[], inputTokens: number, outputTokens: number, reservationId = `r${++n}`) =>
    limiter.reserve({ buckets, inputTokens, outputTokens, reservationId } satisfies ReserveRequest);
  return { clock, limiter, reserve };
}

function allowed(result: ReserveResult) {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result;
}

function refused(result: ReserveResult) {
  if (result.ok) throw new Error('expected a refusal');
  return result;
}

const remaining = (result: { buckets: { key: string; dimension: string; remaining: number }[] }, key: string, dimension: string) =>
  result.buckets.find((b) => b.key === key && b.dimension === dimension)?.remaining;

describe('MemoryRateLimiter', () => {
  it('refills continuously at limit / 60 000 per ms, capped at the limit', async () => {
    const { clock, reserve } = setup();
    const bucket = { key: 'key:a', limits: { tokensPerMinute: 600 } };
    const first = allowed(await reserve([bucket], 500, 100));
    expect(first.buckets).toEqual([{ key: 'key:a', dimension: 'tokens', limit: 600, remaining: 0, resetMs: 60_000 }]);
    clock.t += 1_000; // 600/min = 10 tokens per second
    expect(refused(await reserve([bucket], 11, 0)).retryAfterMs).toBe(100);
    const later = allowed(await reserve([bucket], 10, 0));
    expect(later.buckets[0]).toMatchObject({ remaining: 0, resetMs: 60_000 });
    clock.t += 10 * 60_000; // long idle: back to full, never above
    expect(allowed(await reserve([bucket], 0, 0)).buckets[0]).toMatchObject({ remaining: 600, resetMs: 0 });
  });

  it('takes every bucket or none', async () => {
    const { reserve } = setup();
    const wide = { key: 'tenant:t', limits: { requestsPerMinute: 10 } };
    const narrow = { key: 'key:k', limits: { requestsPerMinute: 1 } };
    allowed(await reserve([wide, narrow], 1, 1));
    const refusal = refused(await reserve([wide, narrow], 1, 1));
    expect(refusal.limitedBy).toEqual({ key: 'key:k', dimension: 'requests' });
    expect(remaining(refusal, 'tenant:t', 'requests')).toBe(9);
    expect(remaining(allowed(await reserve([wide], 1, 1)), 'tenant:t', 'requests')).toBe(8);
  });

  it('charges in+out, input and output to their own dimensions', async () => {
    const { reserve } = setup();
    const bucket = { key: 'm', limits: { tokensPerMinute: 1000, inputTokensPerMinute: 500, outputTokensPerMinute: 400 } };
    const result = allowed(await reserve([bucket], 120.2, 80));
    expect(result.reservation).toMatchObject({ inputTokens: 121, outputTokens: 80 }); // estimates round up
    expect(result.buckets.map((b) => [b.dimension, b.remaining])).toEqual([
      ['tokens', 799],
      ['input_tokens', 379],
      ['output_tokens', 320],
    ]);
  });

  it('goes negative when usage beats the estimate, and later requests wait for the refill', async () => {
    const { clock, limiter, reserve } = setup();
    const bucket = { key: 'k', limits: { tokensPerMinute: 6000 } }; // 100 tokens/s
    const first = allowed(await reserve([bucket], 100, 100));
    const settled = await limiter.settle({ reservation: first.reservation, inputTokens: 100, outputTokens: 6100 });
    expect(settled.buckets[0]).toMatchObject({ remaining: -200, resetMs: 62_000 });
    const refusal = refused(await reserve([bucket], 50, 50));
    expect(refusal).toMatchObject({ retryAfterMs: 3_000, requestTooLarge: false, limitedBy: { key: 'k', dimension: 'tokens' } });
    clock.t += 2_999;
    refused(await reserve([bucket], 50, 50));
    clock.t += 1;
    expect(allowed(await reserve([bucket], 50, 50)).buckets[0]).toMatchObject({ remaining: 0 });
  });

  it('gives back over-estimates, never past the capacity', async () => {
    const { clock, limiter, reserve } = setup();
    const bucket = { key: 'k', limits: { tokensPerMinute: 1000 } };
    const first = allowed(await reserve([bucket], 100, 400));
    clock.t += 60_000;
    const settled = await limiter.settle({ reservation: first.reservation, inputTokens: 0, outputTokens: 0 });
    expect(settled.buckets[0]).toMatchObject({ remaining: 1000, resetMs: 0 });
  });

  it('settles once: a second settle is a no-op', async () => {
    const { limiter, reserve } = setup();
    const bucket = { key: 'k', limits: { tokensPerMinute: 1000, concurrent: 1 } };
    const first = allowed(await reserve([bucket], 100, 400));
    const once = await limiter.settle({ reservation: first.reservation, inputTokens: 100, outputTokens: 100 });
    expect(once.settled).toBe(true);
    expect(remaining(once, 'k', 'tokens')).toBe(800);
    expect(await limiter.settle({ reservation: first.reservation, inputTokens: 0, outputTokens: 0 })).toEqual({ settled: false, buckets: [] });
    expect(remaining(allowed(await reserve([bucket], 0, 0)), 'k', 'tokens')).toBe(800);
  });

  it('holds concurrency slots until settle, and frees them when the lease runs out', async () => {
    const { clock, limiter, reserve } = setup(10_000);
    const bucket = { key: 'k', limits: { concurrent: 2 } };
    const a = allowed(await reserve([bucket], 1, 1, 'a'));
    allowed(await reserve([bucket], 1, 1, 'b'));
    const full = refused(await reserve([bucket], 1, 1));
    expect(full).toMatchObject({ retryAfterMs: 250, limitedBy: { key: 'k', dimension: 'concurrent' } });
    expect(full.buckets).toEqual([{ key: 'k', dimension: 'concurrent', limit: 2, remaining: 0, resetMs: 0 }]);
    await limiter.settle({ reservation: a.reservation, inputTokens: 1, outputTokens: 1 });
    allowed(await reserve([bucket], 1, 1, 'c'));
    clock.t += 9_999;
    refused(await reserve([bucket], 1, 1));
    clock.t += 1; // b and c were never settled (a dead gateway): their leases end
    expect(allowed(await reserve([bucket], 1, 1)).buckets[0]).toMatchObject({ remaining: 1 });
  });

  it('ignores a settle after the lease ran out, but still frees the slot', async () => {
    const { clock, limiter, reserve } = setup(10_000);
    const bucket = { key: 'k', limits: { tokensPerMinute: 600, concurrent: 1 } };
    const first = allowed(await reserve([bucket], 300, 0));
    clock.t += 10_000;
    expect((await limiter.settle({ reservation: first.reservation, inputTokens: 0, outputTokens: 0 })).settled).toBe(false);
    expect(remaining(allowed(await reserve([bucket], 0, 0)), 'k', 'tokens')).toBe(400);
  });

  it('answers with the longest wait, and flags a request that can never fit', async () => {
    const { reserve } = setup();
    const a = { key: 'a', limits: { requestsPerMinute: 1, tokensPerMinute: 600 } };
    const b = { key: 'b', limits: { requestsPerMinute: 2 } };
    allowed(await reserve([a, b], 0, 0));
    expect(refused(await reserve([a, b], 0, 0))).toMatchObject({ retryAfterMs: 60_000, limitedBy: { key: 'a', dimension: 'requests' } });
    const tooLarge = refused(await reserve([b, a], 700, 0));
    expect(tooLarge).toMatchObject({ requestTooLarge: true, limitedBy: { key: 'a', dimension: 'tokens' }, retryAfterMs: 0 });
  });

  it('admits a request no bucket limits without keeping anything', async () => {
    const { limiter, reserve } = setup();
    const result = allowed(await reserve([{ key: 'open', limits: {} }], 10, 10));
    expect(result.buckets).toEqual([]);
    expect(result.reservation.buckets).toEqual([]);
    expect((await limiter.settle({ reservation: result.reservation, inputTokens: 1, outputTokens: 1 })).settled).toBe(false);
  });

  it('rejects bad limits and duplicate keys as caller bugs', async () => {
    const { reserve } = setup();
    await expect(reserve([{ key: 'k', limits: { requestsPerMinute: 0 } }], 1, 1)).rejects.toThrow(TypeError);
    await expect(reserve([{ key: 'k', limits: { tokensPerMinute: 1.5 } }], 1, 1)).rejects.toThrow(TypeError);
    await expect(reserve([{ key: 'k', limits: {} }, { key: 'k', limits: {} }], 1, 1)).rejects.toThrow(/twice/);
    await expect(reserve([], -1, 1)).rejects.toThrow(TypeError);
  });

  it('does not refill twice when the clock steps back', async () => {
    const { clock, reserve } = setup();
    const bucket = { key: 'k', limits: { requestsPerMinute: 60 } }; // one per second
    allowed(await reserve([bucket], 0, 0));
    clock.t += 1_000;
    allowed(await reserve([bucket], 0, 0)); // back to 59 after refill
    clock.t -= 1_000;
    expect(remaining(allowed(await reserve([bucket], 0, 0)), 'k', 'requests')).toBe(58);
    clock.t += 1_000; // the same second again: no refill for it
    expect(remaining(allowed(await reserve([bucket], 0, 0)), 'k', 'requests')).toBe(57);
  });
});
