import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../errors/gateway-error.js';
import { createAdminHook } from '../admit.js';
import type { GatewayState } from '../gateway-state.js';

/** Operator endpoints; they need the admin key (see KeyAuthenticator.authorizeAdmin). */
export function registerAdminRoutes(app: FastifyInstance, state: GatewayState): void {
  const admin = createAdminHook(state);
  // The validated config holds env references, never secret values, so it can be shown.
  app.get('/admin/config', { onRequest: admin }, async () => ({
    hash: state.deps.config.hash,
    source: state.deps.config.source,
    config: state.deps.config.raw,
  }));
  // Every breaker the gateway has used, plus every configured chain step it has not (closed).
  app.get('/admin/upstreams', { onRequest: admin }, async () => {
    const { breakers, config } = state.deps;
    const seen = new Set<string>();
    const upstreams = breakers.snapshots().map((snapshot) => {
      seen.add(snapshot.target);
      return snapshot;
    });
    const configured = [...Object.values(config.raw.chains).flatMap((c) => c.steps.map((s) => (typeof s === 'string' ? s : s.target))), ...Object.values(config.raw.aliases)];
    for (const target of configured) {
      if (seen.has(target)) continue;
      seen.add(target);
      upstreams.push(breakers.get(target).snapshot());
    }
    return { upstreams: upstreams.sort((a, b) => a.target.localeCompare(b.target)) };
  });
  app.get<{ Params: { id: string } }>('/admin/requests/:id', { onRequest: admin }, async (request) => {
    const trace = state.deps.traces.get(request.params.id) ?? (await recorded(state, request.params.id));
    if (trace === undefined) throw new GatewayError('resource_not_found', `No recorded request ${request.params.id} (the embedded store keeps the most recent ones).`);
    return trace;
  });
}

/** Older requests come from the recorder: the trace as it was recorded. */
async function recorded(state: GatewayState, id: string): Promise<unknown> {
  const found = await state.deps.recorder?.getRequest(id).catch(() => undefined);
  return found?.trace;
}
