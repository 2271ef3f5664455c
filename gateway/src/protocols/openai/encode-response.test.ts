import { describe, it, expect } from 'vitest';
import type { CanonicalResponse } from '../../canonical/types.js';
import { decodeOpenAIResponse } from './decode-response.js';
import { encodeOpenAIResponse } from './encode-response.js';

const now = () => 1_700_000_000_500;
const base = { id: 'chatcmpl-9', model: 'gpt-4o', usage: { inputTokens: 10, outputTokens: 4 } };
const usage = { prompt_tokens: 10, completion_tokens: 4, total_tokens: 14 };

function expected(message: Record<string, unknown>, finishReason: string, usageOut: Record<string, unknown> = usage) {
  return {
    id: 'chatcmpl-9',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-4o',
    choices: [{ index: 0, message: { role: 'assistant', ...message }, logprobs: null, finish_reason: finishReason }],
    usage: usageOut,
  };
}

const call = { type: 'tool_call' as const, id: 'call_1', name: 'f', arguments: '{"a":1}' };
const wireCall = { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } };

const cases: Array<[string, CanonicalResponse, Record<string, unknown>]> = [
  ['text', { ...base, content: [{ type: 'text', text: 'Hi' }], stopReason: 'end' }, expected({ content: 'Hi', refusal: null }, 'stop')],
  ['nothing at all', { ...base, content: [], stopReason: 'end' }, expected({ content: '', refusal: null }, 'stop')],
  ['text parts joined as one answer', {
    ...base, content: [{ type: 'text', text: 'The answer ' }, { type: 'text', text: 'is 4.' }], stopReason: 'max_tokens',
  }, expected({ content: 'The answer is 4.', refusal: null }, 'length')],
  ['tool calls only', { ...base, content: [call], stopReason: 'tool_use' }, expected({ content: null, tool_calls: [wireCall], refusal: null }, 'tool_calls')],
  ['text and tool calls', {
    ...base, content: [{ type: 'text', text: 'Let me check.' }, call], stopReason: 'tool_use',
  }, expected({ content: 'Let me check.', tool_calls: [wireCall], refusal: null }, 'tool_calls')],
  ['stop sequence', { ...base, content: [{ type: 'text', text: 'a' }], stopReason: 'stop_sequence', stopSequence: '\n' }, expected({ content: 'a', refusal: null }, 'stop')],
  ['content filter', { ...base, content: [], stopReason: 'content_filter' }, expected({ content: '', refusal: null }, 'content_filter')],
  ['refusal goes to message.refusal', {
    ...base, content: [{ type: 'text', text: 'I cannot help.' }], stopReason: 'refusal',
  }, expected({ content: null, refusal: 'I cannot help.' }, 'stop')],
  ['cached tokens', {
    ...base, content: [{ type: 'text', text: 'a' }], stopReason: 'end', usage: { inputTokens: 10, outputTokens: 4, cachedInputTokens: 8 },
  }, expected({ content: 'a', refusal: null }, 'stop', { ...usage, prompt_tokens_details: { cached_tokens: 8 } })],
];

describe('encodeOpenAIResponse', () => {
  it.each(cases)('%s', (_name, resp, wire) => {
    expect(encodeOpenAIResponse(resp, now)).toEqual(wire);
  });

  it.each(cases.filter(([name]) => !['text parts joined as one answer', 'stop sequence'].includes(name)))(
    'round-trips %s through decodeOpenAIResponse',
    (_name, resp) => {
      expect(decodeOpenAIResponse(encodeOpenAIResponse(resp, now))).toEqual(resp);
    },
  );

  it.each(cases)('does not mutate %s', (_name, resp) => {
    const before = structuredClone(resp);
    encodeOpenAIResponse(resp, now);
    expect(resp).toEqual(before);
  });
});
