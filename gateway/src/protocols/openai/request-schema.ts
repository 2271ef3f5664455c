import { z } from 'zod';

/**
 * Schema of a POST /v1/chat/completions body.
 * https://platform.openai.com/docs/api-reference/chat/create
 *
 * Every object is loose: unknown keys are kept, because OpenAI-to-OpenAI traffic passes
 * fields this gateway does not know through untouched. Known fields are type-checked so a
 * client learns which path is wrong. Optional parameters accept `null` as well, as the
 * OpenAI spec marks them nullable and SDKs send `null` for "unset".
 */

/**
 * `string | T[]` whose element errors keep their own path. A plain `z.union` reports any
 * failure inside the array as one opaque `invalid_union` at the field itself, hiding which
 * part was wrong; here the union only decides string-or-array and the array is checked after.
 */
function stringOrArrayOf<T extends z.ZodType>(item: T) {
  const array = z.array(item);
  return z
    .union([z.string(), z.array(z.unknown())], { error: 'expected a string or an array of content parts' })
    .transform((value, ctx): string | z.output<T>[] => {
      if (typeof value === 'string') return value;
      const parsed = array.safeParse(value);
      if (parsed.success) return parsed.data;
      // Issue paths are relative to the array; zod prefixes the field's own path on the way up.
      for (const issue of parsed.error.issues) ctx.issues.push({ ...issue, input: undefined });
      return z.NEVER;
    });
}

const textPart = z.looseObject({ type: z.literal('text'), text: z.string() });
const imageUrlPart = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.looseObject({ url: z.string(), detail: z.enum(['auto', 'low', 'high']).optional() }),
});
// Audio, file and refusal parts are valid OpenAI input that the canonical format cannot
// carry; the schema accepts them so only a cross-protocol translation rejects them.
const inputAudioPart = z.looseObject({
  type: z.literal('input_audio'),
  input_audio: z.looseObject({ data: z.string(), format: z.string() }),
});
const filePart = z.looseObject({ type: z.literal('file'), file: z.looseObject({}) });
const refusalPart = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });

const userContentPart = z.discriminatedUnion('type', [textPart, imageUrlPart, inputAudioPart, filePart]);
const assistantContentPart = z.discriminatedUnion('type', [textPart, refusalPart]);

const toolCall = z.looseObject({
  id: z.string(),
  type: z.literal('function'),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
});

const systemMessage = z.looseObject({
  role: z.literal('system'),
  content: stringOrArrayOf(textPart),
  name: z.string().optional(),
});
const developerMessage = z.looseObject({
  role: z.literal('developer'),
  content: stringOrArrayOf(textPart),
  name: z.string().optional(),
});
const userMessage = z.looseObject({
  role: z.literal('user'),
  content: stringOrArrayOf(userContentPart),
  name: z.string().optional(),
});
const assistantMessage = z
  .looseObject({
    role: z.literal('assistant'),
    content: stringOrArrayOf(assistantContentPart).nullish(),
    refusal: z.string().nullish(),
    tool_calls: z.array(toolCall).optional(),
    name: z.string().optional(),
  })
  .check((ctx) => {
    // OpenAI: content "is required unless tool_calls or function_call is specified".
    const m = ctx.value;
    const hasOther = (m.tool_calls?.length ?? 0) > 0 || m.refusal != null || m['function_call'] != null;
    if (m.content == null && !hasOther) {
      ctx.issues.push({
        code: 'custom',
        message: 'content is required unless tool_calls is given',
        path: ['content'],
        input: m.content,
      });
    }
  });
const toolMessage = z.looseObject({
  role: z.literal('tool'),
  content: stringOrArrayOf(textPart),
  tool_call_id: z.string(),
});

const message = z.discriminatedUnion('role', [
  systemMessage,
  developerMessage,
  userMessage,
  assistantMessage,
  toolMessage,
]);

const tool = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

const toolChoice = z.union([
  z.enum(['none', 'auto', 'required']),
  z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
]);

const responseFormat = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    json_schema: z.looseObject({
      name: z.string().min(1),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

const positiveInt = z.int().min(1);

export const openaiChatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(message).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  tools: z.array(tool).optional(),
  tool_choice: toolChoice.optional(),
  parallel_tool_calls: z.boolean().optional(),
  response_format: responseFormat.optional(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  n: positiveInt.nullish(),
  max_tokens: positiveInt.nullish(),
  max_completion_tokens: positiveInt.nullish(),
  user: z.string().optional(),
  // Accepted and passed through; the canonical format has no place for these.
  seed: z.int().nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  logit_bias: z.record(z.string(), z.number()).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.int().min(0).max(20).nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  store: z.boolean().nullish(),
});

export type OpenAIChatRequest = z.output<typeof openaiChatRequestSchema>;
