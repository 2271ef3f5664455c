import { describe, it, expect } from 'vitest';
import type { StreamEvent } from '../../canonical/types.js';
import { createOpenAIStreamDecoder } from './stream-decoder.js';
import { createOpenAIStreamEncoder } from './stream-encoder.js';

const now = () => 1_700_000_000_900;
const start: StreamEvent = { type: 'start', id: 'chatcmpl-Z', model: 'gpt-4o' };
const head = { id: 'chatcmpl-Z', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-4o' };

function encodeAll(events: StreamEvent[], includeUsage: boolean): string {
  const encoder = createOpenAIStreamEncoder({ includeUsage, now });
  return events.map((e) => encoder.push(e)).join('') + encoder.end();
}

/** Splits SSE text into `data:` payloads, checking the framing on the way. */
function payloads(sse: string): string[] {
  expect(sse.endsWith('\n\n')).toBe(true);
  return sse.split('\n\n').filter((block) => block !== '').map((block) => {
    expect(block.startsWith('data: ')).toBe(true);
    return block.slice('data: '.length);
  });
}

const textStream: StreamEvent[] = [
  start,
  { type: 'text', text: 'Hello' },
  { type: 'text', text: ' world' },
  { type: 'finish', stopReason: 'end' },
  { type: 'usage', usage: { inputTokens: 9, outputTokens: 2 } },
];

describe('createOpenAIStreamEncoder', () => {
  it('writes chunks exactly as OpenAI does with include_usage', () => {
    expect(payloads(encodeAll(textStream, true))).toEqual([
      JSON.stringify({ ...head, choices: [{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }], usage: null }),
      JSON.stringify({ ...head, choices: [{ index: 0, delta: { content: 'Hello' }, logprobs: null, finish_reason: null }], usage: null }),
      JSON.stringify({ ...head, choices: [{ index: 0, delta: { content: ' world' }, logprobs: null, finish_reason: null }], usage: null }),
      JSON.stringify({ ...head, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }], usage: null }),
      JSON.stringify({ ...head, choices: [], usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 } }),
      '[DONE]',
    ]);
  });

  it('omits usage entirely without include_usage', () => {
    const chunks = payloads(encodeAll(textStream, false));
    expect(chunks).toHaveLength(5);
    for (const data of chunks.slice(0, -1)) expect(data).not.toContain('usage');
    expect(chunks.at(-1)).toBe('[DONE]');
  });

  it('writes tool call chunks with id, type and name first, then arguments', () => {
    const chunks = payloads(
      encodeAll([
        start,
        { type: 'tool_call_start', index: 0, id: 'call_1', name: 'f' },
        { type: 'tool_call_delta', index: 0, argumentsDelta: '{"a":1}' },
        { type: 'finish', stopReason: 'tool_use' },
      ], false),
    ).map((d) => (d === '[DONE]' ? d : (JSON.parse(d) as { choices: unknown[] }).choices[0]));
    expect(chunks.slice(1)).toEqual([
      { index: 0, delta: { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '' } }] }, logprobs: null, finish_reason: null },
      { index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"a":1}' } }] }, logprobs: null, finish_reason: null },
      { index: 0, delta: {}, logprobs: null, finish_reason: 'tool_calls' },
      '[DONE]',
    ]);
  });

  it.each<[string, StreamEvent[], Record<string, unknown> | undefined]>([
    ['usage never arrives: what start knew', [{ ...start, inputTokens: 30 }, { type: 'finish', stopReason: 'end' }], { prompt_tokens: 30, completion_tokens: 0, total_tokens: 30 }],
    ['usage before finish: written after the finish chunk', [start, { type: 'usage', usage: { inputTokens: 1, outputTokens: 2, cachedInputTokens: 1 } }, { type: 'finish', stopReason: 'end' }], {
      prompt_tokens: 1, completion_tokens: 2, total_tokens: 3, prompt_tokens_details: { cached_tokens: 1 },
    }],
  ])('%s', (_name, events, usage) => {
    const chunks = payloads(encodeAll(events, true));
    expect(chunks.at(-1)).toBe('[DONE]');
    expect(JSON.parse(chunks.at(-2) ?? '')).toEqual({ ...head, choices: [], usage });
    expect(JSON.parse(chunks.at(-3) ?? '')).toMatchObject({ choices: [{ finish_reason: 'stop' }] });
  });

  it('writes [DONE] once and nothing after end', () => {
    const encoder = createOpenAIStreamEncoder({ includeUsage: false, now });
    encoder.push(start);
    expect(encoder.end()).toBe('data: [DONE]\n\n');
    expect(encoder.end()).toBe('');
    expect(encoder.push({ type: 'text', text: 'x' })).toBe('');
  });

  it('throws on an event before start', () => {
    expect(() => createOpenAIStreamEncoder({ includeUsage: false }).push({ type: 'text', text: 'x' })).toThrow();
  });

  it.each<[string, StreamEvent[]]>([
    ['text', textStream],
    ['parallel tool calls after text', [
      start,
      { type: 'text', text: 'Let me look.' },
      { type: 'tool_call_start', index: 0, id: 'call_a', name: 'get_weather' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '{"city":' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '"Paris"}' },
      { type: 'tool_call_start', index: 1, id: 'call_b', name: 'get_time' },
      { type: 'tool_call_delta', index: 1, argumentsDelta: '{}' },
      { type: 'finish', stopReason: 'tool_use' },
      { type: 'usage', usage: { inputTokens: 50, outputTokens: 20, cachedInputTokens: 32 } },
    ]],
    ['max tokens', [start, { type: 'text', text: 'trunc' }, { type: 'finish', stopReason: 'max_tokens' }, { type: 'usage', usage: { inputTokens: 1, outputTokens: 1 } }]],
    ['content filter without usage', [start, { type: 'finish', stopReason: 'content_filter' }]],
  ])('round-trips %s through the decoder', (_name, events) => {
    const encoded = encodeAll(events, true);
    const decoder = createOpenAIStreamDecoder();
    const decoded = payloads(encoded).flatMap((data) => decoder.push({ data }));
    const withUsage = events.some((e) => e.type === 'usage') ? events : [...events, { type: 'usage', usage: { inputTokens: 0, outputTokens: 0 } }];
    expect(decoded).toEqual(withUsage);
    expect(decoder.done).toBe(true);
  });

  it('does not mutate the events it is given', () => {
    const events = structuredClone(textStream);
    encodeAll(events, true);
    expect(events).toEqual(textStream);
  });
});
