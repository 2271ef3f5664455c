import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import type { CanonicalResponse, StreamEvent } from '../../canonical/types.js';
import { encodeAnthropicResponse } from './encode-response.js';
import { createAnthropicStreamEncoder } from './stream-encoder.js';

/**
 * What we send Anthropic clients, read by the official SDK. Its `fetch` is a stub that
 * answers with our bytes, so nothing leaves the process.
 */
function clientAnswering(body: string, contentType: string): Anthropic {
  return new Anthropic({
    apiKey: 'test-key',
    maxRetries: 0,
    fetch: async () => new Response(body, { status: 200, headers: { 'content-type': contentType } }),
  });
}

const params = { model: 'test-model', max_tokens: 100, messages: [{ role: 'user' as const, content: 'Weather?' }] };

describe('official @anthropic-ai/sdk reading our output', () => {
  it('accumulates our stream into the final message', async () => {
    const events: StreamEvent[] = [
      { type: 'start', id: 'chatcmpl-1', model: 'gpt-4o', inputTokens: 40 },
      { type: 'text', text: 'Let me ' },
      { type: 'text', text: 'check.' },
      { type: 'tool_call_start', index: 0, id: 'call_1', name: 'get_weather' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '{"city":' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '"Oslo"}' },
      { type: 'finish', stopReason: 'tool_use' },
      { type: 'usage', usage: { inputTokens: 40, cachedInputTokens: 30, outputTokens: 9 } },
    ];
    const encoder = createAnthropicStreamEncoder({ includeUsage: false });
    const sse = events.map((e) => encoder.push(e)).join('') + encoder.end();

    const message = await clientAnswering(sse, 'text/event-stream').messages.stream(params).finalMessage();

    expect(message).toMatchObject({
      id: 'chatcmpl-1',
      model: 'gpt-4o',
      role: 'assistant',
      stop_reason: 'tool_use',
      stop_sequence: null,
      content: [
        { type: 'text', text: 'Let me check.' },
        { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Oslo' } },
      ],
      usage: { input_tokens: 10, cache_read_input_tokens: 30, output_tokens: 9 },
    });
  });

  it('returns our non-streamed message as is', async () => {
    const resp: CanonicalResponse = {
      id: 'chatcmpl-2',
      model: 'gpt-4o',
      content: [{ type: 'text', text: 'Hi' }],
      stopReason: 'end',
      usage: { inputTokens: 3, outputTokens: 1 },
    };
    const encoded = encodeAnthropicResponse(resp);
    const message = await clientAnswering(JSON.stringify(encoded), 'application/json').messages.create(params);
    expect(message).toEqual(encoded);
  });
});
