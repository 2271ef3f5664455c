import type { Principal, HeaderBag } from '../../auth/key-authenticator.js';
import type { CanonicalRequest } from '../../canonical/types.js';
import type { Deps } from '../../deps.js';
import type { Surface } from '../../errors/error-envelope.js';
import { requestFeatures, type RequestFeatures } from '../../routing/request-features.js';
import type { RouteDecision } from '../../routing/route-types.js';
import { decideRoute } from '../../routing/router.js';
import type { Trace } from '../../trace/trace.js';

/**
 * Gathers what the router reads (request features, upstream health, a split draw), asks it,
 * and records both the inputs and the decision, so the lab can replay the decision exactly.
 */
export function route(
  deps: Deps,
  surface: Surface,
  request: CanonicalRequest,
  body: Readonly<Record<string, unknown>>,
  headers: HeaderBag,
  principal: Principal,
  trace: Trace,
): { decision: RouteDecision; features: RequestFeatures } {
  const features = requestFeatures(request);
  const splitDraw = deps.random();
  trace.routeInput = { features, splitDraw, configHash: deps.config.hash, ...(request.user === undefined ? {} : { user: request.user }) };
  const decision = decideRoute(
    {
      requestedModel: request.model,
      tenant: principal.tenant,
      keyId: principal.keyId,
      surface,
      headers,
      metadata: stringFields(body.metadata),
      user: request.user,
      features,
      request,
      splitDraw,
    },
    deps.config,
    deps.breakers.healthSnapshot(),
  );
  trace.route = decision;
  return { decision, features };
}

function stringFields(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  const out: Record<string, string> = {};
  for (const [key, field] of Object.entries(value)) if (typeof field === 'string') out[key] = field;
  return out;
}
