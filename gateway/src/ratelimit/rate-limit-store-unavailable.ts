/**
 * The limiter's store (Redis) failed or timed out and the policy is fail-closed: the caller
 * answers 503, since admitting unchecked traffic was ruled out by configuration.
 */
export class RateLimitStoreUnavailable extends Error {
  readonly code = 'rate_limit_store_unavailable';

  constructor(
    readonly operation: 'reserve' | 'settle',
    options: { cause: unknown },
  ) {
    super(`rate limit store unavailable during ${operation}`, options);
    this.name = 'RateLimitStoreUnavailable';
  }
}

/** The store did not answer within the per-call budget (the cause of a store failure). */
export class RateLimitStoreTimeout extends Error {
  constructor(
    readonly operation: 'reserve' | 'settle',
    readonly timeoutMs: number,
  ) {
    super(`rate limit store did not answer ${operation} within ${timeoutMs} ms`);
    this.name = 'RateLimitStoreTimeout';
  }
}
