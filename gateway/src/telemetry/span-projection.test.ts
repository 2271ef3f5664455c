import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import type { Trace } from '../trace/trace.js';
import { createTracing } from './create-tracing.js';

const START = Date.UTC(2025, 0, 1, 12);
const ENV = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector.invalid:4318' };
const PROVIDERS = new Map([
  ['vllm', { type: 'openai', baseUrl: 'http://vllm.internal:8000/v1' }],
  ['anthropic', { type: 'anthropic', baseUrl: 'https://api.anthropic.com' }],
]);
const CLIENT_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_SPAN = '00f067aa0ba902b7';

function streamedFallback(): Trace {
  return {
    id: 'req_0af7651916cd43dd8448eb211c80319c',
    configHash: 'cafe',
    startedAt: START,
    surface: 'openai',
    endpoint: 'chat',
    tenant: 'acme',
    keyId: 'k1',
    requestedModel: 'smart',
    stream: true,
    route: { via: 'rule', rule: { index: 0, name: 'coding', matched: ['keywords'] }, uses: 'smart-chain', candidates: [], excluded: [], deadlineMs: 60_000, costCapUsd: undefined },
    attempts: [
      { target: 'openai/gpt-4o-mini', try: 0, startMs: 4, latencyMs: 0, outcome: 'skipped', decision: 'skip', why: 'breaker open', passthrough: false },
      { target: 'vllm/qwen', try: 0, startMs: 5, latencyMs: 120, outcome: 'error', decision: 'fallback', errorCode: 'upstream_error', errorMessage: 'HTTP 500', passthrough: true },
      { target: 'anthropic/claude-sonnet-4-5', try: 0, startMs: 130, latencyMs: 300, ttftMs: 300, outcome: 'ok', decision: 'success', passthrough: false },
    ],
    outcome: { status: 200, usage: { inputTokens: 120, outputTokens: 80 }, costUsd: 0.0015, servedBy: 'anthropic/claude-sonnet-4-5', stopReason: 'end' },
    timings: { totalMs: 1500, upstreamMs: 420, ttftMs: 430 },
  };
}

async function project(trace: Trace, extra: { traceparent?: string; maxTokens?: number } = {}, env: Record<string, string> = ENV): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter();
  const tracing = createTracing(env, { exporter, providers: PROVIDERS });
  tracing.record({ trace, ...extra });
  await tracing.flush();
  const spans = exporter.getFinishedSpans();
  await tracing.shutdown();
  return spans;
}

const byName = (spans: ReadableSpan[], name: string) => spans.filter((s) => s.name === name);
const ms = (span: ReadableSpan, which: 'startTime' | 'endTime') => hrTimeToMilliseconds(span[which]) - START;

