import { describe, expect, it } from 'vitest';
import type { CanonicalRequest, CanonicalResponse } from '../canonical/types.js';
import type { RequestHook, ResponseHook, StreamFilterResult, StreamTextFilter } from './hook-contract.js';
import { createOutputFilter } from './output-filter.js';
import { composeStreamFilters, runRequestHooks, runResponseHooks } from './run-hooks.js';

const request: CanonicalRequest = { model: 'm', system: 's', messages: [], stream: false };

/** A hook that appends its name to the system prompt and the body's trail, or denies. */
function appender(name: string): RequestHook {
  return {
    name,
    onRequest: ({ request: r, body }) => ({
      action: 'transform',
      value: { request: { ...r, system: `${r.system ?? ''}+${name}` }, body: { ...body, trail: [...((body['trail'] as string[] | undefined) ?? []), name] } },
      report: { hook: name, findings: [{ kind: 'touched', count: 1 }] },
    }),
  };
}
function denier(name: string, withReport = false): RequestHook {
  return { name, onRequest: () => ({ action: 'deny', hook: name, reason: `no (${name})`, ...(withReport ? { report: { hook: name, findings: [{ kind: 'x', count: 2 }] } } : {}) }) };
}
const allower: RequestHook = { name: 'allow', onRequest: () => ({ action: 'allow' }) };

describe('runRequestHooks', () => {
  const input = { request, body: {}, tenant: 't', model: 'p/m' };

  it('chains transforms in order and collects their reports', () => {
    const outcome = runRequestHooks([appender('a'), allower, appender('b')], input);
    expect(outcome.verdict).toEqual({ action: 'allow' });
    expect(outcome.request.system).toBe('s+a+b');
    expect(outcome.body).toEqual({ trail: ['a', 'b'] });
    expect(outcome.reports.map((r) => r.hook)).toEqual(['a', 'b']);
  });

  it('stops at the first deny: later hooks never run', () => {
    let ran = false;
    const spy: RequestHook = { name: 'spy', onRequest: () => ((ran = true), { action: 'allow' }) };
    const outcome = runRequestHooks([appender('a'), denier('first', true), denier('second'), spy], input);
    expect(outcome.verdict).toEqual({ action: 'deny', hook: 'first', reason: 'no (first)', report: { hook: 'first', findings: [{ kind: 'x', count: 2 }] } });
    expect(outcome.request.system).toBe('s+a');
    expect(outcome.reports.map((r) => r.hook)).toEqual(['a', 'first']);
    expect(ran).toBe(false);
  });

  it('allows with nothing to run', () => {
    expect(runRequestHooks([], input)).toEqual({ verdict: { action: 'allow' }, request, body: {}, reports: [] });
  });
});

describe('runResponseHooks', () => {
  const response: CanonicalResponse = { id: 'r', model: 'm', content: [{ type: 'text', text: 'hello world' }], stopReason: 'end', usage: { inputTokens: 1, outputTokens: 1 } };

  it('chains transforms, then the first deny wins', () => {
    const truncate = createOutputFilter({ deny: [], maxLength: 5, onViolation: 'truncate' });
    const deny: ResponseHook = { ...createOutputFilter({ deny: ['hello'] }), name: 'second' };
    expect(runResponseHooks([truncate], response)).toMatchObject({ verdict: { action: 'allow' }, response: { content: [{ type: 'text', text: 'hello' }] }, reports: [{ hook: 'output-filter' }] });
    const outcome = runResponseHooks([truncate, deny, createOutputFilter({ deny: ['o'] })], response);
    expect(outcome.verdict).toMatchObject({ action: 'deny', reason: 'The response matched deny pattern #1 of the output filter.' });
    expect(outcome.reports.map((r) => r.findings[0]?.kind)).toEqual(['truncated', 'deny_pattern']);
  });
});

describe('composeStreamFilters', () => {
  function drain(f: StreamTextFilter, chunks: string[]): { emitted: string; last: StreamFilterResult } {
    let emitted = '';
    let last: StreamFilterResult = { emit: '' };
    for (const c of chunks) {
      last = f.push(c);
      emitted += last.emit;
      if (last.verdict !== undefined || last.truncated === true) return { emitted, last };
    }
    last = f.end();
    return { emitted: emitted + last.emit, last };
  }

  it('passes clean text through every filter and flushes all their windows at the end', () => {
    const f = composeStreamFilters([createOutputFilter({ deny: ['abcdef'] }).createStreamFilter(), createOutputFilter({ deny: ['xyz'] }).createStreamFilter()]);
    expect(drain(f, ['hello ', 'there ', 'world'])).toEqual({ emitted: 'hello there world', last: { emit: expect.any(String) as string } });
  });

  it('denies when any filter denies, even one split across chunks, and emits none of it', () => {
    const f = composeStreamFilters([createOutputFilter({ deny: ['abcdef'] }).createStreamFilter(), createOutputFilter({ deny: ['secret'] }).createStreamFilter()]);
    const { emitted, last } = drain(f, ['the sec', 'ret is out']);
    expect(last.verdict).toMatchObject({ action: 'deny' });
    expect(emitted).not.toContain('sec');
    expect(f.push('more')).toEqual({ emit: '', verdict: last.verdict });
  });

  it('flushes the later filters when an earlier one truncates', () => {
    const f = composeStreamFilters([createOutputFilter({ deny: [], maxLength: 8, onViolation: 'truncate' }).createStreamFilter(), createOutputFilter({ deny: ['zzzzzz'] }).createStreamFilter()]);
    const { emitted, last } = drain(f, ['abc', 'defghijk']);
    expect(emitted).toBe('abcdefgh');
    expect(last.truncated).toBe(true);
    expect(f.push('x')).toEqual({ emit: '', truncated: true });
  });

  it('is a pass-through with no filters', () => {
    const f = composeStreamFilters([]);
    expect(f.push('abc')).toEqual({ emit: 'abc' });
    expect(f.end()).toEqual({ emit: '' });
  });
});
