import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Surface } from '../../errors/error-envelope.js';
import { PROTOCOLS } from '../protocol-registry.js';
import { fastValid } from './index.js';

const sys = { role: 'system', content: 'You are a terse assistant.' };
const user = { role: 'user', content: 'hi' };
const call = { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } };
const oaTool = { type: 'function', function: { name: 'get_weather', description: 'd', parameters: { type: 'object', properties: {} }, strict: true } };
const oa = { model: 'openai/gpt-4o-mini', messages: [sys, user] };

const textBlock = { type: 'text', text: 'hi' };
const anTool = { name: 'get_weather', description: 'd', input_schema: { type: 'object' } };
const an = { model: 'anthropic/claude-haiku', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] };

/** Common, valid bodies: every one must take the fast path. */
const VALID: Array<[string, Surface, Record<string, unknown>]> = [
  ['openai: the benchmark body', 'openai', { ...oa, max_tokens: 64 }],
  ['openai: stream with usage', 'openai', { ...oa, stream: true, stream_options: { include_usage: true } }],
  ['openai: every role, tool calls', 'openai', {
    model: 'm',
    messages: [
      sys,
      { role: 'developer', content: 'be kind', name: 'ops' },
      { role: 'user', content: 'weather?', name: 'ann' },
      { role: 'assistant', content: null, tool_calls: [call] },
      { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      { role: 'assistant', content: 'It is sunny.' },
      { role: 'assistant', tool_calls: [call], refusal: null },
      { role: 'assistant', content: null, refusal: 'no' },
    ],
  }],
  ['openai: text and image parts', 'openai', {
    model: 'm',
    messages: [
      { role: 'system', content: [{ type: 'text', text: 'a' }] },
      { role: 'user', content: [{ type: 'text', text: 'what?' }, { type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'low' } }] },
      { role: 'assistant', content: [{ type: 'text', text: 'a cat' }, { type: 'refusal', refusal: 'no' }] },
    ],
  }],
  ['openai: every scalar parameter', 'openai', {
    ...oa,
    stream: false, stream_options: null, temperature: 2, top_p: 1, n: 1, max_tokens: 1, max_completion_tokens: 100,
    stop: ['a', 'b', 'c', 'd'], user: 'u', seed: -7, presence_penalty: -2, frequency_penalty: 2, logprobs: true,
    top_logprobs: 20, store: false, parallel_tool_calls: true, metadata: { k: 'v' }, logit_bias: { '50256': -100 },
  }],
  ['openai: nulls for nullish parameters', 'openai', {
    ...oa, stream: null, temperature: null, top_p: null, n: null, max_tokens: null, stop: null, seed: null, metadata: null, store: null,
  }],
  ['openai: tools, tool_choice, response_format', 'openai', {
    ...oa, tools: [oaTool, { type: 'function', function: { name: 'f' } }], tool_choice: 'auto',
    response_format: { type: 'json_schema', json_schema: { name: 's', schema: { type: 'object' }, strict: null } },
  }],
  ['openai: named tool choice, json_object, string stop', 'openai', {
    ...oa, tools: [oaTool], tool_choice: { type: 'function', function: { name: 'get_weather' } }, response_format: { type: 'json_object' }, stop: 'END',
  }],
  ['openai: unknown keys everywhere', 'openai', {
    ...oa, x_vendor: { a: 1 }, messages: [{ ...user, x: 1 }], stream_options: { include_usage: false, extra: true },
  }],
  ['anthropic: the minimal body', 'anthropic', an],
  ['anthropic: system string, every scalar parameter', 'anthropic', {
    ...an, system: 'be terse', stream: true, temperature: 1, top_p: 0.9, top_k: 0, stop_sequences: ['\n\nHuman:'], metadata: { user_id: 'u1' },
  }],
  ['anthropic: text blocks with cache_control', 'anthropic', {
    ...an,
    system: [{ type: 'text', text: 'sys', cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: [textBlock, { type: 'text', text: 'more', cache_control: null }] }, { role: 'assistant', content: 'ok' }],
  }],
  ['anthropic: tool use round trip', 'anthropic', {
    ...an,
    tools: [anTool, { type: 'web_search_20250305', name: 'web_search' }],
    tool_choice: { type: 'auto', disable_parallel_tool_use: true },
    messages: [
      { role: 'user', content: 'weather?' },
      { role: 'assistant', content: [textBlock, { type: 'tool_use', id: 'tu_1', name: 'get_weather', input: { city: 'Oslo' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu_1', content: [textBlock], is_error: false }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu_1', content: 'sunny' }] },
    ],
  }],
  ['anthropic: image, thinking, tool choice by name, metadata null user', 'anthropic', {
    ...an,
    tool_choice: { type: 'tool', name: 'get_weather' },
    tools: [anTool],
    metadata: { user_id: null },
    messages: [
      { role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } }, textBlock] },
      { role: 'assistant', content: [{ type: 'thinking', thinking: 'hmm', signature: 's' }, { type: 'redacted_thinking', data: 'x' }, textBlock] },
      { role: 'user', content: [{ type: 'search_result', anything: 1 }] },
    ],
  }],
];

describe('fastValid on common valid bodies', () => {
  it.each(VALID)('%s', (_name, surface, body) => {
    expect(fastValid(surface, body)).toBe(true);
    const parsed = PROTOCOLS[surface].requestSchema.safeParse(body);
    expect(parsed.success).toBe(true);
    // The fast path hands the body on as is: zod's copy must not differ from it.
    expect(isDeepStrictEqual(parsed.data, body)).toBe(true);
  });
});

describe('fastValid defers to zod', () => {
  it.each<[string, Surface, unknown]>([
    ['a non-object body', 'openai', []],
    ['an empty model', 'openai', { ...oa, model: '' }],
    ['no messages', 'openai', { ...oa, messages: [] }],
    ['an unknown role', 'openai', { ...oa, messages: [{ role: 'bot', content: 'x' }] }],
    ['five stop strings', 'openai', { ...oa, stop: ['a', 'b', 'c', 'd', 'e'] }],
    ['a fractional max_tokens', 'openai', { ...oa, max_tokens: 1.5 }],
    ['top_p above 1', 'openai', { ...oa, top_p: 1.0001 }],
    ['an assistant with nothing', 'openai', { ...oa, messages: [{ role: 'assistant', content: null }] }],
    ['null user (optional only)', 'openai', { ...oa, user: null }],
    ['an own __proto__ key, which zod drops', 'openai', JSON.parse('{"model":"m","messages":[{"role":"user","content":"x"}],"__proto__":{"a":1}}')],
    ['metadata with a symbol key (zod rejects the key)', 'openai', { ...oa, metadata: { k: 'v', [Symbol('s')]: 'x' } }],
    ['a Date where an object goes (zod copies it to {})', 'openai', { ...oa, stream_options: new Date(0) }],
    ['anthropic without max_tokens', 'anthropic', { model: 'm', messages: [{ role: 'user', content: 'x' }] }],
    ['anthropic max_tokens 0', 'anthropic', { ...an, max_tokens: 0 }],
    ['anthropic null system', 'anthropic', { ...an, system: null }],
    ['anthropic temperature above 1', 'anthropic', { ...an, temperature: 1.5 }],
    ['anthropic custom tool without input_schema', 'anthropic', { ...an, tools: [{ name: 't' }] }],
    ['anthropic text block without text', 'anthropic', { ...an, messages: [{ role: 'user', content: [{ type: 'text' }] }] }],
  ])('%s', (_name, surface, body) => {
    expect(fastValid(surface, body)).toBe(false);
  });
});
