export { DEFAULT_BREAKER_SETTINGS, resolveBreakerSettings, type BreakerOverrides, type BreakerSettings } from './breaker-config.js';
export type { AcquireResult, BreakerPermit } from './breaker-permit.js';
export { BreakerRegistry, type BreakerOverridesSource, type BreakerRegistryOptions } from './breaker-registry.js';
export type { BreakerSnapshot, BreakerState, BreakerTransition, BreakerTransitionListener } from './breaker-state.js';
export { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.js';
