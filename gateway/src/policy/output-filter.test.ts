import { describe, expect, it } from 'vitest';
import type { AssistantPart, CanonicalResponse } from '../canonical/types.js';
import { createOutputFilter, type OutputFilterOptions } from './output-filter.js';

function response(content: AssistantPart[]): CanonicalResponse {
  return { id: 'r1', model: 'gpt-4o', content, stopReason: 'stop_sequence', stopSequence: 'END', usage: { inputTokens: 1, outputTokens: 2 } };
}

const text = (t: string): AssistantPart => ({ type: 'text', text: t });

describe('output filter on JSON responses', () => {
  it.each<[string, Partial<OutputFilterOptions>, AssistantPart[], string | undefined]>([
    ['a literal in text', {}, [text('this is Project Falcon')], '#1'],
    ['a literal split across text parts', {}, [text('Project Fal'), text('con now')], '#1'],
    ['a literal in tool-call arguments', {}, [{ type: 'tool_call', id: 'c', name: 'f', arguments: '{"x":"project falcon"}' }], '#1'],
    ['case-sensitive when asked', { caseInsensitive: false }, [text('project falcon')], undefined],
    ['a regex, by position', { deny: ['nothing', '/\\bdrop\\s+table\\b/'] }, [text('then DROP  TABLE users')], '#2'],
    ['a literal with regex characters, literally', { deny: ['a.b(c)'] }, [text('axb(c) and a.b(c)')], '#1'],
    ['not a literal that only looks alike', { deny: ['a.b(c)'] }, [text('axb(c)')], undefined],
  ])('%s', (_name, options, content, denied) => {
    const verdict = createOutputFilter({ deny: ['Project Falcon'], ...options }).onResponse(response(content));
    if (denied === undefined) expect(verdict).toEqual({ action: 'allow' });
    else {
      expect(verdict).toMatchObject({ action: 'deny', hook: 'output-filter', reason: `The response matched deny pattern ${denied} of the output filter.` });
      // The reason cites the pattern's position; the pattern may itself be confidential.
      expect(JSON.stringify(verdict)).not.toMatch(/falcon|drop/i);
    }
  });

  it('denies a response longer than maxLength', () => {
    expect(createOutputFilter({ deny: [], maxLength: 5 }).onResponse(response([text('123456')]))).toMatchObject({
      action: 'deny',
      reason: 'The response is longer than 5 characters.',
      report: { hook: 'output-filter', findings: [{ kind: 'max_length', count: 1 }] },
    });
  });

  it('truncates text parts when asked, keeps tool calls and reports a length stop', () => {
    const call: AssistantPart = { type: 'tool_call', id: 'c', name: 'f', arguments: '{}' };
    const input = response([text('12345'), call, text('67890'), text('abc')]);
    const before = structuredClone(input);
    const verdict = createOutputFilter({ deny: [], maxLength: 7, onViolation: 'truncate' }).onResponse(input);
    expect(verdict).toEqual({
      action: 'transform',
      value: { id: 'r1', model: 'gpt-4o', content: [text('12345'), call, text('67')], stopReason: 'max_tokens', usage: { inputTokens: 1, outputTokens: 2 } },
      report: { hook: 'output-filter', findings: [{ kind: 'truncated', count: 1 }] },
    });
    expect(input).toEqual(before);
  });

  it('does not count tool-call arguments toward the length', () => {
    const content: AssistantPart[] = [text('abc'), { type: 'tool_call', id: 'c', name: 'f', arguments: '{"long":"xxxxxxxxxxxx"}' }];
    expect(createOutputFilter({ deny: [], maxLength: 3 }).onResponse(response(content))).toEqual({ action: 'allow' });
  });

  it('rejects a bad pattern when built', () => {
    expect(() => createOutputFilter({ deny: ['ok', '/(unclosed/'] })).toThrow(/^outputFilter\.deny\[1\] is not a valid regular expression/);
  });
});
