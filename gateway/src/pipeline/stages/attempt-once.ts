import type { CanonicalRequest } from '../../canonical/types.js';
import type { Deps } from '../../deps.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { Cancellation } from '../../http/cancellation.js';
import type { ChatOutcome, ClientBody, UpstreamChunk } from '../../providers/provider.js';
import type { Candidate } from '../../routing/route-types.js';
import { asTranslationError } from './ingress.js';

export interface AttemptSuccess {
  /** For streams the first upstream event has already arrived; `chunks` replays it. */
  outcome: ChatOutcome;
  latencyMs: number;
  ttftMs?: number;
}

/**
 * One try at one upstream under a time limit: for JSON until the whole answer is in, for
 * streams until the first event (the TTFT timeout, so a stream that stalls before its first
 * token can still fall back). The limit aborts the upstream request with a timeout error;
 * a client that leaves aborts it through the request's own signal.
 */
export async function attemptOnce(
  deps: Deps,
  candidate: Candidate,
  request: CanonicalRequest,
  client: ClientBody,
  signal: Cancellation,
  limitMs: number,
): Promise<AttemptSuccess> {
  const provider = deps.providers.get(candidate.provider);
  if (provider === undefined) throw new GatewayError('internal_error', `provider ${candidate.provider} is configured but was not built`);
  const start = deps.now();
  // One cancellation per try: the request's (client gone, shutdown) or this try's time limit.
  const { cancellation: limiter, detach } = signal.child();
  const what = request.stream ? 'first token' : 'answer';
  const timer = setTimeout(
    () => limiter.abort(new GatewayError('upstream_timeout', `upstream ${candidate.target} gave no ${what} within ${limitMs} ms`)),
    limitMs,
  );
  try {
    const outcome = await provider.chat({ request: { ...request, model: candidate.model }, client, signal: limiter });
    if (outcome.kind === 'json') return { outcome, latencyMs: deps.now() - start };
    const first = await outcome.chunks.next();
    const ttftMs = deps.now() - start;
    return { outcome: { ...outcome, chunks: replayFirst(first, outcome.chunks) }, latencyMs: ttftMs, ttftMs };
  } catch (error) {
    if (limiter.aborted && !signal.aborted) throw limiter.reason;
    if (request.stream) detach();
    throw asTranslationError(error);
  } finally {
    clearTimeout(timer);
    // A stream keeps reading after this returns, so the client's abort must still reach it.
    if (!request.stream) detach();
  }
}

/** An iterator that yields an already-read first result, then the rest. */
function replayFirst(first: IteratorResult<UpstreamChunk>, rest: AsyncIterator<UpstreamChunk>): AsyncIterator<UpstreamChunk> {
  let pending: IteratorResult<UpstreamChunk> | undefined = first;
  return {
    next: () => {
      if (pending === undefined) return rest.next();
      const result = pending;
      pending = undefined;
      return Promise.resolve(result);
    },
    return: async (value?: unknown) => (rest.return === undefined ? { done: true, value } : rest.return(value)),
  };
}
