import type { AttemptRecord, Trace } from '../trace/trace.js';

/** Label value for "not known / did not happen": an empty value would erase the label in PromQL. */
export const NONE = 'none';

export interface ProviderModel {
  provider: string;
  model: string;
}

/**
 * `provider/model` → its parts. Split at the first slash only: model names carry slashes
 * of their own (`vllm/meta-llama/Llama-3.1-8B`).
 */
export function splitTarget(target: string | undefined): ProviderModel {
  if (target === undefined || target === '') return { provider: NONE, model: NONE };
  const slash = target.indexOf('/');
  if (slash < 0) return { provider: target, model: NONE };
  return { provider: target.slice(0, slash), model: target.slice(slash + 1) };
}

/**
 * The upstream a request is labelled with: the one that answered, else the last one tried.
 * Never the requested model: that is whatever the client typed, and a label fed by clients
 * has no bound on its values (one time series each); targets come from the config.
 */
export function labelTarget(trace: Trace): ProviderModel {
  return splitTarget(trace.outcome?.servedBy ?? lastTried(trace.attempts)?.target);
}

export function lastTried(attempts: readonly AttemptRecord[]): AttemptRecord | undefined {
  for (let i = attempts.length - 1; i >= 0; i--) {
    const attempt = attempts[i];
    if (attempt !== undefined && attempt.outcome !== 'skipped') return attempt;
  }
  return undefined;
}

/** The routing rule that matched (names come from the config), or `none`. */
export function routeLabel(trace: Trace): string {
  return trace.route?.rule?.name ?? NONE;
}

/** 0 when the request never got an outcome (should not happen after settle; counted, not dropped). */
export function statusOf(trace: Trace): number {
  return trace.outcome?.status ?? 0;
}

/** Error label: the gateway's error code (a closed registry), or what the status says. */
export function errorLabel(trace: Trace): string | undefined {
  const outcome = trace.outcome;
  if (outcome === undefined) return 'unknown';
  if (outcome.errorCode !== undefined) return outcome.errorCode;
  if (outcome.clientAborted === true) return 'client_aborted';
  if (outcome.status >= 400) return `http_${outcome.status}`;
  return undefined;
}

/**
 * The gateway's own time: total minus time spent in upstream calls and in the rate-limit
 * queue (waiting on purpose is not overhead). For a stream only the part up to the first
 * token counts: after it the response runs at the upstream's pace, and the attempt record
 * (latencyMs = time to first event) does not time the rest. Retry backoff is included: the
 * trace does not time it apart. Undefined when the trace has no total.
 */
export function overheadMs(trace: Trace): number | undefined {
  const { totalMs, ttftMs } = trace.timings;
  const end = trace.stream === true && ttftMs !== undefined ? ttftMs : totalMs;
  if (end === undefined) return undefined;
  const upstream = trace.attempts.reduce((sum, a) => sum + a.latencyMs, 0);
  const queued = trace.rateLimit?.queuedMs ?? 0;
  return Math.max(0, end - upstream - queued);
}
