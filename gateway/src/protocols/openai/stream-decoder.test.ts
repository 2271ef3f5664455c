import { describe, it, expect } from 'vitest';
import type { SseEvent, StreamEvent } from '../../canonical/types.js';
import { UpstreamProtocolError, UpstreamStreamError } from '../../canonical/translation-errors.js';
import { createOpenAIStreamDecoder } from './stream-decoder.js';

const head = { id: 'chatcmpl-A1', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-4o-2024-08-06', system_fingerprint: 'fp_1' };

/** One OpenAI chunk for choice 0, as OpenAI sends it with include_usage (usage: null). */
function chunk(delta: Record<string, unknown>, finishReason: string | null = null, extraChoice: Record<string, unknown> = {}): SseEvent {
  return { data: JSON.stringify({ ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason, ...extraChoice }], usage: null }) };
}
function usageChunk(usage: Record<string, unknown>): SseEvent {
  return { data: JSON.stringify({ ...head, choices: [], usage }) };
}
const done: SseEvent = { data: '[DONE]' };
const roleChunk = chunk({ role: 'assistant', content: '', refusal: null });
const usage = { prompt_tokens: 20, completion_tokens: 7, total_tokens: 27, prompt_tokens_details: { cached_tokens: 0 } };
const start: StreamEvent = { type: 'start', id: 'chatcmpl-A1', model: 'gpt-4o-2024-08-06' };

function decodeAll(events: SseEvent[]): StreamEvent[] {
  const decoder = createOpenAIStreamDecoder();
  return events.flatMap((e) => decoder.push(e));
}

