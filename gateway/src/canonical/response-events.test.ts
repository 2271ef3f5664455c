import { describe, expect, it } from 'vitest';
import { eventsFromResponse, ResponseAccumulator } from './response-events.js';
import type { CanonicalResponse } from './types.js';

const cases: Array<[string, CanonicalResponse]> = [
  ['text only', { id: 'r1', model: 'm', content: [{ type: 'text', text: 'a'.repeat(70) }], stopReason: 'end', usage: { inputTokens: 3, outputTokens: 9 } }],
  [
    'text and two tool calls',
    {
      id: 'r2',
      model: 'm',
      content: [
        { type: 'text', text: 'calling' },
        { type: 'tool_call', id: 't1', name: 'f', arguments: '{"a":1}' },
        { type: 'tool_call', id: 't2', name: 'g', arguments: '' },
      ],
      stopReason: 'tool_use',
      usage: { inputTokens: 1, outputTokens: 2, cachedInputTokens: 1 },
    },
  ],
  ['stop sequence', { id: 'r3', model: 'm', content: [{ type: 'text', text: 'x' }], stopReason: 'stop_sequence', stopSequence: 'END', usage: { inputTokens: 1, outputTokens: 1 } }],
];

describe('eventsFromResponse / ResponseAccumulator', () => {
  it.each(cases)('round-trips %s', (_name, response) => {
    const events = eventsFromResponse(response, 16);
    const acc = new ResponseAccumulator();
    for (const event of events) acc.push(event);
    expect(acc.complete).toBe(true);
    expect(acc.result()).toEqual(response);
  });

  it('splits long text into chunks of the given size', () => {
    const events = eventsFromResponse(cases[0]![1], 16);
    expect(events.filter((e) => e.type === 'text').map((e) => (e.type === 'text' ? e.text.length : 0))).toEqual([16, 16, 16, 16, 6]);
  });

  it('reports a stream without a finish as incomplete', () => {
    const acc = new ResponseAccumulator();
    acc.push({ type: 'start', id: 'x', model: 'm' });
    acc.push({ type: 'text', text: 'partial' });
    expect(acc.complete).toBe(false);
  });
});
