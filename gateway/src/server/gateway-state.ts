import type { Deps } from '../deps.js';
import { InflightRegistry } from './inflight-registry.js';

/** What the HTTP layer keeps beside the Deps: in-flight work and whether it is draining. */
export interface GatewayState {
  deps: Deps;
  inflight: InflightRegistry;
  draining: boolean;
}

export function createGatewayState(deps: Deps): GatewayState {
  return { deps, inflight: new InflightRegistry(), draining: false };
}
