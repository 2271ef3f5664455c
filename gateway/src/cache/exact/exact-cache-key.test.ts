import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../canonical/types.js';
import { exactCacheKey } from './exact-cache-key.js';

const base: CanonicalRequest = {
  model: 'gpt-4o-mini',
  system: 'Be brief.',
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
    { role: 'assistant', content: [{ type: 'tool_call', id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' }] },
    { role: 'user', content: [{ type: 'tool_result', toolCallId: 'call_1', content: 'sunny' }] },
  ],
  maxTokens: 100,
  temperature: 0,
  topP: 1,
  stop: ['END'],
  tools: [{ name: 'weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
  toolChoice: 'auto',
  parallelToolCalls: false,
  responseFormat: { type: 'text' },
  stream: false,
  user: 'end-user-1',
  n: 1,
};
const key = (request: CanonicalRequest, tenant = 'acme', requested = 'fast') => exactCacheKey(tenant, requested, request);
const baseKey = key(base);

describe('exactCacheKey', () => {
  it('is a versioned sha256, stable across releases (a change here needs a new version prefix)', () => {
    // Computed independently (Python json.dumps sort_keys, compact separators, sha256).
    expect(baseKey).toMatch(/^v1:[0-9a-f]{64}$/);
    expect(baseKey).toBe('v1:59e680d30104d633fd4d7599032b0c8c17c0b92286d6e5a7478859017c8305c6');
  });

  it.each<[string, Partial<CanonicalRequest>]>([
    ['system', { system: 'Be verbose.' }],
    ['system (absent)', { system: undefined }],
    ['messages', { messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather in Rome?' }] }] }],
    ['maxTokens', { maxTokens: 101 }],
    ['temperature', { temperature: 0.2 }],
    ['topP', { topP: 0.9 }],
    ['stop', { stop: ['STOP'] }],
    ['tools', { tools: [{ name: 'weather', parameters: { type: 'object' } }] }],
    ['toolChoice', { toolChoice: { name: 'weather' } }],
    ['parallelToolCalls', { parallelToolCalls: true }],
    ['responseFormat', { responseFormat: { type: 'json_object' } }],
    ['n', { n: 2 }],
  ])('changes with %s', (_field, change) => {
    expect(key({ ...base, ...change })).not.toBe(baseKey);
  });

  it('changes with the tenant and the requested model', () => {
    expect(key(base, 'globex')).not.toBe(baseKey);
    expect(key(base, 'acme', 'smart')).not.toBe(baseKey);
    // The two fields never run together: ("ab", "c") and ("a", "bc") differ.
    expect(exactCacheKey('ab', 'c', base)).not.toBe(exactCacheKey('a', 'bc', base));
  });

  it('ignores stream, user and the upstream model name', () => {
    expect(key({ ...base, stream: true })).toBe(baseKey);
    expect(key({ ...base, user: 'someone-else' })).toBe(baseKey);
    expect(key({ ...base, user: undefined })).toBe(baseKey);
    expect(key({ ...base, model: 'openai/gpt-4o-mini-2024-07-18' })).toBe(baseKey);
  });

  it('hashes spellings that mean the same alike', () => {
    expect(key({ ...base, n: undefined })).toBe(baseKey);
    const bare: CanonicalRequest = { model: 'm', messages: base.messages, stream: false };
    expect(key({ ...bare, tools: [], stop: [] })).toBe(key(bare));
    // Object key order never matters (canonical JSON); array order does.
    const reordered = { ...base, tools: [{ parameters: { properties: { city: { type: 'string' } }, type: 'object' }, description: 'Weather by city', name: 'weather' }] };
    expect(key(reordered)).toBe(baseKey);
    expect(key({ ...base, stop: ['END', 'FIN'] })).not.toBe(key({ ...base, stop: ['FIN', 'END'] }));
  });

  it('does not mutate the request', () => {
    const frozen = structuredClone(base);
    key(Object.freeze(frozen));
    expect(frozen).toEqual(base);
  });
});
