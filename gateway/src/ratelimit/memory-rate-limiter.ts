import {
  CONCURRENCY_RETRY_MS,
  DEFAULT_LEASE_MS,
  RATE_DIMENSIONS,
  UNITS_PER_TOKEN,
  concurrencyReport,
  msUntil,
  rateReport,
  rateShortfall,
  refilled,
  settleDelta,
  worstShortfall,
  type Shortfall,
} from './bucket-math.js';
import { normalizeReserve, normalizeSettle } from './normalize-request.js';
import type { BucketReport, BucketSpec, RateLimiter, ReserveRequest, ReserveResult, SettleReport, SettleRequest } from './types.js';

export interface MemoryRateLimiterOptions {
  /** Epoch ms; injected so tests can move time. */
  now?: () => number;
  /** Concurrency slots and unsettled reservations expire after this (default 10 min). */
  leaseMs?: number;
}

interface BucketState {
  /** When the levels were last brought up to date. */
  ts: number;
  /** Level per rate field, in units (see UNITS_PER_TOKEN); a missing field reads as full. */
  levels: Map<string, number>;
  /** reservationId → lease expiry; Map keeps insertion order, which is expiry order. */
  slots: Map<string, number>;
  /** When every level will be full again: after that an idle bucket can be dropped. */
  fullAt: number;
}

/** How often (by the injected clock) buckets that are full again are swept out. */
const SWEEP_EVERY_MS = 60_000;

