import { describe, expect, it } from 'vitest';
import type { StreamFilterResult, StreamTextFilter } from './hook-contract.js';
import { createOutputFilter, type OutputFilterOptions } from './output-filter.js';

function filter(options: Partial<OutputFilterOptions> = {}): StreamTextFilter {
  return createOutputFilter({ deny: ['forbidden'], ...options }).createStreamFilter();
}

/** Streams `chunks` through a fresh filter, as the pipeline would, stopping at a deny. */
function stream(f: StreamTextFilter, chunks: readonly string[]): { emitted: string; denied: boolean; truncated: boolean } {
  let emitted = '';
  let last: StreamFilterResult = { emit: '' };
  for (const chunk of chunks) {
    last = f.push(chunk);
    emitted += last.emit;
    if (last.verdict !== undefined || last.truncated === true) break;
  }
  if (last.verdict === undefined && last.truncated !== true) {
    last = f.end();
    emitted += last.emit;
  }
  return { emitted, denied: last.verdict !== undefined, truncated: last.truncated === true };
}

/** Every way to cut `text` into three chunks (empty chunks included). */
function everySplit(text: string): string[][] {
  const splits: string[][] = [];
  for (let i = 0; i <= text.length; i += 1) {
    for (let j = i; j <= text.length; j += 1) splits.push([text.slice(0, i), text.slice(i, j), text.slice(j)]);
  }
  return splits;
}

describe('windowed stream filter', () => {
  const text = 'This is a forbidden word, really.';
  const matchStart = text.indexOf('forbidden');

  it('catches a pattern split across every possible chunk boundary and never emits any of it', () => {
    for (const chunks of everySplit(text)) {
      const { emitted, denied } = stream(filter(), chunks);
      expect(denied, JSON.stringify(chunks)).toBe(true);
      expect(emitted.length, JSON.stringify(chunks)).toBeLessThanOrEqual(matchStart);
      expect(text.startsWith(emitted)).toBe(true);
    }
  });

  it('catches it one character at a time, whatever the case', () => {
    const { emitted, denied } = stream(filter(), [...'so ForBidden']);
    expect(denied).toBe(true);
    expect(emitted).toBe('so ');
  });

  it('passes clean text through whole for every split', () => {
    const clean = 'This is a forbidde word, really forbid.';
    for (const chunks of everySplit(clean)) expect(stream(filter(), chunks)).toEqual({ emitted: clean, denied: false, truncated: false });
  });

  it('holds back exactly the longest literal minus one character, and flushes it at the end', () => {
    const f = filter({ deny: ['abcde', 'xy'] });
    expect(f.push('hello world').emit).toBe('hello w');
    expect(f.push('!').emit).toBe('o');
    expect(f.end()).toEqual({ emit: 'rld!' });
  });

  it('adds no latency without patterns', () => {
    const f = filter({ deny: [], maxLength: 100 });
    expect(f.push('abc').emit).toBe('abc');
    expect(f.end()).toEqual({ emit: '' });
  });

  it('is terminal after a deny', () => {
    const f = filter();
    const denied = f.push('forbidden');
    expect(denied).toMatchObject({ emit: '', verdict: { action: 'deny', hook: 'output-filter', reason: 'The response matched deny pattern #1 of the output filter.' } });
    expect(f.push('more')).toEqual({ emit: '', verdict: denied.verdict });
    expect(f.end()).toEqual({ emit: '', verdict: denied.verdict });
  });

  it.each<[string, string[], boolean]>([
    ['a word boundary that the next chunk breaks', ['a foo', 'd b'], false],
    ['a word boundary that the next chunk confirms', ['a foo', '. b'], true],
    ['a match that only the end of the stream confirms', ['a foo'], true],
  ])('waits for more text before judging a regex match at the window end: %s', (_name, chunks, denied) => {
    expect(stream(filter({ deny: ['/foo\\b/'] }), chunks).denied).toBe(denied);
  });

  it('gives a regex the text already emitted as context, so a lookbehind sees it', () => {
    const f = () => filter({ deny: ['/(?<!\\w)bar/'], maxMatchLength: 3 });
    expect(stream(f(), [...'crowbar and rebar']).denied).toBe(false);
    expect(stream(f(), [...'crowbar and a bar']).denied).toBe(true);
  });

  it('never splits a surrogate pair between two emits', () => {
    // A one-character window would cut between the two UTF-16 halves of the emoji.
    const f = filter({ deny: ['ab'] });
    const first = f.push('hi 😀');
    expect(first.emit).toBe('hi ');
    expect(first.emit + f.push('x').emit + f.end().emit).toBe('hi 😀x');
  });

  describe('maximum length', () => {
    it('denies once the stream is longer than the limit', () => {
      const { emitted, denied } = stream(filter({ maxLength: 10 }), ['12345', '67890', '1']);
      expect(denied).toBe(true);
      expect(emitted.length).toBeLessThanOrEqual(10);
    });

    it('lets exactly the limit through', () => {
      expect(stream(filter({ maxLength: 10 }), ['12345', '67890'])).toEqual({ emitted: '1234567890', denied: false, truncated: false });
    });

    it('truncates at the limit when asked, and stops taking text', () => {
      const f = filter({ maxLength: 10, onViolation: 'truncate' });
      expect(stream(f, ['12345', '678901234'])).toEqual({ emitted: '1234567890', denied: false, truncated: true });
      expect(f.push('more')).toEqual({ emit: '', truncated: true });
    });

    it('still denies a pattern inside the kept part when truncating', () => {
      expect(stream(filter({ maxLength: 14, onViolation: 'truncate' }), ['say forb', 'idden and more']).denied).toBe(true);
    });
  });
});
