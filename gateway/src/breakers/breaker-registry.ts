import { DEFAULT_BREAKER_SETTINGS, resolveBreakerSettings, type BreakerOverrides, type BreakerSettings } from './breaker-config.js';
import type { BreakerSnapshot, BreakerState, BreakerTransition, BreakerTransitionListener } from './breaker-state.js';
import { CircuitBreaker } from './circuit-breaker.js';

/** Per-target settings: a map or record keyed by provider/model, or a function (e.g. per provider). */
export type BreakerOverridesSource =
  | ReadonlyMap<string, BreakerOverrides>
  | Readonly<Record<string, BreakerOverrides>>
  | ((target: string) => BreakerOverrides | undefined);

export interface BreakerRegistryOptions {
  /** Wall-clock epoch ms (Deps.now). */
  now: () => number;
  /** Settings for every target, merged over DEFAULT_BREAKER_SETTINGS. */
  defaults?: BreakerOverrides;
  /** Per-target settings, merged over `defaults`. */
  overrides?: BreakerOverridesSource;
  /** Where a throwing transition listener's error goes; by default it is dropped. */
  onListenerError?: (error: unknown, transition: BreakerTransition) => void;
}

/**
 * Every upstream's breaker, created on first use. Lives in Deps (one per process), never as
 * a module singleton. Targets the registry has never seen are healthy by definition.
 */
export class BreakerRegistry {
  readonly #now: () => number;
  readonly #defaults: BreakerSettings;
  readonly #overridesFor: (target: string) => BreakerOverrides | undefined;
  readonly #onListenerError: (error: unknown, transition: BreakerTransition) => void;
  readonly #breakers = new Map<string, CircuitBreaker>();
  readonly #listeners = new Set<BreakerTransitionListener>();

  constructor(options: BreakerRegistryOptions) {
    this.#now = options.now;
    this.#defaults = resolveBreakerSettings(options.defaults, DEFAULT_BREAKER_SETTINGS, 'breaker defaults');
    this.#overridesFor = overridesLookup(options.overrides);
    this.#onListenerError = options.onListenerError ?? (() => undefined);
    if (options.overrides !== undefined && typeof options.overrides !== 'function') {
      // Known up front: fail at start-up on a bad value, not on the first request to that target.
      const targets = options.overrides instanceof Map ? [...options.overrides.keys()] : Object.keys(options.overrides);
      for (const target of targets) this.settingsFor(target);
    }
  }

  /** The breaker for `target` (provider/model), created with its settings on first use. */
  get(target: string): CircuitBreaker {
    let breaker = this.#breakers.get(target);
    if (breaker === undefined) {
      breaker = new CircuitBreaker(target, {
        now: this.#now,
        settings: this.settingsFor(target),
        onTransition: (transition) => this.#notify(transition),
      });
      this.#breakers.set(target, breaker);
    }
    return breaker;
  }

  /** The settings `target` gets (or got), without creating its breaker. */
  settingsFor(target: string): BreakerSettings {
    return this.#breakers.get(target)?.settings ?? resolveBreakerSettings(this.#overridesFor(target), this.#defaults, `breaker settings for ${target}`);
  }

  /**
   * What the pure router reads: every breaker that is not closed (absent means closed), as a
   * copy, so later transitions do not change a routing decision already in progress. Only
   * the unhealthy ones: it is built on every request, and normally it is empty.
   */
  healthSnapshot(): ReadonlyMap<string, BreakerState> {
    const health = new Map<string, BreakerState>();
    for (const [target, breaker] of this.#breakers) {
      const state = breaker.state();
      if (state !== 'closed') health.set(target, state);
    }
    return health;
  }

  /** Every breaker, sorted by target, for GET /admin/upstreams. */
  snapshots(): BreakerSnapshot[] {
    return this.#sorted().map(([, breaker]) => breaker.snapshot());
  }

  /** Subscribes to every breaker's state changes; returns the unsubscribe function. */
  onTransition(listener: BreakerTransitionListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  #sorted(): Array<[string, CircuitBreaker]> {
    return [...this.#breakers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  #notify(transition: BreakerTransition): void {
    // The state has already changed; a broken log or metric hook must neither undo that nor
    // fail the request whose outcome caused it, nor keep the other listeners from hearing.
    for (const listener of this.#listeners) {
      try {
        listener(transition);
      } catch (error) {
        this.#onListenerError(error, transition);
      }
    }
  }
}

function overridesLookup(source: BreakerOverridesSource | undefined): (target: string) => BreakerOverrides | undefined {
  if (source === undefined) return () => undefined;
  if (typeof source === 'function') return source;
  if (source instanceof Map) return (target) => source.get(target);
  const record = source as Readonly<Record<string, BreakerOverrides>>;
  // Own keys only: a target named like an Object.prototype member must not pick it up.
  return (target) => (Object.hasOwn(record, target) ? record[target] : undefined);
}
