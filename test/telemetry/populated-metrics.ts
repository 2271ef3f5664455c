import { DEFAULT_BREAKER_SETTINGS } from '../../gateway/src/breakers/breaker-config.js';
import type { BreakerSnapshot } from '../../gateway/src/breakers/breaker-state.js';
import { createMetrics, type GatewayMetrics } from '../../gateway/src/telemetry/index.js';
import { failedTrace, refusedTrace, streamedFallbackTrace } from './synthetic-traces.js';

function breaker(target: string, state: BreakerSnapshot['state']): BreakerSnapshot {
  return {
    target, state, consecutiveFailures: state === 'closed' ? 0 : 5, windowRequests: 20, windowFailures: 5, errorRate: 0.25,
    openedAt: null, halfOpenAt: null, probesInFlight: 0, probeSuccesses: 0, lastFailureKind: null, transitions: 1,
    lastTransitionAt: null, settings: DEFAULT_BREAKER_SETTINGS,
  };
}

/** A registry with every metric family populated, process metrics included: what a live gateway exposes. */
export function populatedMetrics(): GatewayMetrics {
  const metrics = createMetrics({
    breakers: () => [breaker('vllm/qwen', 'open'), breaker('anthropic/claude-sonnet-4-5', 'closed')],
    recorder: () => ({ queued: 12, spillBytes: 4096, dropped: 1, written: 340, healthy: true }),
    inflight: () => 3,
  });
  for (const trace of [streamedFallbackTrace(), refusedTrace(), failedTrace()]) metrics.recordTrace(trace);
  metrics.countInternalError('export');
  return metrics;
}
