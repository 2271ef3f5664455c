import type { Registry } from 'prom-client';
import { FastCounter, FastHistogram } from './fast-metrics.js';

/**
 * Latency buckets in seconds, 1 ms to 120 s: a cached or rejected request answers in
 * milliseconds, a long generation takes minutes (the longest default deadline is 120 s).
 */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120];

/** The gateway's own time per request, 0.05 ms to 100 ms: anything above is a bug to look at. */
export const OVERHEAD_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1];

const REQUEST_LABELS = ['surface', 'endpoint', 'route', 'provider', 'model', 'status'] as const;
const TARGET_LABELS = ['provider', 'model'] as const;

/**
 * Every instrument fed from finished traces. Names and labels are listed in README.md.
 * Fast* rather than prom-client's classes: these run ~10 times per request (fast-metrics.ts).
 * Calls pass label values positionally, in the order of `labelNames`.
 */
export function createTraceInstruments(registry: Registry) {
  const registers = [registry];
  return {
    requests: new FastCounter({
      name: 'llm_gateway_requests_total',
      help: 'Requests answered, by surface, endpoint, routing rule, upstream that answered (or was tried last) and HTTP status.',
      labelNames: REQUEST_LABELS,
      registers,
    }),
    duration: new FastHistogram({
      name: 'llm_gateway_request_duration_seconds',
      help: 'Time from the request reaching the gateway to the last byte of the response.',
      labelNames: REQUEST_LABELS,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    ttft: new FastHistogram({
      name: 'llm_gateway_time_to_first_token_seconds',
      help: 'Streams: time from the request reaching the gateway to the first upstream event (retries and fallbacks included).',
      labelNames: REQUEST_LABELS,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    errors: new FastCounter({
      name: 'llm_gateway_request_errors_total',
      help: 'Requests that ended in an error, by gateway error code (client_aborted when the client left).',
      labelNames: ['surface', 'endpoint', 'provider', 'model', 'code'] as const,
      registers,
    }),
    overhead: new FastHistogram({
      name: 'llm_gateway_overhead_seconds',
      help: 'Time the gateway itself spent on a request: total minus upstream calls and rate-limit queueing (streams: up to the first token).',
      labelNames: ['surface', 'endpoint', 'stream'] as const,
      buckets: OVERHEAD_BUCKETS,
      registers,
    }),
    attempts: new FastCounter({
      name: 'llm_gateway_upstream_attempts_total',
      help: 'Upstream calls, by target, outcome (ok, error, aborted) and what the chain did next (success, retry, fallback, stop).',
      labelNames: [...TARGET_LABELS, 'outcome', 'decision'] as const,
      registers,
    }),
    attemptDuration: new FastHistogram({
      name: 'llm_gateway_upstream_duration_seconds',
      help: 'One upstream call: until the whole answer (JSON) or the first event (streams).',
      labelNames: [...TARGET_LABELS, 'outcome'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    skipped: new FastCounter({
      name: 'llm_gateway_upstream_skipped_total',
      help: 'Chain steps skipped without a call (breaker open, deadline or cost cap, model limit).',
      labelNames: TARGET_LABELS,
      registers,
    }),
    fallbacks: new FastCounter({
      name: 'llm_gateway_fallbacks_total',
      help: 'Fallbacks taken: the chain left this target for the next one, by the error that made it.',
      labelNames: [...TARGET_LABELS, 'reason'] as const,
      registers,
    }),
    retries: new FastCounter({
      name: 'llm_gateway_retries_total',
      help: 'Retries of the same target, by the error that made them.',
      labelNames: [...TARGET_LABELS, 'reason'] as const,
      registers,
    }),
    tokens: new FastCounter({
      name: 'llm_gateway_tokens_total',
      help: 'Tokens used, as the upstream reported them (or counted, for a stream cut short), by tenant, target and type (input, output).',
      labelNames: ['tenant', ...TARGET_LABELS, 'type'] as const,
      registers,
    }),
    cost: new FastCounter({
      name: 'llm_gateway_cost_usd_total',
      help: 'Cost in US dollars from the price table and real usage, by tenant and target (requests without a known price add nothing).',
      labelNames: ['tenant', ...TARGET_LABELS] as const,
      registers,
    }),
    cache: new FastCounter({
      name: 'llm_gateway_cache_lookups_total',
      help: 'Response cache lookups, by layer (exact, semantic) and outcome (hit, miss, bypass, error).',
      labelNames: ['layer', 'outcome'] as const,
      registers,
    }),
    rateLimited: new FastCounter({
      name: 'llm_gateway_rate_limit_rejections_total',
      help: 'Requests refused by a rate limit, by tenant, dimension and reason (limit; too_large: the request alone exceeds the bucket).',
      labelNames: ['tenant', 'dimension', 'reason'] as const,
      registers,
    }),
    rateLimitFailOpen: new FastCounter({
      name: 'llm_gateway_rate_limit_fail_open_total',
      help: 'Requests let through unchecked because the rate-limit store was unreachable.',
      labelNames: ['tenant'] as const,
      registers,
    }),
  };
}

export type TraceInstruments = ReturnType<typeof createTraceInstruments>;
