import type { Redis } from 'ioredis';
import { DEFAULT_IDLE_TTL_MS, DEFAULT_LEASE_MS, RATE_DIMENSIONS, concurrencyReport, rateReport, settleDelta } from './bucket-math.js';
import { LuaScript, integerReply } from './lua-script.js';
import { normalizeReserve, normalizeSettle } from './normalize-request.js';
import { RESERVE_SCRIPT, RESERVE_SCRIPT_NAME } from './reserve-script.lua.js';
import { SETTLE_SCRIPT, SETTLE_SCRIPT_NAME } from './settle-script.lua.js';
import type {
  BucketReport,
  BucketSpec,
  RateLimitDimension,
  RateLimiter,
  ReserveRequest,
  ReserveResult,
  SettleReport,
  SettleRequest,
} from './types.js';

export const DEFAULT_KEY_PREFIX = 'llmgw:rl:';

export interface RedisRateLimiterOptions {
  /** Build it with createRateLimitRedis (fail-fast options); the caller owns and closes it. */
  redis: Redis;
  /** Prefix of every key. For Redis Cluster use a hash tag, e.g. `{llmgw:rl}:`, so a script's keys share a slot. */
  keyPrefix?: string;
  /** Concurrency slots and unsettled reservations expire after this (default 10 min). */
  leaseMs?: number;
  /** How long a bucket key outlives the moment it is full again (default 2 min). */
  idleTtlMs?: number;
  /**
   * Tests only: the scripts take this clock instead of Redis server TIME. Production must
   * leave it out, or processes with skewed clocks would disagree on refill.
   */
  now?: () => number;
}

/** Number of integers the scripts reply per bucket: 4 rate levels, then slots in use. */
const PER_BUCKET = 5;

/**
 * The production limiter: one Lua script per operation decides atomically on the Redis
 * server, so any number of gateway processes on one Redis enforce one shared limit.
 * Errors (Redis down, timeouts) propagate; ResilientRateLimiter applies the policy.
 */
export class RedisRateLimiter implements RateLimiter {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #leaseMs: number;
  readonly #idleTtlMs: number;
  readonly #now: (() => number) | undefined;
  readonly #reserve = new LuaScript(RESERVE_SCRIPT_NAME, RESERVE_SCRIPT);
  readonly #settle = new LuaScript(SETTLE_SCRIPT_NAME, SETTLE_SCRIPT);

  constructor(options: RedisRateLimiterOptions) {
    this.#redis = options.redis;
    this.#prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    this.#leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.#idleTtlMs = options.idleTtlMs ?? DEFAULT_IDLE_TTL_MS;
    this.#now = options.now;
  }

  async reserve(input: ReserveRequest): Promise<ReserveResult> {
    const request = normalizeReserve(input);
    const { buckets, inputTokens, outputTokens, reservationId } = request;
    if (buckets.length === 0) {
      // Nothing limits this request: no round trip, and nothing to settle later.
      return { ok: true, reservation: { id: reservationId, buckets, inputTokens, outputTokens, at: Math.floor((this.#now ?? Date.now)()) }, buckets: [] };
    }
    const args = [this.#nowArg(), this.#leaseMs, this.#idleTtlMs, reservationId, inputTokens, outputTokens, ...buckets.flatMap(limitArgs)];
    const reply = integerReply(RESERVE_SCRIPT_NAME, await this.#reserve.run(this.#redis, this.#keys(reservationId, buckets), args));
    const [ok, retryAfterMs, limitedBucket, limitedDim, tooLarge, now] = reply;
    if (reply.length !== 6 + PER_BUCKET * buckets.length || now === undefined) {
      throw new Error(`${RESERVE_SCRIPT_NAME}: reply of ${reply.length} integers for ${buckets.length} buckets`);
    }
    const reports = bucketReports(buckets, reply.slice(6));
    if (ok === 1) {
      return { ok: true, reservation: { id: reservationId, buckets, inputTokens, outputTokens, at: now }, buckets: reports };
    }
    const bucket = buckets[(limitedBucket ?? 0) - 1];
    const dimension = scriptDimension(limitedDim ?? 0);
    if (bucket === undefined || dimension === undefined) throw new Error(`${RESERVE_SCRIPT_NAME}: bad limiting index ${limitedBucket}/${limitedDim}`);
    return {
      ok: false,
      retryAfterMs: retryAfterMs ?? 0,
      limitedBy: { key: bucket.key, dimension },
      requestTooLarge: tooLarge === 1,
      buckets: reports,
    };
  }

  async settle(input: SettleRequest): Promise<SettleReport> {
    const request = normalizeSettle(input);
    const { reservation } = request;
    const buckets = reservation.buckets;
    if (buckets.length === 0) return { settled: false, buckets: [] };
    const deltas = RATE_DIMENSIONS.map((spec) => settleDelta(spec, reservation, request));
    const args = [this.#nowArg(), this.#idleTtlMs, reservation.id, ...deltas, ...buckets.flatMap(limitArgs)];
    const reply = integerReply(SETTLE_SCRIPT_NAME, await this.#settle.run(this.#redis, this.#keys(reservation.id, buckets), args));
    if (reply[0] !== 1) return { settled: false, buckets: [] };
    if (reply.length !== 2 + PER_BUCKET * buckets.length) {
      throw new Error(`${SETTLE_SCRIPT_NAME}: reply of ${reply.length} integers for ${buckets.length} buckets`);
    }
    return { settled: true, buckets: bucketReports(buckets, reply.slice(2)) };
  }

  /** The Redis client belongs to whoever built it (it may be shared); nothing to release here. */
  async close(): Promise<void> {}

  #keys(reservationId: string, buckets: readonly BucketSpec[]): string[] {
    const keys = [`${this.#prefix}res:${reservationId}`];
    for (const { key } of buckets) keys.push(`${this.#prefix}b:${key}`, `${this.#prefix}c:${key}`);
    return keys;
  }

  #nowArg(): string {
    return this.#now === undefined ? '' : String(Math.floor(this.#now()));
  }
}

/** The five limits of a bucket in script order; 0 means "no limit". */
function limitArgs(bucket: BucketSpec): number[] {
  return [...RATE_DIMENSIONS.map((spec) => spec.limitOf(bucket.limits) ?? 0), bucket.limits.concurrent ?? 0];
}

function scriptDimension(index: number): RateLimitDimension | undefined {
  return index === 5 ? 'concurrent' : RATE_DIMENSIONS[index - 1]?.dimension;
}

function bucketReports(buckets: readonly BucketSpec[], values: readonly number[]): BucketReport[] {
  return buckets.flatMap((bucket, b) => {
    const out: BucketReport[] = [];
    RATE_DIMENSIONS.forEach((spec, d) => {
      const limit = spec.limitOf(bucket.limits);
      if (limit !== undefined) out.push(rateReport(bucket.key, spec.dimension, limit, values[b * PER_BUCKET + d] ?? 0));
    });
    const concurrent = bucket.limits.concurrent;
    if (concurrent !== undefined) out.push(concurrencyReport(bucket.key, concurrent, values[b * PER_BUCKET + 4] ?? 0));
    return out;
  });
}
