/**
 * Tuning for one upstream's circuit breaker. The shape matches `breakers` in the config
 * schema (config/routing-schema.ts), so a parsed config section can be passed as-is.
 */
export interface BreakerSettings {
  /** Open after this many counted failures in a row while closed. */
  readonly consecutiveFailures: number;
  /**
   * Open when, over the last `windowMs`, at least `minRequests` outcomes were counted and
   * failures / requests ≥ `threshold` (0 < threshold ≤ 1). `minRequests` keeps one failure
   * out of two requests on a quiet upstream from tripping it.
   */
  readonly errorRate: { readonly threshold: number; readonly windowMs: number; readonly minRequests: number };
  /** How long an open breaker refuses everything before it lets probes through (half-open). */
  readonly openMs: number;
  /** Most probes in flight at once while half-open. */
  readonly halfOpenProbes: number;
  /** Probe successes needed, without a probe failure in between, to close again. */
  readonly successesToClose: number;
}

/** Any subset of the settings, `errorRate` included field by field; undefined keeps the base value. */
export type BreakerOverrides = Partial<Omit<BreakerSettings, 'errorRate'>> & {
  readonly errorRate?: Partial<BreakerSettings['errorRate']>;
};

export const DEFAULT_BREAKER_SETTINGS: BreakerSettings = Object.freeze({
  consecutiveFailures: 5,
  errorRate: Object.freeze({ threshold: 0.5, windowMs: 30_000, minRequests: 20 }),
  openMs: 30_000,
  halfOpenProbes: 1,
  successesToClose: 1,
});

/**
 * Merges overrides over a base and validates the result. The config schema already checks
 * these bounds; the breaker checks again because it can be built without that schema
 * (tests, per-target override functions), and a NaN here would silently never trip.
 * @param label names the settings in the error message (e.g. the target).
 * @throws RangeError naming the bad field.
 */
export function resolveBreakerSettings(
  overrides: BreakerOverrides | undefined,
  base: BreakerSettings = DEFAULT_BREAKER_SETTINGS,
  label = 'breaker settings',
): BreakerSettings {
  // `??` per field rather than spread: an explicit undefined must not erase a base value.
  const settings: BreakerSettings = {
    consecutiveFailures: overrides?.consecutiveFailures ?? base.consecutiveFailures,
    errorRate: Object.freeze({
      threshold: overrides?.errorRate?.threshold ?? base.errorRate.threshold,
      windowMs: overrides?.errorRate?.windowMs ?? base.errorRate.windowMs,
      minRequests: overrides?.errorRate?.minRequests ?? base.errorRate.minRequests,
    }),
    openMs: overrides?.openMs ?? base.openMs,
    halfOpenProbes: overrides?.halfOpenProbes ?? base.halfOpenProbes,
    successesToClose: overrides?.successesToClose ?? base.successesToClose,
  };
  const check = (path: string, value: number, ok: boolean, rule: string): void => {
    if (!ok) throw new RangeError(`${label}: ${path} must be ${rule} (got ${value})`);
  };
  const positiveInt = (path: string, value: number): void => check(path, value, Number.isInteger(value) && value >= 1, 'an integer ≥ 1');
  positiveInt('consecutiveFailures', settings.consecutiveFailures);
  const { threshold, windowMs, minRequests } = settings.errorRate;
  check('errorRate.threshold', threshold, threshold > 0 && threshold <= 1, 'in (0, 1]');
  check('errorRate.windowMs', windowMs, Number.isFinite(windowMs) && windowMs > 0, 'a positive number of ms');
  positiveInt('errorRate.minRequests', minRequests);
  check('openMs', settings.openMs, Number.isFinite(settings.openMs) && settings.openMs >= 0, 'a non-negative number of ms');
  positiveInt('halfOpenProbes', settings.halfOpenProbes);
  positiveInt('successesToClose', settings.successesToClose);
  return Object.freeze(settings);
}
