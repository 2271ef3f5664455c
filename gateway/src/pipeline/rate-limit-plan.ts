import type { Principal } from '../auth/key-authenticator.js';
import type { RateLimitConfig, TierConfig } from '../config/rate-limit-schema.js';
import type { BucketSpec } from '../ratelimit/index.js';

/**
 * Which buckets apply to a request: pure, from the config and who is calling. Admission
 * buckets (key, tenant) are taken once per request; target buckets (model, tenant × model)
 * once per upstream tried, because a fallback moves the load to another model.
 */
export function tierOf(config: RateLimitConfig, tenant: string): { name: string; tier: TierConfig } | undefined {
  const name = config.tenants[tenant] ?? config.defaultTier;
  const tier = name === undefined ? undefined : config.tiers[name];
  return name === undefined || tier === undefined ? undefined : { name, tier };
}

export function admissionBuckets(config: RateLimitConfig, principal: Principal): BucketSpec[] {
  const tier = tierOf(config, principal.tenant)?.tier;
  const buckets: BucketSpec[] = [];
  if (tier?.perKey !== undefined) buckets.push({ key: `key:${principal.keyId}`, limits: tier.perKey });
  if (tier?.perTenant !== undefined) buckets.push({ key: `tenant:${principal.tenant}`, limits: tier.perTenant });
  return buckets;
}

export function targetBuckets(config: RateLimitConfig, principal: Principal, target: string): BucketSpec[] {
  const buckets: BucketSpec[] = [];
  const model = config.models[target];
  if (model !== undefined) buckets.push({ key: `model:${target}`, limits: model });
  const perTenantModel = tierOf(config, principal.tenant)?.tier.perTenantModel;
  if (perTenantModel !== undefined) buckets.push({ key: `tenant-model:${principal.tenant}|${target}`, limits: perTenantModel });
  return buckets;
}

/** True when no bucket can ever apply: the limiter is then skipped entirely. */
export function rateLimitsConfigured(config: RateLimitConfig): boolean {
  return Object.keys(config.models).length > 0 || Object.values(config.tiers).some((t) => t.perKey ?? t.perTenant ?? t.perTenantModel);
}
