import { performance } from 'node:perf_hooks';
import type { BucketSpec, RateLimiter } from '../../gateway/src/ratelimit/index.js';

export interface LimiterMeasurement {
  /** Reserve decisions in the latency run (sequential) and in the throughput run each. */
  decisions: number;
  /** Reserve decisions per second with `concurrency` requests in flight, each settled after. */
  decisionsPerSecond: number;
  /** Latency a reserve adds to one request (sequential, nothing else in flight), µs. */
  reserveP50Us: number;
  reserveP99Us: number;
  /** Settle runs after the response, off the latency path; shown for completeness, µs. */
  settleP50Us: number;
  concurrency: number;
  /** Admissions flagged degraded (a ResilientRateLimiter timed out): they were not measured decisions. */
  degraded: number;
}

/** The stack a typical request meets: API key, tenant, model and tenant × model. */
export const MEASURE_BUCKETS: BucketSpec[] = [
  { key: 'key:bench', limits: { requestsPerMinute: 1_000_000_000, tokensPerMinute: 1_000_000_000, concurrent: 10_000 } },
  { key: 'tenant:bench', limits: { requestsPerMinute: 1_000_000_000, tokensPerMinute: 1_000_000_000 } },
  { key: 'model:openai/gpt-4o', limits: { inputTokensPerMinute: 1_000_000_000, outputTokensPerMinute: 1_000_000_000 } },
  { key: 'tenant-model:bench|openai/gpt-4o', limits: { tokensPerMinute: 1_000_000_000, concurrent: 10_000 } },
];

/**
 * Measures one limiter: first `n` sequential reserve+settle pairs (latency of each call),
 * then `n` pairs spread over `concurrency` loops (throughput). Limits are high so every
 * decision is an admission, the common case.
 */
export async function measureLimiter(limiter: RateLimiter, n: number, concurrency = 32, buckets = MEASURE_BUCKETS): Promise<LimiterMeasurement> {
  const run = `${process.pid}-${Date.now()}`;
  let next = 0;
  let degraded = 0;
  const once = async (reserveUs?: number[], settleUs?: number[]) => {
    const id = `${run}-${next++}`;
    const t0 = performance.now();
    const result = await limiter.reserve({ buckets, inputTokens: 500, outputTokens: 256, reservationId: id });
    const t1 = performance.now();
    if (!result.ok) throw new Error(`measureLimiter: refused (${result.limitedBy.key} ${result.limitedBy.dimension})`);
    if (result.degraded === true) degraded += 1;
    await limiter.settle({ reservation: result.reservation, inputTokens: 480, outputTokens: 120 });
    const t2 = performance.now();
    reserveUs?.push((t1 - t0) * 1_000);
    settleUs?.push((t2 - t1) * 1_000);
  };

  for (let i = 0; i < Math.min(500, n); i += 1) await once(); // warm-up: JIT, script load
  const reserveUs: number[] = [];
  const settleUs: number[] = [];
  for (let i = 0; i < n; i += 1) await once(reserveUs, settleUs);

  let left = n;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left > 0) {
        left -= 1;
        await once();
      }
    }),
  );
  const seconds = (performance.now() - start) / 1_000;
  return {
    decisions: n,
    decisionsPerSecond: Math.round(n / seconds),
    reserveP50Us: percentile(reserveUs, 0.5),
    reserveP99Us: percentile(reserveUs, 0.99),
    settleP50Us: percentile(settleUs, 0.5),
    concurrency,
    degraded,
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
}
