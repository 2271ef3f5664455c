import type { FastifyInstance, FastifyRequest } from 'fastify';
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
    const target = resolveModel(id, state.deps.config);
    const model = { id, ownedBy: `${target.provider}/${target.model}` };
    return isAnthropicClient(request) ? anthropicModel(model) : openaiModel(model);
  });
}

async function listModels(state: GatewayState, request: FastifyRequest): Promise<ListedModel[]> {
  const { config, providers } = state.deps;
  const controller = new AbortController();
  request.raw.once('close', () => controller.abort());
  const aliases = Object.entries(config.raw.aliases).map(([id, target]) => ({ id, ownedBy: target }));
  const perProvider = await Promise.all(
    [...providers.values()].map(async (provider) => {
      try {
        const names = await provider.listModels(controller.signal);
        return names.map((name) => ({ id: `${provider.name}/${name}`, ownedBy: provider.name }));
      } catch (error) {
        state.deps.logger.warn({ provider: provider.name, err: error }, 'could not list models');
        return [];
      }
    }),
  );
  return [...aliases, ...perProvider.flat()];
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
