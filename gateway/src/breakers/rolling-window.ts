/**
 * Buckets per window. Memory stays fixed whatever the traffic, at the price of granularity:
 * an outcome is forgotten between windowMs − windowMs/10 and windowMs after it was counted.
 */
export const WINDOW_BUCKETS = 10;

export interface WindowCounts {
  readonly requests: number;
  readonly failures: number;
}

interface Bucket {
  /** Which bucketMs-wide slice of time this slot holds; -Infinity when never used. */
  index: number;
  requests: number;
  failures: number;
}

/** Request and failure counts over the last `windowMs`, in a fixed ring of time buckets. */
export class RollingWindow {
  readonly #bucketMs: number;
  readonly #buckets: Bucket[];
  /** Newest bucket index seen: the clock is wall time and may step back (NTP). */
  #latest = Number.NEGATIVE_INFINITY;

  constructor(windowMs: number, buckets = WINDOW_BUCKETS) {
    this.#bucketMs = windowMs / buckets;
    this.#buckets = Array.from({ length: buckets }, () => ({ index: Number.NEGATIVE_INFINITY, requests: 0, failures: 0 }));
  }

  record(now: number, failed: boolean): void {
    const index = this.#indexAt(now);
    const size = this.#buckets.length;
    const bucket = this.#buckets[((index % size) + size) % size];
    if (bucket === undefined) return; // unreachable: the position is always within the ring
    if (bucket.index !== index) {
      // The slot still holds a slice that has left the window: recycle it.
      bucket.index = index;
      bucket.requests = 0;
      bucket.failures = 0;
    }
    bucket.requests += 1;
    if (failed) bucket.failures += 1;
  }

  counts(now: number): WindowCounts {
    const current = this.#indexAt(now);
    const oldest = current - this.#buckets.length;
    let requests = 0;
    let failures = 0;
    for (const bucket of this.#buckets) {
      if (bucket.index > oldest && bucket.index <= current) {
        requests += bucket.requests;
        failures += bucket.failures;
      }
    }
    return { requests, failures };
  }

  reset(): void {
    for (const bucket of this.#buckets) {
      bucket.index = Number.NEGATIVE_INFINITY;
      bucket.requests = 0;
      bucket.failures = 0;
    }
  }

  #indexAt(now: number): number {
    const index = Math.floor(now / this.#bucketMs);
    // A clock that steps back counts into the newest bucket instead of resurrecting or
    // overwriting an older one.
    if (index < this.#latest) return this.#latest;
    this.#latest = index;
    return index;
  }
}
