import type { RequestRecord } from '@llm-gateway/recorder';
import type { Trace } from './trace.js';

/** Bodies after redaction, handed to the recorder when it keeps them. */
export interface RecordedBodies {
  request?: unknown;
  response?: string;
}

/**
 * The recorder's row for a finished trace: the columns dashboards aggregate on, plus the
 * whole trace as JSON (the lab replays from it).
 */
export function traceToRecord(trace: Trace, bodies: RecordedBodies | undefined): RequestRecord {
  const outcome = trace.outcome;
  const usage = outcome?.usage;
  const total = trace.timings.totalMs ?? 0;
  const upstream = trace.timings.upstreamMs ?? 0;
  return {
    requestId: trace.id,
    startedAt: trace.startedAt,
    tenant: trace.tenant ?? '',
    keyId: trace.keyId ?? '',
    surface: trace.surface,
    endpoint: trace.endpoint,
    requestedModel: trace.requestedModel ?? '',
    servedModel: outcome?.servedBy ?? '',
    routeRule: trace.route?.rule?.name ?? '',
    routeVia: trace.route?.via ?? '',
    cacheOutcome: trace.cache?.outcome ?? 'none',
    cacheSimilarity: trace.cache?.similarity ?? null,
    rateLimit: trace.rateLimit === undefined ? '' : JSON.stringify(trace.rateLimit),
    status: outcome?.status ?? 0,
    errorCode: outcome?.errorCode ?? null,
    inputTokens: usage?.inputTokens ?? 0,
    outputTokens: usage?.outputTokens ?? 0,
    costUsd: outcome?.costUsd ?? null,
    latencyTotalMs: total,
    latencyUpstreamMs: upstream,
    overheadMs: Math.max(0, total - upstream),
    ttftMs: trace.timings.ttftMs ?? null,
    stream: trace.stream ?? false,
    configHash: trace.configHash,
    clientAborted: outcome?.clientAborted ?? false,
    partial: outcome?.partial ?? false,
    trace: JSON.stringify(trace),
    requestBody: bodies?.request === undefined ? null : JSON.stringify(bodies.request),
    responseBody: bodies?.response ?? null,
    attempts: trace.attempts.map((a) => ({
      target: a.target,
      try: a.try,
      startMs: a.startMs,
      latencyMs: a.latencyMs,
      ttftMs: a.ttftMs ?? null,
      outcome: a.outcome,
      errorCode: a.errorCode ?? null,
      decision: a.decision ?? null,
      why: a.why ?? null,
      passthrough: a.passthrough,
    })),
  };
}
