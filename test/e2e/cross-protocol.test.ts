import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from '../mock-upstream/index.js';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.js';
import { TEST_KEY_ENV, TEST_KEYS, testConfig } from '../helpers/test-config.js';

let upstream: MockUpstream;
let gateway: GatewayProcess;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  upstream = await startMockUpstream();
  gateway = await startGatewayProcess({ config: testConfig(upstream.url), env: TEST_KEY_ENV });
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: TEST_KEYS.teamA, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: gateway.url, apiKey: TEST_KEYS.teamA, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
});
beforeEach(() => upstream.reset());

const lastUpstream = () => upstream.requests.at(-1)!;
const tools: OpenAI.ChatCompletionTool[] = [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { query: { type: 'string' } } } } }];

describe('OpenAI client → Anthropic model', () => {
  it('translates the request and the answer', async () => {
    const result = await openai.chat.completions.create({
      model: 'anthropic/claude-sonnet-4-5',
      messages: [
        { role: 'system', content: 'you are terse' },
        { role: 'user', content: 'ping pong' },
      ],
      max_tokens: 64,
      stop: ['never'],
      temperature: 0.5,
    });
    expect(result.object).toBe('chat.completion');
    expect(result.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'mock reply to: ping pong' });
    expect(result.choices[0]?.finish_reason).toBe('stop');
    expect(result.usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 });
    const sent = lastUpstream();
    expect(sent.path).toBe('/v1/messages');
    expect(sent.body).toMatchObject({ model: 'claude-sonnet-4-5', system: 'you are terse', max_tokens: 64, stop_sequences: ['never'], temperature: 0.5 });
    expect(sent.body).not.toHaveProperty('messages.0.role', 'system');
  });

  it('streams, usage included', async () => {
    const stream = await openai.chat.completions.create({
      model: 'smart',
      messages: [{ role: 'user', content: 'a b c d e f' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined;
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('mock reply to: a b c d e f');
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({ prompt_tokens: 6, completion_tokens: 9 });
  });

  it('translates a tool-call round trip both ways, streamed', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'news about rust' }];
    const runner = openai.chat.completions.stream({ model: 'anthropic/claude-sonnet-4-5', messages, tools });
    const first = await runner.finalChatCompletion();
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function.name).toBe('lookup');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ query: 'news about rust' });
    expect((lastUpstream().body as { tools: unknown[] }).tools).toEqual([{ name: 'lookup', input_schema: { type: 'object', properties: { query: { type: 'string' } } } }]);
    messages.push(first.choices[0]!.message, { role: 'tool', tool_call_id: call!.id, content: 'rust 2.0 released' });
    const second = await openai.chat.completions.create({ model: 'anthropic/claude-sonnet-4-5', messages, tools });
    expect(second.choices[0]?.message.content).toBe('tool said: rust 2.0 released');
    // The tool result went upstream as an Anthropic tool_result block for the same call id.
    const sentMessages = (lastUpstream().body as { messages: Array<{ role: string; content: unknown }> }).messages;
    expect(sentMessages.at(-1)).toEqual({ role: 'user', content: [{ type: 'tool_result', tool_use_id: call!.id, content: 'rust 2.0 released' }] });
  });

  it('refuses what Anthropic cannot express, naming the parameter', async () => {
    const error = await openai.chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'x' }], n: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('n');
  });
});

describe('Anthropic client → OpenAI and vLLM models', () => {
  it('translates the request and the answer', async () => {
    const message = await anthropic.messages.create({
      model: 'openai/gpt-4o-mini',
      max_tokens: 32,
      system: 'terse',
      stop_sequences: ['zzz'],
      messages: [{ role: 'user', content: 'hello anthropic' }],
    });
    expect(message).toMatchObject({ type: 'message', role: 'assistant', stop_reason: 'end_turn', content: [{ type: 'text', text: 'mock reply to: hello anthropic' }] });
    expect(message.usage).toMatchObject({ input_tokens: 3, output_tokens: 5 });
    const sent = lastUpstream();
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.body).toMatchObject({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'terse' },
        { role: 'user', content: 'hello anthropic' },
      ],
      stop: ['zzz'],
    });
  });

  it('streams the full Anthropic event sequence from an OpenAI-format upstream', async () => {
    const stream = anthropic.messages.stream({ model: 'local', max_tokens: 100, messages: [{ role: 'user', content: 'stream me please' }] });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    const final = await stream.finalMessage();
    expect(types[0]).toBe('message_start');
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(final.content[0]).toMatchObject({ type: 'text', text: 'mock reply to: stream me please' });
    expect(final.usage.output_tokens).toBe(6);
    expect((lastUpstream().body as { model: string }).model).toBe('qwen2.5-7b');
  });

  it('translates tool_use / tool_result both ways, streamed', async () => {
    const aTools: Anthropic.Tool[] = [{ name: 'lookup', input_schema: { type: 'object', properties: { query: { type: 'string' } } } }];
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'price of tea' }];
    const first = await anthropic.messages.stream({ model: 'vllm/qwen2.5-7b', max_tokens: 100, tools: aTools, messages }).finalMessage();
    expect(first.stop_reason).toBe('tool_use');
    const use = first.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
    expect(use).toMatchObject({ name: 'lookup', input: { query: 'price of tea' } });
    messages.push({ role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use!.id, content: '3 EUR' }] });
    const second = await anthropic.messages.create({ model: 'vllm/qwen2.5-7b', max_tokens: 100, tools: aTools, messages });
    expect(second.content[0]).toMatchObject({ type: 'text', text: 'tool said: 3 EUR' });
    const sent = lastUpstream().body as { messages: Array<Record<string, unknown>> };
    expect(sent.messages.at(-1)).toMatchObject({ role: 'tool', tool_call_id: use!.id, content: '3 EUR' });
  });
});
