import type { Deps } from '../deps.js';
import { InflightRegistry } from './inflight-registry.js';

/** What the HTTP layer keeps beside the Deps: in-flight work and whether it is draining. */
export interface GatewayState {
  deps: Deps;
  inflight: InflightRegistry;
  draining: boolean;
  /** Prometheus exposition for GET /metrics. */
  metrics: { contentType: string; metricsText(): Promise<string> } | undefined;
  /** Health of the stores, for /readyz (undefined: not in use). */
  stores: { rateLimitStore(): string | undefined; recorder?(): string | undefined };
}

export function createGatewayState(deps: Deps, stores: GatewayState['stores'] = { rateLimitStore: () => undefined }): GatewayState {
  return { deps, inflight: new InflightRegistry(), draining: false, stores, metrics: undefined };
}