/**
 * The embedded limiter: one process, exact, synchronous inside (so reserve is atomic by
 * construction). Same rules and numbers as RedisRateLimiter; see README.md.
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly #now: () => number;
  readonly #leaseMs: number;
  readonly #buckets = new Map<string, BucketState>();
  /** Reservations not yet settled → lease expiry, in expiry order (all leases are equal). */
  readonly #open = new Map<string, number>();
  #lastSweep = -Infinity;

  constructor(options: MemoryRateLimiterOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  async reserve(input: ReserveRequest): Promise<ReserveResult> {
    const request = normalizeReserve(input);
    const now = Math.floor(this.#now());
    this.#housekeep(now);
    const { inputTokens, outputTokens, reservationId } = request;
    if (request.buckets.length === 0) {
      // Nothing limits this request: nothing to hold, nothing to settle (as in Redis).
      return { ok: true, reservation: { id: reservationId, buckets: [], inputTokens, outputTokens, at: now }, buckets: [] };
    }
    const shortfalls: Shortfall[] = [];
    const states = request.buckets.map((bucket) => {
      const state = this.#refill(bucket, now);
      for (const spec of RATE_DIMENSIONS) {
        const limit = spec.limitOf(bucket.limits);
        if (limit === undefined) continue;
        const level = state.levels.get(spec.field) ?? 0;
        const shortfall = rateShortfall(bucket.key, spec.dimension, limit, level, spec.amountOf(inputTokens, outputTokens));
        if (shortfall !== undefined) shortfalls.push(shortfall);
      }
      const concurrent = bucket.limits.concurrent;
      if (concurrent !== undefined) {
        purgeSlots(state.slots, now);
        if (state.slots.size >= concurrent) {
          shortfalls.push({ key: bucket.key, dimension: 'concurrent', waitMs: CONCURRENCY_RETRY_MS, tooLarge: false });
        }
      }
      return state;
    });

    const worst = worstShortfall(shortfalls);
    if (worst !== undefined) {
      return {
        ok: false,
        retryAfterMs: worst.waitMs,
        limitedBy: { key: worst.key, dimension: worst.dimension },
        requestTooLarge: worst.tooLarge,
        buckets: request.buckets.flatMap((bucket, b) => reports(bucket, states[b])),
      };
    }

    request.buckets.forEach((bucket, b) => {
      const state = states[b];
      if (state === undefined) return;
      for (const spec of RATE_DIMENSIONS) {
        if (spec.limitOf(bucket.limits) === undefined) continue;
        const level = state.levels.get(spec.field) ?? 0;
        state.levels.set(spec.field, level - spec.amountOf(inputTokens, outputTokens) * UNITS_PER_TOKEN);
      }
      if (bucket.limits.concurrent !== undefined) {
        state.slots.delete(reservationId);
        state.slots.set(reservationId, now + this.#leaseMs);
      }
      this.#store(bucket, state);
    });
    // Re-inserting keeps the map in expiry order even if an id is (wrongly) reused.
    this.#open.delete(reservationId);
    this.#open.set(reservationId, now + this.#leaseMs);
    return {
      ok: true,
      reservation: { id: reservationId, buckets: request.buckets, inputTokens, outputTokens, at: now },
      buckets: request.buckets.flatMap((bucket, b) => reports(bucket, states[b])),
    };
  }

  async settle(input: SettleRequest): Promise<SettleReport> {
    const request = normalizeSettle(input);
    const { reservation } = request;
    const now = Math.floor(this.#now());
    purgeSlots(this.#open, now);
    const live = this.#open.delete(reservation.id);
    // Free the slot even when the marker is gone: releasing twice is harmless.
    for (const bucket of reservation.buckets) this.#buckets.get(bucket.key)?.slots.delete(reservation.id);
    if (!live) return { settled: false, buckets: [] };

    const buckets = reservation.buckets.flatMap((bucket) => {
      const state = this.#refill(bucket, now);
      for (const spec of RATE_DIMENSIONS) {
        const limit = spec.limitOf(bucket.limits);
        if (limit === undefined) continue;
        const level = (state.levels.get(spec.field) ?? 0) + settleDelta(spec, reservation, request) * UNITS_PER_TOKEN;
        // Tokens given back cannot fill a bucket past its capacity.
        state.levels.set(spec.field, Math.min(limit * UNITS_PER_TOKEN, level));
      }
      purgeSlots(state.slots, now);
      this.#store(bucket, state);
      return reports(bucket, state);
    });
    return { settled: true, buckets };
  }

  async close(): Promise<void> {
    this.#buckets.clear();
    this.#open.clear();
  }

  /** The bucket's state brought up to `now` (a new bucket starts full). */
  #refill(bucket: BucketSpec, now: number): BucketState {
    const state = this.#buckets.get(bucket.key) ?? { ts: now, levels: new Map(), slots: new Map(), fullAt: now };
    const elapsed = now - state.ts;
    const levels = new Map<string, number>();
    for (const spec of RATE_DIMENSIONS) {
      const limit = spec.limitOf(bucket.limits);
      // A dimension without a limit keeps no level: if a limit comes back it starts full.
      if (limit === undefined) continue;
      levels.set(spec.field, refilled(state.levels.get(spec.field) ?? limit * UNITS_PER_TOKEN, limit, elapsed));
    }
    // A clock that steps back must not refill the same interval twice.
    return { ...state, ts: Math.max(state.ts, now), levels };
  }

  #store(bucket: BucketSpec, state: BucketState): void {
    let fullIn = 0;
    for (const spec of RATE_DIMENSIONS) {
      const limit = spec.limitOf(bucket.limits);
      const level = state.levels.get(spec.field);
      if (limit !== undefined && level !== undefined) fullIn = Math.max(fullIn, msUntil(level, limit * UNITS_PER_TOKEN, limit));
    }
    state.fullAt = state.ts + fullIn;
    this.#buckets.set(bucket.key, state);
  }

  /** Drops expired reservation markers, and now and then buckets that are full and idle. */
  #housekeep(now: number): void {
    purgeSlots(this.#open, now);
    if (now - this.#lastSweep < SWEEP_EVERY_MS) return;
    this.#lastSweep = now;
    for (const [key, state] of this.#buckets) {
      purgeSlots(state.slots, now);
      if (state.fullAt <= now && state.slots.size === 0) this.#buckets.delete(key);
    }
  }
}

/** Removes entries whose expiry has passed; they sit at the front of an expiry-ordered map. */
function purgeSlots(slots: Map<string, number>, now: number): void {
  for (const [id, expiry] of slots) {
    if (expiry > now) return;
    slots.delete(id);
  }
}

function reports(bucket: BucketSpec, state: BucketState | undefined): BucketReport[] {
  const out: BucketReport[] = [];
  for (const spec of RATE_DIMENSIONS) {
    const limit = spec.limitOf(bucket.limits);
    const level = state?.levels.get(spec.field);
    if (limit !== undefined && level !== undefined) out.push(rateReport(bucket.key, spec.dimension, limit, level));
  }
  const concurrent = bucket.limits.concurrent;
  if (concurrent !== undefined) out.push(concurrencyReport(bucket.key, concurrent, state?.slots.size ?? 0));
  return out;
}
