// Encodes an Answer as OpenAI chat.completion JSON or chat.completion.chunk SSE, field for
// field as the real API sends them
// (https://platform.openai.com/docs/api-reference/chat/object, .../chat-streaming).
import type { Answer, TextEnding } from './answer-plan.js';
import { OPENAI_STREAM_ERROR_EVENT } from './openai-errors.js';
import type { ResponseMeta } from './response-meta.js';
import type { StreamScript } from './stream-player.js';
import { splitEvenly, splitIntoPieces } from './word-text.js';

const FINISH_REASON: Record<TextEnding, string> = { end: 'stop', stop_sequence: 'stop', max_tokens: 'length' };
const SYSTEM_FINGERPRINT = 'fp_mock';
const WORDS_PER_CHUNK = 3;
/** Tool arguments arrive in several fragments, as they do from the real API. */
const ARGUMENT_FRAGMENTS = 3;
const DONE = 'data: [DONE]\n\n';

function finishReason(answer: Answer): string {
  return answer.kind === 'tool' ? 'tool_calls' : FINISH_REASON[answer.ending];
}

function usage(answer: Answer): object {
  return {
    prompt_tokens: answer.inputTokens,
    completion_tokens: answer.outputTokens,
    total_tokens: answer.inputTokens + answer.outputTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

export function openAIChatCompletion(answer: Answer, meta: ResponseMeta): object {
  const message =
    answer.kind === 'text'
      ? { role: 'assistant', content: answer.text, refusal: null, annotations: [] }
      : {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: meta.toolCallId, type: 'function', function: { name: answer.toolName, arguments: answer.argumentsJson } },
          ],
          refusal: null,
          annotations: [],
        };
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(answer) }],
    usage: usage(answer),
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

export function openAIChatStream(answer: Answer, meta: ResponseMeta, includeUsage: boolean): StreamScript {
  const envelope = {
    id: meta.id,
    object: 'chat.completion.chunk',
    created: meta.created,
    model: meta.model,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
  // With include_usage every chunk carries `usage: null` and one extra chunk with empty
  // choices carries the totals, just before [DONE].
  const usageNull = includeUsage ? { usage: null } : {};
  const frame = (delta: object, finish: string | null): string =>
    `data: ${JSON.stringify({ ...envelope, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...usageNull })}\n\n`;

  const epilogue = [frame({}, finishReason(answer))];
  if (includeUsage) epilogue.push(`data: ${JSON.stringify({ ...envelope, choices: [], usage: usage(answer) })}\n\n`);
  epilogue.push(DONE);

  if (answer.kind === 'text') {
    return {
      preamble: [frame({ role: 'assistant', content: '', refusal: null }, null)],
      stallPrefix: 0,
      content: splitIntoPieces(answer.text, WORDS_PER_CHUNK).map((piece) => frame({ content: piece }, null)),
      epilogue,
      errorEvent: OPENAI_STREAM_ERROR_EVENT,
    };
  }
  const opening = {
    role: 'assistant',
    content: null,
    tool_calls: [{ index: 0, id: meta.toolCallId, type: 'function', function: { name: answer.toolName, arguments: '' } }],
    refusal: null,
  };
  return {
    preamble: [frame(opening, null)],
    stallPrefix: 0,
    content: splitEvenly(answer.argumentsJson, ARGUMENT_FRAGMENTS).map((fragment) =>
      frame({ tool_calls: [{ index: 0, function: { arguments: fragment } }] }, null),
    ),
    epilogue,
    errorEvent: OPENAI_STREAM_ERROR_EVENT,
  };
}
