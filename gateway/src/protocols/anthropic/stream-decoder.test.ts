import { describe, expect, it } from 'vitest';
import type { SseEvent, StreamEvent } from '../../canonical/types.js';
import { UpstreamProtocolError, UpstreamStreamError } from '../../canonical/translation-errors.js';
import { createAnthropicStreamDecoder } from './stream-decoder.js';

const sse = (type: string, data: Record<string, unknown> = {}): SseEvent => ({ event: type, data: JSON.stringify({ type, ...data }) });

const messageStart = (usage: Record<string, unknown> = { input_tokens: 25, output_tokens: 1 }) =>
  sse('message_start', {
    message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], stop_reason: null, stop_sequence: null, usage },
  });
const textStart = (index: number) => sse('content_block_start', { index, content_block: { type: 'text', text: '' } });
const textDelta = (index: number, text: string) => sse('content_block_delta', { index, delta: { type: 'text_delta', text } });
const toolStart = (index: number, id: string, name: string) => sse('content_block_start', { index, content_block: { type: 'tool_use', id, name, input: {} } });
const jsonDelta = (index: number, partial_json: string) => sse('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } });
const stop = (index: number) => sse('content_block_stop', { index });
const messageDelta = (stop_reason: string, usage: Record<string, unknown> = { output_tokens: 15 }, stop_sequence: string | null = null) =>
  sse('message_delta', { delta: { stop_reason, stop_sequence }, usage });
const messageStop = sse('message_stop');
const ping = sse('ping');

function decodeAll(events: SseEvent[]): { out: StreamEvent[]; done: boolean } {
  const decoder = createAnthropicStreamDecoder();
  const out = events.flatMap((e) => decoder.push(e));
  return { out, done: decoder.done };
}

const start: StreamEvent = { type: 'start', id: 'msg_1', model: 'claude-sonnet-4-5', inputTokens: 25 };

describe('createAnthropicStreamDecoder', () => {
  it.each<[string, SseEvent[], StreamEvent[]]>([
    [
      'a text answer with pings',
      [messageStart(), textStart(0), ping, textDelta(0, 'Hello'), textDelta(0, ' world'), stop(0), ping, messageDelta('end_turn'), messageStop],
      [start, { type: 'text', text: 'Hello' }, { type: 'text', text: ' world' }, { type: 'finish', stopReason: 'end' }, { type: 'usage', usage: { inputTokens: 25, outputTokens: 15 } }],
    ],
    [
      'text then two tool calls with fragmented input',
      [
        messageStart(),
        textStart(0),
        textDelta(0, 'Checking.'),
        stop(0),
        toolStart(1, 'toolu_a', 'get_weather'),
        jsonDelta(1, ''),
        jsonDelta(1, '{"city": "Pa'),
        jsonDelta(1, 'ris", "unit"'),
        jsonDelta(1, ': "c"}'),
        stop(1),
        toolStart(2, 'toolu_b', 'get_time'),
        jsonDelta(2, '{}'),
        stop(2),
        messageDelta('tool_use', { output_tokens: 80 }),
        messageStop,
      ],
      [
        start,
        { type: 'text', text: 'Checking.' },
        { type: 'tool_call_start', index: 0, id: 'toolu_a', name: 'get_weather' },
        { type: 'tool_call_delta', index: 0, argumentsDelta: '{"city": "Pa' },
        { type: 'tool_call_delta', index: 0, argumentsDelta: 'ris", "unit"' },
        { type: 'tool_call_delta', index: 0, argumentsDelta: ': "c"}' },
        { type: 'tool_call_start', index: 1, id: 'toolu_b', name: 'get_time' },
        { type: 'tool_call_delta', index: 1, argumentsDelta: '{}' },
        { type: 'finish', stopReason: 'tool_use' },
        { type: 'usage', usage: { inputTokens: 25, outputTokens: 80 } },
      ],
    ],
    [
      'thinking blocks ignored, block indexes remapped',
      [
        messageStart(),
        sse('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }),
        sse('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: 'Let me think' } }),
        sse('content_block_delta', { index: 0, delta: { type: 'signature_delta', signature: 'EqQB' } }),
        stop(0),
        sse('content_block_start', { index: 1, content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} } }),
        jsonDelta(1, '{"query":"x"}'),
        stop(1),
        toolStart(2, 'toolu_c', 'f'),
        jsonDelta(2, '{"a":1}'),
        stop(2),
        messageDelta('tool_use'),
        messageStop,
      ],
      [
        start,
        { type: 'tool_call_start', index: 0, id: 'toolu_c', name: 'f' },
        { type: 'tool_call_delta', index: 0, argumentsDelta: '{"a":1}' },
        { type: 'finish', stopReason: 'tool_use' },
        { type: 'usage', usage: { inputTokens: 25, outputTokens: 15 } },
      ],
    ],
    [
      'the JSON-mode tool, streamed as text',
      [messageStart(), toolStart(0, 'toolu_j', '__gateway_json_output'), jsonDelta(0, '{"answer"'), jsonDelta(0, ': 42}'), stop(0), messageDelta('tool_use'), messageStop],
      [start, { type: 'text', text: '{"answer"' }, { type: 'text', text: ': 42}' }, { type: 'finish', stopReason: 'end' }, { type: 'usage', usage: { inputTokens: 25, outputTokens: 15 } }],
    ],
    [
      'a stop sequence',
      [messageStart(), textStart(0), textDelta(0, 'a'), stop(0), messageDelta('stop_sequence', { output_tokens: 2 }, '###'), messageStop],
      [start, { type: 'text', text: 'a' }, { type: 'finish', stopReason: 'stop_sequence', stopSequence: '###' }, { type: 'usage', usage: { inputTokens: 25, outputTokens: 2 } }],
    ],
    [
      'cache tokens at start, cumulative counts in message_delta',
      [
        messageStart({ input_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 2000, output_tokens: 1 }),
        sse('content_block_start', { index: 0, content_block: { type: 'text', text: 'Hi' } }),
        stop(0),
        messageDelta('max_tokens', { input_tokens: 7, cache_creation_input_tokens: null, cache_read_input_tokens: 2000, output_tokens: 9 }),
        messageStop,
      ],
      [
        { ...start, inputTokens: 2005 },
        { type: 'text', text: 'Hi' },
        { type: 'finish', stopReason: 'max_tokens' },
        { type: 'usage', usage: { inputTokens: 2007, cachedInputTokens: 2000, outputTokens: 9 } },
      ],
    ],
    ['unknown event types ignored', [messageStart(), sse('brand_new_event', { x: 1 }), messageDelta('end_turn'), messageStop], [start, { type: 'finish', stopReason: 'end' }, { type: 'usage', usage: { inputTokens: 25, outputTokens: 15 } }]],
  ])('decodes %s', (_name, events, expected) => {
    const { out, done } = decodeAll(events);
    expect(out).toEqual(expected);
    expect(done).toBe(true);
  });

  it('is not done before message_stop, and ignores anything after it', () => {
    const decoder = createAnthropicStreamDecoder();
    decoder.push(messageStart());
    decoder.push(messageDelta('end_turn'));
    expect(decoder.done).toBe(false);
    decoder.push(messageStop);
    expect(decoder.done).toBe(true);
    expect(decoder.push(textDelta(0, 'late'))).toEqual([]);
  });

  it('throws UpstreamStreamError with the type and message of an error event', () => {
    const decoder = createAnthropicStreamDecoder();
    decoder.push(messageStart());
    decoder.push(textStart(0));
    const error = captured(() => decoder.push({ event: 'error', data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}' }));
    expect(error).toBeInstanceOf(UpstreamStreamError);
    expect(error).toMatchObject({ message: 'Overloaded', info: { type: 'overloaded_error', message: 'Overloaded' } });
  });

  it.each<[string, SseEvent]>([
    ['data that is not JSON', { event: 'message_start', data: '{"type": "message_st' }],
    ['data that is a JSON array', { data: '[1]' }],
    ['message_start without an id', sse('message_start', { message: { model: 'm' } })],
    ['a delta for a block never opened', textDelta(3, 'x')],
    ['a tool_use block without a name', sse('content_block_start', { index: 0, content_block: { type: 'tool_use', id: 't', input: {} } })],
  ])('throws UpstreamProtocolError on %s', (_name, event) => {
    const decoder = createAnthropicStreamDecoder();
    expect(() => decoder.push(event)).toThrow(UpstreamProtocolError);
  });
});

function captured(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
