import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../canonical/types.js';
import { TranslationError } from '../../canonical/translation-errors.js';
import { decodeAnthropicRequest } from './decode-request.js';
import { encodeAnthropicRequest } from './encode-request.js';
import { anthropicMessagesRequestSchema } from './request-schema.js';

const options = { defaultMaxTokens: 4096 };
const hi: CanonicalRequest['messages'] = [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }];
const base: CanonicalRequest = { model: 'claude-sonnet-4-5', messages: hi, stream: false };
const baseOut = { model: 'claude-sonnet-4-5', max_tokens: 4096, stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] };

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const tool = { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } };
const wireTool = { name: 'get_weather', description: 'Weather', input_schema: tool.parameters };

describe('encodeAnthropicRequest', () => {
  it.each<[string, Partial<CanonicalRequest>, Record<string, unknown>]>([
    ['a minimal request with the default max_tokens', {}, {}],
    ['maxTokens, system, sampling, stop, stream, user', { maxTokens: 10, system: 'Be brief.', temperature: 0.5, topP: 0.8, stop: ['END'], stream: true, user: 'u' }, { max_tokens: 10, system: 'Be brief.', temperature: 0.5, top_p: 0.8, stop_sequences: ['END'], stream: true, metadata: { user_id: 'u' } }],
    ['an empty system and empty stop list are omitted', { system: '', stop: [] }, {}],
    ['temperature above 1, clamped', { temperature: 1.7 }, { temperature: 1 }],
    ['n: 1 is fine', { n: 1 }, {}],
    ['tools without a choice', { tools: [tool] }, { tools: [wireTool] }],
    ['toolChoice auto', { tools: [tool], toolChoice: 'auto' }, { tools: [wireTool], tool_choice: { type: 'auto' } }],
    ['toolChoice required', { tools: [tool], toolChoice: 'required' }, { tools: [wireTool], tool_choice: { type: 'any' } }],
    ['toolChoice none', { tools: [tool], toolChoice: 'none', parallelToolCalls: false }, { tools: [wireTool], tool_choice: { type: 'none' } }],
    ['toolChoice by name', { tools: [tool], toolChoice: { name: 'get_weather' } }, { tools: [wireTool], tool_choice: { type: 'tool', name: 'get_weather' } }],
    ['parallelToolCalls false alone', { tools: [tool], parallelToolCalls: false }, { tools: [wireTool], tool_choice: { type: 'auto', disable_parallel_tool_use: true } }],
    ['parallelToolCalls false with required', { tools: [tool], toolChoice: 'required', parallelToolCalls: false }, { tools: [wireTool], tool_choice: { type: 'any', disable_parallel_tool_use: true } }],
    ['toolChoice without tools is dropped', { toolChoice: 'none' }, {}],
    ['response_format text changes nothing', { responseFormat: { type: 'text' } }, {}],
    [
      'json_object, emulated with a forced tool',
      { responseFormat: { type: 'json_object' } },
      {
        tools: [{ name: '__gateway_json_output', description: expect.any(String), input_schema: { type: 'object' } }],
        tool_choice: { type: 'tool', name: '__gateway_json_output', disable_parallel_tool_use: true },
      },
    ],
    [
      'json_schema, emulated with a forced tool carrying the schema',
      { responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object', properties: { a: { type: 'number' } }, required: ['a'] }, strict: true } },
      {
        tools: [{ name: '__gateway_json_output', description: expect.any(String), input_schema: { type: 'object', properties: { a: { type: 'number' } }, required: ['a'] } }],
        tool_choice: { type: 'tool', name: '__gateway_json_output', disable_parallel_tool_use: true },
      },
    ],
    [
      'tool calls and results; empty text dropped; tool results moved first',
      {
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Weather?' }, { type: 'image', source: { kind: 'url', url: 'https://e.com/a.png' }, detail: 'high' }] },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: '' },
              { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
              { type: 'tool_call', id: 'call_2', name: 'now', arguments: '' },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'and now?' },
              { type: 'tool_result', toolCallId: 'call_1', content: '18C' },
              { type: 'tool_result', toolCallId: 'call_2', content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVB' } }], isError: true },
            ],
          },
          { role: 'assistant', content: [{ type: 'text', text: '' }] },
        ],
      },
      {
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Weather?' }, { type: 'image', source: { type: 'url', url: 'https://e.com/a.png' } }] },
          {
            role: 'assistant',
            content: [
              { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
              { type: 'tool_use', id: 'call_2', name: 'now', input: {} },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'call_1', content: '18C' },
              { type: 'tool_result', tool_use_id: 'call_2', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVB' } }], is_error: true },
              { type: 'text', text: 'and now?' },
            ],
          },
          { role: 'assistant', content: [{ type: 'text', text: '' }] },
        ],
      },
    ],
  ])('encodes %s', (_name, extra, expected) => {
    expect(encodeAnthropicRequest({ ...base, ...extra }, options)).toEqual({ ...baseOut, ...expected });
  });

  const assistantCall = (args: string): Partial<CanonicalRequest> => ({
    messages: [...hi, { role: 'assistant', content: [{ type: 'text', text: 'x' }, { type: 'tool_call', id: 'c', name: 'f', arguments: args }] }],
  });
  it.each<[string, Partial<CanonicalRequest>, string]>([
    ['n > 1', { n: 2 }, 'n'],
    ['response_format with tools', { tools: [tool], responseFormat: { type: 'json_object' } }, 'response_format'],
    ['tool call arguments that are not JSON', assistantCall('{"city": "Par'), 'messages[1].content[1].arguments'],
    ['tool call arguments that are a JSON array', assistantCall('[1,2]'), 'messages[1].content[1].arguments'],
    ['tool call arguments that are JSON null', assistantCall('null'), 'messages[1].content[1].arguments'],
  ])('rejects %s naming %s', (_name, extra, param) => {
    const error = thrown(() => encodeAnthropicRequest({ ...base, ...extra }, options));
    expect(error).toBeInstanceOf(TranslationError);
    expect(error).toMatchObject({ param });
  });

  // Canonical -> Anthropic -> (schema) -> canonical gives back what went in.
  it.each<[string, Partial<CanonicalRequest>]>([
    ['system, sampling, stop, user, stream', { maxTokens: 50, system: 'S', temperature: 0.3, topP: 0.5, stop: ['a', 'b'], user: 'u', stream: true }],
    ['tools with choices', { maxTokens: 50, tools: [tool, { name: 'x', parameters: { type: 'object' } }], toolChoice: { name: 'x' }, parallelToolCalls: false }],
    [
      'a multi-turn tool conversation with images',
      {
        maxTokens: 50,
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'q' }, { type: 'image', source: { kind: 'base64', mediaType: 'image/webp', data: 'UklG' } }] },
          { role: 'assistant', content: [{ type: 'text', text: 'calling' }, { type: 'tool_call', id: 't1', name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
          { role: 'user', content: [{ type: 'tool_result', toolCallId: 't1', content: [{ type: 'text', text: '-3C' }], isError: true }, { type: 'text', text: 'thanks' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'Cold.' }] },
        ],
      },
    ],
  ])('round-trips %s', (_name, extra) => {
    const req: CanonicalRequest = { ...base, ...extra };
    const wire = encodeAnthropicRequest(req, options);
    expect(decodeAnthropicRequest(anthropicMessagesRequestSchema.parse(wire))).toEqual(req);
  });

  it('produces bodies the request schema accepts, including JSON mode', () => {
    const req: CanonicalRequest = { ...base, responseFormat: { type: 'json_schema', name: 'a', schema: { type: 'object' } } };
    expect(anthropicMessagesRequestSchema.safeParse(encodeAnthropicRequest(req, options)).success).toBe(true);
  });

  it('does not mutate its input, nor share objects a caller could edit', () => {
    const req: CanonicalRequest = {
      ...base,
      stop: ['x'],
      tools: [tool],
      responseFormat: undefined,
      messages: [...hi, { role: 'assistant', content: [{ type: 'tool_call', id: 'c', name: 'f', arguments: '{"a":{"b":1}}' }] }, { role: 'user', content: [{ type: 'text', text: 'more' }, { type: 'tool_result', toolCallId: 'c', content: 'ok' }] }],
    };
    const before = structuredClone(req);
    const wire = encodeAnthropicRequest(req, options);
    (wire.tools as Array<{ input_schema: Record<string, unknown> }>)[0]!.input_schema.extra = true;
    (wire.stop_sequences as string[]).push('y');
    expect(req).toEqual(before);
  });
});
