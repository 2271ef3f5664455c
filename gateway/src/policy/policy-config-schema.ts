import { z } from 'zod';
import { denyPatternProblem } from './deny-patterns.js';
import { PII_KINDS } from './pii-patterns.js';
import { PII_MODES } from './pii-redactor.js';

/**
 * Policy for one route and tenant, as plain config. Strict objects (an unknown key is an
 * error naming its path), defaults inline; deny patterns are compiled here too, so a bad
 * regex fails at start-up, not on the first response.
 */

const piiKind = z.enum(PII_KINDS);
const piiMode = z.enum(PII_MODES);

export const piiPolicySchema = z.strictObject({
  /** Mode for every kind not named in `modes`. */
  mode: piiMode.default('redact'),
  /** Per-kind overrides, e.g. `{ secret: 'block' }`. */
  modes: z.partialRecord(piiKind, piiMode).optional(),
  /** Kinds to detect; default all. */
  kinds: z.array(piiKind).min(1).optional(),
});

export const outputFilterSchema = z.strictObject({
  /** Literal strings, or `/regex/flags` (flags i, m, s, u). */
  deny: z
    .array(
      z.string().superRefine((pattern, ctx) => {
        const problem = denyPatternProblem(pattern);
        if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
      }),
    )
    .default([]),
  /** Characters of response text. */
  maxLength: z.number().int().positive().optional(),
  onViolation: z.enum(['deny', 'truncate']).default('deny'),
  caseInsensitive: z.boolean().default(true),
  /** Assumed longest regex match, and so the stream window when a regex is configured. */
  maxMatchLength: z.number().int().positive().max(4096).default(64),
});

export const policyConfigSchema = z.strictObject({
  pii: piiPolicySchema.optional(),
  outputFilter: outputFilterSchema.optional(),
  /** `provider/model` targets or globs (`openai/*`); absent = no restriction, [] = nothing. */
  allowModels: z.array(z.string().min(1)).optional(),
});

/** As written in config (defaults optional). */
export type PolicyConfigInput = z.input<typeof policyConfigSchema>;
/** As parsed (defaults filled in): what `createHooks` takes. */
export type PolicyConfig = z.output<typeof policyConfigSchema>;
