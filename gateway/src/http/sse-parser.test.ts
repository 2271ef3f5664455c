import { describe, expect, it } from 'vitest';
import { formatSseEvent, SseParser } from './sse-parser.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('SseParser', () => {
  it.each([
    ['LF', 'data: a\n\ndata: b\n\n', [{ data: 'a' }, { data: 'b' }]],
    ['CRLF', 'event: x\r\ndata: a\r\n\r\n', [{ event: 'x', data: 'a' }]],
    ['CR', 'data: a\r\rdata: b\r\r', [{ data: 'a' }, { data: 'b' }]],
    ['multi-line data', 'data: a\ndata: b\n\n', [{ data: 'a\nb' }]],
    ['comments and unknown fields', ': ping\nid: 3\nretry: 10\ndata: a\n\n', [{ data: 'a' }]],
    ['no space after colon', 'data:a\n\n', [{ data: 'a' }]],
    ['event without data is dropped', 'event: ping\n\n', []],
  ])('%s', (_name, text, expected) => {
    const parser = new SseParser();
    expect([...parser.push(bytes(text)), ...parser.end()]).toEqual(expected);
  });

  it('reassembles events and UTF-8 characters split across every possible chunk boundary', () => {
    const text = 'event: message_start\r\ndata: {"t":"héllo ✓"}\r\n\r\ndata: [DONE]\r\n\r\n';
    const all = bytes(text);
    for (let cut = 1; cut < all.length; cut++) {
      const parser = new SseParser();
      const events = [...parser.push(all.slice(0, cut)), ...parser.push(all.slice(cut)), ...parser.end()];
      expect(events, `cut at ${cut}`).toEqual([{ event: 'message_start', data: '{"t":"héllo ✓"}' }, { data: '[DONE]' }]);
    }
  });

  it('flushes a last event that has no trailing blank line', () => {
    const parser = new SseParser();
    expect(parser.push(bytes('data: tail'))).toEqual([]);
    expect(parser.end()).toEqual([{ data: 'tail' }]);
  });

  it('formats events so they parse back to the same thing', () => {
    for (const event of [{ data: 'x' }, { event: 'e', data: 'a\nb' }]) {
      const parser = new SseParser();
      expect(parser.push(bytes(formatSseEvent(event)))).toEqual([event]);
    }
  });
});
