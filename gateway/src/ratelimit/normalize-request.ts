import type { BucketLimits, BucketSpec, ReserveRequest, SettleRequest } from './types.js';

const LIMIT_FIELDS = ['requestsPerMinute', 'tokensPerMinute', 'inputTokensPerMinute', 'outputTokensPerMinute', 'concurrent'] as const;

/**
 * Both implementations normalise the same way, so they cannot disagree on edge cases. A bad
 * limit or a duplicate key is a bug in the caller (config validation should have caught it),
 * so it throws; token counts are estimates, so fractions are rounded up rather than refused.
 */
export function normalizeReserve(request: ReserveRequest): ReserveRequest {
  if (request.reservationId === '') throw new TypeError('rate limiter: reservationId must not be empty');
  const seen = new Set<string>();
  const buckets: BucketSpec[] = [];
  for (const bucket of request.buckets) {
    // A duplicate would be charged twice in memory and read stale state in the Lua script.
    if (seen.has(bucket.key)) throw new TypeError(`rate limiter: bucket key ${bucket.key} appears twice`);
    seen.add(bucket.key);
    const limits = cleanLimits(bucket.key, bucket.limits);
    // A bucket without limits has no state to keep: leave it out of the store round trip.
    if (Object.keys(limits).length > 0) buckets.push({ key: bucket.key, limits });
  }
  return {
    buckets,
    inputTokens: tokenCount('inputTokens', request.inputTokens),
    outputTokens: tokenCount('outputTokens', request.outputTokens),
    reservationId: request.reservationId,
  };
}

export function normalizeSettle(request: SettleRequest): SettleRequest {
  return {
    reservation: request.reservation,
    inputTokens: tokenCount('inputTokens', request.inputTokens),
    outputTokens: tokenCount('outputTokens', request.outputTokens),
  };
}

function cleanLimits(key: string, limits: BucketLimits): BucketLimits {
  const clean: BucketLimits = {};
  for (const field of LIMIT_FIELDS) {
    const value = limits[field];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new TypeError(`rate limiter: ${key}.${field} must be a positive integer, got ${String(value)}`);
    }
    clean[field] = value;
  }
  return clean;
}

function tokenCount(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new TypeError(`rate limiter: ${name} must be a non-negative number, got ${String(value)}`);
  return Math.ceil(value);
}
