import type { CanonicalResponse } from '../../canonical/types.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { composeStreamFilters, runResponseHooks, type StreamTextFilter } from '../../policy/index.js';
import type { Trace } from '../../trace/trace.js';
import type { EffectivePolicy } from '../policy-engine.js';

/** policy.post for a whole answer: a deny is a 403 in the client's protocol; a transform replaces the answer. */
export function applyResponsePolicy(policy: EffectivePolicy, response: CanonicalResponse, trace: Trace): CanonicalResponse {
  if (policy.hooks.response.length === 0) return response;
  const outcome = runResponseHooks(policy.hooks.response, response);
  if (trace.policy !== undefined) trace.policy.response = outcome.reports;
  if (outcome.verdict.action === 'deny') {
    if (trace.policy !== undefined) trace.policy.blocked = outcome.verdict.hook;
    throw new GatewayError('policy_denied', outcome.verdict.reason);
  }
  return outcome.response;
}

/** policy.post for a stream: one filter per stream, over the answer's text. */
export function streamFilter(policy: EffectivePolicy): StreamTextFilter | undefined {
  const hooks = policy.hooks.response;
  if (hooks.length === 0) return undefined;
  return hooks.length === 1 ? hooks[0]!.createStreamFilter() : composeStreamFilters(hooks.map((h) => h.createStreamFilter()));
}
