import { register as globalRegistry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { BreakerSnapshot } from '../breakers/breaker-state.js';
import { DEFAULT_BREAKER_SETTINGS } from '../breakers/breaker-config.js';
import type { Trace } from '../trace/trace.js';
import { createMetrics } from './gateway-metrics.js';

const START = Date.UTC(2025, 0, 1, 12);

/** A streamed chat request: a skipped step, a failed vLLM call, then Anthropic answers. */
function fallbackTrace(): Trace {
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
    attempts: [
      { target: 'openai/gpt-4o-mini', try: 0, startMs: 4, latencyMs: 0, outcome: 'skipped', decision: 'skip', why: 'breaker open', passthrough: false },
      { target: 'vllm/meta-llama/Llama-3.1-8B', try: 0, startMs: 5, latencyMs: 120, outcome: 'error', decision: 'fallback', errorCode: 'upstream_error', httpStatus: 500, passthrough: true },
      { target: 'anthropic/claude-sonnet-4-5', try: 0, startMs: 130, latencyMs: 300, ttftMs: 300, outcome: 'ok', decision: 'success', passthrough: false },
    ],
    rateLimit: { tier: 'gold', estimate: { inputTokens: 100, outputTokens: 200 }, checked: [], reserved: [], settled: [], queuedMs: 2 },
    outcome: { status: 200, usage: { inputTokens: 120, outputTokens: 80 }, costUsd: 0.0015, servedBy: 'anthropic/claude-sonnet-4-5', stopReason: 'end' },
    timings: { totalMs: 1500, upstreamMs: 420, ttftMs: 430 },
  };
}

function refusedTrace(): Trace {
  return {
    id: 'req_1',
    configHash: 'cafe',
    startedAt: START,
    surface: 'anthropic',
    endpoint: 'chat',
    tenant: 'acme',
    requestedModel: 'whatever-the-client-typed',
    attempts: [],
    rateLimit: {
      tier: null,
      estimate: { inputTokens: 10, outputTokens: 10 },
      checked: ['tenant:acme'],
      reserved: [],
      settled: [],
      refused: { key: 'tenant:acme', dimension: 'tokens', retryAfterMs: 900, requestTooLarge: false },
    },
    outcome: { status: 429, errorCode: 'rate_limited' },
    timings: { totalMs: 3 },
  };
}

/** The first sample of a metric family whose labels include `labels`; `series` picks a histogram's _sum or _count. */
async function value(metrics: ReturnType<typeof createMetrics>, name: string, labels: Record<string, string>, series?: string): Promise<number | undefined> {
  const metric = metrics.registry.getSingleMetric(name);
  if (metric === undefined) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  // Histogram samples carry metricName (_bucket, _sum, _count); counters and gauges do not.
  const match = values.find(
    (v) => (series === undefined || ('metricName' in v && v.metricName === series)) && Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want),
  );
  return match?.value;
}

