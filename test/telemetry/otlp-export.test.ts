import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelemetry, type Telemetry } from '../../gateway/src/telemetry/index.js';
import { attributeMap, startOtlpReceiver, type OtlpReceiver, type OtlpSpan } from './otlp-receiver.js';
import { CLIENT_SPAN_ID, CLIENT_TRACE_ID, failedTrace, PROVIDERS, START, streamedFallbackTrace } from './synthetic-traces.js';

// OTLP span kinds (opentelemetry-proto trace.proto): SERVER 2, CLIENT 3; status ERROR 2.
const SERVER = 2;
const CLIENT = 3;
const STATUS_ERROR = 2;

let receiver: OtlpReceiver;
let telemetry: Telemetry | undefined;

beforeEach(async () => {
  receiver = await startOtlpReceiver();
});

afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
  await receiver.close();
});

function start(extraEnv: Record<string, string> = {}): Telemetry {
  telemetry = createTelemetry({
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'llm-gateway-test', OTEL_BSP_SCHEDULE_DELAY: '50', ...extraEnv },
    providers: PROVIDERS,
    processMetrics: false,
  });
  return telemetry;
}

async function until<T>(read: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const nanosToMs = (nanos: string | number) => Number(BigInt(nanos) / 1_000_000n) - START;

describe('OTLP/HTTP export of projected traces', () => {
  it('delivers the spans of a settled request, parented by the client traceparent, in the background', async () => {
    const { sink } = start();
    sink.record(streamedFallbackTrace());
    // record() only queued the spans: nothing has gone over the wire yet.
    expect(receiver.exports).toHaveLength(0);
    const spans = await until(() => (receiver.spans().length >= 5 ? receiver.spans() : undefined), 'five spans');
    const [exported] = receiver.exports;
    expect(exported?.contentType).toContain('application/json');
    expect(exported?.resource['service.name']).toBe('llm-gateway-test');
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([CLIENT_TRACE_ID]));

    const root = only(spans, (s) => s.kind === SERVER);
    expect(root.name).toBe('chat smart');
    expect(root.parentSpanId).toBe(CLIENT_SPAN_ID);
    expect([nanosToMs(root.startTimeUnixNano), nanosToMs(root.endTimeUnixNano)]).toEqual([0, 1500]);
    expect(attributeMap(root.attributes)).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.system': 'anthropic',
      'gen_ai.request.model': 'smart',
      'gen_ai.response.model': 'claude-sonnet-4-5',
      'gen_ai.request.max_tokens': 256,
      'gen_ai.usage.input_tokens': 120,
      'gen_ai.usage.output_tokens': 80,
      'gen_ai.response.finish_reasons': ['end'],
      'llm_gateway.tenant': 'acme',
      'llm_gateway.route.rule': 'coding',
      'llm_gateway.config_hash': '9f2c',
      'llm_gateway.cache': ['exact:miss', 'semantic:miss'],
    });
    expect(root.events?.map((e) => e.name)).toEqual(['llm_gateway.attempt.skipped']);

    const attempts = spans.filter((s) => s.kind === CLIENT);
    expect(attempts.map((s) => s.name).sort()).toEqual(['chat claude-sonnet-4-5', 'chat qwen']);
    for (const attempt of attempts) expect(attempt.parentSpanId).toBe(root.spanId);
    const failed = only(attempts, (s) => s.name === 'chat qwen');
    expect(failed.status?.code).toBe(STATUS_ERROR);
    expect(attributeMap(failed.attributes)).toMatchObject({ 'gen_ai.system': 'openai', 'gen_ai.request.model': 'qwen', 'error.type': 'upstream_error', 'llm_gateway.attempt.decision': 'fallback', 'server.address': 'vllm.internal' });
    const served = only(attempts, (s) => s.name === 'chat claude-sonnet-4-5');
    expect([nanosToMs(served.startTimeUnixNano), nanosToMs(served.endTimeUnixNano)]).toEqual([130, 430]);
    expect(attributeMap(served.attributes)).toMatchObject({ 'gen_ai.response.model': 'claude-sonnet-4-5', 'gen_ai.usage.output_tokens': 80 });
    expect(spans.map((s) => s.name)).toEqual(expect.arrayContaining(['prepare', 'stream']));
  });

  it('starts a trace of its own, keyed by the request id, when the client sent none', async () => {
    const { sink, tracing } = start();
    const trace = failedTrace();
    const predicted = tracing.contextFor(trace.id);
    sink.record(trace);
    await tracing.flush();
    const root = only(receiver.spans(), (s) => s.kind === SERVER);
    expect(root.traceId).toBe('22222222222222222222222222222222');
    expect(root.parentSpanId ?? '').toBe('');
    expect(root.spanId).toBe(predicted?.spanId);
    expect(root.status?.code).toBe(STATUS_ERROR);
    expect(receiver.spans().filter((s) => s.kind === CLIENT).map((s) => attributeMap(s.attributes)['llm_gateway.attempt.try'])).toEqual([0, 1]);
  });

  it('counts spans the collector refused, and never throws into the request', async () => {
    const { sink, tracing, metrics } = start();
    receiver.respondWith(400);
    expect(() => sink.record(streamedFallbackTrace())).not.toThrow();
    await tracing.flush();
    expect(await metrics.metricsText()).toContain('llm_gateway_telemetry_errors_total{stage="export"} 1');
  });
});

function only(spans: OtlpSpan[], match: (span: OtlpSpan) => boolean): OtlpSpan {
  const found = spans.filter(match);
  expect(found).toHaveLength(1);
  return found[0] as OtlpSpan;
}
