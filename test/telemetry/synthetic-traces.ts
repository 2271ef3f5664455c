import type { Trace } from '../../gateway/src/trace/trace.js';

export const START = Date.UTC(2025, 0, 1, 12);
export const CLIENT_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
export const CLIENT_SPAN_ID = '00f067aa0ba902b7';

export const PROVIDERS = new Map([
  ['vllm', { type: 'openai', baseUrl: 'http://vllm.internal:8000/v1' }],
  ['anthropic', { type: 'anthropic', baseUrl: 'https://api.anthropic.com' }],
  ['openai', { type: 'openai', baseUrl: 'https://api.openai.com/v1' }],
]);

/**
 * A streamed chat request as the pipeline settles it: the client sent a traceparent, one
 * chain step was skipped (breaker open), vLLM failed, Anthropic answered. `traceContext`,
 * `cache` and `maxTokens` are fields the Trace does not declare yet (see trace-extras.ts).
 */
export function streamedFallbackTrace(): Trace {
  const trace: Trace & Record<string, unknown> = {
    id: 'req_0af7651916cd43dd8448eb211c80319c',
    configHash: '9f2c',
    startedAt: START,
    surface: 'openai',
    endpoint: 'chat',
    tenant: 'acme',
    keyId: 'acme-prod',
    requestedModel: 'smart',
    stream: true,
    route: { via: 'rule', rule: { index: 0, name: 'coding', matched: ['keywords'] }, uses: 'smart-chain', candidates: [], excluded: [], deadlineMs: 60_000, costCapUsd: undefined },
    attempts: [
      { target: 'openai/gpt-4o-mini', try: 0, startMs: 4, latencyMs: 0, outcome: 'skipped', decision: 'skip', why: 'breaker open', passthrough: false },
      { target: 'vllm/qwen', try: 0, startMs: 5, latencyMs: 120, outcome: 'error', decision: 'fallback', errorCode: 'upstream_error', errorMessage: 'HTTP 500', httpStatus: 500, passthrough: true },
      { target: 'anthropic/claude-sonnet-4-5', try: 0, startMs: 130, latencyMs: 300, ttftMs: 300, outcome: 'ok', decision: 'success', breaker: 'closed', passthrough: false },
    ],
    rateLimit: { tier: 'gold', estimate: { inputTokens: 100, outputTokens: 256 }, checked: ['tenant:acme'], reserved: [], settled: [], queuedMs: 2 },
    outcome: { status: 200, usage: { inputTokens: 120, outputTokens: 80 }, costUsd: 0.0015, servedBy: 'anthropic/claude-sonnet-4-5', stopReason: 'end' },
    timings: { totalMs: 1500, upstreamMs: 420, ttftMs: 430 },
    traceContext: { traceparent: `00-${CLIENT_TRACE_ID}-${CLIENT_SPAN_ID}-01`, tracestate: 'vendor=abc' },
    cache: { outcome: 'miss', mode: 'normal', reasons: [], lookups: [{ layer: 'exact', outcome: 'miss' }, { layer: 'semantic', outcome: 'miss' }] },
    maxTokens: 256,
  };
  return trace;
}

/** Refused at admission: no upstream, a 429. */
export function refusedTrace(): Trace {
  return {
    id: 'req_11111111111111111111111111111111',
    configHash: '9f2c',
    startedAt: START,
    surface: 'anthropic',
    endpoint: 'chat',
    tenant: 'acme',
    keyId: 'acme-prod',
    requestedModel: 'claude-sonnet-4-5',
    attempts: [],
    rateLimit: {
      tier: null,
      estimate: { inputTokens: 10, outputTokens: 10 },
      checked: ['tenant:acme'],
      reserved: [],
      settled: [],
      refused: { key: 'tenant:acme', dimension: 'tokens', retryAfterMs: 900, requestTooLarge: false },
    },
    outcome: { status: 429, errorCode: 'rate_limited', errorMessage: 'Rate limit reached' },
    timings: { totalMs: 3 },
  };
}

/** Every upstream failed: a 502 after a retry (and the rate-limit store was down). */
export function failedTrace(): Trace {
  return {
    id: 'req_22222222222222222222222222222222',
    configHash: '9f2c',
    startedAt: START,
    surface: 'openai',
    endpoint: 'chat',
    tenant: 'globex',
    keyId: 'globex-ci',
    requestedModel: 'gpt-4o',
    stream: false,
    attempts: [
      { target: 'openai/gpt-4o', try: 0, startMs: 1, latencyMs: 30, outcome: 'error', decision: 'retry', errorCode: 'upstream_unreachable', passthrough: true },
      { target: 'openai/gpt-4o', try: 1, startMs: 140, latencyMs: 30, outcome: 'error', decision: 'stop', errorCode: 'upstream_unreachable', passthrough: true },
    ],
    // The rate-limit store was down and the policy let the request through unchecked.
    rateLimit: { tier: null, estimate: { inputTokens: 10, outputTokens: 10 }, checked: ['tenant:globex'], reserved: [], settled: [], degraded: true },
    outcome: { status: 502, errorCode: 'upstream_unreachable', errorMessage: 'connect ECONNREFUSED' },
    timings: { totalMs: 175, upstreamMs: 60 },
  };
}
