// The mock upstream's chat contract over raw fetch: both protocols' JSON and SSE shapes,
// tools, tool results, usage, stop, max_tokens and validation. Auth, embeddings, models and
// recording: mock-upstream-endpoints.test.ts; fault directives: mock-upstream-faults.test.ts;
// official SDK compatibility: mock-upstream-sdk.test.ts.
import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockUpstream } from './index.js';
import type { MockUpstream } from './index.js';
import { ANTHROPIC_VERSION, postAnthropicMessages, postJson, postOpenAIChat } from './raw-requests.js';
import { SseReader } from './sse-reader.js';
import type { SseEvent } from './sse-reader.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const USER = [{ role: 'user', content: 'what is the capital of France' }];
const OPENAI_TOOLS = [
  { type: 'function', function: { name: 'search', parameters: { type: 'object' } } },
  { type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } },
];
const ANTHROPIC_TOOLS = [
  { name: 'search', input_schema: { type: 'object' } },
  { name: 'lookup', input_schema: { type: 'object' } },
];

async function openAIJson(body: object): Promise<OpenAI.ChatCompletion> {
  const res = await postOpenAIChat(mock.url, { model: 'gpt-4o', messages: USER, ...body });
  expect(res.status).toBe(200);
  return (await res.json()) as OpenAI.ChatCompletion;
}

async function openAIStream(body: object): Promise<OpenAI.ChatCompletionChunk[]> {
  const res = await postOpenAIChat(mock.url, { model: 'gpt-4o', messages: USER, stream: true, ...body });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events = await SseReader.of(res).rest();
  expect(events.at(-1)?.data).toBe('[DONE]');
  return events.slice(0, -1).map((e) => JSON.parse(e.data) as OpenAI.ChatCompletionChunk);
}

async function anthropicJson(body: object): Promise<Anthropic.Message> {
  const res = await postAnthropicMessages(mock.url, { model: 'claude-test', max_tokens: 100, messages: USER, ...body });
  expect(res.status).toBe(200);
  return (await res.json()) as Anthropic.Message;
}

async function anthropicStream(body: object): Promise<Anthropic.RawMessageStreamEvent[]> {
  const res = await postAnthropicMessages(mock.url, { model: 'claude-test', max_tokens: 100, messages: USER, stream: true, ...body });
  expect(res.status).toBe(200);
  const events = await SseReader.of(res).rest();
  return events.map((e: SseEvent) => {
    const parsed = JSON.parse(e.data) as Anthropic.RawMessageStreamEvent;
    expect(parsed.type).toBe(e.event); // event: line and data.type always agree
    return parsed;
  });
}

function openAIText(chunks: readonly OpenAI.ChatCompletionChunk[]): string {
  return chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
}

function anthropicText(events: readonly Anthropic.RawMessageStreamEvent[]): string {
  return events
    .map((e) => (e.type === 'content_block_delta' && e.delta.type === 'text_delta' ? e.delta.text : ''))
    .join('');
}

