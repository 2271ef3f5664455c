import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from '../mock-upstream/index.js';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.js';
import { TEST_KEY_ENV, TEST_KEYS, testConfig } from '../helpers/test-config.js';

let upstream: MockUpstream;
let gateway: GatewayProcess;
let client: OpenAI;

beforeAll(async () => {
  upstream = await startMockUpstream();
  gateway = await startGatewayProcess({ config: testConfig(upstream.url), env: TEST_KEY_ENV });
  client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: TEST_KEYS.teamA, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
});
beforeEach(() => upstream.reset());

const lastChatBody = (): Record<string, unknown> => {
  const request = [...upstream.requests].reverse().find((r) => r.path.endsWith('/chat/completions'));
  return request?.body as Record<string, unknown>;
};

describe('OpenAI client → gateway → OpenAI-protocol upstream', () => {
  it('answers a chat completion and says who served it', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hello there' }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('mock reply to: hello there');
    expect(data.usage?.prompt_tokens).toBe(2);
    expect(response.headers.get('x-gateway-model')).toBe('openai/gpt-4o-mini');
    expect(response.headers.get('x-gateway-attempts')).toBe('1');
    expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    const sent = upstream.requests.at(-1)!;
    expect(sent.headers.authorization).toBe('Bearer sk-upstream');
    expect((sent.body as { model: string }).model).toBe('gpt-4o-mini');
  });

  it('passes fields it does not know through untouched and maps aliases', async () => {
    await client.chat.completions.create({
      model: 'fast',
      messages: [{ role: 'user', content: 'x' }],
      temperature: 0.3,
      top_p: 0.9,
      max_completion_tokens: 50,
      stop: ['END'],
      user: 'u-1',
      response_format: { type: 'json_object' },
      // @ts-expect-error: a field the SDK does not type, as vLLM extensions are
      guided_choice: ['a', 'b'],
      seed: 7,
    });
    expect(lastChatBody()).toMatchObject({
      model: 'gpt-4o-mini',
      temperature: 0.3,
      top_p: 0.9,
      max_completion_tokens: 50,
      stop: ['END'],
      user: 'u-1',
      response_format: { type: 'json_object' },
      guided_choice: ['a', 'b'],
      seed: 7,
    });
  });

  it('streams with include_usage, as OpenAI does', async () => {
    const stream = await client.chat.completions.create({
      model: 'vllm/qwen2.5-7b',
      messages: [{ role: 'user', content: 'one two three four five six seven' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let chunks = 0;
    let usage: OpenAI.CompletionUsage | null | undefined;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('mock reply to: one two three four five six seven');
    expect(chunks).toBeGreaterThan(3);
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 10 });
  });

  it('does not send a usage chunk the client did not ask for', async () => {
    const stream = await client.chat.completions.create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true });
    for await (const chunk of stream) {
      expect(chunk.choices.length).toBe(1);
      expect(chunk.usage ?? null).toBeNull();
    }
    // The gateway still asked the upstream for usage, for its own accounting.
    expect(lastChatBody().stream_options).toEqual({ include_usage: true });
  });

  it('completes a tool-call round trip', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      { type: 'function', function: { name: 'lookup', description: 'look it up', parameters: { type: 'object', properties: { query: { type: 'string' } } } } },
    ];
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'weather in Oslo' }];
    const first = await client.chat.completions.create({ model: 'openai/gpt-4o-mini', messages, tools, tool_choice: 'auto' });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function.name).toBe('lookup');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ query: 'weather in Oslo' });
    messages.push(first.choices[0]!.message, { role: 'tool', tool_call_id: call!.id, content: 'sunny, 21C' });
    const second = await client.chat.completions.create({ model: 'openai/gpt-4o-mini', messages, tools });
    expect(second.choices[0]?.message.content).toBe('tool said: sunny, 21C');
  });

  it('streams a tool call', async () => {
    const stream = await client.chat.completions.create({
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'find cats' }],
      tools: [{ type: 'function', function: { name: 'search', parameters: { type: 'object' } } }],
      stream: true,
    });
    let args = '';
    let name: string | undefined;
    for await (const chunk of stream) {
      const call = chunk.choices[0]?.delta.tool_calls?.[0];
      if (call?.function?.name) name = call.function.name;
      args += call?.function?.arguments ?? '';
    }
    expect(name).toBe('search');
    expect(JSON.parse(args)).toEqual({ query: 'find cats' });
  });

  it('creates embeddings', async () => {
    const result = await client.embeddings.create({ model: 'openai/text-embedding-3-small', input: ['a', 'b'], dimensions: 4 });
    expect(result.data).toHaveLength(2);
    expect(result.data[0]?.embedding).toHaveLength(4);
    expect((upstream.requests.at(-1)?.body as { model: string }).model).toBe('text-embedding-3-small');
  });

  it('lists aliases and reachable models', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(['fast', 'smart', 'local']));
    // Providers without a configured model list are asked upstream.
    expect(ids.some((id) => id.startsWith('openai/'))).toBe(true);
    expect(ids.some((id) => id.startsWith('anthropic/'))).toBe(true);
    // A dead provider is left out, not fatal.
    expect(ids.some((id) => id.startsWith('dead/'))).toBe(false);
  });
});
