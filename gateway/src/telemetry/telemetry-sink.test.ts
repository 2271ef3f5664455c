import { describe, expect, it } from 'vitest';
import type { Trace } from '../trace/trace.js';
import type { Tracing } from './create-tracing.js';
import { createMetrics } from './gateway-metrics.js';
import type { TelemetryInput } from './telemetry-input.js';
import { incomingTraceContext } from './telemetry-input.js';
import { TelemetrySink } from './telemetry-sink.js';

const trace: Trace = {
  id: 'req_1',
  configHash: 'cafe',
  startedAt: Date.UTC(2025, 0, 1),
  surface: 'openai',
  endpoint: 'chat',
  attempts: [],
  outcome: { status: 400, errorCode: 'invalid_request' },
  timings: { totalMs: 1 },
};

function fakeTracing(record: (input: TelemetryInput) => void): Tracing {
  return {
    enabled: true,
    disabledReason: undefined,
    warnings: [],
    contextFor: () => undefined,
    record: (input) => {
      record(input);
      return undefined;
    },
    flush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
}

describe('TelemetrySink', () => {
  it('feeds metrics and tracing, passing the trace context the trace carries', async () => {
    const inputs: TelemetryInput[] = [];
    const metrics = createMetrics({ processMetrics: false });
    const sink = new TelemetrySink({ metrics, tracing: fakeTracing((input) => inputs.push(input)) });
    sink.record({ ...trace, traceContext: { traceparent: '00-a-b-01', tracestate: 'k=v' }, maxTokens: 64 } as Trace);
    expect(inputs[0]).toMatchObject({ traceparent: '00-a-b-01', tracestate: 'k=v', maxTokens: 64 });
    expect(await metrics.metricsText()).toContain('llm_gateway_requests_total{surface="openai",endpoint="chat",route="none",provider="none",model="none",status="400"} 1');
  });

  it('never throws: a failing projection is counted, and the other one still runs', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const recordTrace = metrics.recordTrace;
    let traced = 0;
    metrics.recordTrace = () => {
      throw new Error('metrics broke');
    };
    const sink = new TelemetrySink({
      metrics,
      tracing: fakeTracing(() => {
        traced++;
        throw new Error('tracing broke');
      }),
    });
    expect(() => sink.record(trace)).not.toThrow();
    metrics.recordTrace = recordTrace;
    expect(traced).toBe(1);
    const text = await metrics.metricsText();
    expect(text).toContain('llm_gateway_telemetry_errors_total{stage="metrics"} 1');
    expect(text).toContain('llm_gateway_telemetry_errors_total{stage="tracing"} 1');
  });
});

describe('incomingTraceContext', () => {
  it('takes a single traceparent and joins repeated tracestate headers', () => {
    expect(incomingTraceContext({ traceparent: '00-x', tracestate: ['a=1', 'b=2'] })).toEqual({ traceparent: '00-x', tracestate: 'a=1,b=2' });
    expect(incomingTraceContext({ traceparent: ['00-x', '00-y'] })).toEqual({});
  });
});
