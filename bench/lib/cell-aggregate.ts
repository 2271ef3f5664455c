import type { MeasuredCell } from './bench-cell.js';
import type { Percentiles } from './load-protocol.js';

/**
 * How the rounds of one cell become one row. `median`: the typical round. `best`: the
 * fastest value of each statistic; on a shared machine interference only ever slows a
 * round down, so the best of n is the steadiest estimate of the undisturbed machine.
 */
export type Aggregate = 'median' | 'best';

export function aggregateCell(rounds: readonly MeasuredCell[], how: Aggregate): MeasuredCell {
  const first = rounds[0];
  if (first === undefined) throw new Error('aggregateCell needs at least one round');
  if (rounds.length === 1) return first;
  const results = rounds.map((round) => round.result);
  const ttfts = results.flatMap((result) => (result.ttftMs === null ? [] : [result.ttftMs]));
  // "Lower is better" statistics take the minimum for `best`; throughput takes the maximum.
  const low = how === 'best' ? min : median;
  const high = how === 'best' ? max : median;
  const percentiles = (list: readonly Percentiles[]): Percentiles => ({
    p50: low(list.map((p) => p.p50)),
    p90: low(list.map((p) => p.p90)),
    p99: low(list.map((p) => p.p99)),
    max: low(list.map((p) => p.max)),
    mean: low(list.map((p) => p.mean)),
  });
  return {
    ...first,
    result: {
      ...first.result,
      completed: median(results.map((r) => r.completed)),
      errors: results.reduce((sum, r) => sum + r.errors, 0),
      firstError: results.find((r) => r.firstError !== null)?.firstError ?? null,
      requestsPerSecond: high(results.map((r) => r.requestsPerSecond)),
      latencyMs: percentiles(results.map((r) => r.latencyMs)),
      ttftMs: ttfts.length === 0 ? null : percentiles(ttfts),
    },
    cpuUsPerRequest: low(rounds.map((r) => r.cpuUsPerRequest)),
    loadGeneratorUsPerRequest: low(rounds.map((r) => r.loadGeneratorUsPerRequest)),
    // Descriptive figures stay typical either way.
    targetCoreBusy: median(rounds.map((r) => r.targetCoreBusy)),
    loadCoreBusy: median(rounds.map((r) => r.loadCoreBusy)),
    otherLoad: median(rounds.map((r) => r.otherLoad)),
    attempts: rounds.reduce((sum, r) => sum + r.attempts, 0),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] ?? Number.NaN;
  return ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

function min(values: readonly number[]): number {
  return Math.min(...values);
}

function max(values: readonly number[]): number {
  return Math.max(...values);
}
