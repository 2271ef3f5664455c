import { z } from 'zod';

/**
 * Routing, fallback chains, the model catalog and circuit-breaker settings: the part of the
 * config the router (a pure function) and the attempt loop read.
 */

const target = z.string().regex(/^[^/\s]+\/\S+$/, 'must be provider/model');
const oneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

export const stepSchema = z.strictObject({
  target,
  /** Whole-attempt timeout (JSON: until the answer; streams: until the first event). Default: the provider's timeoutMs. */
  timeoutMs: z.number().int().positive().optional(),
  /** Streams only: give up on this step when no first event arrives within this time. */
  ttftTimeoutMs: z.number().int().positive().optional(),
  /** Extra tries at this step on retryable errors (429, 5xx, refused/reset, timeouts). */
  retries: z.number().int().min(0).max(10).default(0),
  /** First backoff; doubles per retry, capped, with full jitter. A 429's Retry-After wins when longer. */
  backoffMs: z.number().int().nonnegative().default(200),
  maxBackoffMs: z.number().int().nonnegative().default(5_000),
});

export const chainSchema = z.strictObject({
  steps: z.array(z.union([target, stepSchema])).min(1),
  /** Delay budget for the whole chain, retries and fallbacks included. */
  deadlineMs: z.number().int().positive().optional(),
  /** Most a request may cost (USD, estimated before each step from the price table). */
  costCapUsd: z.number().positive().optional(),
});

const complexityLabel = z.enum(['cheap', 'standard', 'complex']);

export const matchSchema = z.strictObject({
  /** The model name the client asked for (an alias, a chain name, provider/model). */
  model: oneOrMany.optional(),
  tenant: oneOrMany.optional(),
  keyId: oneOrMany.optional(),
  surface: z.enum(['openai', 'anthropic']).optional(),
  /** Request headers (lower-case names); a value in slashes is a regular expression. */
  headers: z.record(z.string(), z.string()).optional(),
  /** String fields of the request's `metadata` object; slashes mean a regular expression. */
  metadata: z.record(z.string(), z.string()).optional(),
  minInputTokens: z.number().int().nonnegative().optional(),
  maxInputTokens: z.number().int().nonnegative().optional(),
  minTurns: z.number().int().nonnegative().optional(),
  maxTurns: z.number().int().nonnegative().optional(),
  hasTools: z.boolean().optional(),
  hasImages: z.boolean().optional(),
  jsonMode: z.boolean().optional(),
  stream: z.boolean().optional(),
  /** Any of these words or phrases in the last user message (case-insensitive). */
  keywords: z.array(z.string().min(1)).min(1).optional(),
  /** A regular expression (JavaScript syntax, case-insensitive) on the last user message. */
  pattern: z.string().min(1).optional(),
  /** The complexity classifier's label. */
  complexity: z.union([complexityLabel, z.array(complexityLabel).min(1)]).optional(),
});

const splitArm = z.strictObject({ weight: z.number().positive(), use: z.string().min(1) });

export const ruleSchema = z
  .strictObject({
    name: z.string().min(1),
    when: matchSchema.prefault({}),
    /** A chain name, an alias or provider/model. */
    use: z.string().min(1).optional(),
    /** Weighted arms (A/B tests, canaries); sticky per end user when the request names one. */
    split: z.array(splitArm).min(2).optional(),
  })
  .refine((r) => (r.use === undefined) !== (r.split === undefined), { message: 'give exactly one of use or split' });

export const modelInfoSchema = z.strictObject({
  inputUsdPerMTok: z.number().nonnegative(),
  outputUsdPerMTok: z.number().nonnegative(),
  contextWindow: z.number().int().positive().optional(),
});

export const breakerSchema = z
  .strictObject({
    consecutiveFailures: z.number().int().positive().default(5),
    errorRate: z
      .strictObject({
        threshold: z.number().gt(0).max(1).default(0.5),
        windowMs: z.number().int().positive().default(30_000),
        minRequests: z.number().int().positive().default(20),
      })
      .prefault({}),
    openMs: z.number().int().positive().default(30_000),
    halfOpenProbes: z.number().int().positive().default(1),
    successesToClose: z.number().int().positive().default(1),
  })
  .prefault({});

export const routingSchema = z
  .strictObject({
    /** Provider that serves a bare model name no alias, chain or model list claims. */
    defaultProvider: z.string().optional(),
    rules: z.array(ruleSchema).default([]),
    /** Default delay budget per request (chains may set their own). */
    deadlineMs: z.number().int().positive().default(300_000),
    /** Default cost cap per request in USD; none when absent. */
    costCapUsd: z.number().positive().optional(),
    /** Output tokens assumed for cost estimates when the request sets no max. */
    assumedOutputTokens: z.number().int().positive().default(1_024),
    classifier: z
      .strictObject({
        thresholds: z.strictObject({ standard: z.number(), complex: z.number() }).optional(),
      })
      .prefault({}),
  })
  .prefault({});

export type StepConfig = z.infer<typeof stepSchema>;
export type ChainConfig = z.infer<typeof chainSchema>;
export type RuleConfig = z.infer<typeof ruleSchema>;
export type MatchConfig = z.infer<typeof matchSchema>;
export type ModelInfo = z.infer<typeof modelInfoSchema>;
export type BreakerConfig = z.infer<typeof breakerSchema>;