describe('OpenAI chat completions', () => {
  it('answers JSON with the echo, usage and the real envelope', async () => {
    const body = await openAIJson({ messages: [{ role: 'system', content: 'be brief' }, ...USER] });
    expect(body).toMatchObject({
      id: 'chatcmpl-mock-1',
      object: 'chat.completion',
      model: 'gpt-4o',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'mock reply to: what is the capital of France', refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 8, completion_tokens: 9, total_tokens: 17 },
    });
    expect(typeof body.created).toBe('number');
  });

  it('echoes the last user message, text parts joined', async () => {
    const body = await openAIJson({
      messages: [
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'an answer' },
        { role: 'user', content: [{ type: 'text', text: 'second' }, { type: 'text', text: 'question' }] },
      ],
    });
    expect(body.choices[0]?.message.content).toBe('mock reply to: second question');
    expect(body.usage?.prompt_tokens).toBe(6);
  });

  it('streams chat.completion.chunk events of about three words, then [DONE]', async () => {
    const chunks = await openAIStream({});
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '', refusal: null });
    const pieces = chunks.slice(1, -1).map((c) => c.choices[0]?.delta.content);
    expect(pieces).toEqual(['mock reply to: ', 'what is the ', 'capital of France']);
    expect(chunks.at(-1)?.choices[0]).toEqual({ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' });
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({ id: 'chatcmpl-mock-1', object: 'chat.completion.chunk', model: 'gpt-4o' });
      expect(chunk).not.toHaveProperty('usage');
    }
  });

  it('honours stream_options.include_usage with a final choices: [] chunk', async () => {
    const chunks = await openAIStream({ stream_options: { include_usage: true } });
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toMatchObject({ prompt_tokens: 6, completion_tokens: 9, total_tokens: 15 });
    for (const chunk of chunks.slice(0, -1)) expect(chunk.usage).toBeNull();
  });

  it('calls the first tool when the last message is from the user', async () => {
    const body = await openAIJson({ tools: OPENAI_TOOLS });
    expect(body.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_mock_1',
            type: 'function',
            function: { name: 'search', arguments: '{"query":"what is the capital of France"}' },
          },
        ],
      },
    });
  });

  it('calls the forced tool, and none with tool_choice none', async () => {
    const forced = await openAIJson({ tools: OPENAI_TOOLS, tool_choice: { type: 'function', function: { name: 'lookup' } } });
    const call = forced.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' ? call.function.name : undefined).toBe('lookup');
    const none = await openAIJson({ tools: OPENAI_TOOLS, tool_choice: 'none' });
    expect(none.choices[0]?.finish_reason).toBe('stop');
  });

  it('streams a tool call with arguments in several fragments', async () => {
    const chunks = await openAIStream({ tools: OPENAI_TOOLS });
    expect(chunks[0]?.choices[0]?.delta).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [{ index: 0, id: 'call_mock_1', type: 'function', function: { name: 'search', arguments: '' } }],
      refusal: null,
    });
    const fragments = chunks.slice(1, -1).map((c) => c.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? '');
    expect(fragments.length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(fragments.join(''))).toEqual({ query: 'what is the capital of France' });
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('answers a tool result with its content', async () => {
    const body = await openAIJson({
      tools: OPENAI_TOOLS,
      messages: [
        ...USER,
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'search', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'Paris is the capital' },
      ],
    });
    expect(body.choices[0]?.message.content).toBe('tool said: Paris is the capital');
    expect(body.choices[0]?.finish_reason).toBe('stop');
  });

  it('cuts at a stop sequence (not included) and reports stop', async () => {
    const body = await openAIJson({ stop: ['capital', 'zzz'] });
    expect(body.choices[0]?.message.content).toBe('mock reply to: what is the ');
    expect(body.choices[0]?.finish_reason).toBe('stop');
    expect(body.usage?.completion_tokens).toBe(6);
  });

  it('truncates to max_tokens / max_completion_tokens words and reports length', async () => {
    for (const limit of [{ max_tokens: 4 }, { max_completion_tokens: 4 }]) {
      const body = await openAIJson(limit);
      expect(body.choices[0]?.message.content).toBe('mock reply to: what');
      expect(body.choices[0]?.finish_reason).toBe('length');
      expect(body.usage?.completion_tokens).toBe(4);
    }
    const streamed = await openAIStream({ max_tokens: 4 });
    expect(openAIText(streamed)).toBe('mock reply to: what');
    expect(streamed.at(-1)?.choices[0]?.finish_reason).toBe('length');
  });

  it('rejects invalid JSON and missing fields like the real API', async () => {
    const badJson = await postOpenAIChat(mock.url, '{"model":');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ error: { type: 'invalid_request_error', param: null, code: null } });
    const noMessages = await postOpenAIChat(mock.url, { model: 'gpt-4o' });
    expect(noMessages.status).toBe(400);
    expect(await noMessages.json()).toEqual({
      error: {
        message: "Missing required parameter: 'messages'.",
        type: 'invalid_request_error',
        param: 'messages',
        code: 'missing_required_parameter',
      },
    });
  });
});