describe('createOpenAIStreamDecoder', () => {
  it.each<[string, SseEvent[], StreamEvent[]]>([
    ['text with usage', [
      roleChunk, chunk({ content: 'Hel' }), chunk({ content: 'lo' }), chunk({}, 'stop'), usageChunk(usage), done,
    ], [
      start, { type: 'text', text: 'Hel' }, { type: 'text', text: 'lo' }, { type: 'finish', stopReason: 'end' },
      { type: 'usage', usage: { inputTokens: 20, outputTokens: 7, cachedInputTokens: 0 } },
    ]],
    ['parallel tool calls', [
      chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"ci' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: 'ty":"Paris"}' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 1, function: { arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
      usageChunk(usage),
      done,
    ], [
      start,
      { type: 'tool_call_start', index: 0, id: 'call_a', name: 'get_weather' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '{"ci' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: 'ty":"Paris"}' },
      { type: 'tool_call_start', index: 1, id: 'call_b', name: 'get_time' },
      { type: 'tool_call_delta', index: 1, argumentsDelta: '{}' },
      { type: 'finish', stopReason: 'tool_use' },
      { type: 'usage', usage: { inputTokens: 20, outputTokens: 7, cachedInputTokens: 0 } },
    ]],
    ['tool calls numbered from 0 whatever the upstream index', [
      roleChunk,
      chunk({ content: 'Checking.' }),
      chunk({ tool_calls: [{ index: 3, id: 'x', function: { name: 'f', arguments: '{"a":' } }] }),
      chunk({ tool_calls: [{ index: 3, function: { arguments: '1}' } }, { index: 5, id: 'y', function: { name: 'g', arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
      done,
    ], [
      start,
      { type: 'text', text: 'Checking.' },
      { type: 'tool_call_start', index: 0, id: 'x', name: 'f' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '{"a":' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '1}' },
      { type: 'tool_call_start', index: 1, id: 'y', name: 'g' },
      { type: 'tool_call_delta', index: 1, argumentsDelta: '{}' },
      { type: 'finish', stopReason: 'tool_use' },
    ]],
    ['a name arriving after the id holds the arguments back', [
      chunk({ tool_calls: [{ index: 0, id: 'c', function: { arguments: '{"q"' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { name: 'search', arguments: ':1}' } }] }),
      chunk({}, 'tool_calls'),
    ], [
      start,
      { type: 'tool_call_start', index: 0, id: 'c', name: 'search' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '{"q":1}' },
      { type: 'finish', stopReason: 'tool_use' },
    ]],
    ['fragments without index (keyed by id, then by the previous fragment)', [
      chunk({ tool_calls: [{ id: 'c1', function: { name: 'f', arguments: '{' } }] }),
      chunk({ tool_calls: [{ function: { arguments: '}' } }] }),
      chunk({ tool_calls: [{ id: 'c2', function: { name: 'g', arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
    ], [
      start,
      { type: 'tool_call_start', index: 0, id: 'c1', name: 'f' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '{' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '}' },
      { type: 'tool_call_start', index: 1, id: 'c2', name: 'g' },
      { type: 'tool_call_delta', index: 1, argumentsDelta: '{}' },
      { type: 'finish', stopReason: 'tool_use' },
    ]],
    ['forced tool call finishing with stop', [
      chunk({ tool_calls: [{ index: 0, id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] }),
      chunk({}, 'stop'),
    ], [
      start,
      { type: 'tool_call_start', index: 0, id: 'c', name: 'f' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '{}' },
      { type: 'finish', stopReason: 'tool_use' },
    ]],
    ['refusal', [roleChunk, chunk({ refusal: "I can't" }), chunk({ refusal: ' help.' }), chunk({}, 'stop'), done], [
      start, { type: 'text', text: "I can't" }, { type: 'text', text: ' help.' }, { type: 'finish', stopReason: 'refusal' },
    ]],
    ['length', [roleChunk, chunk({ content: 'a' }, 'length')], [
      start, { type: 'text', text: 'a' }, { type: 'finish', stopReason: 'max_tokens' },
    ]],
    ['content filter', [roleChunk, chunk({}, 'content_filter')], [start, { type: 'finish', stopReason: 'content_filter' }]],
    ['vLLM: extra fields, stop_reason string, continuous usage, usage at [DONE]', [
      { data: JSON.stringify({ id: 'chatcmpl-v', object: 'chat.completion.chunk', created: 1, model: 'llama', choices: [{ index: 0, delta: { role: 'assistant', content: '', reasoning_content: null }, logprobs: null, finish_reason: null }], usage: { prompt_tokens: 5, completion_tokens: 0, total_tokens: 5 } }) },
      { data: JSON.stringify({ id: 'chatcmpl-v', object: 'chat.completion.chunk', created: 1, model: 'llama', choices: [{ index: 0, delta: { content: 'ok' }, logprobs: null, finish_reason: null }], usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } }) },
      { data: JSON.stringify({ id: 'chatcmpl-v', object: 'chat.completion.chunk', created: 1, model: 'llama', choices: [{ index: 0, delta: { content: '' }, logprobs: null, finish_reason: 'stop', stop_reason: 'END' }], usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } }) },
      done,
    ], [
      { type: 'start', id: 'chatcmpl-v', model: 'llama' },
      { type: 'text', text: 'ok' },
      { type: 'finish', stopReason: 'stop_sequence', stopSequence: 'END' },
      { type: 'usage', usage: { inputTokens: 5, outputTokens: 2 } },
    ]],
    ['finish chunk without delta; events after [DONE] ignored', [
      { data: JSON.stringify({ ...head, choices: [{ index: 0, finish_reason: 'stop' }] }) },
      done,
      chunk({ content: 'late' }),
    ], [start, { type: 'finish', stopReason: 'end' }]],
    ['other choices ignored', [
      { data: JSON.stringify({ ...head, choices: [{ index: 1, delta: { content: 'B' }, finish_reason: null }, { index: 0, delta: { content: 'A' }, finish_reason: null }] }) },
    ], [start, { type: 'text', text: 'A' }]],
    ['Azure prompt filter chunk before the first real chunk', [
      { data: JSON.stringify({ choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: [{ prompt_index: 0, content_filter_results: {} }] }) },
      chunk({ content: 'x' }, null, { content_filter_results: { hate: { filtered: false, severity: 'safe' } } }),
    ], [start, { type: 'text', text: 'x' }]],
    ['blank data ignored', [{ data: '' }, { data: '  ' }], []],
  ])('%s', (_name, events, expected) => {
    expect(decodeAll(events)).toEqual(expected);
  });

  it('reports done only after [DONE]', () => {
    const decoder = createOpenAIStreamDecoder();
    decoder.push(roleChunk);
    expect(decoder.done).toBe(false);
    decoder.push(done);
    expect(decoder.done).toBe(true);
  });

  it.each<[string, SseEvent, Record<string, unknown>]>([
    ['OpenAI error chunk', { data: JSON.stringify({ error: { message: 'The server had an error', type: 'server_error', param: null, code: null } }) }, {
      message: 'The server had an error', type: 'server_error',
    }],
    ['vLLM error chunk', { data: JSON.stringify({ object: 'error', message: 'out of memory', type: 'InternalServerError', code: 500 }) }, {
      message: 'out of memory', type: 'InternalServerError', code: '500',
    }],
  ])('throws UpstreamStreamError on %s', (_name, event, info) => {
    const decoder = createOpenAIStreamDecoder();
    decoder.push(roleChunk);
    expect(() => decoder.push(event)).toThrow(UpstreamStreamError);
    expect(() => createOpenAIStreamDecoder().push(event)).toThrow(expect.objectContaining({ info }));
  });

  it.each<[string, SseEvent[]]>([
    ['non-JSON data', [{ data: 'not json' }]],
    ['choices not an array', [{ data: JSON.stringify({ ...head, choices: {} }) }]],
    ['tool fragment with neither index nor id first', [chunk({ tool_calls: [{ function: { arguments: '{}' } }] })]],
    ['tool call never named', [chunk({ tool_calls: [{ index: 0, function: { arguments: '{}' } }] }), chunk({}, 'tool_calls')]],
  ])('throws UpstreamProtocolError on %s', (_name, events) => {
    expect(() => decodeAll(events)).toThrow(UpstreamProtocolError);
  });
});
