/**
 * The rate limiter's contract, shared by the in-process and the Redis implementation (one
 * conformance suite holds both to it). Every value here is JSON-able so reservations and
 * reports can go into the trace as they are.
 */

/** Per-minute limits of one bucket; every field is optional, a missing one does not limit. */
export interface BucketLimits {
  requestsPerMinute?: number;
  /** Input and output tokens together. */
  tokensPerMinute?: number;
  inputTokensPerMinute?: number;
  outputTokensPerMinute?: number;
  /** Requests in flight at once (held until settle, or until the lease runs out). */
  concurrent?: number;
}

/**
 * One bucket that applies to a request. The caller builds the key, e.g. `key:<id>`,
 * `tenant:<t>`, `model:<provider/model>`, `tenant-model:<t>|<provider/model>`.
 */
export interface BucketSpec {
  key: string;
  limits: BucketLimits;
}

export type RateLimitDimension = 'requests' | 'tokens' | 'input_tokens' | 'output_tokens' | 'concurrent';

export interface ReserveRequest {
  buckets: BucketSpec[];
  /** Estimated input tokens (fractions are rounded up). */
  inputTokens: number;
  /** max_tokens of the request, or the configured default for output. */
  outputTokens: number;
  /** Unique per reserve call: it names the concurrency slot and makes settle idempotent. */
  reservationId: string;
}

/** The state of one dimension of one bucket after a decision: what x-ratelimit-* headers show. */
export interface BucketReport {
  key: string;
  dimension: RateLimitDimension;
  limit: number;
  /** Whole units left (floored); negative while a bucket pays off an under-estimate. */
  remaining: number;
  /** Milliseconds until the dimension is full again (0 for `concurrent`: it frees on settle). */
  resetMs: number;
}

/** What a successful reserve took, so settle can give back or charge the difference. */
export interface Reservation {
  id: string;
  /** The buckets and the limits they had when reserved (settle refills with the same rates). */
  buckets: BucketSpec[];
  inputTokens: number;
  outputTokens: number;
  /** Epoch ms of the decision, by the store's clock (Redis server time for Redis). */
  at: number;
  /** Set by ResilientRateLimiter when the store failed and the request was let through. */
  degraded?: boolean;
}

export interface ReserveAllowed {
  ok: true;
  reservation: Reservation;
  buckets: BucketReport[];
  /** True when the store was unreachable and the fail-open policy admitted the request unchecked. */
  degraded?: boolean;
}

export interface ReserveRefused {
  ok: false;
  /** When every refused dimension will have room again (the longest of their waits). */
  retryAfterMs: number;
  /** The dimension with the longest wait. */
  limitedBy: { key: string; dimension: RateLimitDimension };
  /**
   * The request needs more than a bucket's capacity, so waiting never helps (OpenAI answers
   * such a request with 429 "Request too large"). retryAfterMs is then the time until full.
   */
  requestTooLarge: boolean;
  buckets: BucketReport[];
}

export type ReserveResult = ReserveAllowed | ReserveRefused;

export interface SettleRequest {
  reservation: Reservation;
  /** Real usage; 0/0 for a request that never reached an upstream. */
  inputTokens: number;
  outputTokens: number;
}

export interface SettleReport {
  /** False when the reservation was already settled, had expired, or was never taken: a no-op. */
  settled: boolean;
  buckets: BucketReport[];
  /** Set by ResilientRateLimiter when the store failed and the settlement may be lost. */
  degraded?: boolean;
}

export interface RateLimiter {
  /** Checks every dimension of every bucket and takes all of them, or none. */
  reserve(request: ReserveRequest): Promise<ReserveResult>;
  /** Gives back (or charges) reserved − actual tokens and frees the concurrency slot; idempotent. */
  settle(request: SettleRequest): Promise<SettleReport>;
  close(): Promise<void>;
}
