import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { hashPromptContent, preparePromptContent, toPromptVersion } from './prompt-content.js';
import { PromptStoreError } from './prompt-errors.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined properties', () => {
    expect(canonicalJson({ b: 1, a: [{ d: true, c: null }], u: undefined })).toBe('{"a":[{"c":null,"d":true}],"b":1}');
  });
  it('refuses values without a JSON form', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(1n)).toThrow(TypeError);
  });
});

describe('preparePromptContent', () => {
  it('adds discovered variables to the declared ones, sorted, and hashes the content', () => {
    const { content, hash } = preparePromptContent({
      messages: [{ role: 'user', content: '{{zeta}} {{ alpha }} {{declared}}' }],
      variables: { declared: { default: 'd' }, unused: { description: 'kept' } },
    });
    expect(content).toEqual({
      messages: [{ role: 'user', content: '{{zeta}} {{ alpha }} {{declared}}' }],
      metadata: {},
      variables: { alpha: {}, declared: { default: 'd' }, unused: { description: 'kept' }, zeta: {} },
    });
    expect(Object.keys(content.variables)).toEqual(['alpha', 'declared', 'unused', 'zeta']);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashPromptContent(content));
  });

  it('gives the same hash whatever the key order, and another hash for other content', () => {
    const a = preparePromptContent({ messages: [{ role: 'user', content: 'x' }], metadata: { a: 1, b: 2 } });
    const b = preparePromptContent({ metadata: { b: 2, a: 1 }, messages: [{ content: 'x', role: 'user' }] });
    const c = preparePromptContent({ messages: [{ role: 'user', content: 'y' }], metadata: { a: 1, b: 2 } });
    expect(a.hash).toBe(b.hash);
    expect(c.hash).not.toBe(a.hash);
  });

  it('throws invalid_input naming the field', () => {
    const attempt = () => preparePromptContent({ messages: [{ role: 'user', content: '{{ a b }}' }] });
    expect(attempt).toThrow(PromptStoreError);
    expect(attempt).toThrow(/messages\.0\.content/);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid_input' });
    }
  });
});

describe('toPromptVersion', () => {
  it('returns copies, so changing a result cannot change the source', () => {
    const { content, hash } = preparePromptContent({ messages: [{ role: 'user', content: '{{a}}' }], metadata: { k: 'v' } });
    const facts = { tenant: 't', name: 'n', version: 1, createdAt: '2025-01-01T00:00:00.000Z', labels: ['b', 'a'], hash };
    const version = toPromptVersion(facts, content);
    expect(version.labels).toEqual(['a', 'b']);
    version.messages[0]!.content = 'changed';
    version.metadata.k = 'changed';
    version.variables.a!.default = 'changed';
    expect(content.messages[0]?.content).toBe('{{a}}');
    expect(content.metadata.k).toBe('v');
    expect(content.variables.a).toEqual({});
  });
});
