import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { CanonicalResponse, StreamEvent } from '../../canonical/types.js';
import { encodeOpenAIResponse } from './encode-response.js';
import { createOpenAIStreamEncoder } from './stream-encoder.js';

/**
 * What we send OpenAI clients, read by the official SDK. Its `fetch` is a stub that answers
 * with our bytes, so nothing leaves the process.
 */
function clientAnswering(body: string, contentType: string): OpenAI {
  return new OpenAI({
    apiKey: 'test-key',
    maxRetries: 0,
    fetch: async () => new Response(body, { status: 200, headers: { 'content-type': contentType } }),
  });
}

const params = { model: 'test-model', messages: [{ role: 'user' as const, content: 'Weather?' }] };

describe('official openai SDK reading our output', () => {
  it('accumulates our stream into the final completion, usage included', async () => {
    const events: StreamEvent[] = [
      { type: 'start', id: 'msg_1', model: 'claude-sonnet' },
      { type: 'text', text: 'Let me ' },
      { type: 'text', text: 'check.' },
      { type: 'tool_call_start', index: 0, id: 'toolu_1', name: 'get_weather' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '{"city":' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '"Oslo"}' },
      { type: 'tool_call_start', index: 1, id: 'toolu_2', name: 'get_time' },
      { type: 'tool_call_delta', index: 1, argumentsDelta: '{}' },
      { type: 'finish', stopReason: 'tool_use' },
      { type: 'usage', usage: { inputTokens: 40, cachedInputTokens: 30, outputTokens: 9 } },
    ];
    const encoder = createOpenAIStreamEncoder({ includeUsage: true, now: () => 1_700_000_000_000 });
    const sse = events.map((e) => encoder.push(e)).join('') + encoder.end();

    const completion = await clientAnswering(sse, 'text/event-stream')
      .chat.completions.stream({ ...params, stream_options: { include_usage: true } })
      .finalChatCompletion();

    expect(completion).toMatchObject({
      id: 'msg_1',
      model: 'claude-sonnet',
      created: 1_700_000_000,
      choices: [{
        index: 0,
        finish_reason: 'tool_calls',
        message: {
          role: 'assistant',
          content: 'Let me check.',
          tool_calls: [
            { id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
            { id: 'toolu_2', type: 'function', function: { name: 'get_time', arguments: '{}' } },
          ],
        },
      }],
      usage: { prompt_tokens: 40, completion_tokens: 9, total_tokens: 49, prompt_tokens_details: { cached_tokens: 30 } },
    });
  });

  it('reads our refusal the way it reads OpenAI refusals', async () => {
    const resp: CanonicalResponse = {
      id: 'msg_2',
      model: 'claude-sonnet',
      content: [{ type: 'text', text: 'I cannot help with that.' }],
      stopReason: 'refusal',
      usage: { inputTokens: 3, outputTokens: 6 },
    };
    const completion = await clientAnswering(JSON.stringify(encodeOpenAIResponse(resp)), 'application/json')
      .chat.completions.create(params);
    expect(completion.choices[0]?.message).toEqual({ role: 'assistant', content: null, refusal: 'I cannot help with that.' });
    expect(completion.usage).toEqual({ prompt_tokens: 3, completion_tokens: 6, total_tokens: 9 });
  });
});
