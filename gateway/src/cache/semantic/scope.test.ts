import { describe, expect, it } from 'vitest';
import type { CanonicalMessage, CanonicalRequest } from '../../canonical/types.js';
import { semanticScope } from './scope.js';

const user = (text: string): CanonicalMessage => ({ role: 'user', content: [{ type: 'text', text }] });
const assistant = (text: string): CanonicalMessage => ({ role: 'assistant', content: [{ type: 'text', text }] });

function request(extra: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return {
    model: 'upstream-model',
    stream: false,
    system: 'You are terse.',
    temperature: 0,
    messages: [user('Hi'), assistant('Hello!'), user('What is the capital of France?')],
    ...extra,
  };
}

const base = semanticScope('acme', 'gpt-4o', request());

describe('semanticScope', () => {
  it('embeds the last user message and hashes the rest', () => {
    expect(base?.text).toBe('What is the capital of France?');
    expect(base?.scope).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores the last message: requests differing only there share a scope', () => {
    const other = semanticScope('acme', 'gpt-4o', request({ messages: [user('Hi'), assistant('Hello!'), user('Capital of France?')] }));
    expect(other?.scope).toBe(base?.scope);
    expect(other?.text).toBe('Capital of France?');
  });

  it('ignores stream, user and the upstream model', () => {
    const other = semanticScope('acme', 'gpt-4o', request({ stream: true, user: 'end-user-7', model: 'fallback-model' }));
    expect(other?.scope).toBe(base?.scope);
  });

  it('changes with the embedder id when one is given', () => {
    const a = semanticScope('acme', 'gpt-4o', request(), 'local-use-512');
    const b = semanticScope('acme', 'gpt-4o', request(), 'openai:text-embedding-3-small');
    expect(a?.scope).not.toBe(b?.scope);
    expect(a?.scope).not.toBe(base?.scope);
  });

  it('does not depend on the order of object keys', () => {
    const tools = [{ name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } }];
    const reordered = [{ parameters: { properties: { q: { type: 'string' } }, type: 'object' }, name: 'lookup' }];
    expect(semanticScope('acme', 'gpt-4o', request({ tools }))?.scope).toBe(semanticScope('acme', 'gpt-4o', request({ tools: reordered }))?.scope);
  });

  it.each<[string, string, string, Partial<CanonicalRequest>]>([
    ['tenant', 'other-tenant', 'gpt-4o', {}],
    ['requested model', 'acme', 'gpt-4o-mini', {}],
    ['system prompt', 'acme', 'gpt-4o', { system: 'You are verbose.' }],
    ['no system prompt', 'acme', 'gpt-4o', { system: undefined }],
    ['tools', 'acme', 'gpt-4o', { tools: [{ name: 'lookup', parameters: { type: 'object' } }] }],
    ['tool choice', 'acme', 'gpt-4o', { toolChoice: 'required' }],
    ['parallel tool calls', 'acme', 'gpt-4o', { parallelToolCalls: false }],
    ['response format', 'acme', 'gpt-4o', { responseFormat: { type: 'json_object' } }],
    ['temperature', 'acme', 'gpt-4o', { temperature: 0.7 }],
    ['top_p', 'acme', 'gpt-4o', { topP: 0.9 }],
    ['stop', 'acme', 'gpt-4o', { stop: ['\n'] }],
    ['max tokens', 'acme', 'gpt-4o', { maxTokens: 50 }],
    ['n', 'acme', 'gpt-4o', { n: 2 }],
    ['an earlier user turn', 'acme', 'gpt-4o', { messages: [user('Hey'), assistant('Hello!'), user('What is the capital of France?')] }],
    ['an earlier assistant turn', 'acme', 'gpt-4o', { messages: [user('Hi'), assistant('Hello.'), user('What is the capital of France?')] }],
    ['no earlier turns', 'acme', 'gpt-4o', { messages: [user('What is the capital of France?')] }],
    [
      'an earlier tool call',
      'acme',
      'gpt-4o',
      {
        messages: [
          user('Hi'),
          { role: 'assistant', content: [{ type: 'tool_call', id: 'c1', name: 'lookup', arguments: '{"q":"x"}' }] },
          { role: 'user', content: [{ type: 'tool_result', toolCallId: 'c1', content: 'x' }] },
          assistant('Hello!'),
          user('What is the capital of France?'),
        ],
      },
    ],
  ])('changes with the %s', (_what, tenant, model, extra) => {
    const other = semanticScope(tenant, model, request(extra));
    expect(other).toBeDefined();
    expect(other?.scope).not.toBe(base?.scope);
  });

  it.each<[string, CanonicalMessage[]]>([
    ['no messages', []],
    ['an assistant prefill last', [user('Write a poem'), assistant('Roses')]],
    ['no text in the last user message', [user('   ')]],
    ['a tool result in the last turn', [{ role: 'user', content: [{ type: 'tool_result', toolCallId: 'c1', content: '42' }, { type: 'text', text: 'and?' }] }]],
    ['an image in the last turn', [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', source: { kind: 'url', url: 'https://x/y.png' } }] }]],
    [
      'an image in an earlier turn',
      [{ role: 'user', content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' } }] }, assistant('A cat.'), user('What colour is it?')],
    ],
  ])('is undefined with %s', (_why, messages) => {
    expect(semanticScope('acme', 'gpt-4o', request({ messages }))).toBeUndefined();
  });

  it('joins several text parts of the last message', () => {
    const messages: CanonicalMessage[] = [{ role: 'user', content: [{ type: 'text', text: 'Translate:' }, { type: 'text', text: 'bonjour' }] }];
    expect(semanticScope('acme', 'gpt-4o', request({ messages }))?.text).toBe('Translate:\nbonjour');
  });
});
