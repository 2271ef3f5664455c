import { createTracing, type Tracing, type TracingOptions } from './create-tracing.js';
import { createMetrics, type GatewayMetrics, type MetricsOptions } from './gateway-metrics.js';
import { TelemetrySink } from './telemetry-sink.js';
import type { Env } from './tracing-settings.js';

export interface TelemetryOptions extends MetricsOptions {
  env: Env;
  providers?: TracingOptions['providers'];
}

export interface Telemetry {
  metrics: GatewayMetrics;
  tracing: Tracing;
  /** Add to the gateway's trace sinks: called once per request at settle. */
  sink: TelemetrySink;
  /** Flushes queued spans; call after the server drained. */
  shutdown(): Promise<void>;
}

/** Metrics, tracing and the sink that feeds both, wired the one way they belong together. */
export function createTelemetry(options: TelemetryOptions): Telemetry {
  const metrics = createMetrics(options);
  const tracing = createTracing(options.env, {
    ...(options.providers === undefined ? {} : { providers: options.providers }),
    onExportError: () => metrics.countInternalError('export'),
  });
  return { metrics, tracing, sink: new TelemetrySink({ metrics, tracing }), shutdown: () => tracing.shutdown() };
}
