import { describe, expect, it } from 'vitest';
import { anthropicMessagesRequestSchema } from './request-schema.js';

const base = { model: 'claude-sonnet-4-5', max_tokens: 256, messages: [{ role: 'user', content: 'Hi' }] };

describe('anthropicMessagesRequestSchema', () => {
  it.each([
    ['a minimal body', base],
    ['system as text blocks with cache_control', { ...base, system: [{ type: 'text', text: 'Be brief', cache_control: { type: 'ephemeral' } }] }],
    [
      'every known block type',
      {
        ...base,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'look' },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } },
              { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
              { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'doc' } },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'hmm', signature: 'sig' },
              { type: 'redacted_thinking', data: 'xx' },
              { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: '18C' }], is_error: false },
              { type: 'tool_result', tool_use_id: 'toolu_2' },
            ],
          },
        ],
      },
    ],
    ['an unknown block type (kept for pass-through)', { ...base, messages: [{ role: 'user', content: [{ type: 'search_result', x: 1 }] }] }],
    ['a server tool without input_schema', { ...base, tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }] }],
    [
      'custom tools and every tool_choice',
      {
        ...base,
        tools: [{ name: 'f', input_schema: { type: 'object' } }, { type: 'custom', name: 'g', description: 'd', input_schema: { type: 'object' } }],
        tool_choice: { type: 'tool', name: 'f', disable_parallel_tool_use: true },
      },
    ],
    ['sampling, stop and metadata', { ...base, temperature: 1, top_p: 0.9, top_k: 40, stop_sequences: ['END'], stream: true, metadata: { user_id: 'u1' } }],
  ])('accepts %s', (_name, body) => {
    const result = anthropicMessagesRequestSchema.safeParse(body);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });

  it('keeps unknown keys at every level', () => {
    const body = {
      ...base,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      service_tier: 'auto',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'x', citations: null, extra: 1 }], name: 'n' }],
    };
    expect(anthropicMessagesRequestSchema.parse(body)).toEqual(body);
  });

  it.each([
    ['model missing', { ...base, model: undefined }, 'model'],
    ['model empty', { ...base, model: '' }, 'model'],
    ['max_tokens missing', { ...base, max_tokens: undefined }, 'max_tokens'],
    ['max_tokens zero', { ...base, max_tokens: 0 }, 'max_tokens'],
    ['max_tokens fractional', { ...base, max_tokens: 1.5 }, 'max_tokens'],
    ['messages empty', { ...base, messages: [] }, 'messages'],
    ['bad role', { ...base, messages: [{ role: 'system', content: 'x' }] }, 'messages.0.role'],
    ['text block without text', { ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 'ok' }, { type: 'text' }] }] }, 'messages.0.content.1.text'],
    [
      'image base64 without data',
      { ...base, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png' } }] }] },
      'messages.0.content.0.source.data',
    ],
    [
      'image with an unknown source type',
      { ...base, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'ftp' } }] }] },
      'messages.0.content.0.source.type',
    ],
    [
      'tool_use input not an object',
      { ...base, messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: 'x' }] }] },
      'messages.0.content.0.input',
    ],
    [
      'tool_result without tool_use_id',
      { ...base, messages: [{ role: 'user', content: [{ type: 'tool_result', content: 'x' }] }] },
      'messages.0.content.0.tool_use_id',
    ],
    [
      'tool_result with a broken nested block',
      { ...base, messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: 3 }] }] }] },
      'messages.0.content.0.content.0.text',
    ],
    ['content neither string nor array', { ...base, messages: [{ role: 'user', content: 5 }] }, 'messages.0.content'],
    ['system blocks not text', { ...base, system: [{ type: 'image' }] }, 'system'],
    ['stop_sequences not strings', { ...base, stop_sequences: [1] }, 'stop_sequences.0'],
    ['temperature above 1', { ...base, temperature: 1.5 }, 'temperature'],
    ['top_k negative', { ...base, top_k: -1 }, 'top_k'],
    ['custom tool without input_schema', { ...base, tools: [{ name: 'f' }] }, 'tools.0.input_schema'],
    ['tool without name', { ...base, tools: [{ input_schema: {} }] }, 'tools.0.name'],
    ['tool_choice unknown type', { ...base, tool_choice: { type: 'maybe' } }, 'tool_choice.type'],
    ['tool_choice tool without name', { ...base, tool_choice: { type: 'tool' } }, 'tool_choice.name'],
    ['metadata.user_id not a string', { ...base, metadata: { user_id: 5 } }, 'metadata.user_id'],
  ])('rejects %s at %s', (_name, body, path) => {
    const result = anthropicMessagesRequestSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
