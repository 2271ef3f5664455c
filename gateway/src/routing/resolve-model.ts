import type { ResolvedConfig } from '../config/resolved-config.js';
import { GatewayError } from '../errors/gateway-error.js';

export interface ModelTarget {
  provider: string;
  /** The model name the upstream knows. */
  model: string;
  /** How the requested name was resolved, for the trace. */
  reason: 'alias' | 'provider/model' | 'provider model list' | 'default provider';
}

/**
 * Resolves what a client asked for to one `provider/model`. Pure: the same name and config
 * always give the same answer. Order: alias; `provider/model` (split at the first slash, so
 * `vllm/meta-llama/Llama-3-8B` works); a provider whose model list names it; the default
 * provider. Anything else is a 404 that names what would have worked.
 */
export function resolveModel(requested: string, config: ResolvedConfig): ModelTarget {
  const alias = config.raw.aliases[requested];
  if (alias !== undefined) {
    const target = splitTarget(alias);
    if (target !== undefined) return { ...target, reason: 'alias' };
  }
  const split = splitTarget(requested);
  if (split !== undefined) {
    const provider = config.providers.get(split.provider);
    if (provider !== undefined) {
      if (provider.models !== undefined && !provider.models.includes(split.model)) {
        throw notFound(requested, `provider "${split.provider}" does not serve "${split.model}" (it serves: ${provider.models.join(', ')})`);
      }
      return { ...split, reason: 'provider/model' };
    }
  }
  for (const provider of config.providers.values()) {
    if (provider.models?.includes(requested)) return { provider: provider.name, model: requested, reason: 'provider model list' };
  }
  const fallback = config.raw.routing.defaultProvider;
  if (fallback !== undefined) return { provider: fallback, model: requested, reason: 'default provider' };
  throw notFound(requested, `use an alias (${Object.keys(config.raw.aliases).join(', ') || 'none configured'}) or provider/model with a provider of: ${[...config.providers.keys()].join(', ')}`);
}

function splitTarget(name: string): { provider: string; model: string } | undefined {
  const slash = name.indexOf('/');
  if (slash <= 0 || slash === name.length - 1) return undefined;
  return { provider: name.slice(0, slash), model: name.slice(slash + 1) };
}

function notFound(requested: string, hint: string): GatewayError {
  return new GatewayError('model_not_found', `The model "${requested}" does not exist or you do not have access to it: ${hint}.`, { param: 'model' });
}
