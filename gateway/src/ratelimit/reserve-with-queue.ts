import { setTimeout as delay } from 'node:timers/promises';
import type { RateLimiter, ReserveRequest, ReserveResult } from './types.js';

export interface ReserveQueueOptions {
  /** The longest a request may wait for capacity, ms; 0 refuses at once. */
  maxWaitMs: number;
  /**
   * How often to look again when concurrency is the limit: its retry hint is a guess (a slot
   * frees whenever some request settles), so polling sooner catches a slot earlier.
   */
  concurrencyPollMs?: number;
  /** Client abort: stop waiting and reject with the signal's reason. */
  signal?: AbortSignal;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type QueuedReserveResult = ReserveResult & {
  /** Time spent waiting for capacity (for the trace). */
  queuedMs: number;
  attempts: number;
};

/**
 * Short queueing: instead of failing at once, wait for the limiter's own retry hint and try
 * again, while the total wait fits in maxWaitMs. A wait that cannot fit, or a request that
 * can never fit (requestTooLarge), is refused immediately rather than after a pointless wait.
 * Not FIFO: a newcomer may take capacity a waiter was waiting for; the budget bounds the cost.
 */
export async function reserveWithQueue(limiter: RateLimiter, request: ReserveRequest, options: ReserveQueueOptions): Promise<QueuedReserveResult> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const pollMs = options.concurrencyPollMs ?? 50;
  const start = now();
  for (let attempts = 1; ; attempts += 1) {
    options.signal?.throwIfAborted();
    const result = await limiter.reserve(request);
    const queuedMs = now() - start;
    if (result.ok || result.requestTooLarge) return { ...result, queuedMs, attempts };
    const hint = result.limitedBy.dimension === 'concurrent' ? Math.min(result.retryAfterMs, pollMs) : result.retryAfterMs;
    // At least 1 ms, so a rounding edge cannot spin.
    const wait = Math.max(1, hint);
    if (queuedMs + wait > options.maxWaitMs) return { ...result, queuedMs, attempts };
    await sleep(wait, options.signal);
  }
}

/** Rejects with the signal's own reason (timers/promises would throw a generic AbortError). */
async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    signal?.throwIfAborted();
    throw error;
  }
}
