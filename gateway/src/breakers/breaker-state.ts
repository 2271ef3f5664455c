import type { BreakerSettings } from './breaker-config.js';

export type BreakerState = 'closed' | 'open' | 'half_open';

/** One breaker as GET /admin/upstreams shows it: plain data, safe to JSON.stringify. */
export interface BreakerSnapshot {
  /** provider/model */
  readonly target: string;
  readonly state: BreakerState;
  readonly consecutiveFailures: number;
  /** Outcomes counted in the rolling window (success + failure; released permits are not counted). */
  readonly windowRequests: number;
  readonly windowFailures: number;
  /** windowFailures / windowRequests, 0 when the window is empty. */
  readonly errorRate: number;
  /** When the current open episode began (open or half-open); null when closed. */
  readonly openedAt: string | null;
  /** Open: when probes will be let through. Half-open: when that began. Closed: null. */
  readonly halfOpenAt: string | null;
  readonly probesInFlight: number;
  /** Probe successes so far in this half-open episode. */
  readonly probeSuccesses: number;
  readonly lastFailureKind: string | null;
  /** Number of state changes since the breaker was created. */
  readonly transitions: number;
  readonly lastTransitionAt: string | null;
  readonly settings: BreakerSettings;
}

/** A state change, for logs and metrics. */
export interface BreakerTransition {
  readonly target: string;
  readonly from: BreakerState;
  readonly to: BreakerState;
  /** Epoch ms when the change took effect (for open → half_open: when the cooldown ended). */
  readonly at: number;
  /** Human-readable cause, e.g. "5 consecutive failures (last: timeout)". */
  readonly reason: string;
}

export type BreakerTransitionListener = (transition: BreakerTransition) => void;
