import type { Trace } from '../trace/trace.js';
import type { TraceSink } from '../trace/trace-store.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import type { Tracing } from './create-tracing.js';
import { telemetryInputOf, type TelemetryInput } from './telemetry-input.js';

export interface TelemetrySinkOptions {
  metrics: GatewayMetrics;
  tracing: Tracing;
  /** Builds the span input for a trace; default reads `trace.traceContext` (see trace-extras.ts). */
  inputOf?: (trace: Trace) => TelemetryInput;
}

/**
 * The TraceSink that feeds metrics and spans. It runs in settle, after the response, on the
 * request's path: it must never throw and never wait. A failure is counted in
 * llm_gateway_telemetry_errors_total and otherwise swallowed; metrics and tracing fail apart.
 */
export class TelemetrySink implements TraceSink {
  private readonly metrics: GatewayMetrics;
  private readonly tracing: Tracing;
  private readonly inputOf: (trace: Trace) => TelemetryInput;

  constructor(options: TelemetrySinkOptions) {
    this.metrics = options.metrics;
    this.tracing = options.tracing;
    this.inputOf = options.inputOf ?? telemetryInputOf;
  }

  record(trace: Trace): void {
    try {
      this.metrics.recordTrace(trace);
    } catch {
      this.countError('metrics');
    }
    if (!this.tracing.enabled) return;
    try {
      this.tracing.record(this.inputOf(trace));
    } catch {
      this.countError('tracing');
    }
  }

  private countError(stage: 'metrics' | 'tracing'): void {
    try {
      this.metrics.countInternalError(stage);
    } catch {
      // Nothing left to report to; the request must still not see it.
    }
  }
}