describe('createMetrics', () => {
  it('projects a served trace onto request, latency, TTFT, tokens, cost and fallback metrics', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.recordTrace(fallbackTrace());
    const served = { surface: 'openai', endpoint: 'chat', route: 'none', provider: 'anthropic', model: 'claude-sonnet-4-5', status: '200' };
    expect(await value(metrics, 'llm_gateway_requests_total', served)).toBe(1);
    expect(await value(metrics, 'llm_gateway_request_duration_seconds', { ...served, le: '2.5' })).toBe(1);
    expect(await value(metrics, 'llm_gateway_request_duration_seconds', { ...served, le: '1' })).toBe(0);
    expect(await value(metrics, 'llm_gateway_time_to_first_token_seconds', { ...served, le: '0.5' })).toBe(1);
    expect(await value(metrics, 'llm_gateway_tokens_total', { tenant: 'acme', model: 'claude-sonnet-4-5', type: 'input' })).toBe(120);
    expect(await value(metrics, 'llm_gateway_tokens_total', { tenant: 'acme', model: 'claude-sonnet-4-5', type: 'output' })).toBe(80);
    expect(await value(metrics, 'llm_gateway_cost_usd_total', { tenant: 'acme', provider: 'anthropic' })).toBeCloseTo(0.0015);
    // The model keeps its own slashes: only the first one separates the provider.
    expect(await value(metrics, 'llm_gateway_fallbacks_total', { provider: 'vllm', model: 'meta-llama/Llama-3.1-8B', reason: 'upstream_error' })).toBe(1);
    expect(await value(metrics, 'llm_gateway_upstream_attempts_total', { provider: 'anthropic', outcome: 'ok', decision: 'success' })).toBe(1);
    expect(await value(metrics, 'llm_gateway_upstream_skipped_total', { provider: 'openai', model: 'gpt-4o-mini' })).toBe(1);
  });

  it('measures overhead as the gateway time up to the first token for streams', async () => {
    const metrics = createMetrics({ processMetrics: false });
    // ttft 430 - upstream 420 - queued 2 = 8 ms: between 5 ms and 10 ms.
    metrics.recordTrace(fallbackTrace());
    const labels = { surface: 'openai', endpoint: 'chat', stream: 'true' };
    expect(await value(metrics, 'llm_gateway_overhead_seconds', { ...labels, le: '0.005' })).toBe(0);
    expect(await value(metrics, 'llm_gateway_overhead_seconds', { ...labels, le: '0.01' })).toBe(1);
    expect(await value(metrics, 'llm_gateway_overhead_seconds', labels, 'llm_gateway_overhead_seconds_sum')).toBeCloseTo(0.008);
  });

  it('counts a rate-limit refusal and labels the error without the client-chosen model', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.recordTrace(refusedTrace());
    expect(await value(metrics, 'llm_gateway_rate_limit_rejections_total', { tenant: 'acme', dimension: 'tokens', reason: 'limit' })).toBe(1);
    expect(await value(metrics, 'llm_gateway_request_errors_total', { code: 'rate_limited', model: 'none' })).toBe(1);
    expect(await metrics.metricsText()).not.toContain('whatever-the-client-typed');
  });

  it('counts cache lookups from the trace once the cache stage records them', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const trace = Object.assign(fallbackTrace(), { cache: { lookups: [{ layer: 'exact', outcome: 'miss' }, { layer: 'semantic', outcome: 'hit' }, { layer: 'bogus', outcome: 'hit' }] } });
    metrics.recordTrace(trace);
    metrics.recordTrace(Object.assign(fallbackTrace(), { cache: { outcome: 'exact_hit' } }));
    expect(await value(metrics, 'llm_gateway_cache_lookups_total', { layer: 'exact', outcome: 'miss' })).toBe(1);
    expect(await value(metrics, 'llm_gateway_cache_lookups_total', { layer: 'semantic', outcome: 'hit' })).toBe(1);
    expect(await value(metrics, 'llm_gateway_cache_lookups_total', { layer: 'exact', outcome: 'hit' })).toBe(1);
    expect(await metrics.metricsText()).not.toContain('bogus');
  });

  it('reads breaker states and recorder health at scrape time', async () => {
    const snapshot = (target: string, state: BreakerSnapshot['state']): BreakerSnapshot => ({
      target, state, consecutiveFailures: 0, windowRequests: 4, windowFailures: 1, errorRate: 0.25, openedAt: null, halfOpenAt: null,
      probesInFlight: 0, probeSuccesses: 0, lastFailureKind: null, transitions: 0, lastTransitionAt: null, settings: DEFAULT_BREAKER_SETTINGS,
    });
    let breakers = [snapshot('vllm/qwen', 'open'), snapshot('openai/gpt-4o', 'closed')];
    let health = { queued: 7, spillBytes: 1024, dropped: 3 };
    const metrics = createMetrics({ processMetrics: false, breakers: () => breakers, recorder: () => health, inflight: () => 2 });
    expect(await value(metrics, 'llm_gateway_breaker_state', { provider: 'vllm', model: 'qwen', state: 'open' })).toBe(1);
    expect(await value(metrics, 'llm_gateway_breaker_state', { provider: 'vllm', model: 'qwen', state: 'closed' })).toBe(0);
    expect(await value(metrics, 'llm_gateway_breaker_error_ratio', { provider: 'openai' })).toBe(0.25);
    expect(await value(metrics, 'llm_gateway_recorder_queue_depth', {})).toBe(7);
    expect(await value(metrics, 'llm_gateway_recorder_spill_bytes', {})).toBe(1024);
    expect(await value(metrics, 'llm_gateway_recorder_dropped_total', {})).toBe(3);
    expect(await value(metrics, 'llm_gateway_inflight_requests', {})).toBe(2);
    breakers = [snapshot('vllm/qwen', 'half_open')];
    health = { queued: 0, spillBytes: 0, dropped: 5 };
    expect(await value(metrics, 'llm_gateway_breaker_state', { provider: 'vllm', state: 'half_open' })).toBe(1);
    expect(await value(metrics, 'llm_gateway_breaker_state', { provider: 'openai' })).toBeUndefined();
    expect(await value(metrics, 'llm_gateway_recorder_dropped_total', {})).toBe(5);
  });

  it('survives a health source that throws, and counts it', async () => {
    const metrics = createMetrics({
      processMetrics: false,
      breakers: () => {
        throw new Error('boom');
      },
    });
    const text = await metrics.metricsText();
    expect(text).toContain('# TYPE llm_gateway_breaker_state gauge');
    expect(await value(metrics, 'llm_gateway_telemetry_errors_total', { stage: 'health' })).toBeGreaterThan(0);
  });

  it('keeps its own registry: two instances count apart and the global registry stays empty', async () => {
    const a = createMetrics({ processMetrics: false });
    const b = createMetrics({ processMetrics: false });
    a.recordTrace(refusedTrace());
    expect(await value(a, 'llm_gateway_requests_total', { status: '429' })).toBe(1);
    expect(await value(b, 'llm_gateway_requests_total', { status: '429' })).toBeUndefined();
    expect(globalRegistry.getSingleMetric('llm_gateway_requests_total')).toBeUndefined();
    expect(a.contentType).toContain('text/plain');
  });
});
