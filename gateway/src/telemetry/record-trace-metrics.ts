import type { AttemptRecord, Trace } from '../trace/trace.js';
import type { TraceInstruments } from './metric-instruments.js';
import { traceExtras } from './trace-extras.js';
import { errorLabel, labelTarget, NONE, overheadMs, routeLabel, splitTarget, statusOf } from './trace-labels.js';

/**
 * One finished trace → counter increments and histogram observations. Pure projection.
 * Runs once per request: label values go positionally (see metric-instruments.ts for each
 * metric's label order), with no label objects built per call.
 */
export function recordTraceMetrics(m: TraceInstruments, trace: Trace): void {
  const { provider, model } = labelTarget(trace);
  const surface = trace.surface;
  const endpoint = trace.endpoint;
  const route = routeLabel(trace);
  const status = String(statusOf(trace));
  m.requests.inc(1, surface, endpoint, route, provider, model, status);
  const { totalMs, ttftMs } = trace.timings;
  if (totalMs !== undefined) m.duration.observe(totalMs / 1000, surface, endpoint, route, provider, model, status);
  if (trace.stream === true && ttftMs !== undefined) m.ttft.observe(ttftMs / 1000, surface, endpoint, route, provider, model, status);
  const error = errorLabel(trace);
  if (error !== undefined) m.errors.inc(1, surface, endpoint, provider, model, error);
  const overhead = overheadMs(trace);
  if (overhead !== undefined) m.overhead.observe(overhead / 1000, surface, endpoint, trace.stream === true ? 'true' : 'false');
  for (const attempt of trace.attempts) recordAttempt(m, attempt);
  recordUsage(m, trace, provider, model);
  for (const lookup of traceExtras(trace).cache) m.cache.inc(1, lookup.layer, lookup.outcome);
  recordRateLimit(m, trace);
}

function recordAttempt(m: TraceInstruments, attempt: AttemptRecord): void {
  const { provider, model } = splitTarget(attempt.target);
  const outcome = attempt.outcome;
  if (outcome === 'skipped') {
    m.skipped.inc(1, provider, model);
    return;
  }
  m.attempts.inc(1, provider, model, outcome, attempt.decision ?? NONE);
  m.attemptDuration.observe(attempt.latencyMs / 1000, provider, model, outcome);
  const reason = attempt.errorCode ?? 'unknown';
  if (attempt.decision === 'fallback') m.fallbacks.inc(1, provider, model, reason);
  else if (attempt.decision === 'retry') m.retries.inc(1, provider, model, reason);
}

function recordUsage(m: TraceInstruments, trace: Trace, provider: string, model: string): void {
  const tenant = trace.tenant ?? NONE;
  const usage = trace.outcome?.usage;
  if (usage !== undefined) {
    // Negative or non-finite counts add 0 (FastCounter.inc) but still create the series:
    // that is wanted, a zero-token row says "answered".
    m.tokens.inc(usage.inputTokens, tenant, provider, model, 'input');
    m.tokens.inc(usage.outputTokens, tenant, provider, model, 'output');
  }
  const cost = trace.outcome?.costUsd;
  if (cost !== undefined) m.cost.inc(cost, tenant, provider, model);
}

function recordRateLimit(m: TraceInstruments, trace: Trace): void {
  const limits = trace.rateLimit;
  if (limits === undefined) return;
  const tenant = trace.tenant ?? NONE;
  if (limits.refused !== undefined) m.rateLimited.inc(1, tenant, limits.refused.dimension, limits.refused.requestTooLarge ? 'too_large' : 'limit');
  if (limits.degraded === true) m.rateLimitFailOpen.inc(1, tenant);
}
