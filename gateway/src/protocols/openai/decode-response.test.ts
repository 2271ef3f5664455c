import { describe, it, expect } from 'vitest';
import type { CanonicalResponse } from '../../canonical/types.js';
import { UpstreamProtocolError } from '../../canonical/translation-errors.js';
import { decodeOpenAIResponse } from './decode-response.js';

function completion(message: Record<string, unknown>, extra: Record<string, unknown> = {}, choice: Record<string, unknown> = {}) {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-4o-2024-08-06',
    choices: [{ index: 0, message: { role: 'assistant', refusal: null, ...message }, logprobs: null, finish_reason: 'stop', ...choice }],
    usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
    system_fingerprint: 'fp_1',
    ...extra,
  };
}

const base = { id: 'chatcmpl-1', model: 'gpt-4o-2024-08-06', usage: { inputTokens: 12, outputTokens: 5 } };

describe('decodeOpenAIResponse', () => {
  it.each<[string, unknown, CanonicalResponse]>([
    ['text', completion({ content: 'Hello!' }), { ...base, content: [{ type: 'text', text: 'Hello!' }], stopReason: 'end' }],
    ['empty content', completion({ content: '' }), { ...base, content: [], stopReason: 'end' }],
    ['length', completion({ content: 'Hel' }, {}, { finish_reason: 'length' }), {
      ...base, content: [{ type: 'text', text: 'Hel' }], stopReason: 'max_tokens',
    }],
    ['content filter', completion({ content: null }, {}, { finish_reason: 'content_filter' }), {
      ...base, content: [], stopReason: 'content_filter',
    }],
    ['parallel tool calls', completion({
      content: null,
      tool_calls: [
        { id: 'call_a', type: 'function', function: { name: 'f', arguments: '{"x": 1}' } },
        { id: 'call_b', type: 'function', function: { name: 'g', arguments: '{}' } },
      ],
    }, {}, { finish_reason: 'tool_calls' }), {
      ...base,
      content: [
        { type: 'tool_call', id: 'call_a', name: 'f', arguments: '{"x": 1}' },
        { type: 'tool_call', id: 'call_b', name: 'g', arguments: '{}' },
      ],
      stopReason: 'tool_use',
    }],
    ['forced tool call ending with stop', completion({
      content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }],
    }), { ...base, content: [{ type: 'tool_call', id: 'c', name: 'f', arguments: '{}' }], stopReason: 'tool_use' }],
    ['refusal', completion({ content: null, refusal: "I can't help with that." }), {
      ...base, content: [{ type: 'text', text: "I can't help with that." }], stopReason: 'refusal',
    }],
    ['cached tokens', completion({ content: 'x' }, {
      usage: { prompt_tokens: 2000, completion_tokens: 3, total_tokens: 2003, prompt_tokens_details: { cached_tokens: 1920, audio_tokens: 0 } },
    }), { ...base, content: [{ type: 'text', text: 'x' }], stopReason: 'end', usage: { inputTokens: 2000, outputTokens: 3, cachedInputTokens: 1920 } }],
    ['vLLM: extra fields, matched stop string, empty tool_calls', {
      id: 'chatcmpl-v', object: 'chat.completion', created: 1, model: 'meta-llama/Llama-3.1-8B-Instruct',
      choices: [{ index: 0, message: { role: 'assistant', content: 'a', reasoning_content: null, tool_calls: [] }, logprobs: null, finish_reason: 'stop', stop_reason: '###' }],
      usage: { prompt_tokens: 3, total_tokens: 4, completion_tokens: 1, prompt_tokens_details: null },
      prompt_logprobs: null,
    }, {
      id: 'chatcmpl-v', model: 'meta-llama/Llama-3.1-8B-Instruct', content: [{ type: 'text', text: 'a' }],
      stopReason: 'stop_sequence', stopSequence: '###', usage: { inputTokens: 3, outputTokens: 1 },
    }],
    ['vLLM: stop token id is not a stop sequence', completion({ content: 'a' }, {}, { stop_reason: 128009 }), {
      ...base, content: [{ type: 'text', text: 'a' }], stopReason: 'end',
    }],
    ['missing usage reads as zero', completion({ content: 'a' }, { usage: undefined }), {
      ...base, content: [{ type: 'text', text: 'a' }], stopReason: 'end', usage: { inputTokens: 0, outputTokens: 0 },
    }],
  ])('%s', (_name, body, expected) => {
    expect(decodeOpenAIResponse(body)).toEqual(expected);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'Internal Server Error'],
    ['an error body', { error: { message: 'boom', type: 'server_error' } }],
    ['no choices', completion({ content: 'a' }, { choices: [] })],
    ['numeric content', completion({ content: 42 })],
    ['arguments as an object', completion({ content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: {} } }] })],
    ['negative tokens', completion({ content: 'a' }, { usage: { prompt_tokens: -1, completion_tokens: 0 } })],
  ])('throws UpstreamProtocolError on %s', (_name, body) => {
    expect(() => decodeOpenAIResponse(body)).toThrow(UpstreamProtocolError);
  });

  it('does not mutate its input', () => {
    const body = completion({ content: 'x', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] });
    const before = structuredClone(body);
    decodeOpenAIResponse(body);
    expect(body).toEqual(before);
  });
});
