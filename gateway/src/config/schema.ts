import { z } from 'zod';
import { policyConfigSchema } from '../policy/policy-config-schema.js';
import { cacheSchema } from './cache-schema.js';
import { rateLimitSchema } from './rate-limit-schema.js';
import { breakerSchema, chainSchema, modelInfoSchema, routingSchema } from './routing-schema.js';

/**
 * The gateway's whole configuration, one schema. Every object is strict (an unknown key is
 * a start-up error naming its path), defaults are inline, and secrets can only be given as
 * environment references: a config file never holds a key.
 */

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');

/** A secret, read from the environment at start-up. */
export const secretRefSchema = z.strictObject({
  env: envName,
  /** When true, an unset variable means "no secret" instead of a start-up error. */
  optional: z.boolean().default(false),
});

/** A plain value given inline or read from the environment (with a fallback). */
const valueOrEnv = z.union([
  z.string().min(1),
  z.strictObject({ env: envName, default: z.string().min(1).optional() }),
]);

const providerName = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'provider names are lower-case letters, digits, - and _');

const commonProviderFields = {
  /** Models this provider serves. When absent, any model name is passed to it as given. */
  models: z.array(z.string().min(1)).optional(),
  timeoutMs: z.number().int().positive().default(600_000),
  /** Non-secret headers added to every upstream request (e.g. OpenAI-Organization). */
  headers: z.record(z.string(), z.string()).default({}),
  maxConnections: z.number().int().positive().default(256),
};

const openaiProvider = z.strictObject({
  type: z.literal('openai'),
  /** Includes the version path, as OPENAI_BASE_URL does: https://api.openai.com/v1 */
  baseUrl: valueOrEnv.default('https://api.openai.com/v1'),
  apiKey: secretRefSchema.optional(),
  ...commonProviderFields,
});

const anthropicProvider = z.strictObject({
  type: z.literal('anthropic'),
  /** Without the version path, as ANTHROPIC_BASE_URL does: https://api.anthropic.com */
  baseUrl: valueOrEnv.default('https://api.anthropic.com'),
  apiKey: secretRefSchema.optional(),
  anthropicVersion: z.string().default('2023-06-01'),
  ...commonProviderFields,
});

const mockProvider = z.strictObject({
  type: z.literal('mock'),
  models: z.array(z.string().min(1)).optional(),
});

export const providerSchema = z.discriminatedUnion('type', [openaiProvider, anthropicProvider, mockProvider]);

const apiKeySchema = z
  .strictObject({
    /** A name for logs and traces; never the key itself. */
    id: z.string().min(1),
    tenant: z.string().min(1),
    /** Hex SHA-256 of the key (`printf %s "$KEY" | sha256sum`). */
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits').optional(),
    /** Or the key itself, read from the environment. */
    env: envName.optional(),
  })
  .refine((k) => (k.sha256 === undefined) !== (k.env === undefined), {
    message: 'give exactly one of sha256 or env',
  });

const adminKeySchema = z
  .strictObject({
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits').optional(),
    env: envName.optional(),
  })
  .refine((k) => (k.sha256 === undefined) !== (k.env === undefined), {
    message: 'give exactly one of sha256 or env',
  });

export const configSchema = z.strictObject({
  server: z
    .strictObject({
      host: z.string().default('0.0.0.0'),
      port: z.number().int().min(0).max(65_535).default(8080),
      bodyLimitBytes: z.number().int().positive().default(16 * 1024 * 1024),
      /** How long SIGTERM waits for in-flight requests (streams included) before cutting them. */
      shutdownGraceMs: z.number().int().nonnegative().default(30_000),
    })
    .prefault({}),
  providers: z.record(providerName, providerSchema).refine((p) => Object.keys(p).length > 0, {
    message: 'configure at least one provider',
  }),
  /** Short names for `provider/model` targets, e.g. `fast: openai/gpt-4o-mini`. */
  aliases: z.record(z.string().min(1), z.string().regex(/^[^/]+\/.+$/, 'must be provider/model')).default({}),
  /** Named fallback chains; a chain's name is also a model name clients can ask for. */
  chains: z.record(z.string().min(1), chainSchema).default({}),
  routing: routingSchema,
  /** Prices and context windows by `provider/model` or model name; overrides the built-in table. */
  models: z.record(z.string().min(1), modelInfoSchema).default({}),
  breakers: breakerSchema,
  rateLimits: rateLimitSchema,
  cache: cacheSchema,
  /** Every request and its decision trace into ClickHouse. */
  recorder: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** `embedded`: the chdb engine in-process (data in `dataDir`); `server`: ClickHouse over HTTP. */
      target: z.enum(['embedded', 'server']).default('embedded'),
      dataDir: z.string().min(1).default('.data/clickhouse'),
      server: z
        .strictObject({
          url: z.union([z.string().min(1), z.strictObject({ env: z.string().min(1), default: z.string().min(1).optional() })]).default({ env: 'CLICKHOUSE_URL', default: 'http://127.0.0.1:8123' }),
          username: z.string().default('default'),
          password: z.strictObject({ env: z.string().min(1), optional: z.boolean().default(true) }).optional(),
          database: z.string().min(1).default('llm_gateway'),
        })
        .prefault({}),
      /** Keep request and response bodies (after redaction); off keeps only the decision trace. */
      bodies: z.boolean().default(true),
      ttlDays: z.number().int().positive().default(30),
      spillDir: z.string().min(1).default('.data/recorder-spill'),
      /** The most the spill may hold before records are dropped (and counted). */
      spillMaxBytes: z.number().int().positive().default(512 * 1024 * 1024),
    })
    .prefault({}),
  /**
   * Policy hooks. The policy for a request layers, key by key (pii, outputFilter,
   * allowModels): `default`, then `routes[<requested model>]`, then `tenants[<tenant>]`.
   */
  policy: z
    .strictObject({
      default: policyConfigSchema.optional(),
      routes: z.record(z.string().min(1), policyConfigSchema).default({}),
      tenants: z.record(z.string().min(1), policyConfigSchema).default({}),
    })
    .prefault({}),
  prompts: z
    .strictObject({
      /** `file` (embedded default, one process) or `postgres` (shared by replicas). */
      store: z.enum(['file', 'postgres']).default('file'),
      directory: z.string().min(1).default('.data/prompts'),
      postgres: z
        .strictObject({ url: z.strictObject({ env: z.string().min(1), default: z.string().min(1).optional() }).default({ env: 'DATABASE_URL', default: 'postgres://postgres@127.0.0.1:5432/postgres' }), schema: z.string().min(1).default('public') })
        .prefault({}),
    })
    .prefault({}),
  auth: z
    .strictObject({
      keys: z.array(apiKeySchema).default([]),
      admin: adminKeySchema.optional(),
    })
    .prefault({}),
  defaults: z
    .strictObject({
      /** Output limit sent to protocols that require one (Anthropic) when the client gave none. */
      maxTokens: z.number().int().positive().default(4096),
    })
    .prefault({}),
});

export type GatewayConfig = z.infer<typeof configSchema>;
export type ProviderConfig = z.infer<typeof providerSchema>;
export type SecretRef = z.infer<typeof secretRefSchema>;
