import type { CanonicalRequest } from '../../canonical/types.js';
import type { Deps } from '../../deps.js';
import { GatewayError, isGatewayError } from '../../errors/gateway-error.js';
import { sleepUnlessCancelled, type Cancellation } from '../../http/cancellation.js';
import type { BreakerPermit } from '../../breakers/index.js';
import type { ClientBody } from '../../providers/provider.js';
import { costUsd } from '../../routing/model-catalog.js';
import type { Candidate, RouteDecision } from '../../routing/route-types.js';
import type { AttemptRecord, Trace } from '../../trace/trace.js';
import { attemptOnce, type AttemptSuccess } from './attempt-once.js';
import { chainFailure } from './chain-failure.js';

export interface ChainSuccess extends AttemptSuccess {
  candidate: Candidate;
  record: AttemptRecord;
  /** The breaker permit stays open while a stream runs; settle it when the stream ends. */
  permit: BreakerPermit;
}

/**
 * Walks the router's candidates in order within one deadline and one cost cap. Per step:
 * skip it when its estimated cost does not fit what is left of the cap, when its breaker
 * refuses, when a context-length error already showed it is too small, or when no time is
 * left; otherwise try it, retrying retryable errors with backoff (a 429's Retry-After wins
 * when longer) and moving on when the error is fallbackable. Errors that are the request's
 * fault (400, 404) stop the chain. Every try and skip lands in the trace.
 */
export async function attemptChain(
  deps: Deps,
  decision: RouteDecision,
  request: CanonicalRequest,
  client: ClientBody,
  trace: Trace,
  signal: Cancellation,
  estimatedInputTokens: number,
  /** Per-upstream admission (model rate limits); a refusal skips the step. */
  gate?: (target: string) => Promise<{ ok: true } | { ok: false; why: string }>,
): Promise<ChainSuccess> {
  const deadlineAt = trace.startedAt + decision.deadlineMs;
  const outputTokens = request.maxTokens ?? deps.config.raw.routing.assumedOutputTokens;
  const errors: GatewayError[] = [];
  let contextFloor: number | undefined;
  const skip = (candidate: Candidate, why: string): void => {
    trace.attempts.push({ target: candidate.target, try: 0, startMs: deps.now() - trace.startedAt, latencyMs: 0, outcome: 'skipped', decision: 'skip', why, passthrough: false });
  };

  for (const candidate of decision.candidates) {
    const estimate = costUsd(candidate.info, estimatedInputTokens, outputTokens);
    if (decision.costCapUsd !== undefined && estimate !== undefined && estimate > decision.costCapUsd) {
      skip(candidate, `estimated cost $${estimate.toFixed(6)} exceeds the cost cap $${decision.costCapUsd}`);
      continue;
    }
    if (contextFloor !== undefined && (candidate.info?.contextWindow ?? 0) <= contextFloor) {
      skip(candidate, `context window ${candidate.info?.contextWindow ?? 'unknown'} is not larger than the ${contextFloor} that overflowed`);
      continue;
    }
    const admitted = gate === undefined ? undefined : await gate(candidate.target);
    if (admitted !== undefined && !admitted.ok) {
      skip(candidate, admitted.why);
      continue;
    }
    for (let attempt = 0; attempt <= candidate.retries; attempt++) {
      const remaining = deadlineAt - deps.now();
      if (remaining <= 0) {
        skip(candidate, 'delay budget spent');
        break;
      }
      const acquired = deps.breakers.get(candidate.target).tryAcquire();
      if (!acquired.ok) {
        skip(candidate, acquired.reason);
        break;
      }
      const { permit } = acquired;
      const record: AttemptRecord = {
        target: candidate.target,
        try: attempt,
        startMs: deps.now() - trace.startedAt,
        latencyMs: 0,
        outcome: 'ok',
        passthrough: deps.providers.get(candidate.provider)?.protocol === client.protocol,
        breaker: permit.probe ? 'half_open' : 'closed',
      };
      if (estimate !== undefined) record.estimatedCostUsd = estimate;
      trace.attempts.push(record);
      const limitMs = Math.min(request.stream ? (candidate.ttftTimeoutMs ?? candidate.timeoutMs) : candidate.timeoutMs, candidate.timeoutMs, remaining);
      try {
        const success = await attemptOnce(deps, candidate, request, client, signal, limitMs);
        Object.assign(record, { latencyMs: success.latencyMs, decision: 'success' as const });
        if (success.ttftMs !== undefined) record.ttftMs = success.ttftMs;
        if (success.outcome.kind === 'stream') record.passthrough = success.outcome.passthrough;
        else permit.success();
        const served: ChainSuccess = { outcome: success.outcome, latencyMs: success.latencyMs, candidate, record, permit };
        if (success.ttftMs !== undefined) served.ttftMs = success.ttftMs;
        return served;
      } catch (raw) {
        record.latencyMs = deps.now() - trace.startedAt - record.startMs;
        if (signal.aborted) {
          record.outcome = 'aborted';
          permit.release();
          throw raw;
        }
        const error = isGatewayError(raw) ? raw : new GatewayError('internal_error', 'attempt failed', { cause: raw });
        Object.assign(record, { outcome: 'error' as const, errorCode: error.code, errorMessage: error.message });
        if (error.code === 'internal_error') throw error;
        errors.push(error);
        if (error.code === 'context_length_exceeded' || error.code === 'unsupported_translation') {
          // The request, not the upstream, is the problem: a bigger or other-protocol step may take it.
          permit.release();
          if (error.code === 'context_length_exceeded') contextFloor = candidate.info?.contextWindow ?? 0;
          Object.assign(record, { decision: 'fallback' as const, why: error.code });
          break;
        }
        if (!error.fallbackable) {
          permit.release();
          Object.assign(record, { decision: 'stop' as const, why: `${error.code} is not worth another upstream` });
          throw error;
        }
        permit.failure(error.code);
        const wait = backoff(candidate, attempt, error, deps.random());
        if (error.retryable && attempt < candidate.retries && deps.now() + wait < deadlineAt) {
          Object.assign(record, { decision: 'retry' as const, why: `${error.code}; retrying in ${wait} ms` });
          await sleepUnlessCancelled(wait, signal);
          if (signal.aborted) throw raw;
          continue;
        }
        Object.assign(record, { decision: 'fallback' as const, why: attempt < candidate.retries ? `${error.code}; a retry would miss the deadline` : error.code });
        break;
      }
    }
  }
  throw chainFailure(errors, trace);
}

/** Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"), floored by Retry-After. */
function backoff(candidate: Candidate, attempt: number, error: GatewayError, draw: number): number {
  const ceiling = Math.min(candidate.maxBackoffMs, candidate.backoffMs * 2 ** attempt);
  const jittered = Math.round(ceiling * draw);
  const retryAfterMs = error.retryAfterSeconds === undefined ? 0 : error.retryAfterSeconds * 1000;
  return Math.max(jittered, retryAfterMs);
}
