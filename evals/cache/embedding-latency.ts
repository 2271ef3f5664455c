/**
 * Embedding latency as the gateway would see it: one short prompt (a cache lookup embeds
 * one text) and a batch of 32 (concurrent lookups coalesced), after a warm-up, plus the
 * longest event-loop stall while single prompts are embedded — the number that decides
 * whether the model may run on the main thread.
 */
import type { Embedder } from '../../gateway/src/cache/semantic/embedders/embedder.js';
import { percentile } from './threshold-metrics.js';

export interface LatencyResult {
  embedder: string;
  singleP50: number;
  singleP99: number;
  batchP50: number;
  batchP99: number;
  /** Longest gap between 1 ms timer ticks while single prompts ran (ms). */
  maxLoopStall: number;
  /**
   * Share of that time the main thread's event loop was busy (performance.eventLoopUtilization).
   * Unlike the stall, it does not grow when a loaded machine deschedules an idle process.
   */
  loopUtilization: number;
  singles: number;
  batches: number;
}

export async function measureEmbeddingLatency(
  label: string,
  embedder: Embedder,
  prompts: readonly string[],
  options: { singles: number; batches: number; warmUp?: number },
): Promise<LatencyResult> {
  let cursor = 0;
  // Fresh texts each time, so no layer can answer from memory (except when measuring one that should).
  const next = (): string => prompts[cursor++ % prompts.length] as string;
  for (let i = 0; i < (options.warmUp ?? 5); i += 1) await embedder.embed([next()]);
  await embedder.embed(Array.from({ length: 32 }, next));

  const stall = startStallMonitor();
  const elu = performance.eventLoopUtilization();
  const single: number[] = [];
  for (let i = 0; i < options.singles; i += 1) {
    const text = next();
    const t0 = performance.now();
    await embedder.embed([text]);
    single.push(performance.now() - t0);
    // Let the timer run between calls, as requests arrive spaced out.
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const maxLoopStall = stall.stop();
  const loopUtilization = performance.eventLoopUtilization(elu).utilization;

  const batch: number[] = [];
  for (let i = 0; i < options.batches; i += 1) {
    const texts = Array.from({ length: 32 }, next);
    const t0 = performance.now();
    await embedder.embed(texts);
    batch.push(performance.now() - t0);
  }
  single.sort((x, y) => x - y);
  batch.sort((x, y) => x - y);
  return {
    embedder: label,
    singleP50: percentile(single, 50),
    singleP99: percentile(single, 99),
    batchP50: percentile(batch, 50),
    batchP99: percentile(batch, 99),
    maxLoopStall,
    loopUtilization,
    singles: single.length,
    batches: batch.length,
  };
}

/**
 * The longest stall of an event loop doing nothing, over the same kind of span: the floor
 * every "longest stall" above stands on (GC, other processes on a shared machine).
 */
export async function idleLoopStall(durationMs: number): Promise<number> {
  const stall = startStallMonitor();
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  return stall.stop();
}

function startStallMonitor(): { stop(): number } {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(worst, performance.now() - last);
    },
  };
}
