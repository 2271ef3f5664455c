import type { CanonicalResponse } from '../../canonical/types.js';
import { encodeFinishReason } from './finish-reason.js';
import { encodeOpenAIUsage } from './usage-codec.js';

/**
 * Canonical response -> OpenAI `chat.completion` JSON.
 * https://platform.openai.com/docs/api-reference/chat/object
 *
 * - `content` is the text parts joined (nothing between them: they are one answer), `null`
 *   when the answer is only tool calls, `''` when there is nothing at all.
 * - stopReason `refusal` is written the way OpenAI writes a refusal: the text goes to
 *   `message.refusal`, `content` is `null` and finish_reason is `stop`. (Streams cannot do
 *   this; see stream-encoder.ts.)
 * - stopReason `stop_sequence` becomes `stop`; OpenAI has no field for which one matched.
 * - `created` is read from `now` (default: the system clock), as the canonical response
 *   carries no timestamp.
 */
export function encodeOpenAIResponse(resp: CanonicalResponse, now: () => number = Date.now): Record<string, unknown> {
  const text = resp.content
    .filter((p) => p.type === 'text')
    .map((p) => p.text)
    .join('');
  const toolCalls = resp.content
    .filter((p) => p.type === 'tool_call')
    .map((p) => ({ id: p.id, type: 'function', function: { name: p.name, arguments: p.arguments } }));
  const hasText = resp.content.some((p) => p.type === 'text');
  const refused = resp.stopReason === 'refusal';

  let content: string | null;
  if (refused) content = null;
  else if (hasText) content = text;
  else content = toolCalls.length > 0 ? null : '';

  const message: Record<string, unknown> = { role: 'assistant', content };
  if (toolCalls.length > 0) message['tool_calls'] = toolCalls;
  message['refusal'] = refused ? text : null;

  return {
    id: resp.id,
    object: 'chat.completion',
    created: Math.floor(now() / 1000),
    model: resp.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: encodeFinishReason(resp.stopReason) }],
    usage: encodeOpenAIUsage(resp.usage),
  };
}
