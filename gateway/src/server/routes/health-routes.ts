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
  // Prometheus scrapes without credentials; labels carry only configured names (tenants,
  // targets), never request content. Restrict it at the network if tenants are secret.
  app.get('/metrics', async (_request, reply) => {
    const metrics = state.metrics;
    if (metrics === undefined) return reply.status(404).send('metrics are off\n');
    return reply.type(metrics.contentType).send(await metrics.metricsText());
  });
  app.get('/readyz', async (_request, reply) => {
    const checks: Record<string, string> = { config: `loaded (${state.deps.config.hash.slice(0, 12)})` };
    const rateLimitStore = state.stores.rateLimitStore();
    if (rateLimitStore !== undefined) checks.rateLimitStore = rateLimitStore;
    // A recorder that is spilling is degraded, not unready: requests are still served and recorded to disk.
    const recorder = state.stores.recorder?.();
    if (recorder !== undefined) checks.recorder = recorder;
    if (state.draining) {
      checks.server = 'draining';
      return reply.status(503).send({ status: 'unavailable', checks });
    }
    // A Redis that is down makes the gateway degraded, not unready, under fail-open: it still
    // serves. Under fail-closed it would refuse everything, so it is not ready.
    const failClosed = state.deps.config.raw.rateLimits.onStoreError === 'closed';
    if (rateLimitStore !== undefined && rateLimitStore.startsWith('redis') && rateLimitStore !== 'redis: ready' && failClosed) {
      return reply.status(503).send({ status: 'unavailable', checks });
    }
    return { status: 'ready', checks, inflight: state.inflight.size };
  });
}
