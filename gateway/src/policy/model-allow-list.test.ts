import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../canonical/types.js';
import { createModelAllowList, createModelMatcher } from './model-allow-list.js';

describe('createModelMatcher', () => {
  it.each<[string[], string, boolean]>([
    [['openai/gpt-4o'], 'openai/gpt-4o', true],
    [['openai/gpt-4o'], 'openai/gpt-4o-mini', false],
    [['openai/*'], 'openai/gpt-4o-mini', true],
    [['openai/*'], 'anthropic/claude-sonnet-4-5', false],
    [['openai/*'], 'openai-eu/gpt-4o', false],
    [['*/gpt-4o*'], 'azure/gpt-4o-2024-08-06', true],
    [['vllm/*'], 'vllm/meta-llama/Llama-3.1-8B', true],
    [['anthropic/claude-?-haiku'], 'anthropic/claude-3-haiku', true],
    [['anthropic/claude-?-haiku'], 'anthropic/claude-35-haiku', false],
    [['openai/gpt-4.1'], 'openai/gpt-431', false],
    [['OpenAI/*'], 'openai/gpt-4o', false],
    [['*'], 'anything/at-all', true],
    [[], 'openai/gpt-4o', false],
  ])('%j allows %s: %s', (patterns, target, allowed) => {
    expect(createModelMatcher(patterns)(target)).toBe(allowed);
  });
});

describe('createModelAllowList', () => {
  const request: CanonicalRequest = { model: 'gpt-4o', messages: [], stream: false };

  it('allows a listed target', () => {
    expect(createModelAllowList(['openai/*']).onRequest({ request, body: {}, tenant: 'acme', model: 'openai/gpt-4o' })).toEqual({ action: 'allow' });
  });

  it('denies with a reason naming the model and tenant, not the list', () => {
    expect(createModelAllowList(['openai/gpt-4o-mini', 'secret-provider/*']).onRequest({ request, body: {}, tenant: 'acme', model: 'openai/gpt-4o' })).toEqual({
      action: 'deny',
      hook: 'model-allow-list',
      reason: 'Model "openai/gpt-4o" is not allowed for tenant "acme".',
    });
  });
});
