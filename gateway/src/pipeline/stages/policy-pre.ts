import type { CanonicalRequest } from '../../canonical/types.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { runRequestHooks } from '../../policy/index.js';
import type { RouteDecision } from '../../routing/route-types.js';
import type { Trace } from '../../trace/trace.js';
import type { EffectivePolicy } from '../policy-engine.js';

/**
 * policy.pre: the request hooks (PII redaction, deny rules) run on both forms of the request
 * — the canonical one and the client's raw body, which same-protocol traffic forwards as is —
 * before routing reads it, before any upstream sees it and before anything is recorded.
 */
export function applyRequestPolicy(
  policy: EffectivePolicy,
  request: CanonicalRequest,
  body: Record<string, unknown>,
  tenant: string,
  trace: Trace,
): { request: CanonicalRequest; body: Record<string, unknown> } {
  if (policy.layers.length > 0) trace.policy = { layers: policy.layers, request: [] };
  if (policy.hooks.request.length === 0) return { request, body };
  const outcome = runRequestHooks(policy.hooks.request, { request, body, tenant, model: request.model });
  if (trace.policy !== undefined) trace.policy.request = outcome.reports;
  if (outcome.verdict.action === 'deny') throw new GatewayError('policy_denied', outcome.verdict.reason);
  return { request: outcome.request, body: outcome.body };
}

/** The model allow-list: candidates the tenant may not use are excluded, and so recorded. */
export function applyModelAllowList(policy: EffectivePolicy, decision: RouteDecision): void {
  const allows = policy.allows;
  if (allows === undefined) return;
  const allowed = decision.candidates.filter((c) => allows(c.target));
  for (const candidate of decision.candidates) {
    if (!allows(candidate.target)) decision.excluded.push({ target: candidate.target, reason: 'not allowed by policy (allowModels)' });
  }
  decision.candidates = allowed;
  if (allowed.length === 0) {
    throw new GatewayError('policy_denied', `Policy does not allow this tenant to use ${decision.excluded.map((e) => e.target).join(', ')}.`);
  }
}
