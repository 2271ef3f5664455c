import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../canonical/types.js';
import { TranslationError } from '../../canonical/translation-errors.js';
import { decodeAnthropicRequest } from './decode-request.js';
import { encodeAnthropicRequest } from './encode-request.js';
import { anthropicMessagesRequestSchema } from './request-schema.js';

const base = { model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] };
const decode = (body: unknown) => decodeAnthropicRequest(anthropicMessagesRequestSchema.parse(body));
const baseOut: CanonicalRequest = {
  model: 'claude-sonnet-4-5',
  maxTokens: 100,
  stream: false,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
};

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('decodeAnthropicRequest', () => {
  it.each<[string, Record<string, unknown>, Partial<CanonicalRequest>]>([
    ['a minimal body', {}, {}],
    ['a system string', { system: 'Be brief.' }, { system: 'Be brief.' }],
    [
      'system text blocks, joined by a blank line',
      { system: [{ type: 'text', text: 'One.', cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'Two.' }] },
      { system: 'One.\n\nTwo.' },
    ],
    ['an empty system block list', { system: [] }, {}],
    [
      'sampling, stop sequences, stream, user; top_k dropped',
      { temperature: 0.2, top_p: 0.9, top_k: 5, stop_sequences: ['END'], stream: true, metadata: { user_id: 'u-1' } },
      { temperature: 0.2, topP: 0.9, stop: ['END'], stream: true, user: 'u-1' },
    ],
    ['metadata.user_id null', { metadata: { user_id: null } }, {}],
    [
      'custom tools',
      { tools: [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }, { type: 'custom', name: 'noop', input_schema: { type: 'object' } }] },
      {
        tools: [
          { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
          { name: 'noop', parameters: { type: 'object' } },
        ],
      },
    ],
    ['tool_choice auto', { tool_choice: { type: 'auto' } }, { toolChoice: 'auto' }],
    ['tool_choice any', { tool_choice: { type: 'any' } }, { toolChoice: 'required' }],
    ['tool_choice none', { tool_choice: { type: 'none' } }, { toolChoice: 'none' }],
    ['tool_choice tool', { tool_choice: { type: 'tool', name: 'f' } }, { toolChoice: { name: 'f' } }],
    ['disable_parallel_tool_use true', { tool_choice: { type: 'auto', disable_parallel_tool_use: true } }, { toolChoice: 'auto', parallelToolCalls: false }],
    ['disable_parallel_tool_use false', { tool_choice: { type: 'any', disable_parallel_tool_use: false } }, { toolChoice: 'required', parallelToolCalls: true }],
    [
      'a multi-turn tool conversation with images; thinking dropped',
      {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Weather here?' },
              { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/' } },
              { type: 'image', source: { type: 'url', url: 'https://example.com/x.png' } },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'need the tool', signature: 'sig' },
              { type: 'text', text: 'Checking.' },
              { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris', days: [1, 2] } },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'toolu_1', content: '18C' },
              { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: 'fail' }, { type: 'image', source: { type: 'url', url: 'https://e.com/c.png' } }], is_error: true },
              { type: 'tool_result', tool_use_id: 'toolu_3' },
            ],
          },
          { role: 'assistant', content: 'It is 18C.' },
        ],
      },
      {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Weather here?' },
              { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/' } },
              { type: 'image', source: { kind: 'url', url: 'https://example.com/x.png' } },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'Checking.' },
              { type: 'tool_call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris","days":[1,2]}' },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', toolCallId: 'toolu_1', content: '18C' },
              {
                type: 'tool_result',
                toolCallId: 'toolu_2',
                content: [{ type: 'text', text: 'fail' }, { type: 'image', source: { kind: 'url', url: 'https://e.com/c.png' } }],
                isError: true,
              },
              { type: 'tool_result', toolCallId: 'toolu_3', content: '' },
            ],
          },
          { role: 'assistant', content: [{ type: 'text', text: 'It is 18C.' }] },
        ],
      },
    ],
  ])('decodes %s', (_name, extra, expected) => {
    expect(decode({ ...base, ...extra })).toEqual({ ...baseOut, ...expected });
  });

  const userBlocks = (...content: unknown[]) => ({ messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content }] });
  it.each<[string, Record<string, unknown>, string]>([
    ['a document block', userBlocks({ type: 'text', text: 'x' }, { type: 'document', source: { type: 'text', data: 'd', media_type: 'text/plain' } }), 'messages[2].content[1].type'],
    ['an unknown block type', userBlocks({ type: 'search_result', source: 's' }), 'messages[2].content[0].type'],
    ['tool_use in a user message', userBlocks({ type: 'tool_use', id: 't', name: 'f', input: {} }), 'messages[2].content[0].type'],
    [
      'an image in an assistant message',
      { messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: [{ type: 'image', source: { type: 'url', url: 'u' } }] }] },
      'messages[1].content[0].type',
    ],
    ['a Files API image', userBlocks({ type: 'image', source: { type: 'file', file_id: 'file_1' } }), 'messages[2].content[0].source.type'],
    [
      'a document inside a tool_result',
      userBlocks({ type: 'tool_result', tool_use_id: 't', content: [{ type: 'document', source: { type: 'text' } }] }),
      'messages[2].content[0].content[0].type',
    ],
    ['a server tool', { tools: [{ name: 'f', input_schema: {} }, { type: 'web_search_20250305', name: 'web_search' }] }, 'tools[1].type'],
  ])('rejects %s naming %s', (_name, extra, param) => {
    const error = thrown(() => decode({ ...base, ...extra }));
    expect(error).toBeInstanceOf(TranslationError);
    expect(error).toMatchObject({ param });
  });

  // Anthropic -> canonical -> Anthropic: a body already in block form comes back unchanged.
  it.each<[string, Record<string, unknown>]>([
    ['system, stop sequences, sampling', { system: 'S', stop_sequences: ['###'], temperature: 0.7, top_p: 0.95, metadata: { user_id: 'u' }, stream: true }],
    [
      'tools, tool_use and tool_result, images',
      {
        tools: [{ name: 'f', description: 'd', input_schema: { type: 'object', properties: {} } }],
        tool_choice: { type: 'any', disable_parallel_tool_use: true },
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'see' }, { type: 'image', source: { type: 'base64', media_type: 'image/gif', data: 'R0lG' } }] },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_9', name: 'f', input: { q: [1, { r: null }] } }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_9', content: 'done', is_error: true }, { type: 'text', text: 'next' }] },
        ],
      },
    ],
  ])('round-trips %s through canonical', (_name, extra) => {
    const body = { ...base, stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], ...extra };
    expect(encodeAnthropicRequest(decode(body), { defaultMaxTokens: 1 })).toEqual(body);
  });

  it('does not mutate its input', () => {
    const body = anthropicMessagesRequestSchema.parse({
      ...base,
      system: [{ type: 'text', text: 's' }],
      stop_sequences: ['x'],
      tools: [{ name: 'f', input_schema: { type: 'object' } }],
      messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: { a: 1 } }] }],
    });
    const before = structuredClone(body);
    const decoded = decodeAnthropicRequest(body);
    decoded.stop?.push('y');
    expect(body).toEqual(before);
  });
});
