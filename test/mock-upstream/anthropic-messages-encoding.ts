// Encodes an Answer as an Anthropic Message or as the SSE event sequence the real API
// sends: message_start, content_block_start, ping, content_block_delta…, content_block_stop,
// message_delta (final usage), message_stop (https://docs.claude.com/en/docs/build-with-claude/streaming).
import type { Answer, TextEnding } from './answer-plan.js';
import { ANTHROPIC_STREAM_ERROR_EVENT } from './anthropic-errors.js';
import type { ResponseMeta } from './response-meta.js';
import type { StreamScript } from './stream-player.js';
import { splitEvenly, splitIntoPieces } from './word-text.js';

const STOP_REASON: Record<TextEnding, string> = { end: 'end_turn', stop_sequence: 'stop_sequence', max_tokens: 'max_tokens' };
const WORDS_PER_CHUNK = 3;
const ARGUMENT_FRAGMENTS = 3;

function stopReason(answer: Answer): string {
  return answer.kind === 'tool' ? 'tool_use' : STOP_REASON[answer.ending];
}

function stopSequence(answer: Answer): string | null {
  return answer.kind === 'text' ? answer.stopSequence : null;
}

function usage(inputTokens: number, outputTokens: number): object {
  return {
    input_tokens: inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

function contentBlock(answer: Answer, meta: ResponseMeta): object {
  return answer.kind === 'text'
    ? { type: 'text', text: answer.text }
    : { type: 'tool_use', id: meta.toolCallId, name: answer.toolName, input: answer.input };
}

export function anthropicMessage(answer: Answer, meta: ResponseMeta): object {
  return {
    id: meta.id,
    type: 'message',
    role: 'assistant',
    model: meta.model,
    content: [contentBlock(answer, meta)],
    stop_reason: stopReason(answer),
    stop_sequence: stopSequence(answer),
    usage: usage(answer.inputTokens, answer.outputTokens),
  };
}

function event(type: string, data: object): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}

export function anthropicMessageStream(answer: Answer, meta: ResponseMeta): StreamScript {
  // message_start reports output_tokens 1 like the real API; message_delta has the final count.
  const start = event('message_start', {
    message: {
      id: meta.id,
      type: 'message',
      role: 'assistant',
      model: meta.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: usage(answer.inputTokens, 1),
    },
  });
  const delta = (d: object): string => event('content_block_delta', { index: 0, delta: d });
  const preamble =
    answer.kind === 'text'
      ? [start, event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }), event('ping', {})]
      : [
          start,
          event('content_block_start', {
            index: 0,
            content_block: { type: 'tool_use', id: meta.toolCallId, name: answer.toolName, input: {} },
          }),
          event('ping', {}),
          // The real API opens tool input with an empty fragment.
          delta({ type: 'input_json_delta', partial_json: '' }),
        ];
  const content =
    answer.kind === 'text'
      ? splitIntoPieces(answer.text, WORDS_PER_CHUNK).map((text) => delta({ type: 'text_delta', text }))
      : splitEvenly(answer.argumentsJson, ARGUMENT_FRAGMENTS).map((partial_json) =>
          delta({ type: 'input_json_delta', partial_json }),
        );
  return {
    preamble,
    stallPrefix: 1,
    content,
    epilogue: [
      event('content_block_stop', { index: 0 }),
      event('message_delta', {
        delta: { stop_reason: stopReason(answer), stop_sequence: stopSequence(answer) },
        usage: { output_tokens: answer.outputTokens },
      }),
      event('message_stop', {}),
    ],
    errorEvent: ANTHROPIC_STREAM_ERROR_EVENT,
  };
}
