import { z } from 'zod';
import type { AssistantPart, CanonicalResponse } from '../../canonical/types.js';
import { UpstreamProtocolError } from '../../canonical/translation-errors.js';
import { JSON_OUTPUT_TOOL_NAME } from './json-output-tool.js';
import { decodeAnthropicStopReason } from './stop-reason.js';
import { decodeAnthropicUsage } from './usage.js';

const usageSchema = z.looseObject({
  input_tokens: z.number(),
  output_tokens: z.number(),
  cache_creation_input_tokens: z.number().nullable().optional(),
  cache_read_input_tokens: z.number().nullable().optional(),
});

// `type` and `role` are optional so lenient Anthropic-compatible servers pass, but when sent
// they must say "message": an error body (`type: "error"`) must not pass as an empty answer.
const messageSchema = z.looseObject({
  id: z.string(),
  type: z.literal('message').optional(),
  role: z.literal('assistant').optional(),
  model: z.string(),
  content: z.array(z.looseObject({ type: z.string() })),
  stop_reason: z.string().nullable().optional(),
  stop_sequence: z.string().nullable().optional(),
  usage: usageSchema,
});

const textBlockSchema = z.looseObject({ type: z.literal('text'), text: z.string() });
const toolUseBlockSchema = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.record(z.string(), z.unknown()),
});

/**
 * An Anthropic Message (https://docs.anthropic.com/en/api/messages) -> canonical.
 * Thinking blocks and blocks canonical cannot hold (server tool use and results, which only
 * appear when the client asked Anthropic for server tools) are dropped. The forced
 * `__gateway_json_output` tool call of emulated JSON mode turns back into the text answer.
 */
export function decodeAnthropicResponse(body: unknown): CanonicalResponse {
  const message = parseOrThrow(messageSchema, body, []);
  const content: AssistantPart[] = [];
  let answeredJsonMode = false;
  message.content.forEach((block, j) => {
    if (block.type === 'text') {
      content.push({ type: 'text', text: parseOrThrow(textBlockSchema, block, ['content', j]).text });
    } else if (block.type === 'tool_use') {
      const toolUse = parseOrThrow(toolUseBlockSchema, block, ['content', j]);
      const args = JSON.stringify(toolUse.input);
      if (toolUse.name === JSON_OUTPUT_TOOL_NAME) {
        answeredJsonMode = true;
        content.push({ type: 'text', text: args });
      } else {
        content.push({ type: 'tool_call', id: toolUse.id, name: toolUse.name, arguments: args });
      }
    }
  });
  let stopReason = decodeAnthropicStopReason(message.stop_reason);
  // The forced tool call *is* the answer; for the client the turn simply ended.
  if (answeredJsonMode && stopReason === 'tool_use') stopReason = 'end';
  const response: CanonicalResponse = {
    id: message.id,
    model: message.model,
    content,
    stopReason,
    usage: decodeAnthropicUsage(message.usage),
  };
  if (typeof message.stop_sequence === 'string') response.stopSequence = message.stop_sequence;
  return response;
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, at: PropertyKey[]): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = formatPath([...at, ...(issue?.path ?? [])]);
  throw new UpstreamProtocolError(
    `Anthropic response is not a valid Message${path === '' ? '' : ` at ${path}`}: ${issue?.message ?? 'invalid'}`,
  );
}

/** `['content', 0, 'text']` -> `content[0].text`, the way the API docs name fields. */
function formatPath(path: PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}
