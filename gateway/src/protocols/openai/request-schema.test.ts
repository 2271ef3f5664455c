import { describe, it, expect } from 'vitest';
import { openaiChatRequestSchema } from './request-schema.js';

const user = { role: 'user', content: 'hi' };
const base = { model: 'gpt-4o', messages: [user] };

/** Path of the first issue, as zod reports it. */
function firstIssuePath(body: unknown): string | undefined {
  const result = openaiChatRequestSchema.safeParse(body);
  return result.success ? undefined : result.error.issues[0]?.path.join('.');
}

describe('openaiChatRequestSchema accepts', () => {
  it.each<[string, Record<string, unknown>]>([
    ['a minimal body', base],
    ['system, developer, user parts, assistant tool calls and tool results', {
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'developer', content: [{ type: 'text', text: 'be kind' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this?' },
            { type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'low' } },
          ],
        },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'ok' },
      ],
    }],
    ['audio, file and refusal parts (rejected only when translating)', {
      model: 'm',
      messages: [
        { role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAA', format: 'wav' } }, { type: 'file', file: { file_id: 'f' } }] },
        { role: 'assistant', content: [{ type: 'refusal', refusal: 'no' }] },
      ],
    }],
    ['every sampling and tool option', {
      ...base,
      stream: true,
      stream_options: { include_usage: true },
      tools: [{ type: 'function', function: { name: 'f', description: 'd', parameters: { type: 'object' }, strict: true } }],
      tool_choice: { type: 'function', function: { name: 'f' } },
      parallel_tool_calls: false,
      response_format: { type: 'json_schema', json_schema: { name: 's', schema: { type: 'object' }, strict: true } },
      stop: ['a', 'b', 'c', 'd'],
      temperature: 2,
      top_p: 0,
      n: 1,
      max_tokens: 10,
      max_completion_tokens: 20,
      user: 'u',
      seed: 7,
      presence_penalty: -1,
      frequency_penalty: 1,
      logit_bias: { '50256': -100 },
      logprobs: true,
      top_logprobs: 3,
      metadata: { k: 'v' },
      store: false,
    }],
    ['nulls that SDKs send for unset options', { ...base, temperature: null, top_p: null, stop: null, n: null, max_tokens: null, stream: null }],
    ['an assistant refusal without content', { model: 'm', messages: [{ role: 'assistant', refusal: 'no' }] }],
  ])('%s', (_name, body) => {
    expect(openaiChatRequestSchema.safeParse(body).success).toBe(true);
  });

  it('keeps unknown keys at every level', () => {
    const body = {
      ...base,
      reasoning_effort: 'low',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi', cache_control: { type: 'ephemeral' } }], extra: 1 }],
      tools: [{ type: 'function', function: { name: 'f', x_vendor: true } }],
    };
    expect(openaiChatRequestSchema.parse(body)).toEqual(body);
  });
});

describe('openaiChatRequestSchema rejects, naming the field path', () => {
  it.each<[string, unknown, string]>([
    ['missing model', { messages: [user] }, 'model'],
    ['empty model', { model: '', messages: [user] }, 'model'],
    ['empty messages', { model: 'm', messages: [] }, 'messages'],
    ['unknown role', { model: 'm', messages: [{ role: 'function', content: 'x' }] }, 'messages.0.role'],
    ['wrong content type', { model: 'm', messages: [{ role: 'user', content: 5 }] }, 'messages.0.content'],
    ['bad text in a part', { model: 'm', messages: [user, { role: 'user', content: [{ type: 'text', text: 1 }] }] }, 'messages.1.content.0.text'],
    ['unknown part type', { model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'video' }] }] }, 'messages.0.content.1.type'],
    ['image part in a system message', { model: 'm', messages: [{ role: 'system', content: [{ type: 'image_url', image_url: { url: 'u' } }] }] }, 'messages.0.content.0.type'],
    ['bad image detail', { model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'u', detail: 'max' } }] }] }, 'messages.0.content.0.image_url.detail'],
    ['assistant without content or tool calls', { model: 'm', messages: [{ role: 'assistant', content: null }] }, 'messages.0.content'],
    ['tool call arguments not text', { model: 'm', messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: {} } }] }] }, 'messages.0.tool_calls.0.function.arguments'],
    ['tool message without tool_call_id', { model: 'm', messages: [{ role: 'tool', content: 'x' }] }, 'messages.0.tool_call_id'],
    ['stream not boolean', { ...base, stream: 'yes' }, 'stream'],
    ['include_usage not boolean', { ...base, stream_options: { include_usage: 1 } }, 'stream_options.include_usage'],
    ['tool of another type', { ...base, tools: [{ type: 'web_search', function: { name: 'f' } }] }, 'tools.0.type'],
    ['tool without name', { ...base, tools: [{ type: 'function', function: {} }] }, 'tools.0.function.name'],
    ['unknown tool_choice', { ...base, tool_choice: 'any' }, 'tool_choice'],
    ['parallel_tool_calls not boolean', { ...base, parallel_tool_calls: 'no' }, 'parallel_tool_calls'],
    ['unknown response_format', { ...base, response_format: { type: 'xml' } }, 'response_format.type'],
    ['json_schema without name', { ...base, response_format: { type: 'json_schema', json_schema: {} } }, 'response_format.json_schema.name'],
    ['five stop sequences', { ...base, stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop'],
    ['temperature above 2', { ...base, temperature: 2.5 }, 'temperature'],
    ['top_p above 1', { ...base, top_p: 1.5 }, 'top_p'],
    ['n zero', { ...base, n: 0 }, 'n'],
    ['fractional max_tokens', { ...base, max_tokens: 1.5 }, 'max_tokens'],
    ['zero max_completion_tokens', { ...base, max_completion_tokens: 0 }, 'max_completion_tokens'],
    ['user not a string', { ...base, user: 42 }, 'user'],
  ])('%s -> %s', (_name, body, path) => {
    expect(firstIssuePath(body)).toBe(path);
  });
});
