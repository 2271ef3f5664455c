import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GatewayConfig } from '../../config/schema.js';
import { Cancellation } from '../../http/cancellation.js';
import { resolveModel } from '../../routing/resolve-model.js';
import { createAdmitHook } from '../admit.js';
import type { GatewayState } from '../gateway-state.js';

interface ListedModel {
  id: string;
  ownedBy: string;
}

/**
 * GET /v1/models: aliases, then every provider's models as `provider/model`. A provider
 * without a configured list is asked (cached a minute); one that cannot be reached is left
 * out rather than failing the listing. Answers in Anthropic's list shape when the client
 * sends `anthropic-version` (the Anthropic SDK does), else OpenAI's.
 */
export function registerModelsRoute(app: FastifyInstance, state: GatewayState): void {
  const admit = createAdmitHook(app, state);
  app.get('/v1/models', { onRequest: admit }, async (request) => {
    const models = await listModels(state, request);
    return isAnthropicClient(request) ? anthropicList(models) : openaiList(models);
  });
  app.get<{ Params: { '*': string } }>('/v1/models/*', { onRequest: admit }, async (request) => {
    const id = request.params['*'];
    const { raw } = state.deps.config;
    let ownedBy: string;
    if (raw.chains[id] !== undefined) ownedBy = 'chain';
    else if (ruleOnlyModels(raw).includes(id)) ownedBy = 'routing rules';
    else {
      const target = resolveModel(id, state.deps.config);
      ownedBy = `${target.provider}/${target.model}`;
    }
    const model = { id, ownedBy };
    return isAnthropicClient(request) ? anthropicModel(model) : openaiModel(model);
  });
}

async function listModels(state: GatewayState, request: FastifyRequest): Promise<ListedModel[]> {
  const { config, providers } = state.deps;
  const controller = new Cancellation();
  request.raw.once('close', () => controller.abort(new Error('client disconnected')));
  const aliases = [
    ...Object.entries(config.raw.chains).map(([id, chain]) => ({ id, ownedBy: `chain: ${chain.steps.map((s) => (typeof s === 'string' ? s : s.target)).join(' → ')}` })),
    ...Object.entries(config.raw.aliases).map(([id, target]) => ({ id, ownedBy: target })),
    ...ruleOnlyModels(config.raw).map((id) => ({ id, ownedBy: 'routing rules' })),
  ];
  const perProvider = await Promise.all(
    [...providers.values()].map(async (provider) => {
      try {
        const names = await provider.listModels(controller);
        return names.map((name) => ({ id: `${provider.name}/${name}`, ownedBy: provider.name }));
      } catch (error) {
        state.deps.logger.warn({ provider: provider.name, err: error }, 'could not list models');
        return [];
      }
    }),
  );
  return [...aliases, ...perProvider.flat()];
}

/** Names only routing rules answer to (e.g. `auto`), so clients can discover them. */
function ruleOnlyModels(raw: GatewayConfig): string[] {
  const names = new Set<string>();
  for (const rule of raw.routing.rules) {
    const model = rule.when.model;
    for (const name of model === undefined ? [] : typeof model === 'string' ? [model] : model) {
      if (raw.chains[name] === undefined && raw.aliases[name] === undefined && !name.includes('/')) names.add(name);
    }
  }
  return [...names];
}

const isAnthropicClient = (request: FastifyRequest): boolean => request.headers['anthropic-version'] !== undefined;

const openaiModel = (m: ListedModel) => ({ id: m.id, object: 'model', created: 0, owned_by: m.ownedBy });
const openaiList = (models: ListedModel[]) => ({ object: 'list', data: models.map(openaiModel) });
const anthropicModel = (m: ListedModel) => ({ type: 'model', id: m.id, display_name: m.id, created_at: '1970-01-01T00:00:00Z' });
const anthropicList = (models: ListedModel[]) => ({
  data: models.map(anthropicModel),
  has_more: false,
  first_id: models[0]?.id ?? null,
  last_id: models[models.length - 1]?.id ?? null,
});