describe('Anthropic messages', () => {
  it('answers JSON with the echo, usage and the real envelope', async () => {
    const body = await anthropicJson({ system: 'be brief' });
    expect(body).toEqual({
      id: 'msg_mock_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-test',
      content: [{ type: 'text', text: 'mock reply to: what is the capital of France' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 8,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 9,
        service_tier: 'standard',
      },
    });
  });

  it('streams the full event sequence with final usage in message_delta', async () => {
    const events = await anthropicStream({});
    const types = events.map((e) => e.type);
    expect(types).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[0]).toMatchObject({ message: { id: 'msg_mock_1', model: 'claude-test', content: [], usage: { input_tokens: 6 } } });
    expect(events[1]).toEqual({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    expect(anthropicText(events)).toBe('mock reply to: what is the capital of France');
    expect(events[7]).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 9 },
    });
  });

  it('answers string content and the last user text blocks', async () => {
    const body = await anthropicJson({
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: [{ type: 'text', text: 'second' }, { type: 'text', text: 'turn' }] },
      ],
    });
    expect(body.content).toEqual([{ type: 'text', text: 'mock reply to: second turn' }]);
    expect(body.usage.input_tokens).toBe(4);
  });

  it('uses one tool (first or forced), with input_json_delta fragments when streamed', async () => {
    const body = await anthropicJson({ tools: ANTHROPIC_TOOLS });
    expect(body.stop_reason).toBe('tool_use');
    expect(body.content).toEqual([
      { type: 'tool_use', id: 'toolu_mock_1', name: 'search', input: { query: 'what is the capital of France' } },
    ]);
    const forced = await anthropicJson({ tools: ANTHROPIC_TOOLS, tool_choice: { type: 'tool', name: 'lookup' } });
    expect(forced.content[0]).toMatchObject({ type: 'tool_use', name: 'lookup' });
    const none = await anthropicJson({ tools: ANTHROPIC_TOOLS, tool_choice: { type: 'none' } });
    expect(none.stop_reason).toBe('end_turn');

    const events = await anthropicStream({ tools: ANTHROPIC_TOOLS });
    expect(events[1]).toEqual({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'tool_use', id: 'toolu_mock_3', name: 'search', input: {} },
    });
    const fragments = events.flatMap((e) =>
      e.type === 'content_block_delta' && e.delta.type === 'input_json_delta' ? [e.delta.partial_json] : [],
    );
    expect(fragments.filter((f) => f !== '').length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(fragments.join(''))).toEqual({ query: 'what is the capital of France' });
    expect(events.find((e) => e.type === 'message_delta')).toMatchObject({ delta: { stop_reason: 'tool_use' } });
  });

  it('answers a tool_result with its content text', async () => {
    const body = await anthropicJson({
      tools: ANTHROPIC_TOOLS,
      messages: [
        ...USER,
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'search', input: {} }] },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'Paris it is' }] }],
        },
      ],
    });
    expect(body.content).toEqual([{ type: 'text', text: 'tool said: Paris it is' }]);
    expect(body.stop_reason).toBe('end_turn');
  });

  it('stops at a stop sequence and reports it', async () => {
    const body = await anthropicJson({ stop_sequences: ['capital'] });
    expect(body.content).toEqual([{ type: 'text', text: 'mock reply to: what is the ' }]);
    expect(body).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: 'capital', usage: { output_tokens: 6 } });
    const events = await anthropicStream({ stop_sequences: ['capital'] });
    expect(events.find((e) => e.type === 'message_delta')).toMatchObject({
      delta: { stop_reason: 'stop_sequence', stop_sequence: 'capital' },
      usage: { output_tokens: 6 },
    });
  });

  it('truncates to max_tokens words and reports max_tokens', async () => {
    const body = await anthropicJson({ max_tokens: 2 });
    expect(body.content).toEqual([{ type: 'text', text: 'mock reply' }]);
    expect(body).toMatchObject({ stop_reason: 'max_tokens', stop_sequence: null, usage: { output_tokens: 2 } });
  });

  it('validates like the real API: max_tokens, anthropic-version, JSON', async () => {
    const noMax = await postAnthropicMessages(mock.url, { model: 'claude-test', messages: USER });
    expect(noMax.status).toBe(400);
    expect(await noMax.json()).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
    });
    const noVersion = await postJson(`${mock.url}/v1/messages`, { model: 'claude-test', max_tokens: 5, messages: USER });
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' },
    });
    const badJson = await postAnthropicMessages(mock.url, 'not json');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });

  it('rejects a duplicated anthropic-version header (a gateway forwarding and adding it)', async () => {
    const res = await postJson(
      `${mock.url}/v1/messages`,
      { model: 'claude-test', max_tokens: 5, messages: USER },
      { 'anthropic-version': `${ANTHROPIC_VERSION}, ${ANTHROPIC_VERSION}` },
    );
    expect(res.status).toBe(400);
  });

  it('counts tokens the same way usage does', async () => {
    const res = await postJson(
      `${mock.url}/v1/messages/count_tokens`,
      { model: 'claude-test', system: 'be brief', messages: USER },
      { 'anthropic-version': ANTHROPIC_VERSION },
    );
    expect(await res.json()).toEqual({ input_tokens: 8 });
  });
});
