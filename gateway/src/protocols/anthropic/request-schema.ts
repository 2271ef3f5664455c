import { z } from 'zod';

/**
 * POST /v1/messages body (https://docs.anthropic.com/en/api/messages).
 *
 * Every object is `looseObject`: unknown keys are kept, because same-protocol traffic is
 * forwarded as the client sent it and Anthropic adds fields often. Known fields are
 * validated so that a violation names its path (`messages.1.content.0.text`).
 */

const cacheControlSchema = z.looseObject({ type: z.string() }).nullable().optional();

export const anthropicTextBlockSchema = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControlSchema,
});

const imageSourceSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('base64'), media_type: z.string().min(1), data: z.string() }),
  z.looseObject({ type: z.literal('url'), url: z.string().min(1) }),
  // Files API (beta); valid for Anthropic, not translatable (decode-request rejects it).
  z.looseObject({ type: z.literal('file'), file_id: z.string().min(1) }),
]);

const imageBlockSchema = z.looseObject({
  type: z.literal('image'),
  source: imageSourceSchema,
  cache_control: cacheControlSchema,
});

const documentBlockSchema = z.looseObject({
  type: z.literal('document'),
  source: z.looseObject({ type: z.string() }),
});

/** A block type this module does not know (search_result, server_tool_use, …): kept as is. */
const unknownBlockSchema = z.looseObject({ type: z.string() });

/**
 * A union whose last option accepts any `{type: string}` object would swallow a broken
 * known block (e.g. `{type:'text'}` without `text`) and, without it, zod reports a bare
 * `invalid_union` at the block. So: accept through the union, then re-check blocks of a
 * known type against their own schema and report those issues with their real paths.
 */
function withKnownTypesChecked<Known extends z.ZodType<{ type: string }>>(known: Known, types: readonly string[]) {
  const knownTypes = new Set(types);
  return z.union([known, unknownBlockSchema]).superRefine((block, ctx) => {
    if (!knownTypes.has(block.type)) return;
    const result = known.safeParse(block);
    if (result.success) return;
    for (const issue of result.error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path, input: block });
    }
  });
}

const knownToolResultContentBlockSchema = z.discriminatedUnion('type', [
  anthropicTextBlockSchema,
  imageBlockSchema,
  documentBlockSchema,
]);
export const KNOWN_TOOL_RESULT_CONTENT_BLOCK_TYPES = ['text', 'image', 'document'] as const;
export type AnthropicKnownToolResultContentBlock = z.output<typeof knownToolResultContentBlockSchema>;

const toolResultContentBlockSchema = withKnownTypesChecked(
  knownToolResultContentBlockSchema,
  KNOWN_TOOL_RESULT_CONTENT_BLOCK_TYPES,
);

const toolResultBlockSchema = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  // Optional in the API: a tool that returned nothing.
  content: z.union([z.string(), z.array(toolResultContentBlockSchema)]).optional(),
  is_error: z.boolean().optional(),
  cache_control: cacheControlSchema,
});

const knownContentBlockSchema = z.discriminatedUnion('type', [
  anthropicTextBlockSchema,
  imageBlockSchema,
  z.looseObject({
    type: z.literal('tool_use'),
    id: z.string().min(1),
    name: z.string().min(1),
    input: z.record(z.string(), z.unknown()),
    cache_control: cacheControlSchema,
  }),
  toolResultBlockSchema,
  z.looseObject({ type: z.literal('thinking'), thinking: z.string(), signature: z.string().optional() }),
  z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() }),
  documentBlockSchema,
]);

export const KNOWN_CONTENT_BLOCK_TYPES = [
  'text',
  'image',
  'tool_use',
  'tool_result',
  'thinking',
  'redacted_thinking',
  'document',
] as const;

export type AnthropicKnownContentBlock = z.output<typeof knownContentBlockSchema>;
export type AnthropicUnknownContentBlock = z.output<typeof unknownBlockSchema>;
export type AnthropicToolResultContentBlock = z.output<typeof toolResultContentBlockSchema>;

const contentBlockSchema = withKnownTypesChecked(knownContentBlockSchema, KNOWN_CONTENT_BLOCK_TYPES);

const messageSchema = z.looseObject({
  role: z.enum(['user', 'assistant']),
  content: z.union([z.string(), z.array(contentBlockSchema)], {
    error: 'expected a string or an array of content blocks, each an object with a string `type`',
  }),
});

/**
 * Custom tools have no `type` (or `custom`); server tools (web_search_20250305, bash_…)
 * carry a versioned `type` and no `input_schema`. One object schema plus a refinement,
 * rather than a union, so a custom tool missing `input_schema` is reported at that path.
 */
const toolSchema = z
  .looseObject({
    type: z.string().optional(),
    name: z.string().min(1),
    description: z.string().optional(),
    input_schema: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((tool, ctx) => {
    const isCustom = tool.type === undefined || tool.type === 'custom';
    if (isCustom && tool.input_schema === undefined) {
      ctx.addIssue({ code: 'custom', message: 'custom tools need an input_schema', path: ['input_schema'] });
    }
  });

const disableParallel = { disable_parallel_tool_use: z.boolean().optional() };

const toolChoiceSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('auto'), ...disableParallel }),
  z.looseObject({ type: z.literal('any'), ...disableParallel }),
  z.looseObject({ type: z.literal('none') }),
  z.looseObject({ type: z.literal('tool'), name: z.string().min(1), ...disableParallel }),
]);

export const anthropicMessagesRequestSchema = z.looseObject({
  model: z.string().min(1),
  // Required by the real API, so required here: a client that omits it would get a 400 from
  // Anthropic anyway, and for other upstreams we must not invent a limit silently.
  max_tokens: z.int().min(1),
  messages: z.array(messageSchema).min(1),
  system: z.union([z.string(), z.array(anthropicTextBlockSchema)]).optional(),
  stop_sequences: z.array(z.string()).optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.int().min(0).optional(),
  stream: z.boolean().optional(),
  tools: z.array(toolSchema).optional(),
  tool_choice: toolChoiceSchema.optional(),
  metadata: z.looseObject({ user_id: z.string().nullable().optional() }).optional(),
});

export type AnthropicMessagesRequest = z.output<typeof anthropicMessagesRequestSchema>;
export type AnthropicMessage = AnthropicMessagesRequest['messages'][number];
export type AnthropicTool = NonNullable<AnthropicMessagesRequest['tools']>[number];
export type AnthropicToolChoice = NonNullable<AnthropicMessagesRequest['tool_choice']>;
