import { describe, expect, it } from 'vitest';
import type { SseEvent, StreamEvent } from '../../canonical/types.js';
import { createAnthropicStreamDecoder } from './stream-decoder.js';
import { createAnthropicStreamEncoder } from './stream-encoder.js';

/** Splits SSE text into events: blank-line separated, `event:` and `data:` fields. */
function splitSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((chunk) => chunk.trim() !== '')
    .map((chunk) => {
      const event: SseEvent = { data: '' };
      const data: string[] = [];
      for (const line of chunk.split('\n')) {
        if (line.startsWith('event: ')) event.event = line.slice('event: '.length);
        else if (line.startsWith('data: ')) data.push(line.slice('data: '.length));
      }
      event.data = data.join('\n');
      return event;
    });
}

function encodeAll(events: StreamEvent[]): string {
  const encoder = createAnthropicStreamEncoder({ includeUsage: false });
  return events.map((e) => encoder.push(e)).join('') + encoder.end();
}

/** The wire as (event name, parsed data) pairs, checking that every `event:` matches data.type. */
function wire(text: string): Array<Record<string, unknown>> {
  return splitSse(text).map((e) => {
    const data: Record<string, unknown> = JSON.parse(e.data);
    expect(data.type).toBe(e.event);
    return data;
  });
}

function decode(text: string): { events: StreamEvent[]; done: boolean } {
  const decoder = createAnthropicStreamDecoder();
  const events = splitSse(text).flatMap((e) => decoder.push(e));
  return { events, done: decoder.done };
}

const start: StreamEvent = { type: 'start', id: 'chatcmpl-9', model: 'gpt-4o', inputTokens: 30 };
const usage: StreamEvent = { type: 'usage', usage: { inputTokens: 30, outputTokens: 12 } };

