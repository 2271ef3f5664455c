import type { Deps } from '../../deps.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { ChatProvider } from '../../providers/provider.js';
import { resolveModel, type ModelTarget } from '../../routing/resolve-model.js';
import type { Trace } from '../../trace/trace.js';

export interface Routed {
  target: ModelTarget;
  provider: ChatProvider;
}

/** Picks the upstream for the requested model and records why in the trace. */
export function route(deps: Deps, requestedModel: string, trace: Trace): Routed {
  const target = resolveModel(requestedModel, deps.config);
  trace.route = { provider: target.provider, model: target.model, reason: target.reason };
  const provider = deps.providers.get(target.provider);
  if (provider === undefined) throw new GatewayError('internal_error', `provider ${target.provider} is configured but was not built`);
  return { target, provider };
}
