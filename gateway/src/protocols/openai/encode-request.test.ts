import { describe, it, expect } from 'vitest';
import type { CanonicalRequest } from '../../canonical/types.js';
import { TranslationError } from '../../canonical/translation-errors.js';
import { decodeOpenAIRequest } from './decode-request.js';
import { encodeOpenAIRequest } from './encode-request.js';
import { openaiChatRequestSchema } from './request-schema.js';

const options = { defaultMaxTokens: 4096 };
const text = (t: string) => ({ type: 'text' as const, text: t });
const userSays = (t: string): CanonicalRequest['messages'][number] => ({ role: 'user', content: [text(t)] });
const weatherTool = {
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

/** Canonical requests already in the form decode produces, so encode-then-decode is identity. */
const roundTripCases: Array<[string, CanonicalRequest]> = [
  ['plain chat', { model: 'gpt-4o', stream: false, messages: [userSays('hello')] }],
  ['system prompt and sampling', {
    model: 'm', stream: false, system: 'You are terse.\n\nAnswer in French.', messages: [userSays('hi')],
    temperature: 0.7, topP: 0.5, maxTokens: 256, user: 'user-42', n: 1,
  }],
  ['stop sequences', { model: 'm', stream: true, messages: [userSays('count')], stop: ['\n', 'END'] }],
  ['tools with forced choice', {
    model: 'm', stream: false, messages: [userSays('weather in Paris?')],
    tools: [weatherTool, { name: 'noop', parameters: { type: 'object', properties: {} } }],
    toolChoice: { name: 'get_weather' }, parallelToolCalls: true,
  }],
  ['tool choice none', { model: 'm', stream: false, messages: [userSays('x')], tools: [weatherTool], toolChoice: 'none' }],
  ['multi-turn with parallel tool calls and results', {
    model: 'm', stream: false, tools: [weatherTool],
    messages: [
      userSays('weather in Paris and Rome?'),
      {
        role: 'assistant',
        content: [
          text('Checking both.'),
          { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'tool_call', id: 'call_2', name: 'get_weather', arguments: '{ "city": "Rome" }' },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', toolCallId: 'call_1', content: '18C' },
          { type: 'tool_result', toolCallId: 'call_2', content: '24C' },
          text('and tomorrow?'),
        ],
      },
      { role: 'assistant', content: [{ type: 'tool_call', id: 'call_3', name: 'get_weather', arguments: '{}' }] },
      { role: 'user', content: [{ type: 'tool_result', toolCallId: 'call_3', content: 'unknown' }] },
      { role: 'assistant', content: [text('Sorry, no forecast.')] },
    ],
  }],
  ['images', {
    model: 'm', stream: false,
    messages: [{
      role: 'user',
      content: [
        text('compare'),
        { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' }, detail: 'low' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/4AAQ' } },
      ],
    }],
  }],
  ['image alone', {
    model: 'm', stream: false,
    messages: [{ role: 'user', content: [{ type: 'image', source: { kind: 'url', url: 'https://x/y.gif' } }] }],
  }],
  ['json_schema', {
    model: 'm', stream: false, messages: [userSays('json please')],
    responseFormat: { type: 'json_schema', name: 'person', schema: { type: 'object', properties: { name: { type: 'string' } } }, strict: true },
  }],
  ['json_object', { model: 'm', stream: false, messages: [userSays('json')], responseFormat: { type: 'json_object' } }],
  ['text format', { model: 'm', stream: false, messages: [userSays('t')], responseFormat: { type: 'text' } }],
  ['assistant with several text parts', {
    model: 'm', stream: false,
    messages: [userSays('a'), { role: 'assistant', content: [text('one'), text('two')] }, userSays('b')],
  }],
  ['user with several text parts', { model: 'm', stream: false, messages: [{ role: 'user', content: [text('a'), text('b')] }] }],
];

function roundTrip(req: CanonicalRequest): CanonicalRequest {
  return decodeOpenAIRequest(openaiChatRequestSchema.parse(encodeOpenAIRequest(req, options)));
}

describe('encodeOpenAIRequest', () => {
  it.each(roundTripCases)('round-trips %s through the OpenAI wire format', (_name, req) => {
    expect(roundTrip(req)).toEqual(req);
  });

  it.each(roundTripCases)('does not mutate %s', (_name, req) => {
    const before = structuredClone(req);
    encodeOpenAIRequest(req, options);
    expect(req).toEqual(before);
  });

  it.each<[string, CanonicalRequest, Record<string, unknown>]>([
    ['stream asks for usage and the limit is max_completion_tokens', {
      model: 'm', stream: true, messages: [userSays('hi')], maxTokens: 10, system: 'sys',
    }, {
      model: 'm',
      messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: 'hi' }],
      max_completion_tokens: 10,
      stream: true,
      stream_options: { include_usage: true },
    }],
    ['tool results split into tool messages before the user text', {
      model: 'm', stream: false,
      messages: [{
        role: 'user',
        content: [
          text('first'),
          { type: 'tool_result', toolCallId: 'a', content: [text('x'), text('y')], isError: true },
          { type: 'tool_result', toolCallId: 'b', content: 'z' },
        ],
      }],
    }, {
      model: 'm',
      messages: [
        { role: 'tool', tool_call_id: 'a', content: 'x\n\ny' },
        { role: 'tool', tool_call_id: 'b', content: 'z' },
        { role: 'user', content: 'first' },
      ],
      stream: false,
    }],
    ['assistant tool calls only have null content', {
      model: 'm', stream: false,
      messages: [{ role: 'assistant', content: [{ type: 'tool_call', id: 'c', name: 'f', arguments: '{"k":"v"}' }] }],
    }, {
      model: 'm',
      messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{"k":"v"}' } }] }],
      stream: false,
    }],
    ['tool_choice and parallel_tool_calls dropped without tools; empty tools and stop omitted', {
      model: 'm', stream: false, messages: [userSays('x')], tools: [], stop: [], toolChoice: 'auto', parallelToolCalls: false,
    }, {
      model: 'm', messages: [{ role: 'user', content: 'x' }], stream: false,
    }],
  ])('%s', (_name, req, expected) => {
    expect(encodeOpenAIRequest(req, options)).toEqual(expected);
  });

  it('rejects an image inside a tool result, naming where', () => {
    const req: CanonicalRequest = {
      model: 'm', stream: false,
      messages: [
        userSays('x'),
        {
          role: 'user',
          content: [{
            type: 'tool_result', toolCallId: 't',
            content: [text('see'), { type: 'image', source: { kind: 'url', url: 'https://x/i.png' } }],
          }],
        },
      ],
    };
    expect(() => encodeOpenAIRequest(req, options)).toThrow(TranslationError);
    expect(() => encodeOpenAIRequest(req, options)).toThrow(expect.objectContaining({ param: 'messages[1].content[0].content[1]' }));
  });
});
