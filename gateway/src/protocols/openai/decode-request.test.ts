import { describe, it, expect } from 'vitest';
import type { CanonicalRequest } from '../../canonical/types.js';
import { TranslationError } from '../../canonical/translation-errors.js';
import { decodeOpenAIRequest } from './decode-request.js';
import { openaiChatRequestSchema } from './request-schema.js';

/** Decodes a raw body the way the gateway does: schema first. */
function decode(body: unknown): CanonicalRequest {
  return decodeOpenAIRequest(openaiChatRequestSchema.parse(body));
}

const hi = { role: 'user', content: 'hi' };
const callF = { id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a": 1}' } };
const callG = { id: 'c2', type: 'function', function: { name: 'g', arguments: '{}' } };

describe('decodeOpenAIRequest', () => {
  it.each<[string, Record<string, unknown>, CanonicalRequest]>([
    ['a minimal request', { model: 'gpt-4o', messages: [hi] }, {
      model: 'gpt-4o', stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    }],
    ['system and developer messages hoisted in order', {
      model: 'm',
      messages: [
        { role: 'system', content: 'one' },
        hi,
        { role: 'developer', content: [{ type: 'text', text: 'two' }, { type: 'text', text: 'three' }] },
      ],
    }, {
      model: 'm', stream: false, system: 'one\n\ntwo\n\nthree',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    }],
    ['images: data URL to base64, others to url, detail kept', {
      model: 'm',
      messages: [{
        role: 'user',
        content: [
          { type: 'text', text: 'look' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0K', detail: 'high' } },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
        ],
      }],
    }, {
      model: 'm', stream: false,
      messages: [{
        role: 'user',
        content: [
          { type: 'text', text: 'look' },
          { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0K' }, detail: 'high' },
          { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.jpg' } },
        ],
      }],
    }],
    ['parallel tool calls, merged tool results and the user message after them', {
      model: 'm',
      messages: [
        hi,
        { role: 'assistant', content: 'calling', tool_calls: [callF, callG] },
        { role: 'tool', tool_call_id: 'c1', content: 'r1' },
        { role: 'tool', tool_call_id: 'c2', content: [{ type: 'text', text: 'r2' }] },
        { role: 'user', content: 'thanks' },
        { role: 'assistant', content: 'welcome' },
      ],
    }, {
      model: 'm', stream: false,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'calling' },
            { type: 'tool_call', id: 'c1', name: 'f', arguments: '{"a": 1}' },
            { type: 'tool_call', id: 'c2', name: 'g', arguments: '{}' },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', toolCallId: 'c1', content: 'r1' },
            { type: 'tool_result', toolCallId: 'c2', content: [{ type: 'text', text: 'r2' }] },
            { type: 'text', text: 'thanks' },
          ],
        },
        { role: 'assistant', content: [{ type: 'text', text: 'welcome' }] },
      ],
    }],
    ['two plain user messages stay two', { model: 'm', messages: [hi, hi] }, {
      model: 'm', stream: false,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      ],
    }],
    ['assistant refusal becomes text', {
      model: 'm', messages: [hi, { role: 'assistant', content: null, refusal: 'I cannot' }, hi],
    }, {
      model: 'm', stream: false,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'I cannot' }] },
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      ],
    }],
    ['every option', {
      model: 'm',
      messages: [hi],
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 100,
      max_completion_tokens: 50,
      temperature: 0.2,
      top_p: 0.9,
      stop: 'END',
      tools: [
        { type: 'function', function: { name: 'f', description: 'does f', parameters: { type: 'object', properties: { a: { type: 'number' } } } } },
        { type: 'function', function: { name: 'g' } },
      ],
      tool_choice: { type: 'function', function: { name: 'f' } },
      parallel_tool_calls: false,
      response_format: { type: 'json_schema', json_schema: { name: 'out', schema: { type: 'object' }, strict: true } },
      user: 'u-1',
      n: 2,
      seed: 1,
    }, {
      model: 'm', stream: true,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      maxTokens: 50,
      temperature: 0.2,
      topP: 0.9,
      stop: ['END'],
      tools: [
        { name: 'f', description: 'does f', parameters: { type: 'object', properties: { a: { type: 'number' } } } },
        { name: 'g', parameters: { type: 'object', properties: {} } },
      ],
      toolChoice: { name: 'f' },
      parallelToolCalls: false,
      responseFormat: { type: 'json_schema', name: 'out', schema: { type: 'object' }, strict: true },
      user: 'u-1',
      n: 2,
    }],
    ['max_tokens when max_completion_tokens is absent; string tool_choice; json_object', {
      model: 'm', messages: [hi], max_tokens: 7, tool_choice: 'required', response_format: { type: 'json_object' },
    }, {
      model: 'm', stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      maxTokens: 7, toolChoice: 'required', responseFormat: { type: 'json_object' },
    }],
    ['json_schema without a schema', {
      model: 'm', messages: [hi], response_format: { type: 'json_schema', json_schema: { name: 'any' } },
    }, {
      model: 'm', stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      responseFormat: { type: 'json_schema', name: 'any', schema: {} },
    }],
  ])('%s', (_name, body, expected) => {
    expect(decode(body)).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['audio input', { model: 'm', messages: [hi, { role: 'user', content: [{ type: 'text', text: 'x' }, { type: 'input_audio', input_audio: { data: 'A', format: 'wav' } }] }] }, 'messages[1].content[1].type'],
    ['file input', { model: 'm', messages: [{ role: 'user', content: [{ type: 'file', file: { file_id: 'f' } }] }] }, 'messages[0].content[0].type'],
    ['legacy function_call in history', { model: 'm', messages: [hi, { role: 'assistant', content: null, function_call: { name: 'f', arguments: '{}' } }] }, 'messages[1].function_call'],
  ])('rejects %s naming %s', (_name, body, param) => {
    expect(() => decode(body)).toThrow(TranslationError);
    expect(() => decode(body)).toThrow(expect.objectContaining({ param }));
  });

  it('does not mutate its input', () => {
    const body = openaiChatRequestSchema.parse({
      model: 'm',
      stop: ['x'],
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
      messages: [
        { role: 'system', content: 's' },
        hi,
        { role: 'assistant', content: null, tool_calls: [callF] },
        { role: 'tool', tool_call_id: 'c1', content: 'r' },
        { role: 'user', content: [{ type: 'text', text: 'more' }] },
      ],
    });
    const before = structuredClone(body);
    const decoded = decodeOpenAIRequest(body);
    expect(body).toEqual(before);
    // The result must not alias arrays the caller could later change under it.
    expect(decoded.stop).not.toBe(body.stop);
  });
});
