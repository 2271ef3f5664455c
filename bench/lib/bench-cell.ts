import type { TargetName } from './bench-targets.js';
import type { LoadMode, LoadResult } from './load-protocol.js';

/** One measurement (target × mode × concurrency) with the figures derived from it. */
export interface BenchCell {
  readonly target: TargetName;
  readonly mode: LoadMode;
  readonly concurrency: number;
  readonly result: LoadResult;
  /** CPU time of the target process (all threads) per completed request, in µs. */
  readonly cpuUsPerRequest: number;
  /** Share of one core the target process used during the window (1 = saturated). */
  readonly targetCoreBusy: number;
  /** Share of one core the mock + load generator used: near 1, the load side is the limit. */
  readonly loadCoreBusy: number;
  /** Load generator CPU per request, in µs: its cost is part of what the load core carries. */
  readonly loadGeneratorUsPerRequest: number;
  /** Cores' worth of CPU used by processes outside the bench during the window (noise). */
  readonly otherLoad: number;
  /** Measurements made for this cell; more than 1 when earlier ones were too noisy. */
  readonly attempts: number;
  /** p50 minus the direct-to-mock p50 of the same mode and concurrency, in ms. */
  readonly addedP50Ms: number | null;
  /** TTFT p50 minus the direct TTFT p50, in ms (streams only). */
  readonly addedTtftP50Ms: number | null;
}

export type MeasuredCell = Omit<BenchCell, 'addedP50Ms' | 'addedTtftP50Ms'>;

export function makeCell(target: TargetName, mode: LoadMode, concurrency: number, result: LoadResult, attempts: number): MeasuredCell {
  const targetCpu = result.cpuMs.target ?? Number.NaN;
  // For `direct` the target is the mock itself, so it is not counted twice.
  const upstreamCpu = result.cpuMs.upstream ?? 0;
  const ours = targetCpu + upstreamCpu + result.loadGeneratorCpuMs;
  return {
    target,
    mode,
    concurrency,
    result,
    cpuUsPerRequest: result.completed > 0 ? (targetCpu * 1000) / result.completed : Number.NaN,
    targetCoreBusy: targetCpu / result.windowMs,
    loadCoreBusy: (upstreamCpu + result.loadGeneratorCpuMs + (target === 'direct' ? targetCpu : 0)) / result.windowMs,
    loadGeneratorUsPerRequest: result.completed > 0 ? (result.loadGeneratorCpuMs * 1000) / result.completed : Number.NaN,
    // Tick granularity (10 ms) can make this slightly negative on a quiet machine.
    otherLoad: Math.max(0, (result.systemCpuMs - ours) / result.windowMs),
    attempts,
  };
}

/** Fills in the "added" figures once the direct baselines are known. */
export function withAddedLatency(cells: readonly MeasuredCell[]): BenchCell[] {
  return cells.map((cell) => {
    const direct = cells.find((other) => other.target === 'direct' && other.mode === cell.mode && other.concurrency === cell.concurrency);
    const ttft = cell.result.ttftMs;
    const directTtft = direct?.result.ttftMs;
    return {
      ...cell,
      addedP50Ms: direct === undefined ? null : cell.result.latencyMs.p50 - direct.result.latencyMs.p50,
      addedTtftP50Ms: ttft == null || directTtft == null ? null : ttft.p50 - directTtft.p50,
    };
  });
}

export function findCell(cells: readonly BenchCell[], target: TargetName, mode: LoadMode, concurrency: number): BenchCell | undefined {
  return cells.find((cell) => cell.target === target && cell.mode === mode && cell.concurrency === concurrency);
}
