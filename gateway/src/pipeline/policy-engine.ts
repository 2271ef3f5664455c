import type { GatewayConfig } from '../config/schema.js';
import { createHooks, createModelMatcher, type PolicyConfig, type PolicyHooks } from '../policy/index.js';

export interface EffectivePolicy {
  /** Request hooks (PII) and response hooks (output filter); the allow-list is `allows`. */
  hooks: PolicyHooks;
  /** undefined: any target; otherwise whether a `provider/model` may serve this tenant. */
  allows: ((target: string) => boolean) | undefined;
  /** Which layers made it up, for the trace. */
  layers: string[];
}

const NONE: EffectivePolicy = Object.freeze({ hooks: { request: [], response: [] }, allows: undefined, layers: [] });

/**
 * The policy that applies to a tenant's request for a route: `default`, then the route's,
 * then the tenant's, each key (pii, outputFilter, allowModels) replacing the one before.
 * Built once per (route, tenant) pair and kept: building compiles every pattern.
 */
export class PolicyEngine {
  private readonly cache = new Map<string, EffectivePolicy>();

  constructor(private readonly config: GatewayConfig['policy']) {}

  get configured(): boolean {
    return this.config.default !== undefined || Object.keys(this.config.routes).length > 0 || Object.keys(this.config.tenants).length > 0;
  }

  for(route: string, tenant: string): EffectivePolicy {
    if (!this.configured) return NONE;
    const routePolicy = this.config.routes[route];
    const tenantPolicy = this.config.tenants[tenant];
    const key = `${routePolicy === undefined ? '' : route}\u0000${tenantPolicy === undefined ? '' : tenant}`;
    let policy = this.cache.get(key);
    if (policy === undefined) {
      const layers: string[] = [];
      let merged: PolicyConfig = {};
      for (const [name, layer] of [['default', this.config.default], [`route:${route}`, routePolicy], [`tenant:${tenant}`, tenantPolicy]] as const) {
        if (layer === undefined) continue;
        layers.push(name);
        merged = { ...merged, ...definedKeys(layer) };
      }
      const { allowModels, ...hooksConfig } = merged;
      policy = { hooks: createHooks(hooksConfig), allows: allowModels === undefined ? undefined : createModelMatcher(allowModels), layers };
      this.cache.set(key, policy);
    }
    return policy;
  }
}

function definedKeys(config: PolicyConfig): PolicyConfig {
  return Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined)) as PolicyConfig;
}
