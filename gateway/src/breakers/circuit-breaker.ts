import { resolveBreakerSettings, type BreakerOverrides, type BreakerSettings } from './breaker-config.js';
import { SettleOncePermit, type AcquireResult, type PermitOutcome } from './breaker-permit.js';
import type { BreakerSnapshot, BreakerState, BreakerTransitionListener } from './breaker-state.js';
import { RollingWindow } from './rolling-window.js';

export interface CircuitBreakerOptions {
  /** Wall-clock epoch ms (Deps.now); injected so tests drive time by hand. */
  now: () => number;
  /** Merged over DEFAULT_BREAKER_SETTINGS and validated. */
  settings?: BreakerOverrides;
  /** Called after each state change, once the new state is in place. */
  onTransition?: BreakerTransitionListener;
}

/**
 * The breaker for one upstream (provider/model). No timers: open → half_open happens
 * lazily, the first time the breaker is consulted after `openMs`, so an idle gateway costs
 * nothing and tests need no fake timers.
 */
export class CircuitBreaker {
  readonly target: string;
  readonly settings: BreakerSettings;
  readonly #now: () => number;
  readonly #onTransition: BreakerTransitionListener | undefined;
  readonly #window: RollingWindow;
  #state: BreakerState = 'closed';
  /**
   * Bumped on every transition. A permit remembers the epoch it was issued in; an outcome
   * from an older epoch is stale (a slow request from before the breaker opened must not
   * reopen it, nor close it) and is ignored.
   */
  #epoch = 0;
  #consecutiveFailures = 0;
  #openedAt: number | null = null;
  #halfOpenAt: number | null = null;
  #probesInFlight = 0;
  #probeSuccesses = 0;
  #lastFailureKind: string | null = null;
  #transitions = 0;
  #lastTransitionAt: number | null = null;

  constructor(target: string, options: CircuitBreakerOptions) {
    this.target = target;
    this.settings = resolveBreakerSettings(options.settings, undefined, `breaker settings for ${target}`);
    this.#now = options.now;
    this.#onTransition = options.onTransition;
    this.#window = new RollingWindow(this.settings.errorRate.windowMs);
  }

  state(): BreakerState {
    this.#advance(this.#now());
    return this.#state;
  }

  /** Asks to send one attempt. Closed: always yes. Open: no. Half-open: yes while probe slots are free. */
  tryAcquire(): AcquireResult {
    const now = this.#now();
    this.#advance(now);
    if (this.#state === 'open') {
      return { ok: false, state: 'open', reason: 'breaker open', retryInMs: Math.max(0, this.#cooldownEnd() - now) };
    }
    if (this.#state === 'half_open') {
      if (this.#probesInFlight >= this.settings.halfOpenProbes) {
        return { ok: false, state: 'half_open', reason: 'half-open: probe in flight' };
      }
      this.#probesInFlight += 1;
    }
    const epoch = this.#epoch;
    const probe = this.#state === 'half_open';
    return { ok: true, permit: new SettleOncePermit(this.target, probe, (outcome) => this.#settle(epoch, probe, outcome)) };
  }

  snapshot(): BreakerSnapshot {
    const now = this.#now();
    this.#advance(now);
    const { requests, failures } = this.#window.counts(now);
    const halfOpenAt = this.#state === 'open' ? this.#cooldownEnd() : this.#halfOpenAt;
    return {
      target: this.target,
      state: this.#state,
      consecutiveFailures: this.#consecutiveFailures,
      windowRequests: requests,
      windowFailures: failures,
      errorRate: requests === 0 ? 0 : failures / requests,
      openedAt: iso(this.#openedAt),
      halfOpenAt: iso(halfOpenAt),
      probesInFlight: this.#probesInFlight,
      probeSuccesses: this.#probeSuccesses,
      lastFailureKind: this.#lastFailureKind,
      transitions: this.#transitions,
      lastTransitionAt: iso(this.#lastTransitionAt),
      settings: this.settings,
    };
  }

  #settle(epoch: number, probe: boolean, outcome: PermitOutcome): void {
    const now = this.#now();
    this.#advance(now);
    if (epoch !== this.#epoch) return;
    if (probe) this.#probesInFlight -= 1;
    if (outcome.kind === 'release') return;
    if (this.#state === 'half_open') this.#settleProbe(now, outcome);
    else this.#settleClosed(now, outcome);
  }

  #settleClosed(now: number, outcome: Exclude<PermitOutcome, { kind: 'release' }>): void {
    const failed = outcome.kind === 'failure';
    this.#window.record(now, failed);
    if (outcome.kind === 'failure') {
      this.#consecutiveFailures += 1;
      this.#lastFailureKind = outcome.failureKind;
      if (this.#consecutiveFailures >= this.settings.consecutiveFailures) {
        this.#transition('open', now, `${this.#consecutiveFailures} consecutive failures (last: ${outcome.failureKind})`);
        return;
      }
    } else {
      this.#consecutiveFailures = 0;
    }
    // Checked after successes too: the rule is about the window, whichever outcome filled it.
    const { requests, failures } = this.#window.counts(now);
    const { threshold, minRequests, windowMs } = this.settings.errorRate;
    if (requests >= minRequests && failures / requests >= threshold) {
      this.#transition('open', now, `error rate ${failures}/${requests} ≥ ${threshold} over ${windowMs} ms`);
    }
  }

  #settleProbe(now: number, outcome: Exclude<PermitOutcome, { kind: 'release' }>): void {
    if (outcome.kind === 'failure') {
      this.#consecutiveFailures += 1;
      this.#lastFailureKind = outcome.failureKind;
      this.#transition('open', now, `probe failed (${outcome.failureKind})`);
      return;
    }
    this.#probeSuccesses += 1;
    if (this.#probeSuccesses >= this.settings.successesToClose) {
      this.#transition('closed', now, `${this.#probeSuccesses} probe success(es)`);
    }
  }

  /** The only time-driven transition: open → half_open once the cooldown has run out. */
  #advance(now: number): void {
    if (this.#state !== 'open' || this.#openedAt === null) return;
    // The clock is wall time: if it steps back, restart the cooldown from now rather than
    // stay open for however far it jumped.
    if (now < this.#openedAt) this.#openedAt = now;
    const due = this.#cooldownEnd();
    if (now >= due) this.#transition('half_open', due, 'cooldown elapsed');
  }

  #cooldownEnd(): number {
    return (this.#openedAt ?? 0) + this.settings.openMs;
  }

  #transition(to: BreakerState, at: number, reason: string): void {
    const from = this.#state;
    this.#state = to;
    this.#epoch += 1;
    this.#transitions += 1;
    this.#lastTransitionAt = at;
    this.#probesInFlight = 0;
    this.#probeSuccesses = 0;
    if (to === 'open') {
      this.#openedAt = at;
      this.#halfOpenAt = null;
    } else if (to === 'half_open') {
      this.#halfOpenAt = at;
    } else {
      // A closed breaker starts from a clean slate: the failures that opened it are history.
      this.#openedAt = null;
      this.#halfOpenAt = null;
      this.#consecutiveFailures = 0;
      this.#window.reset();
    }
    this.#onTransition?.({ target: this.target, from, to, at, reason });
  }
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
