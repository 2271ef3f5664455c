import { errorMessage } from './clickhouse-transport.js';
import type { WriterEvent } from './writer-options.js';

/**
 * Whether the writer currently believes ClickHouse takes inserts, and when to try again if
 * not: exponential backoff from `initialMs` to `maxMs`, reset by any success. While down,
 * batches go straight to the spill instead of each waiting for its own timeout.
 */
export class ClickHouseHealth {
  readonly #initialMs: number;
  readonly #maxMs: number;
  readonly #onEvent: (event: WriterEvent) => void;
  #healthy = true;
  #backoffMs = 0;
  #nextProbeAt = 0;
  #lastError: string | null = null;

  constructor(initialMs: number, maxMs: number, onEvent: (event: WriterEvent) => void) {
    this.#initialMs = initialMs;
    this.#maxMs = maxMs;
    this.#onEvent = onEvent;
  }

  get healthy(): boolean {
    return this.#healthy;
  }

  get lastError(): string | null {
    return this.#lastError;
  }

  /** When a down ClickHouse should be tried next (epoch ms). */
  get nextProbeAt(): number {
    return this.#nextProbeAt;
  }

  probeDue(now: number): boolean {
    return !this.#healthy && now >= this.#nextProbeAt;
  }

  /** flush() wants an answer now, not after the backoff. */
  probeNow(): void {
    this.#nextProbeAt = 0;
  }

  markUp(): void {
    this.#backoffMs = 0;
    if (this.#healthy) return;
    this.#healthy = true;
    this.#onEvent({ kind: 'up' });
  }

  markDown(err: unknown): void {
    this.noteError(err);
    this.#backoffMs = this.#backoffMs === 0 ? this.#initialMs : Math.min(this.#backoffMs * 2, this.#maxMs);
    this.#nextProbeAt = Date.now() + this.#backoffMs;
    if (!this.#healthy) return;
    this.#healthy = false;
    this.#onEvent({ kind: 'down', error: this.#lastError ?? '' });
  }

  noteError(err: unknown): void {
    this.#lastError = errorMessage(err);
  }
}
