import { z } from 'zod';
import { parseTemplate, PromptTemplateError, VARIABLE_NAME_PATTERN } from './parse-template.js';
import { LATEST_PROMPT_LABEL, type PromptRef, type PromptVersionInput } from './prompt-types.js';

/**
 * Schemas for everything a client sends about prompts. Strict objects: an unknown key is
 * an error, not silently dropped, so a misspelt `modelhint` does not vanish.
 */

export const PROMPT_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}$/i;
export const PROMPT_LABEL_PATTERN = /^[a-z][a-z0-9_-]{0,39}$/;
export const MAX_PROMPT_MESSAGES = 100;
export const MAX_MESSAGE_CONTENT_BYTES = 100 * 1024;
/** Versions are stored as PostgreSQL `integer`. */
export const MAX_PROMPT_VERSION = 2 ** 31 - 1;
const MAX_METADATA_ENTRIES = 50;
const MAX_LABELS_PER_REQUEST = 20;

export const promptNameSchema = z
  .string()
  .regex(PROMPT_NAME_PATTERN, 'a prompt name is 1–100 letters, digits, ".", "_" or "-", starting with a letter or digit');

/** Any label, `latest` included: what a reader may ask for. */
export const promptLabelSchema = z
  .string()
  .regex(PROMPT_LABEL_PATTERN, 'a label is 1–40 lower-case letters, digits, "_" or "-", starting with a letter');

/** A label a writer may set or move: `latest` is virtual and always means the newest version. */
export const assignablePromptLabelSchema = promptLabelSchema.refine((label) => label !== LATEST_PROMPT_LABEL, {
  message: `"${LATEST_PROMPT_LABEL}" always points at the newest version and cannot be set`,
});

export const promptVersionNumberSchema = z.number().int().min(1).max(MAX_PROMPT_VERSION);

const contentSchema = z
  .string()
  .min(1)
  .refine((content) => Buffer.byteLength(content, 'utf8') <= MAX_MESSAGE_CONTENT_BYTES, {
    message: `message content is over ${MAX_MESSAGE_CONTENT_BYTES} bytes`,
  })
  .superRefine((content, ctx) => {
    try {
      parseTemplate(content);
    } catch (error) {
      if (!(error instanceof PromptTemplateError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
    }
  });

export const promptMessageSchema = z.strictObject({
  role: z.enum(['system', 'user', 'assistant']),
  content: contentSchema,
});

const variableNameSchema = z
  .string()
  .regex(VARIABLE_NAME_PATTERN, 'a variable name is a letter, then letters, digits or _ (64 at most)');

export const promptVariableSpecSchema = z.strictObject({
  description: z.string().max(1000).optional(),
  default: z
    .string()
    .refine((value) => Buffer.byteLength(value, 'utf8') <= MAX_MESSAGE_CONTENT_BYTES, {
      message: `a default is over ${MAX_MESSAGE_CONTENT_BYTES} bytes`,
    })
    .optional(),
});

const metadataKeySchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/, 'a metadata key is a letter, then letters, digits, "_", ".", ":" or "-"');

export const promptMetadataSchema = z
  .record(metadataKeySchema, z.union([z.string().max(1000), z.number(), z.boolean()]))
  .refine((metadata) => Object.keys(metadata).length <= MAX_METADATA_ENTRIES, {
    message: `at most ${MAX_METADATA_ENTRIES} metadata entries`,
  });

export const promptVersionInputSchema = z.strictObject({
  messages: z.array(promptMessageSchema).min(1).max(MAX_PROMPT_MESSAGES),
  modelHint: z.string().min(1).max(200).optional(),
  metadata: promptMetadataSchema.optional(),
  variables: z.record(variableNameSchema, promptVariableSpecSchema).optional(),
}) satisfies z.ZodType<PromptVersionInput>;

/** The body of "create a version": the content plus labels to point at the new version. */
export const createPromptVersionBodySchema = promptVersionInputSchema.extend({
  labels: z.array(assignablePromptLabelSchema).max(MAX_LABELS_PER_REQUEST).optional(),
});

/** The body of "move a label". */
export const movePromptLabelBodySchema = z.strictObject({ version: promptVersionNumberSchema });

export const promptRefSchema = z
  .strictObject({
    name: promptNameSchema,
    version: promptVersionNumberSchema.optional(),
    label: promptLabelSchema.optional(),
    // Keys are not checked against the variable-name pattern: variables a version does not
    // use are ignored, so a client can send one set of variables to several prompts.
    variables: z.record(z.string(), z.string()).optional(),
  })
  .refine((ref) => ref.version === undefined || ref.label === undefined, {
    message: 'give a version or a label, not both',
    path: ['label'],
  }) satisfies z.ZodType<PromptRef>;

/** One line per issue, `path: message`, for error bodies that must name the field. */
export function describePromptSchemaError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.')}: ${issue.message}`)
    .join('; ');
}
