import type { AttemptRecord, Trace } from '../trace/trace.js';
import type { TraceInstruments } from './metric-instruments.js';
import { traceExtras } from './trace-extras.js';
import { errorLabel, labelTarget, NONE, overheadMs, routeLabel, splitTarget, statusOf } from './trace-labels.js';

/** One finished trace → counter increments and histogram observations. Pure projection. */
export function recordTraceMetrics(m: TraceInstruments, trace: Trace): void {
  const { provider, model } = labelTarget(trace);
  const surface = trace.surface;
  const endpoint = trace.endpoint;
  const status = String(statusOf(trace));
  const request = { surface, endpoint, route: routeLabel(trace), provider, model, status };
  m.requests.inc(request);
  const { totalMs, ttftMs } = trace.timings;
  if (totalMs !== undefined) m.duration.observe(request, totalMs / 1000);
  if (trace.stream === true && ttftMs !== undefined) m.ttft.observe(request, ttftMs / 1000);
  const error = errorLabel(trace);
  if (error !== undefined) m.errors.inc({ surface, endpoint, provider, model, code: error });
  const overhead = overheadMs(trace);
  if (overhead !== undefined) m.overhead.observe({ surface, endpoint, stream: String(trace.stream === true) }, overhead / 1000);
  for (const attempt of trace.attempts) recordAttempt(m, attempt);
  recordUsage(m, trace, provider, model);
  for (const lookup of traceExtras(trace).cache) m.cache.inc(lookup);
  recordRateLimit(m, trace);
}

function recordAttempt(m: TraceInstruments, attempt: AttemptRecord): void {
  const target = splitTarget(attempt.target);
  if (attempt.outcome === 'skipped') {
    m.skipped.inc(target);
    return;
  }
  m.attempts.inc({ ...target, outcome: attempt.outcome, decision: attempt.decision ?? NONE });
  m.attemptDuration.observe({ ...target, outcome: attempt.outcome }, attempt.latencyMs / 1000);
  const reason = attempt.errorCode ?? 'unknown';
  if (attempt.decision === 'fallback') m.fallbacks.inc({ ...target, reason });
  else if (attempt.decision === 'retry') m.retries.inc({ ...target, reason });
}

function recordUsage(m: TraceInstruments, trace: Trace, provider: string, model: string): void {
  const tenant = trace.tenant ?? NONE;
  const usage = trace.outcome?.usage;
  if (usage !== undefined) {
    // inc(0) would still create the series; that is wanted: a zero-token row says "answered".
    m.tokens.inc({ tenant, provider, model, type: 'input' }, nonNegative(usage.inputTokens));
    m.tokens.inc({ tenant, provider, model, type: 'output' }, nonNegative(usage.outputTokens));
  }
  const cost = trace.outcome?.costUsd;
  if (cost !== undefined) m.cost.inc({ tenant, provider, model }, nonNegative(cost));
}

function recordRateLimit(m: TraceInstruments, trace: Trace): void {
  const limits = trace.rateLimit;
  if (limits === undefined) return;
  const tenant = trace.tenant ?? NONE;
  if (limits.refused !== undefined) {
    m.rateLimited.inc({ tenant, dimension: limits.refused.dimension, reason: limits.refused.requestTooLarge ? 'too_large' : 'limit' });
  }
  if (limits.degraded === true) m.rateLimitFailOpen.inc({ tenant });
}

/** prom-client throws on a negative counter increment; a bad number must not cost the whole trace. */
function nonNegative(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}
