import { describe, expect, it } from 'vitest';
import type { BucketReport, BucketSpec, RateLimiter, ReserveResult } from '../../gateway/src/ratelimit/index.js';

export interface ConformanceTarget {
  limiter: RateLimiter;
  close(): Promise<void>;
}

/** Builds a fresh limiter with an empty key space on the given clock. */
export type ConformanceFactory = (options: { now: () => number; leaseMs: number }) => Promise<ConformanceTarget>;

const T0 = 1_700_000_000_000;
const LEASE_MS = 300_000;

const report = (key: string, dimension: BucketReport['dimension'], limit: number, remaining: number, resetMs: number): BucketReport => ({
  key,
  dimension,
  limit,
  remaining,
  resetMs,
});

function allowed(result: ReserveResult) {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result;
}

/**
 * One scripted sequence with exact expected numbers, run against every RateLimiter
 * implementation: the embedded and the production store must agree to the token.
 */
export function describeRateLimiterConformance(name: string, factory: ConformanceFactory): void {
  describe(`RateLimiter conformance: ${name}`, () => {
    it('keeps exact accounting over a scripted sequence', async () => {
      const clock = { t: T0 };
      const { limiter, close } = await factory({ now: () => clock.t, leaseMs: LEASE_MS });
      try {
        const A: BucketSpec = { key: 'key:k1', limits: { requestsPerMinute: 3, tokensPerMinute: 1200, concurrent: 2 } };
        const B: BucketSpec = { key: 'tenant-model:t1|openai/gpt-4o', limits: { inputTokensPerMinute: 600, outputTokensPerMinute: 900 } };
        const b = B.key;
        const reserve = (id: string, inputTokens: number, outputTokens: number, buckets = [A, B]) =>
          limiter.reserve({ buckets, inputTokens, outputTokens, reservationId: id });

        // t=0: two requests of 100 in / 200 out each.
        const r1 = allowed(await reserve('r1', 100, 200));
        expect(r1.reservation).toEqual({ id: 'r1', buckets: [A, B], inputTokens: 100, outputTokens: 200, at: T0 });
        expect(r1.buckets).toEqual([
          report('key:k1', 'requests', 3, 2, 20_000),
          report('key:k1', 'tokens', 1200, 900, 15_000),
          report('key:k1', 'concurrent', 2, 1, 0),
          report(b, 'input_tokens', 600, 500, 10_000),
          report(b, 'output_tokens', 900, 700, 13_334),
        ]);
        const r2 = allowed(await reserve('r2', 100, 200));
        const afterR2 = [
          report('key:k1', 'requests', 3, 1, 40_000),
          report('key:k1', 'tokens', 1200, 600, 30_000),
          report('key:k1', 'concurrent', 2, 0, 0),
          report(b, 'input_tokens', 600, 400, 20_000),
          report(b, 'output_tokens', 900, 500, 26_667),
        ];
        expect(r2.buckets).toEqual(afterR2);

        // Both concurrency slots are taken; nothing else is charged by the refusal.
        expect(await reserve('r3', 10, 10)).toEqual({
          ok: false,
          retryAfterMs: 250,
          limitedBy: { key: 'key:k1', dimension: 'concurrent' },
          requestTooLarge: false,
          buckets: afterR2,
        });

        // t=1s: r1 used 150 output tokens less than reserved: they come back.
        clock.t = T0 + 1_000;
        const s1 = await limiter.settle({ reservation: r1.reservation, inputTokens: 100, outputTokens: 50 });
        expect(s1).toEqual({
          settled: true,
          buckets: [
            report('key:k1', 'requests', 3, 1, 39_000),
            report('key:k1', 'tokens', 1200, 770, 21_500),
            report('key:k1', 'concurrent', 2, 1, 0),
            report(b, 'input_tokens', 600, 410, 19_000),
            report(b, 'output_tokens', 900, 665, 15_667),
          ],
        });
        expect(await limiter.settle({ reservation: r1.reservation, inputTokens: 100, outputTokens: 50 })).toEqual({ settled: false, buckets: [] });

        // r2 used 1 300 output tokens more than reserved: both buckets go negative.
        const afterS2 = [
          report('key:k1', 'requests', 3, 1, 39_000),
          report('key:k1', 'tokens', 1200, -530, 86_500),
          report('key:k1', 'concurrent', 2, 2, 0),
          report(b, 'input_tokens', 600, 410, 19_000),
          report(b, 'output_tokens', 900, -635, 102_334),
        ];
        expect(await limiter.settle({ reservation: r2.reservation, inputTokens: 100, outputTokens: 1500 })).toEqual({ settled: true, buckets: afterS2 });

        // The longest wait decides: output tokens of B need 43 s to reach 10 again.
        expect(await reserve('r4', 10, 10)).toEqual({
          ok: false,
          retryAfterMs: 43_000,
          limitedBy: { key: b, dimension: 'output_tokens' },
          requestTooLarge: false,
          buckets: afterS2,
        });
        clock.t = T0 + 43_999;
        expect((await reserve('r4', 10, 10)).ok).toBe(false);
        clock.t = T0 + 44_000;
        const r4 = allowed(await reserve('r4', 10, 10));
        expect(r4.buckets).toEqual([
          report('key:k1', 'requests', 3, 2, 20_000),
          report('key:k1', 'tokens', 1200, 310, 44_500),
          report('key:k1', 'concurrent', 2, 1, 0),
          report(b, 'input_tokens', 600, 590, 1_000),
          report(b, 'output_tokens', 900, 0, 60_000),
        ]);

        // More than a bucket holds never fits; the largest wait among such dimensions is named.
        expect(await reserve('r5', 2000, 0)).toMatchObject({
          ok: false,
          retryAfterMs: 44_500,
          limitedBy: { key: 'key:k1', dimension: 'tokens' },
          requestTooLarge: true,
        });

        // r4 is never settled (its gateway died): its slot and its marker lapse with the lease.
        clock.t = T0 + 44_000 + LEASE_MS;
        const r6 = allowed(await reserve('r6', 0, 0, [A]));
        expect(r6.buckets).toEqual([
          report('key:k1', 'requests', 3, 2, 20_000),
          report('key:k1', 'tokens', 1200, 1200, 0),
          report('key:k1', 'concurrent', 2, 1, 0),
        ]);
        allowed(await reserve('r7', 0, 0, [A]));
        expect(await limiter.settle({ reservation: r4.reservation, inputTokens: 0, outputTokens: 0 })).toEqual({ settled: false, buckets: [] });
        expect(await reserve('r8', 0, 0, [A])).toMatchObject({ ok: false, limitedBy: { key: 'key:k1', dimension: 'concurrent' } });
      } finally {
        await close();
      }
    });

    it('takes every bucket or none', async () => {
      const clock = { t: T0 };
      const { limiter, close } = await factory({ now: () => clock.t, leaseMs: LEASE_MS });
      try {
        const wide: BucketSpec = { key: 'tenant:t', limits: { requestsPerMinute: 10, tokensPerMinute: 1000 } };
        const narrow: BucketSpec = { key: 'model:m', limits: { tokensPerMinute: 150 } };
        allowed(await limiter.reserve({ buckets: [wide, narrow], inputTokens: 50, outputTokens: 50, reservationId: 'a' }));
        const refusal = await limiter.reserve({ buckets: [wide, narrow], inputTokens: 50, outputTokens: 50, reservationId: 'b' });
        expect(refusal).toMatchObject({ ok: false, retryAfterMs: 20_000, limitedBy: { key: 'model:m', dimension: 'tokens' } });
        const alone = allowed(await limiter.reserve({ buckets: [wide], inputTokens: 0, outputTokens: 0, reservationId: 'c' }));
        expect(alone.buckets).toEqual([report('tenant:t', 'requests', 10, 8, 12_000), report('tenant:t', 'tokens', 1000, 900, 6_000)]);
      } finally {
        await close();
      }
    });

    it('admits a request with no limited bucket and has nothing to settle', async () => {
      const { limiter, close } = await factory({ now: () => T0, leaseMs: LEASE_MS });
      try {
        const result = allowed(await limiter.reserve({ buckets: [{ key: 'k', limits: {} }], inputTokens: 5, outputTokens: 5, reservationId: 'x' }));
        expect(result).toEqual({ ok: true, reservation: { id: 'x', buckets: [], inputTokens: 5, outputTokens: 5, at: T0 }, buckets: [] });
        expect(await limiter.settle({ reservation: result.reservation, inputTokens: 1, outputTokens: 1 })).toEqual({ settled: false, buckets: [] });
      } finally {
        await close();
      }
    });
  });
}
