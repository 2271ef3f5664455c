import { describe, expect, it } from 'vitest';
import type { CanonicalResponse } from '../../canonical/types.js';
import { UpstreamProtocolError } from '../../canonical/translation-errors.js';
import { decodeAnthropicResponse } from './decode-response.js';

const message = {
  id: 'msg_01',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5-20250929',
  content: [{ type: 'text', text: 'Hello!' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 12, output_tokens: 3 },
};
const expectedBase: CanonicalResponse = {
  id: 'msg_01',
  model: 'claude-sonnet-4-5-20250929',
  content: [{ type: 'text', text: 'Hello!' }],
  stopReason: 'end',
  usage: { inputTokens: 12, outputTokens: 3 },
};

describe('decodeAnthropicResponse', () => {
  it.each<[string, Record<string, unknown>, Partial<CanonicalResponse>]>([
    ['a text answer', {}, {}],
    ['max_tokens', { stop_reason: 'max_tokens' }, { stopReason: 'max_tokens' }],
    ['a stop sequence', { stop_reason: 'stop_sequence', stop_sequence: '###' }, { stopReason: 'stop_sequence', stopSequence: '###' }],
    ['refusal', { stop_reason: 'refusal' }, { stopReason: 'refusal' }],
    ['pause_turn', { stop_reason: 'pause_turn' }, { stopReason: 'end' }],
    ['model_context_window_exceeded', { stop_reason: 'model_context_window_exceeded' }, { stopReason: 'max_tokens' }],
    ['an unknown stop reason', { stop_reason: 'something_new' }, { stopReason: 'end' }],
    [
      'cache usage, summed into input',
      { usage: { input_tokens: 10, cache_creation_input_tokens: 100, cache_read_input_tokens: 1000, output_tokens: 5, service_tier: 'standard' } },
      { usage: { inputTokens: 1110, cachedInputTokens: 1000, outputTokens: 5 } },
    ],
    ['null cache fields', { usage: { input_tokens: 10, cache_creation_input_tokens: null, cache_read_input_tokens: null, output_tokens: 5 } }, { usage: { inputTokens: 10, outputTokens: 5 } }],
    [
      'tool calls after text, thinking dropped',
      {
        stop_reason: 'tool_use',
        content: [
          { type: 'thinking', thinking: 'hmm', signature: 's' },
          { type: 'text', text: 'Let me check.' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'toolu_2', name: 'get_time', input: {} },
        ],
      },
      {
        stopReason: 'tool_use',
        content: [
          { type: 'text', text: 'Let me check.' },
          { type: 'tool_call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'tool_call', id: 'toolu_2', name: 'get_time', arguments: '{}' },
        ],
      },
    ],
    [
      'the JSON-mode tool, turned back into text',
      { stop_reason: 'tool_use', content: [{ type: 'tool_use', id: 'toolu_1', name: '__gateway_json_output', input: { answer: 42, items: ['a'] } }] },
      { stopReason: 'end', content: [{ type: 'text', text: '{"answer":42,"items":["a"]}' }] },
    ],
    [
      'the JSON-mode tool cut off by max_tokens keeps max_tokens',
      { stop_reason: 'max_tokens', content: [{ type: 'tool_use', id: 'toolu_1', name: '__gateway_json_output', input: {} }] },
      { stopReason: 'max_tokens', content: [{ type: 'text', text: '{}' }] },
    ],
    ['server tool blocks dropped', { content: [{ type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} }, { type: 'text', text: 'Hello!', citations: [] }] }, {}],
    ['an empty answer', { content: [] }, { content: [] }],
    ['a lenient body without type and role', { type: undefined, role: undefined }, {}],
  ])('decodes %s', (_name, extra, expected) => {
    expect(decodeAnthropicResponse({ ...message, ...extra })).toEqual({ ...expectedBase, ...expected });
  });

  it.each<[string, unknown, RegExp]>([
    ['null', null, /not a valid Message/],
    ['a string', 'Internal Server Error', /not a valid Message/],
    ['an error envelope', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, /not a valid Message/],
    ['a missing id', { ...message, id: undefined }, /at id/],
    ['missing usage', { ...message, usage: undefined }, /at usage/],
    ['content not an array', { ...message, content: 'hi' }, /at content/],
    ['a text block without text', { ...message, content: [{ type: 'text' }] }, /at content\[0\]\.text/],
    ['a tool_use with string input', { ...message, content: [{ type: 'tool_use', id: 't', name: 'f', input: '{}' }] }, /at content\[0\]\.input/],
  ])('throws UpstreamProtocolError on %s', (_name, body, message) => {
    expect(() => decodeAnthropicResponse(body)).toThrow(UpstreamProtocolError);
    expect(() => decodeAnthropicResponse(body)).toThrow(message);
  });

  it('does not mutate its input', () => {
    const body = { ...message, content: [{ type: 'tool_use', id: 't', name: 'f', input: { a: [1] } }] };
    const before = structuredClone(body);
    decodeAnthropicResponse(body);
    expect(body).toEqual(before);
  });
});
