import type { AssistantPart, CanonicalResponse, ToolCallPart } from '../../canonical/types.js';
import { encodeAnthropicStopReason } from './stop-reason.js';
import { encodeAnthropicUsage } from './usage.js';

/** Key under which tool-call arguments that are not a JSON object reach an Anthropic client. */
export const RAW_ARGUMENTS_KEY = '_raw';

/**
 * Canonical -> an Anthropic Message for a client of the /v1/messages surface
 * (https://docs.anthropic.com/en/api/messages#response).
 */
export function encodeAnthropicResponse(resp: CanonicalResponse): Record<string, unknown> {
  return {
    id: resp.id,
    type: 'message',
    role: 'assistant',
    model: resp.model,
    content: resp.content.map(encodePart),
    stop_reason: encodeAnthropicStopReason(resp.stopReason),
    stop_sequence: resp.stopSequence ?? null,
    usage: encodeAnthropicUsage(resp.usage),
  };
}

function encodePart(part: AssistantPart): Record<string, unknown> {
  if (part.type === 'text') return { type: 'text', text: part.text };
  return { type: 'tool_use', id: part.id, name: part.name, input: toolInput(part) };
}

/**
 * Anthropic's `input` must be an object, but an OpenAI model can emit anything (most often
 * JSON cut off by max_tokens). The answer already exists, so failing the whole response
 * would be worse, and `{}` would silently run the tool without its arguments. Instead the
 * text is kept verbatim as `{"_raw": text}`: the client sees exactly what the model wrote
 * and its argument validation fails loudly. "" (OpenAI's "no arguments") is `{}`.
 */
function toolInput(part: ToolCallPart): Record<string, unknown> {
  if (part.arguments.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(part.arguments);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return { ...parsed };
  } catch {
    // Not JSON: fall through to the raw wrapper.
  }
  return { [RAW_ARGUMENTS_KEY]: part.arguments };
}
