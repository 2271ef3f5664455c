import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from '../mock-upstream/index.js';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.js';
import { TEST_KEY_ENV, TEST_KEYS, testConfig } from '../helpers/test-config.js';

let upstream: MockUpstream;
let gateway: GatewayProcess;
let client: Anthropic;

beforeAll(async () => {
  upstream = await startMockUpstream();
  gateway = await startGatewayProcess({ config: testConfig(upstream.url), env: TEST_KEY_ENV });
  client = new Anthropic({ baseURL: gateway.url, apiKey: TEST_KEYS.teamB, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
});
beforeEach(() => upstream.reset());

const lastMessagesRequest = () => [...upstream.requests].reverse().find((r) => r.path === '/v1/messages');

describe('Anthropic client → gateway → Anthropic-protocol upstream', () => {
  it('answers a message with system prompt and several turns', async () => {
    const { data, response } = await client.messages
      .create({
        model: 'anthropic/claude-sonnet-4-5',
        max_tokens: 100,
        system: 'be brief',
        messages: [
          { role: 'user', content: 'first question' },
          { role: 'assistant', content: 'first answer' },
          { role: 'user', content: 'second question' },
        ],
      }, { headers: { 'anthropic-version': '2023-06-01' } })
      .withResponse();
    expect(data.type).toBe('message');
    expect(data.content).toEqual([{ type: 'text', text: 'mock reply to: second question' }]);
    expect(data.stop_reason).toBe('end_turn');
    expect(data.usage.input_tokens).toBe(8);
    expect(response.headers.get('x-gateway-model')).toBe('anthropic/claude-sonnet-4-5');
    expect(response.headers.get('request-id')).toBe(response.headers.get('x-request-id'));
    const sent = lastMessagesRequest()!;
    expect(sent.headers['x-api-key']).toBe('sk-upstream');
    // Same protocol: the client's anthropic-version travels with its body.
    expect(sent.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent.body).toMatchObject({ model: 'claude-sonnet-4-5', system: 'be brief', max_tokens: 100 });
  });

  it('passes unknown fields and beta headers through untouched', async () => {
    // top_k and a field no SDK knows: both must reach the upstream as sent.
    const params = {
      model: 'smart',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'x' }],
      top_k: 5,
      stop_sequences: ['STOP'],
      metadata: { user_id: 'u-9' },
      future_option: { on: true },
    } as unknown as Anthropic.MessageCreateParamsNonStreaming;
    await client.messages.create(params, { headers: { 'anthropic-beta': 'some-beta-2099-01-01' } });
    const sent = lastMessagesRequest()!;
    expect(sent.body).toMatchObject({ model: 'claude-sonnet-4-5', top_k: 5, stop_sequences: ['STOP'], metadata: { user_id: 'u-9' }, future_option: { on: true } });
    expect(sent.headers['anthropic-beta']).toBe('some-beta-2099-01-01');
  });

  it('streams the full event sequence', async () => {
    const stream = client.messages.stream({ model: 'anthropic/claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'count to five please' }] });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    const final = await stream.finalMessage();
    expect(types[0]).toBe('message_start');
    expect(types).toContain('content_block_start');
    expect(types).toContain('content_block_delta');
    expect(types).toContain('content_block_stop');
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(final.content).toHaveLength(1);
    expect(final.content[0]).toMatchObject({ type: 'text', text: 'mock reply to: count to five please' });
    expect(final.usage.output_tokens).toBe(7);
    expect(final.stop_reason).toBe('end_turn');
  });

  it('completes a tool_use / tool_result round trip, streamed', async () => {
    const tools: Anthropic.Tool[] = [{ name: 'get_weather', description: 'weather', input_schema: { type: 'object', properties: { query: { type: 'string' } } } }];
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'weather in Lima' }];
    const first = await client.messages.stream({ model: 'anthropic/claude-sonnet-4-5', max_tokens: 100, tools, messages }).finalMessage();
    expect(first.stop_reason).toBe('tool_use');
    const use = first.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
    expect(use?.name).toBe('get_weather');
    expect(use?.input).toEqual({ query: 'weather in Lima' });
    messages.push({ role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use!.id, content: 'cloudy' }] });
    const second = await client.messages.create({ model: 'anthropic/claude-sonnet-4-5', max_tokens: 100, tools, messages });
    expect(second.content[0]).toMatchObject({ type: 'text', text: 'tool said: cloudy' });
  });

  it('lists models in Anthropic’s shape', async () => {
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toEqual(expect.arrayContaining(['smart', 'fast']));
    expect(page.data[0]?.type).toBe('model');
  });
});
