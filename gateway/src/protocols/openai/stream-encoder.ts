import type { StreamEncoder, StreamEvent, Usage } from '../../canonical/types.js';
import type { StreamEncoderOptions } from '../chat-protocol.js';
import { encodeFinishReason } from './finish-reason.js';
import { encodeOpenAIUsage } from './usage-codec.js';

export interface OpenAIStreamEncoderOptions extends StreamEncoderOptions {
  /** Clock for `created` (ms since epoch); the canonical `start` event carries no timestamp. */
  now?: () => number;
}

/**
 * Canonical stream events -> OpenAI `chat.completion.chunk` SSE, shaped as OpenAI sends it:
 * https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 *
 * - `start` writes the role chunk (`delta: {role:'assistant', content:'', refusal:null}`);
 *   id, model and `created` (read from the clock then) repeat on every chunk.
 * - With includeUsage every chunk has `usage: null` and a last chunk with `choices: []`
 *   carries the usage, as OpenAI does with `stream_options.include_usage`. If no `usage`
 *   event ever arrives, end() still writes that chunk with what is known: `start`'s
 *   inputTokens (0 when absent) and 0 output tokens, so clients that wait for it stop waiting.
 * - A refusal cannot be marked: its text has already gone out as `content` before the
 *   finish says it was one, so it ends like any answer, with finish_reason `stop`.
 * - Events before `start` are a caller bug and throw.
 */
export function createOpenAIStreamEncoder(options: OpenAIStreamEncoderOptions): StreamEncoder {
  const now = options.now ?? Date.now;
  let header: { id: string; object: 'chat.completion.chunk'; created: number; model: string } | undefined;
  let inputTokens = 0;
  let finished = false;
  let usage: Usage | undefined;
  let usageSent = false;
  let ended = false;

  function line(choices: unknown[], usageField?: Record<string, unknown>): string {
    if (header === undefined) throw new Error('OpenAI stream encoder: event before start');
    const chunk: Record<string, unknown> = { ...header, choices };
    if (options.includeUsage) chunk['usage'] = usageField ?? null;
    return `data: ${JSON.stringify(chunk)}\n\n`;
  }

  function deltaLine(delta: Record<string, unknown>, finishReason: string | null = null): string {
    return line([{ index: 0, delta, logprobs: null, finish_reason: finishReason }]);
  }

  function usageLine(): string {
    if (!options.includeUsage || usageSent || header === undefined) return '';
    usageSent = true;
    return line([], encodeOpenAIUsage(usage ?? { inputTokens, outputTokens: 0 }));
  }

  return {
    push(event: StreamEvent): string {
      if (ended) return '';
      switch (event.type) {
        case 'start':
          header = { id: event.id, object: 'chat.completion.chunk', created: Math.floor(now() / 1000), model: event.model };
          inputTokens = event.inputTokens ?? 0;
          return deltaLine({ role: 'assistant', content: '', refusal: null });
        case 'text':
          return event.text === '' ? '' : deltaLine({ content: event.text });
        case 'tool_call_start':
          return deltaLine({
            tool_calls: [{ index: event.index, id: event.id, type: 'function', function: { name: event.name, arguments: '' } }],
          });
        case 'tool_call_delta':
          return event.argumentsDelta === ''
            ? ''
            : deltaLine({ tool_calls: [{ index: event.index, function: { arguments: event.argumentsDelta } }] });
        case 'finish':
          if (finished) return '';
          finished = true;
          // Usage that arrived early (out of canonical order) follows the finish chunk.
          return deltaLine({}, encodeFinishReason(event.stopReason)) + (usage !== undefined ? usageLine() : '');
        case 'usage':
          usage = event.usage;
          return finished ? usageLine() : '';
      }
    },
    end(): string {
      if (ended) return '';
      ended = true;
      return `${usageLine()}data: [DONE]\n\n`;
    },
  };
}
