import type { BucketLimits, BucketReport, RateLimitDimension } from './types.js';

/**
 * Levels are kept in 1/60 000 of a token (or request). A refill of `limit` per minute is then
 * exactly `limit` units per millisecond, so every level is an integer: the same arithmetic
 * gives the same numbers in JS and in the Redis Lua script (doubles are exact up to 2^53,
 * i.e. limits up to ~1.5e11 per minute), and no float drift accumulates.
 */
export const UNITS_PER_TOKEN = 60_000;

/**
 * A full concurrency bucket frees when some request settles, which no clock can predict, so
 * the limiter suggests a short fixed wait instead.
 */
export const CONCURRENCY_RETRY_MS = 250;

/** How long a concurrency slot (and the right to settle) outlives a gateway that never settles. */
export const DEFAULT_LEASE_MS = 600_000;

/** How long an idle bucket is kept after it is full again (a missing bucket reads as full). */
export const DEFAULT_IDLE_TTL_MS = 120_000;

export type RateDimension = Exclude<RateLimitDimension, 'concurrent'>;

/** The refilling dimensions, in report order; `field` is the name in the Redis hash. */
export interface RateDimensionSpec {
  dimension: RateDimension;
  field: 'r' | 't' | 'i' | 'o';
  limitOf(limits: BucketLimits): number | undefined;
  amountOf(inputTokens: number, outputTokens: number): number;
}

export const RATE_DIMENSIONS: readonly RateDimensionSpec[] = [
  { dimension: 'requests', field: 'r', limitOf: (l) => l.requestsPerMinute, amountOf: () => 1 },
  { dimension: 'tokens', field: 't', limitOf: (l) => l.tokensPerMinute, amountOf: (i, o) => i + o },
  { dimension: 'input_tokens', field: 'i', limitOf: (l) => l.inputTokensPerMinute, amountOf: (i) => i },
  { dimension: 'output_tokens', field: 'o', limitOf: (l) => l.outputTokensPerMinute, amountOf: (_i, o) => o },
];

/** Settle gives back reserved − actual per token dimension; requests are never given back. */
export function settleDelta(
  spec: RateDimensionSpec,
  reserved: { inputTokens: number; outputTokens: number },
  actual: { inputTokens: number; outputTokens: number },
): number {
  if (spec.dimension === 'requests') return 0;
  return spec.amountOf(reserved.inputTokens, reserved.outputTokens) - spec.amountOf(actual.inputTokens, actual.outputTokens);
}

/** The level after `elapsedMs` of refill at `limit` units/ms, capped at the capacity. */
export function refilled(level: number, limit: number, elapsedMs: number): number {
  return Math.min(limit * UNITS_PER_TOKEN, level + Math.max(0, elapsedMs) * limit);
}

/** Milliseconds until `level` reaches `target` (units) at `limit` units/ms. */
export function msUntil(level: number, target: number, limit: number): number {
  return level >= target ? 0 : Math.ceil((target - level) / limit);
}

export function rateReport(key: string, dimension: RateDimension, limit: number, level: number): BucketReport {
  return {
    key,
    dimension,
    limit,
    remaining: Math.floor(level / UNITS_PER_TOKEN),
    resetMs: msUntil(level, limit * UNITS_PER_TOKEN, limit),
  };
}

export function concurrencyReport(key: string, limit: number, inUse: number): BucketReport {
  return { key, dimension: 'concurrent', limit, remaining: limit - inUse, resetMs: 0 };
}

/** One dimension that refused: how long until it has room, and whether it never can. */
export interface Shortfall {
  key: string;
  dimension: RateLimitDimension;
  waitMs: number;
  tooLarge: boolean;
}

/** Why a rate dimension cannot take `amount` tokens now, or undefined when it can. */
export function rateShortfall(key: string, dimension: RateDimension, limit: number, level: number, amount: number): Shortfall | undefined {
  const need = amount * UNITS_PER_TOKEN;
  if (level >= need) return undefined;
  // More than the capacity never fits; report the time until full so the header is sane.
  const tooLarge = amount > limit;
  const waitMs = tooLarge ? msUntil(level, limit * UNITS_PER_TOKEN, limit) : msUntil(level, need, limit);
  return { key, dimension, waitMs, tooLarge };
}

/**
 * The shortfall that decides the answer: a too-large request first (waiting cannot help),
 * otherwise the longest wait, since every dimension must have room at once.
 */
export function worstShortfall(shortfalls: readonly Shortfall[]): Shortfall | undefined {
  let worst: Shortfall | undefined;
  for (const s of shortfalls) {
    if (worst === undefined || (s.tooLarge && !worst.tooLarge) || (s.tooLarge === worst.tooLarge && s.waitMs > worst.waitMs)) worst = s;
  }
  return worst;
}
