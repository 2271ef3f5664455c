import { describe, expect, it } from 'vitest';
import type { CanonicalResponse } from '../../canonical/types.js';
import { decodeAnthropicResponse } from './decode-response.js';
import { encodeAnthropicResponse } from './encode-response.js';

const resp: CanonicalResponse = {
  id: 'chatcmpl-1',
  model: 'gpt-4o',
  content: [{ type: 'text', text: 'Hello!' }],
  stopReason: 'end',
  usage: { inputTokens: 12, outputTokens: 3 },
};
const wire = {
  id: 'chatcmpl-1',
  type: 'message',
  role: 'assistant',
  model: 'gpt-4o',
  content: [{ type: 'text', text: 'Hello!' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 12, output_tokens: 3 },
};
const call = (args: string): Partial<CanonicalResponse> => ({ stopReason: 'tool_use', content: [{ type: 'tool_call', id: 'call_1', name: 'f', arguments: args }] });
const use = (input: Record<string, unknown>) => ({ stop_reason: 'tool_use', content: [{ type: 'tool_use', id: 'call_1', name: 'f', input }] });

describe('encodeAnthropicResponse', () => {
  it.each<[string, Partial<CanonicalResponse>, Record<string, unknown>]>([
    ['a text answer', {}, {}],
    ['max_tokens', { stopReason: 'max_tokens' }, { stop_reason: 'max_tokens' }],
    ['a stop sequence', { stopReason: 'stop_sequence', stopSequence: 'END' }, { stop_reason: 'stop_sequence', stop_sequence: 'END' }],
    ['content_filter, as refusal', { stopReason: 'content_filter' }, { stop_reason: 'refusal' }],
    ['refusal', { stopReason: 'refusal' }, { stop_reason: 'refusal' }],
    ['cached input, split back out', { usage: { inputTokens: 1100, cachedInputTokens: 1000, outputTokens: 5 } }, { usage: { input_tokens: 100, cache_read_input_tokens: 1000, output_tokens: 5 } }],
    ['text then a tool call', { stopReason: 'tool_use', content: [{ type: 'text', text: 'Checking' }, { type: 'tool_call', id: 'call_1', name: 'f', arguments: '{"a":1}' }] }, { stop_reason: 'tool_use', content: [{ type: 'text', text: 'Checking' }, { type: 'tool_use', id: 'call_1', name: 'f', input: { a: 1 } }] }],
    ['empty arguments, as {}', call(''), use({})],
    // Decision: never `{}` for broken arguments (the tool would run without them); the raw text is kept.
    ['arguments cut off mid-JSON, kept raw', call('{"city": "Par'), use({ _raw: '{"city": "Par' })],
    ['arguments that are a JSON array, kept raw', call('[1]'), use({ _raw: '[1]' })],
  ])('encodes %s', (_name, extra, expected) => {
    expect(encodeAnthropicResponse({ ...resp, ...extra })).toEqual({ ...wire, ...expected });
  });

  it.each<[string, Partial<CanonicalResponse>]>([
    ['text', {}],
    ['tool calls and a stop sequence', { stopReason: 'tool_use', content: [{ type: 'text', text: 'x' }, { type: 'tool_call', id: 't', name: 'f', arguments: '{"a":[1,2]}' }] }],
    ['cached usage', { usage: { inputTokens: 50, cachedInputTokens: 20, outputTokens: 1 } }],
    ['a stop sequence', { stopReason: 'stop_sequence', stopSequence: '\n\nHuman:' }],
  ])('round-trips %s through the decoder', (_name, extra) => {
    const original = { ...resp, ...extra };
    expect(decodeAnthropicResponse(encodeAnthropicResponse(original))).toEqual(original);
  });

  it('does not mutate its input', () => {
    const original: CanonicalResponse = { ...resp, ...call('{"a":{"b":1}}') };
    const before = structuredClone(original);
    const out = encodeAnthropicResponse(original);
    expect(original).toEqual(before);
    expect(out).toEqual({ ...wire, ...use({ a: { b: 1 } }) });
  });
});
