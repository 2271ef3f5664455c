import type { MeasuredCell } from './bench-cell.js';
import type { Percentiles } from './load-protocol.js';

/**
 * Combines the rounds of one cell into medians, statistic by statistic: on a shared machine
 * one round can be hit by a neighbour, and the median shrugs that off where a mean would not.
 */
export function medianCell(rounds: readonly MeasuredCell[]): MeasuredCell {
  const first = rounds[0];
  if (first === undefined) throw new Error('medianCell needs at least one round');
  if (rounds.length === 1) return first;
  const results = rounds.map((round) => round.result);
  const ttfts = results.flatMap((result) => (result.ttftMs === null ? [] : [result.ttftMs]));
  return {
    ...first,
    result: {
      ...first.result,
      completed: median(results.map((r) => r.completed)),
      errors: results.reduce((sum, r) => sum + r.errors, 0),
      firstError: results.find((r) => r.firstError !== null)?.firstError ?? null,
      requestsPerSecond: median(results.map((r) => r.requestsPerSecond)),
      latencyMs: medianPercentiles(results.map((r) => r.latencyMs)),
      ttftMs: ttfts.length === 0 ? null : medianPercentiles(ttfts),
    },
    cpuUsPerRequest: median(rounds.map((r) => r.cpuUsPerRequest)),
    targetCoreBusy: median(rounds.map((r) => r.targetCoreBusy)),
    loadCoreBusy: median(rounds.map((r) => r.loadCoreBusy)),
    loadGeneratorUsPerRequest: median(rounds.map((r) => r.loadGeneratorUsPerRequest)),
    otherLoad: median(rounds.map((r) => r.otherLoad)),
    attempts: rounds.reduce((sum, r) => sum + r.attempts, 0),
  };
}

function medianPercentiles(list: readonly Percentiles[]): Percentiles {
  return {
    p50: median(list.map((p) => p.p50)),
    p90: median(list.map((p) => p.p90)),
    p99: median(list.map((p) => p.p99)),
    max: median(list.map((p) => p.max)),
    mean: median(list.map((p) => p.mean)),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] ?? Number.NaN;
  return ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}
