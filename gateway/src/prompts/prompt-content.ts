import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from './canonical-json.js';
import { templateVariables } from './parse-template.js';
import { PromptStoreError } from './prompt-errors.js';
import { describePromptSchemaError, promptVersionInputSchema } from './prompt-schema.js';
import type { PromptMessage, PromptMetadataValue, PromptVariableSpec, PromptVersion } from './prompt-types.js';

/**
 * The immutable part of a version, normalised: what both stores persist and what the hash
 * covers. Both stores build it here, so the same input gets the same variables and hash in
 * either of them.
 */
export interface PromptContent {
  messages: PromptMessage[];
  modelHint?: string;
  metadata: Record<string, PromptMetadataValue>;
  variables: Record<string, PromptVariableSpec>;
}

/**
 * PromptContent as read back from storage. Looser than the input schema on purpose: the
 * content was checked when it was created, and limits may change without making stored
 * versions unreadable.
 */
export const promptContentSchema = z.strictObject({
  messages: z.array(z.strictObject({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })),
  modelHint: z.string().optional(),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  variables: z.record(z.string(), z.strictObject({ description: z.string().optional(), default: z.string().optional() })),
}) satisfies z.ZodType<PromptContent>;

/**
 * Validates a client's input (it may come straight from a request body) and normalises it:
 * declared variables plus the ones discovered in placeholders, keys sorted.
 * @throws PromptStoreError `invalid_input` naming the bad field.
 */
export function preparePromptContent(input: unknown): { content: PromptContent; hash: string } {
  const parsed = promptVersionInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new PromptStoreError('invalid_input', `invalid prompt version: ${describePromptSchemaError(parsed.error)}`);
  }
  const { messages, modelHint, metadata = {}, variables = {} } = parsed.data;
  const specs = new Map<string, PromptVariableSpec>();
  for (const [name, spec] of Object.entries(variables)) specs.set(name, copySpec(spec));
  for (const message of messages) {
    for (const name of templateVariables(message.content)) if (!specs.has(name)) specs.set(name, {});
  }
  const content: PromptContent = {
    messages: messages.map(({ role, content: text }) => ({ role, content: text })),
    ...(modelHint === undefined ? {} : { modelHint }),
    // fromEntries (not assignment) so that no key can reach an object's prototype.
    metadata: Object.fromEntries(Object.entries(metadata).sort(byKey)),
    variables: Object.fromEntries([...specs].sort(byKey)),
  };
  return { content, hash: hashPromptContent(content) };
}

export function hashPromptContent(content: PromptContent): string {
  const { messages, modelHint, metadata, variables } = content;
  return createHash('sha256').update(canonicalJson({ messages, modelHint, metadata, variables })).digest('hex');
}

/** Identity and state a store adds to the content. */
export interface PromptVersionFacts {
  tenant: string;
  name: string;
  version: number;
  createdAt: string;
  labels: readonly string[];
  hash: string;
}

/** A fresh object on every call, so no caller can change what a store holds. */
export function toPromptVersion(facts: PromptVersionFacts, content: PromptContent): PromptVersion {
  return {
    tenant: facts.tenant,
    name: facts.name,
    version: facts.version,
    messages: content.messages.map(({ role, content: text }) => ({ role, content: text })),
    ...(content.modelHint === undefined ? {} : { modelHint: content.modelHint }),
    metadata: { ...content.metadata },
    variables: Object.fromEntries(Object.entries(content.variables).map(([name, spec]) => [name, copySpec(spec)])),
    createdAt: facts.createdAt,
    labels: [...facts.labels].sort(),
    hash: facts.hash,
  };
}

function copySpec(spec: PromptVariableSpec): PromptVariableSpec {
  return {
    ...(spec.description === undefined ? {} : { description: spec.description }),
    ...(spec.default === undefined ? {} : { default: spec.default }),
  };
}

function byKey([a]: [string, unknown], [b]: [string, unknown]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