describe('createAnthropicStreamEncoder', () => {
  it('writes the full Anthropic event sequence for a text answer', () => {
    const text = encodeAll([start, { type: 'text', text: 'Hel' }, { type: 'text', text: 'lo' }, { type: 'finish', stopReason: 'end' }, usage]);
    expect(text.startsWith('event: message_start\ndata: {')).toBe(true);
    expect(text.endsWith('event: message_stop\ndata: {"type":"message_stop"}\n\n')).toBe(true);
    expect(wire(text)).toEqual([
      {
        type: 'message_start',
        message: { id: 'chatcmpl-9', type: 'message', role: 'assistant', model: 'gpt-4o', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 30, output_tokens: 0 } },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'lo' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { input_tokens: 30, output_tokens: 12 } },
      { type: 'message_stop' },
    ]);
  });

  it('opens one block per kind switch and streams tool input as input_json_delta', () => {
    const text = encodeAll([
      start,
      { type: 'text', text: '' },
      { type: 'text', text: 'Checking.' },
      { type: 'tool_call_start', index: 0, id: 'call_a', name: 'get_weather' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '{"city":' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '"Oslo"}' },
      { type: 'tool_call_start', index: 1, id: 'call_b', name: 'get_time' },
      { type: 'finish', stopReason: 'tool_use' },
      usage,
    ]);
    expect(wire(text).slice(1, -2)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Checking.' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'call_a', name: 'get_weather', input: {} } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"city":' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '"Oslo"}' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'call_b', name: 'get_time', input: {} } },
      { type: 'content_block_stop', index: 2 },
    ]);
  });

  // Encoder output, parsed back by the decoder, gives the same canonical events.
  it.each<[string, StreamEvent[]]>([
    ['text', [start, { type: 'text', text: 'Hello' }, { type: 'text', text: ', world' }, { type: 'finish', stopReason: 'end' }, usage]],
    [
      'text and tool calls',
      [
        start,
        { type: 'text', text: 'Let me look.' },
        { type: 'tool_call_start', index: 0, id: 'call_1', name: 'search' },
        { type: 'tool_call_delta', index: 0, argumentsDelta: '{"q":"weather' },
        { type: 'tool_call_delta', index: 0, argumentsDelta: ' in Oslo"}' },
        { type: 'tool_call_start', index: 1, id: 'call_2', name: 'clock' },
        { type: 'tool_call_delta', index: 1, argumentsDelta: '{}' },
        { type: 'finish', stopReason: 'tool_use' },
        usage,
      ],
    ],
    ['a stop sequence', [start, { type: 'text', text: 'a' }, { type: 'finish', stopReason: 'stop_sequence', stopSequence: 'END' }, usage]],
    ['cached usage', [start, { type: 'text', text: 'a' }, { type: 'finish', stopReason: 'max_tokens' }, { type: 'usage', usage: { inputTokens: 30, cachedInputTokens: 20, outputTokens: 4 } }]],
  ])('round-trips %s through the decoder', (_name, events) => {
    expect(decode(encodeAll(events))).toEqual({ events, done: true });
  });

  it('holds finish back until usage arrives (OpenAI sends usage after finish)', () => {
    const encoder = createAnthropicStreamEncoder({ includeUsage: false });
    encoder.push(start);
    encoder.push({ type: 'text', text: 'Hi' });
    const atFinish = wire(encoder.push({ type: 'finish', stopReason: 'end' }));
    expect(atFinish).toEqual([{ type: 'content_block_stop', index: 0 }]);
    const atUsage = wire(encoder.push({ type: 'usage', usage: { inputTokens: 30, outputTokens: 7 } }));
    expect(atUsage).toEqual([{ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { input_tokens: 30, output_tokens: 7 } }]);
    expect(wire(encoder.end())).toEqual([{ type: 'message_stop' }]);
    expect(encoder.end()).toBe('');
  });

  it('writes the buffered finish at end() when no usage ever comes', () => {
    const encoder = createAnthropicStreamEncoder({ includeUsage: false });
    encoder.push(start);
    encoder.push({ type: 'finish', stopReason: 'content_filter' });
    expect(wire(encoder.end())).toEqual([
      { type: 'message_delta', delta: { stop_reason: 'refusal', stop_sequence: null }, usage: { output_tokens: 0 } },
      { type: 'message_stop' },
    ]);
  });

  it.each<[string, StreamEvent[], StreamEvent[]]>([
    ['nothing at all', [], [{ type: 'start', id: 'msg_unknown', model: 'unknown', inputTokens: 0 }, { type: 'finish', stopReason: 'end' }, { type: 'usage', usage: { inputTokens: 0, outputTokens: 0 } }]],
    [
      'a stream cut off mid tool call',
      [start, { type: 'tool_call_start', index: 0, id: 'c', name: 'f' }, { type: 'tool_call_delta', index: 0, argumentsDelta: '{"a' }],
      [
        start,
        { type: 'tool_call_start', index: 0, id: 'c', name: 'f' },
        { type: 'tool_call_delta', index: 0, argumentsDelta: '{"a' },
        { type: 'finish', stopReason: 'end' },
        { type: 'usage', usage: { inputTokens: 30, outputTokens: 0 } },
      ],
    ],
    [
      'text without a start event',
      [{ type: 'text', text: 'x' }],
      [{ type: 'start', id: 'msg_unknown', model: 'unknown', inputTokens: 0 }, { type: 'text', text: 'x' }, { type: 'finish', stopReason: 'end' }, { type: 'usage', usage: { inputTokens: 0, outputTokens: 0 } }],
    ],
  ])('end() closes a valid stream after %s', (_name, events, expected) => {
    const text = encodeAll(events);
    expect(wire(text).at(-1)).toEqual({ type: 'message_stop' });
    expect(decode(text)).toEqual({ events: expected, done: true });
  });

  it('writes nothing for events after message_delta or end()', () => {
    const encoder = createAnthropicStreamEncoder({ includeUsage: true });
    encoder.push(start);
    encoder.push({ type: 'finish', stopReason: 'end' });
    encoder.push(usage);
    expect(encoder.push({ type: 'text', text: 'late' })).toBe('');
    expect(encoder.push(usage)).toBe('');
    encoder.end();
    expect(encoder.push(start)).toBe('');
  });

  it('does not mutate the events it is given', () => {
    const events: StreamEvent[] = [start, { type: 'text', text: 'a' }, { type: 'finish', stopReason: 'stop_sequence', stopSequence: 'x' }, usage];
    const before = structuredClone(events);
    encodeAll(events);
    expect(events).toEqual(before);
  });
});
