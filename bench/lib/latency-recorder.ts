import type { Percentiles } from './load-protocol.js';

/**
 * Latencies in a preallocated Float64Array: the hot loop must not allocate per request,
 * or the load generator's GC would show up as latency of the server under test.
 */
export class LatencyRecorder {
  private readonly samples: Float64Array;
  private size = 0;

  constructor(capacity: number) {
    this.samples = new Float64Array(capacity);
  }

  get count(): number {
    return this.size;
  }

  get full(): boolean {
    return this.size >= this.samples.length;
  }

  record(ms: number): void {
    if (this.size < this.samples.length) this.samples[this.size++] = ms;
  }

  percentiles(): Percentiles {
    const sorted = this.samples.subarray(0, this.size).sort();
    if (sorted.length === 0) return { p50: Number.NaN, p90: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN };
    let sum = 0;
    for (const value of sorted) sum += value;
    return {
      p50: nearestRank(sorted, 0.5),
      p90: nearestRank(sorted, 0.9),
      p99: nearestRank(sorted, 0.99),
      max: sorted[sorted.length - 1] ?? Number.NaN,
      mean: sum / sorted.length,
    };
  }
}

/** Nearest-rank percentile: always a latency that was actually observed. */
function nearestRank(sorted: Float64Array, quantile: number): number {
  const rank = Math.max(1, Math.ceil(quantile * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}
