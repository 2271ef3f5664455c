import { normalizeReserve, normalizeSettle } from './normalize-request.js';
import { RateLimitStoreTimeout, RateLimitStoreUnavailable } from './rate-limit-store-unavailable.js';
import type { RateLimiter, ReserveRequest, ReserveResult, SettleReport, SettleRequest } from './types.js';

export type StoreErrorPolicy = 'open' | 'closed';

export interface StoreErrorEvent {
  operation: 'reserve' | 'settle';
  error: unknown;
  policy: StoreErrorPolicy;
  /** Failures so far (this operation), so the caller can rate-limit its warning. */
  failures: number;
}

export interface ResilientRateLimiterOptions {
  /** open (default): admit unchecked, count, warn. closed: throw RateLimitStoreUnavailable (→ 503). */
  onStoreError?: StoreErrorPolicy;
  /** Budget of one reserve call, ms (default 50): admission must never hang on the store. */
  timeoutMs?: number;
  /** Budget of one settle call, ms (default 500): off the latency path, and a lost settle skews accounting. */
  settleTimeoutMs?: number;
  /** Called on every store failure; the caller rate-limits the log line. */
  onError?: (event: StoreErrorEvent) => void;
  /** Epoch ms for degraded reservations. */
  now?: () => number;
}

export interface ResilienceCounters {
  reserveFailures: number;
  settleFailures: number;
  /** Requests let through unchecked under the fail-open policy. */
  degradedAdmissions: number;
}

/**
 * Applies the store-failure policy around another limiter (RedisRateLimiter in production).
 * Settle never throws for a store failure, under either policy: it runs after the response,
 * when there is nothing left to refuse.
 *
 * A reserve that timed out may still have landed in Redis. Its degraded reservation is
 * settled through the store like any other: the settle script applies only if the
 * reservation exists, so the accounting stays exact either way.
 */
export class ResilientRateLimiter implements RateLimiter {
  readonly #inner: RateLimiter;
  readonly #policy: StoreErrorPolicy;
  readonly #timeoutMs: number;
  readonly #settleTimeoutMs: number;
  readonly #onError: ((event: StoreErrorEvent) => void) | undefined;
  readonly #now: () => number;
  readonly #counters: ResilienceCounters = { reserveFailures: 0, settleFailures: 0, degradedAdmissions: 0 };

  constructor(inner: RateLimiter, options: ResilientRateLimiterOptions = {}) {
    this.#inner = inner;
    this.#policy = options.onStoreError ?? 'open';
    this.#timeoutMs = options.timeoutMs ?? 50;
    this.#settleTimeoutMs = options.settleTimeoutMs ?? 500;
    this.#onError = options.onError;
    this.#now = options.now ?? Date.now;
  }

  get policy(): StoreErrorPolicy {
    return this.#policy;
  }

  counters(): ResilienceCounters {
    return { ...this.#counters };
  }

  async reserve(input: ReserveRequest): Promise<ReserveResult> {
    // Validate here: a bad request is the caller's bug and must not pass as a store failure.
    const request = normalizeReserve(input);
    try {
      return await withTimeout(this.#inner.reserve(request), this.#timeoutMs, 'reserve');
    } catch (error) {
      this.#counters.reserveFailures += 1;
      this.#report('reserve', error, this.#counters.reserveFailures);
      if (this.#policy === 'closed') throw new RateLimitStoreUnavailable('reserve', { cause: error });
      this.#counters.degradedAdmissions += 1;
      const { buckets, inputTokens, outputTokens, reservationId } = request;
      return {
        ok: true,
        degraded: true,
        reservation: { id: reservationId, buckets, inputTokens, outputTokens, at: Math.floor(this.#now()), degraded: true },
        buckets: [],
      };
    }
  }

  async settle(input: SettleRequest): Promise<SettleReport> {
    const request = normalizeSettle(input);
    try {
      return await withTimeout(this.#inner.settle(request), this.#settleTimeoutMs, 'settle');
    } catch (error) {
      this.#counters.settleFailures += 1;
      this.#report('settle', error, this.#counters.settleFailures);
      return { settled: false, buckets: [], degraded: true };
    }
  }

  close(): Promise<void> {
    return this.#inner.close();
  }

  #report(operation: 'reserve' | 'settle', error: unknown, failures: number): void {
    try {
      this.#onError?.({ operation, error, policy: this.#policy, failures });
    } catch {
      // A failing log hook must not turn a degraded admission into a failed request.
    }
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, operation: 'reserve' | 'settle'): Promise<T> {
  // A late rejection after the timeout was already counted as the timeout.
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RateLimitStoreTimeout(operation, timeoutMs)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