describe('span projection', () => {
  it('builds a SERVER root under the client traceparent with GenAI and gateway attributes', async () => {
    const spans = await project(streamedFallback(), { traceparent: `00-${CLIENT_TRACE}-${CLIENT_SPAN}-01`, maxTokens: 256 });
    const [root] = byName(spans, 'chat smart');
    expect(root).toBeDefined();
    if (root === undefined) return;
    expect(root.kind).toBe(SpanKind.SERVER);
    expect(root.spanContext().traceId).toBe(CLIENT_TRACE);
    expect(root.parentSpanContext?.spanId).toBe(CLIENT_SPAN);
    expect([ms(root, 'startTime'), ms(root, 'endTime')]).toEqual([0, 1500]);
    expect(root.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.system': 'anthropic',
      'gen_ai.request.model': 'smart',
      'gen_ai.response.model': 'claude-sonnet-4-5',
      'gen_ai.request.max_tokens': 256,
      'gen_ai.usage.input_tokens': 120,
      'gen_ai.usage.output_tokens': 80,
      'http.response.status_code': 200,
      'llm_gateway.tenant': 'acme',
      'llm_gateway.route.rule': 'coding',
      'llm_gateway.config_hash': 'cafe',
    });
    expect(root.events.map((e) => [e.name, e.attributes?.['llm_gateway.attempt.target']])).toEqual([['llm_gateway.attempt.skipped', 'openai/gpt-4o-mini']]);
    expect(spans.every((s) => s.spanContext().traceId === CLIENT_TRACE)).toBe(true);
  });

  it('adds one CLIENT span per upstream call, timed from the attempt records', async () => {
    const spans = await project(streamedFallback());
    const root = byName(spans, 'chat smart')[0];
    const [failed] = byName(spans, 'chat qwen');
    const [served] = byName(spans, 'chat claude-sonnet-4-5');
    expect(failed?.kind).toBe(SpanKind.CLIENT);
    expect(failed?.status.code).toBe(SpanStatusCode.ERROR);
    expect(failed?.attributes).toMatchObject({ 'gen_ai.system': 'openai', 'error.type': 'upstream_error', 'llm_gateway.attempt.decision': 'fallback', 'server.address': 'vllm.internal', 'server.port': 8000 });
    expect(failed && [ms(failed, 'startTime'), ms(failed, 'endTime')]).toEqual([5, 125]);
    expect(served && [ms(served, 'startTime'), ms(served, 'endTime')]).toEqual([130, 430]);
    expect(served?.attributes).toMatchObject({ 'gen_ai.usage.output_tokens': 80, 'gen_ai.response.model': 'claude-sonnet-4-5', 'server.address': 'api.anthropic.com', 'server.port': 443 });
    for (const child of [failed, served]) expect(child?.parentSpanContext?.spanId).toBe(root?.spanContext().spanId);
  });

  it('times the stages it can: prepare until the first call, stream delivery after the first event', async () => {
    const spans = await project(streamedFallback());
    const [prepare] = byName(spans, 'prepare');
    const [stream] = byName(spans, 'stream');
    expect(prepare && [ms(prepare, 'startTime'), ms(prepare, 'endTime')]).toEqual([0, 5]);
    expect(stream && [ms(stream, 'startTime'), ms(stream, 'endTime')]).toEqual([430, 1500]);
    expect(spans).toHaveLength(5);
  });

  it('derives the trace id from the request id without a traceparent, as contextFor predicts', async () => {
    const trace = streamedFallback();
    const tracing = createTracing(ENV, { exporter: new InMemorySpanExporter() });
    const predicted = tracing.contextFor(trace.id);
    await tracing.shutdown();
    const spans = await project(trace, { traceparent: 'garbage' });
    const root = byName(spans, 'chat smart')[0];
    expect(root?.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(root?.parentSpanContext).toBeUndefined();
    expect(predicted?.traceId).toBe(root?.spanContext().traceId);
    expect(predicted?.spanId).toBe(root?.spanContext().spanId);
    expect(predicted?.traceresponse).toBe(`00-${predicted?.traceId}-${predicted?.spanId}-01`);
  });

  it('marks a 5xx request as an error and records nothing for an unsampled parent', async () => {
    const failed: Trace = { ...streamedFallback(), stream: false, attempts: [], outcome: { status: 503, errorCode: 'no_route_available', errorMessage: 'no route' } };
    const [root] = await project(failed);
    expect(root?.status.code).toBe(SpanStatusCode.ERROR);
    expect(root?.attributes['error.type']).toBe('no_route_available');
    expect(await project(streamedFallback(), { traceparent: `00-${CLIENT_TRACE}-${CLIENT_SPAN}-00` })).toEqual([]);
  });

  it('is off, and builds nothing, without an endpoint or when disabled', () => {
    expect(createTracing({}).enabled).toBe(false);
    expect(createTracing({ ...ENV, OTEL_SDK_DISABLED: 'true' }).enabled).toBe(false);
    expect(createTracing({ ...ENV, OTEL_TRACES_EXPORTER: 'none' }).enabled).toBe(false);
    expect(createTracing({}).record({ trace: streamedFallback() })).toBeUndefined();
  });
});
