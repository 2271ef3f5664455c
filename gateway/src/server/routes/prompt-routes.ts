import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GatewayError } from '../../errors/gateway-error.js';
import { schemaError } from '../../pipeline/stages/ingress.js';
import {
  createPromptVersionBodySchema,
  diffPromptVersions,
  isPromptStoreError,
  movePromptLabelBodySchema,
  promptLabelSchema,
} from '../../prompts/index.js';
import type { GatewayState } from '../gateway-state.js';

type Params = { name: string; version?: string; label?: string };
type Query = { version?: string; label?: string; from?: string; to?: string };

/**
 * /v1/prompts: versioned prompt templates, scoped to a tenant. An API key reads its own
 * tenant's prompts; the admin key reads and writes any tenant's, named by `x-gateway-tenant`
 * (in open mode the tenant is `anonymous`). Writes need the admin key.
 */
export function registerPromptRoutes(app: FastifyInstance, state: GatewayState): void {
  const { prompts } = state.deps;
  const reader = (request: FastifyRequest): string => tenantFor(state, request, false);
  const writer = (request: FastifyRequest): string => tenantFor(state, request, true);
  const opts = { config: { surface: 'openai' as const } };

  app.get('/v1/prompts', opts, async (request) => ({ object: 'list', data: await guard(prompts.list(reader(request))) }));

  app.get<{ Params: Params; Querystring: Query }>('/v1/prompts/:name', opts, async (request) => {
    const tenant = reader(request);
    const { name } = request.params;
    const { version, label } = request.query;
    const found = await guard(prompts.resolve(tenant, { name, ...(version === undefined ? {} : { version: toVersion(version) }), ...(label === undefined ? {} : { label }) }));
    return found ?? notFound(name, version ?? label);
  });

  app.get<{ Params: Params }>('/v1/prompts/:name/versions', opts, async (request) => ({
    object: 'list',
    data: await guard(prompts.listVersions(reader(request), request.params.name)),
  }));

  app.get<{ Params: Params }>('/v1/prompts/:name/versions/:version', opts, async (request) => {
    const { name, version } = request.params;
    return (await guard(prompts.getVersion(reader(request), name, toVersion(version ?? '')))) ?? notFound(name, version);
  });

  app.post<{ Params: Params }>('/v1/prompts/:name/versions', opts, async (request, reply) => {
    const tenant = writer(request);
    const parsed = createPromptVersionBodySchema.safeParse(request.body);
    if (!parsed.success) throw schemaError(parsed.error);
    const { labels, ...input } = parsed.data;
    const created = await guard(prompts.createVersion(tenant, request.params.name, input, labels === undefined ? {} : { labels }));
    return reply.status(201).send(created);
  });

  app.put<{ Params: Params }>('/v1/prompts/:name/labels/:label', opts, async (request) => {
    const tenant = writer(request);
    const { name, label } = request.params;
    const parsed = movePromptLabelBodySchema.safeParse(request.body);
    if (!parsed.success) throw schemaError(parsed.error);
    if (!promptLabelSchema.safeParse(label).success) throw new GatewayError('invalid_request', `Invalid label "${label}".`, { param: 'label' });
    await guard(prompts.moveLabel(tenant, name, label ?? '', parsed.data.version));
    return { name, label, version: parsed.data.version };
  });

  app.delete<{ Params: Params }>('/v1/prompts/:name/labels/:label', opts, async (request) => {
    const { name, label } = request.params;
    const deleted = await guard(prompts.deleteLabel(writer(request), name, label ?? ''));
    if (!deleted) throw new GatewayError('prompt_not_found', `Prompt "${name}" has no label "${label}".`);
    return { name, label, deleted: true };
  });

  app.get<{ Params: Params; Querystring: Query }>('/v1/prompts/:name/diff', opts, async (request) => {
    const tenant = reader(request);
    const { name } = request.params;
    const from = toVersion(request.query.from ?? '');
    const to = toVersion(request.query.to ?? '');
    const [a, b] = await guard(Promise.all([prompts.getVersion(tenant, name, from), prompts.getVersion(tenant, name, to)]));
    if (a === undefined) return notFound(name, String(from));
    if (b === undefined) return notFound(name, String(to));
    return diffPromptVersions(a, b);
  });
}

function tenantFor(state: GatewayState, request: FastifyRequest, write: boolean): string {
  const { auth } = state.deps;
  const header = request.headers['x-gateway-tenant'];
  const named = typeof header === 'string' && header !== '' ? header : undefined;
  if (auth.isAdmin(request.headers)) return named ?? 'anonymous';
  if (write) {
    auth.authorizeAdmin(request.headers); // throws the right 401 / 403
  }
  const principal = auth.authenticate(request.headers);
  if (named !== undefined && named !== principal.tenant) throw new GatewayError('admin_forbidden', 'Only the admin key may name another tenant.');
  return principal.tenant;
}

function toVersion(value: string): number {
  const version = Number(value);
  if (!Number.isInteger(version) || version < 1) throw new GatewayError('invalid_request', `"${value}" is not a version number.`, { param: 'version' });
  return version;
}

function notFound(name: string, which: string | undefined): never {
  throw new GatewayError('prompt_not_found', `Prompt "${name}"${which === undefined ? '' : ` has no version or label "${which}"`} not found for this tenant.`);
}

/** Store errors as the registry's: bad input 400, missing 404, storage 500. */
async function guard<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (!isPromptStoreError(error)) throw error;
    if (error.code === 'invalid_input') throw new GatewayError('invalid_request', error.message);
    if (error.code === 'not_found') throw new GatewayError('prompt_not_found', error.message);
    throw new GatewayError('internal_error', 'The prompt store failed.', { cause: error });
  }
}

