import type { BreakerState } from './breaker-state.js';

/**
 * Leave to send one attempt to an upstream. Settle it exactly once with what the attempt
 * says about the upstream's health; later calls are ignored, so `release()` in a `finally`
 * is always safe.
 */
export interface BreakerPermit {
  readonly target: string;
  /** True when the breaker was half-open: this attempt decides whether it closes. */
  readonly probe: boolean;
  readonly settled: boolean;
  /** The upstream answered well. */
  success(): void;
  /** The upstream is unhealthy; `kind` is kept for the admin view and logs (e.g. "timeout", "http_503"). */
  failure(kind: string): void;
  /** The attempt says nothing about the upstream (client abort, 4xx caused by the request). */
  release(): void;
}

export type AcquireResult =
  | { readonly ok: true; readonly permit: BreakerPermit }
  | {
      readonly ok: false;
      readonly state: Exclude<BreakerState, 'closed'>;
      /** 'breaker open' or 'half-open: probe in flight'. */
      readonly reason: string;
      /** Open only: ms until the cooldown ends and probes are let through. */
      readonly retryInMs?: number;
    };

export type PermitOutcome = { readonly kind: 'success' } | { readonly kind: 'failure'; readonly failureKind: string } | { readonly kind: 'release' };

/** The permit handed out by CircuitBreaker: forwards the first outcome, drops the rest. */
export class SettleOncePermit implements BreakerPermit {
  readonly target: string;
  readonly probe: boolean;
  readonly #onSettle: (outcome: PermitOutcome) => void;
  #settled = false;

  constructor(target: string, probe: boolean, onSettle: (outcome: PermitOutcome) => void) {
    this.target = target;
    this.probe = probe;
    this.#onSettle = onSettle;
  }

  get settled(): boolean {
    return this.#settled;
  }

  success(): void {
    this.#settle({ kind: 'success' });
  }

  failure(kind: string): void {
    this.#settle({ kind: 'failure', failureKind: kind });
  }

  release(): void {
    this.#settle({ kind: 'release' });
  }

  #settle(outcome: PermitOutcome): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#onSettle(outcome);
  }
}
