import { z } from 'zod';

/** Rate limits: token buckets per API key, tenant, upstream model and tenant × model. */

const perMinute = z.number().int().positive();

export const bucketLimitsSchema = z.strictObject({
  requestsPerMinute: perMinute.optional(),
  /** Input and output tokens together. */
  tokensPerMinute: perMinute.optional(),
  inputTokensPerMinute: perMinute.optional(),
  outputTokensPerMinute: perMinute.optional(),
  /** Requests in flight at once. */
  concurrent: perMinute.optional(),
});

export const tierSchema = z.strictObject({
  /** Each API key of a tenant in this tier. */
  perKey: bucketLimitsSchema.optional(),
  /** The tenant as a whole. */
  perTenant: bucketLimitsSchema.optional(),
  /** The tenant on one upstream model (provider/model). */
  perTenantModel: bucketLimitsSchema.optional(),
  /** Wait up to this long for capacity instead of answering 429 at once. */
  queueMs: z.number().int().nonnegative().default(0),
});

const redisUrl = z.union([z.string().min(1), z.strictObject({ env: z.string().min(1), default: z.string().min(1).optional() })]);

export const rateLimitSchema = z
  .strictObject({
    /** `memory`: this process only (embedded default); `redis`: shared by every gateway on it. */
    store: z.enum(['memory', 'redis']).default('memory'),
    redis: z
      .strictObject({
        url: redisUrl.default({ env: 'REDIS_URL', default: 'redis://127.0.0.1:6379' }),
        keyPrefix: z.string().min(1).default('llmgw:rl:'),
        /** Longest a limiter call may take before the store counts as unreachable. */
        timeoutMs: z.number().int().positive().default(50),
      })
      .prefault({}),
    /** Store unreachable: `open` admits (counted, logged), `closed` answers 503. */
    onStoreError: z.enum(['open', 'closed']).default('open'),
    /** Output tokens reserved when the request sets no max_tokens. */
    defaultOutputTokens: z.number().int().positive().default(1_024),
    tiers: z.record(z.string().min(1), tierSchema).default({}),
    /** Tenant → tier. */
    tenants: z.record(z.string().min(1), z.string().min(1)).default({}),
    /** Tier for tenants not listed (the anonymous tenant of open mode included). */
    defaultTier: z.string().min(1).optional(),
    /** Limits per upstream model (provider/model), shared by every tenant: upstream capacity. */
    models: z.record(z.string().regex(/^[^/]+\/.+$/, 'must be provider/model'), bucketLimitsSchema).default({}),
  })
  .prefault({});

export type RateLimitConfig = z.infer<typeof rateLimitSchema>;
export type TierConfig = z.infer<typeof tierSchema>;
