import type { FastifyInstance } from 'fastify';
import type { GatewayState } from '../gateway-state.js';

/**
 * /healthz: the process is alive (for liveness probes; stays 200 while draining so the
 * orchestrator does not kill a pod that is finishing its streams).
 * /readyz: config loaded and stores reachable; 503 while draining so load balancers stop
 * sending new work.
 */
export function registerHealthRoutes(app: FastifyInstance, state: GatewayState): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const checks: Record<string, string> = { config: `loaded (${state.deps.config.hash.slice(0, 12)})` };
    if (state.draining) {
      checks.server = 'draining';
      return reply.status(503).send({ status: 'unavailable', checks });
    }
    return { status: 'ready', checks, inflight: state.inflight.size };
  });
}
