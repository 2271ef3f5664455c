import type { CanonicalRequest } from '../../canonical/types.js';
import type { Deps } from '../../deps.js';
import { isGatewayError } from '../../errors/gateway-error.js';
import type { ChatOutcome, ClientBody } from '../../providers/provider.js';
import type { AttemptRecord, Trace } from '../../trace/trace.js';
import { asTranslationError } from './ingress.js';
import type { Routed } from './route.js';

export interface AttemptResult {
  outcome: ChatOutcome;
  record: AttemptRecord;
}

/**
 * One upstream call: re-targets the canonical request at the upstream's model (a copy: the
 * request is reused if a later attempt tries another upstream) and records the attempt.
 * For streams it also waits for the first upstream event, so a stream that fails before
 * its first byte still gets a proper HTTP error (and, later, a fallback).
 */
export async function attempt(
  deps: Deps,
  routed: Routed,
  request: CanonicalRequest,
  client: ClientBody,
  trace: Trace,
  signal: AbortSignal,
): Promise<AttemptResult & { first?: IteratorResult<unknown> }> {
  const start = deps.now();
  const record: AttemptRecord = {
    target: `${routed.target.provider}/${routed.target.model}`,
    startMs: start - trace.startedAt,
    latencyMs: 0,
    outcome: 'ok',
    passthrough: routed.provider.protocol === client.protocol,
  };
  trace.attempts.push(record);
  try {
    const outcome = await routed.provider.chat({ request: { ...request, model: routed.target.model }, client, signal });
    record.latencyMs = deps.now() - start;
    if (outcome.kind === 'stream') record.passthrough = outcome.passthrough;
    return { outcome, record };
  } catch (error) {
    record.latencyMs = deps.now() - start;
    record.outcome = signal.aborted ? 'aborted' : 'error';
    if (isGatewayError(error)) record.errorCode = error.code;
    throw asTranslationError(error);
  }
}
