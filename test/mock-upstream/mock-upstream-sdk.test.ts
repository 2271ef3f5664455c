// The official SDKs accept what the mock sends: if they parse it, a gateway built to the
// real wire formats will too. (Raw shapes are asserted in mock-upstream.test.ts.)
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream } from './index.js';
import type { MockUpstream } from './index.js';

let mock: MockUpstream;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  mock = await startMockUpstream({ requireKey: 'test-key' });
  openai = new OpenAI({ apiKey: 'test-key', baseURL: `${mock.url}/v1`, maxRetries: 0 });
  anthropic = new Anthropic({ apiKey: 'test-key', baseURL: mock.url, maxRetries: 0 });
});
afterAll(() => mock.close());

describe('openai SDK', () => {
  it('reads a completion and a stream with usage', async () => {
    const completion = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi there' }] });
    expect(completion.choices[0]?.message.content).toBe('mock reply to: hi there');
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi there' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let completionTokens: number | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      completionTokens = chunk.usage?.completion_tokens ?? completionTokens;
    }
    expect(text).toBe('mock reply to: hi there');
    expect(completionTokens).toBe(5);
  });

  it('assembles a streamed tool call', async () => {
    const runner = openai.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'weather in Oslo' }],
      tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object' } } }],
    });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' ? JSON.parse(call.function.arguments) : undefined).toEqual({ query: 'weather in Oslo' });
  });

  it('decodes embeddings (the SDK asks for base64)', async () => {
    const res = await openai.embeddings.create({ model: 'text-embedding-3-small', input: 'hello', dimensions: 16 });
    expect(res.data[0]?.embedding).toHaveLength(16);
    expect(mock.requests.at(-1)?.body).toMatchObject({ encoding_format: 'base64' });
  });

  it('surfaces status directives and midstream errors as APIErrors', async () => {
    await expect(
      openai.chat.completions.create({ model: 'gpt-4o+status=429', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o+words=12+midstream-error',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    await expect(async () => {
      for await (const _chunk of stream) {
        // drain until the error event
      }
    }).rejects.toThrow(/server had an error/);
  });
});

describe('anthropic SDK', () => {
  it('reads a message and an accumulated stream', async () => {
    const message = await anthropic.messages.create({
      model: 'claude-test',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hi there' }],
    });
    expect(message.content).toEqual([{ type: 'text', text: 'mock reply to: hi there' }]);
    const final = await anthropic.messages
      .stream({ model: 'claude-test', max_tokens: 100, messages: [{ role: 'user', content: 'hi there' }] })
      .finalMessage();
    expect(final.content).toEqual([{ type: 'text', text: 'mock reply to: hi there' }]);
    expect(final.usage.output_tokens).toBe(5);
  });

  it('assembles streamed tool input', async () => {
    const final = await anthropic.messages
      .stream({
        model: 'claude-test',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'weather in Oslo' }],
        tools: [{ name: 'weather', input_schema: { type: 'object' } }],
      })
      .finalMessage();
    expect(final.stop_reason).toBe('tool_use');
    expect(final.content[0]).toMatchObject({ type: 'tool_use', name: 'weather', input: { query: 'weather in Oslo' } });
  });

  it('surfaces overloaded errors, before and during the stream', async () => {
    await expect(
      anthropic.messages.create({ model: 'claude-test+status=529', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({ status: 529 });
    await expect(
      anthropic.messages
        .stream({ model: 'claude-test+words=12+midstream-error', max_tokens: 100, messages: [{ role: 'user', content: 'x' }] })
        .finalMessage(),
    ).rejects.toThrow(/Overloaded|overloaded/);
  });
});
