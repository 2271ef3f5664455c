import { z } from 'zod';
import type { AssistantPart, CanonicalResponse } from '../../canonical/types.js';
import { UpstreamProtocolError } from '../../canonical/translation-errors.js';
import { decodeFinishReason } from './finish-reason.js';
import { decodeOpenAIUsage, openaiUsageSchema } from './usage-codec.js';
import { describeIssue } from './describe-issue.js';

/**
 * The parts of a `chat.completion` the gateway reads; loose, so vLLM and other compatible
 * servers' extra fields (`reasoning_content`, `stop_reason`, `prompt_logprobs`...) pass.
 * https://platform.openai.com/docs/api-reference/chat/object
 */
const responseSchema = z.looseObject({
  id: z.string(),
  model: z.string(),
  choices: z
    .array(
      z.looseObject({
        index: z.number().optional(),
        message: z.looseObject({
          content: z.string().nullish(),
          refusal: z.string().nullish(),
          tool_calls: z
            .array(
              z.looseObject({
                id: z.string(),
                type: z.literal('function').optional(),
                function: z.looseObject({ name: z.string(), arguments: z.string() }),
              }),
            )
            .nullish(),
        }),
        finish_reason: z.string().nullish(),
        stop_reason: z.unknown().optional(),
      }),
    )
    .min(1),
  usage: openaiUsageSchema.nullish(),
});

/**
 * OpenAI `chat.completion` JSON -> canonical response. Only choice 0 is read (the canonical
 * response has one). A refusal becomes a text part and stopReason `refusal`; tool calls
 * under a `stop` finish read as `tool_use`.
 * A missing `usage` (some compatible servers omit it) reads as zero tokens, because the
 * canonical response has no "unknown" usage.
 * Throws UpstreamProtocolError when the body is not a chat completion.
 */
export function decodeOpenAIResponse(body: unknown): CanonicalResponse {
  const parsed = responseSchema.safeParse(body);
  if (!parsed.success) {
    throw new UpstreamProtocolError(`not an OpenAI chat completion: ${describeIssue(parsed.error)}`);
  }
  const { id, model, choices, usage } = parsed.data;
  const choice = choices.find((c) => c.index === 0) ?? choices[0];
  if (choice === undefined) throw new UpstreamProtocolError('not an OpenAI chat completion: no choices');
  const { message } = choice;

  const content: AssistantPart[] = [];
  if (message.content != null && message.content !== '') content.push({ type: 'text', text: message.content });
  const refused = message.refusal != null && message.refusal !== '';
  if (refused) content.push({ type: 'text', text: message.refusal ?? '' });
  for (const call of message.tool_calls ?? []) {
    content.push({ type: 'tool_call', id: call.id, name: call.function.name, arguments: call.function.arguments });
  }

  const finish = decodeFinishReason(choice.finish_reason ?? 'stop', choice.stop_reason, refused);
  // OpenAI ends a forced tool call (named tool_choice) with `stop`, and some vLLM parsers do
  // too; a response that calls tools is a tool_use stop whatever the wire said.
  if (finish.stopReason === 'end' && content.some((p) => p.type === 'tool_call')) finish.stopReason = 'tool_use';
  const response: CanonicalResponse = {
    id,
    model,
    content,
    stopReason: finish.stopReason,
    usage: usage != null ? decodeOpenAIUsage(usage) : { inputTokens: 0, outputTokens: 0 },
  };
  if (finish.stopSequence !== undefined) response.stopSequence = finish.stopSequence;
  return response;
}
