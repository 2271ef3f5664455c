import { describe, it, expect } from 'vitest';
import { openaiProtocol } from './index.js';

const options = { defaultMaxTokens: 1024 };

/** OpenAI bodies already in the form encodeRequest writes, so decode-then-encode is identity. */
const wireCases: Array<[string, Record<string, unknown>]> = [
  ['chat with system', {
    model: 'gpt-4o',
    messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }],
    max_completion_tokens: 64,
    temperature: 0.3,
    stream: false,
  }],
  ['streamed tool round', {
    model: 'gpt-4o-mini',
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Weather?' }, { type: 'image_url', image_url: { url: 'data:image/webp;base64,UklGR', detail: 'auto' } }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'w', arguments: '{"c":"Oslo"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: '-3C' },
      { role: 'user', content: 'Thanks' },
    ],
    tools: [{ type: 'function', function: { name: 'w', description: 'weather', parameters: { type: 'object', properties: { c: { type: 'string' } } } } }],
    tool_choice: 'auto',
    parallel_tool_calls: true,
    stop: ['\n\n'],
    user: 'u',
    stream: true,
    stream_options: { include_usage: true },
  }],
];

describe('openaiProtocol', () => {
  it('is named openai', () => {
    expect(openaiProtocol.name).toBe('openai');
  });

  it.each(wireCases)('round-trips %s: OpenAI -> canonical -> OpenAI', (_name, body) => {
    const parsed = openaiProtocol.requestSchema.parse(body);
    const before = structuredClone(parsed);
    const canonical = openaiProtocol.decodeRequest(parsed);
    expect(openaiProtocol.encodeRequest(canonical, options)).toEqual(body);
    expect(parsed).toEqual(before);
  });

  it('wires the response, stream and error functions', () => {
    const resp = openaiProtocol.decodeResponse({
      id: 'x', model: 'm', choices: [{ index: 0, message: { content: 'a' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1 },
    });
    expect(openaiProtocol.encodeResponse(resp)).toMatchObject({ object: 'chat.completion', choices: [{ message: { content: 'a' } }] });
    const encoder = openaiProtocol.createStreamEncoder({ includeUsage: false });
    const decoder = openaiProtocol.createStreamDecoder();
    const sse = encoder.push({ type: 'start', id: 'x', model: 'm' }) + encoder.push({ type: 'text', text: 't' }) + encoder.end();
    const events = sse.split('\n\n').filter(Boolean).flatMap((block) => decoder.push({ data: block.slice(6) }));
    expect(events).toEqual([{ type: 'start', id: 'x', model: 'm' }, { type: 'text', text: 't' }]);
    expect(openaiProtocol.decodeError(500, { error: { message: 'm' } })).toEqual({ message: 'm' });
  });
});
