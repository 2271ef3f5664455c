import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import type { Trace } from '../trace/trace.js';
import { registerHealthGauges, type HealthSources } from './health-gauges.js';
import { createTraceInstruments } from './metric-instruments.js';
import { recordTraceMetrics } from './record-trace-metrics.js';

/** Where telemetry itself failed: building metrics, building spans, exporting spans, reading a health source. */
export type TelemetryStage = 'metrics' | 'tracing' | 'export' | 'health';

export interface MetricsOptions extends HealthSources {
  /** Node.js process metrics (CPU, memory, event loop lag, GC); default true. */
  processMetrics?: boolean;
}

export interface GatewayMetrics {
  /** This instance's own registry (never prom-client's global one). */
  readonly registry: Registry;
  /** The Content-Type of `metricsText()`: Prometheus text format 0.0.4. */
  readonly contentType: string;
  /** Projects one finished trace onto the counters and histograms. */
  recordTrace(trace: Trace): void;
  countInternalError(stage: TelemetryStage): void;
  /** The exposition for GET /metrics. */
  metricsText(): Promise<string>;
}

/**
 * The gateway's Prometheus metrics. Everything per request comes from the finished Trace
 * (`recordTrace`, called at settle); breaker and recorder state are read at scrape time.
 * No module-level registry: two gateways in one process (tests) keep separate counts.
 */
export function createMetrics(options: MetricsOptions = {}): GatewayMetrics {
  const registry = new Registry();
  const instruments = createTraceInstruments(registry);
  const internalErrors = new Counter({
    name: 'llm_gateway_telemetry_errors_total',
    help: 'Failures inside telemetry (metrics, tracing, span export, health sources); the request is never affected.',
    labelNames: ['stage'] as const,
    registers: [registry],
  });
  const countInternalError = (stage: TelemetryStage): void => internalErrors.inc({ stage });
  registerHealthGauges(registry, options, () => countInternalError('health'));
  if (options.processMetrics !== false) addProcessMetrics(registry);
  return {
    registry,
    contentType: registry.contentType,
    recordTrace: (trace) => recordTraceMetrics(instruments, trace),
    countInternalError,
    metricsText: () => registry.metrics(),
  };
}

/**
 * prom-client's default Node.js metrics, minus the three gauges it names `*_total`
 * (nodejs_active_{handles,requests,resources}_total): Prometheus reserves that suffix for
 * counters and `promtool check metrics` rejects them. The same numbers stay available per
 * type in nodejs_active_handles / _requests / _resources.
 */
function addProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry });
  for (const metric of registry.getMetricsAsArray()) {
    // By type, not `instanceof Counter`: the per-request counters are FastCounters (fast-metrics.ts).
    const { name, type } = metric as { name?: unknown; type?: unknown };
    if (typeof name === 'string' && name.endsWith('_total') && type !== 'counter') registry.removeSingleMetric(name);
  }
}
