import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../canonical/types.js';
import { createHooks } from './create-hooks.js';
import { policyConfigSchema } from './policy-config-schema.js';
import { runRequestHooks } from './run-hooks.js';

describe('policyConfigSchema', () => {
  it('fills defaults inline', () => {
    expect(policyConfigSchema.parse({ pii: {}, outputFilter: {} })).toEqual({
      pii: { mode: 'redact' },
      outputFilter: { deny: [], onViolation: 'deny', caseInsensitive: true, maxMatchLength: 64 },
    });
    expect(policyConfigSchema.parse({})).toEqual({});
  });

  it.each<[string, unknown, string]>([
    ['an unknown top-level key', { piii: {} }, 'piii'],
    ['an unknown nested key', { pii: { mode: 'redact', extra: 1 } }, 'extra'],
    ['an unknown kind', { pii: { kinds: ['email', 'passport'] } }, 'pii.kinds.1'],
    ['an unknown mode', { pii: { mode: 'hide' } }, 'pii.mode'],
    ['a per-kind mode for an unknown kind', { pii: { modes: { dna: 'block' } } }, 'pii.modes'],
    ['an invalid regex', { outputFilter: { deny: ['ok', '/[a-/'] } }, 'outputFilter.deny.1'],
    ['a regex flag the filter owns', { outputFilter: { deny: ['/x/g'] } }, 'outputFilter.deny.0'],
    ['a regex that matches nothing at all', { outputFilter: { deny: ['/x*/'] } }, 'outputFilter.deny.0'],
    ['an empty literal', { outputFilter: { deny: [''] } }, 'outputFilter.deny.0'],
    ['a non-positive maxLength', { outputFilter: { maxLength: 0 } }, 'outputFilter.maxLength'],
    ['an empty model pattern', { allowModels: [''] }, 'allowModels.0'],
  ])('rejects %s, naming the path', (_name, config, path) => {
    const result = policyConfigSchema.safeParse(config);
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    const named = [...(issue?.path ?? []), ...(issue?.code === 'unrecognized_keys' ? issue.keys : [])].join('.');
    expect(named).toContain(path);
  });
});

describe('createHooks', () => {
  const request: CanonicalRequest = { model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'text', text: 'me: a@b.io' }] }], stream: false };
  const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'me: a@b.io' }] };

  it('builds nothing from an empty config', () => {
    expect(createHooks(policyConfigSchema.parse({}))).toEqual({ request: [], response: [] });
  });

  it('builds the allow-list first, then PII, then the output filter', () => {
    const hooks = createHooks(policyConfigSchema.parse({ pii: { mode: 'mask' }, outputFilter: { deny: ['x'] }, allowModels: ['openai/*'] }));
    expect(hooks.request.map((h) => h.name)).toEqual(['model-allow-list', 'pii']);
    expect(hooks.response.map((h) => h.name)).toEqual(['output-filter']);
  });

  it('wires the PII options through', () => {
    const hooks = createHooks(policyConfigSchema.parse({ pii: { mode: 'mask', modes: { ip: 'block' }, kinds: ['email', 'ip'] } }));
    const outcome = runRequestHooks(hooks.request, { request, body, tenant: 't', model: 'openai/gpt-4o' });
    expect(outcome.body).toEqual({ model: 'gpt-4o', messages: [{ role: 'user', content: 'me: a***@b***.io' }] });
    const blocked = runRequestHooks(hooks.request, { request, body: { messages: [{ role: 'user', content: '10.0.0.1' }] }, tenant: 't', model: 'p/m' });
    expect(blocked.verdict).toMatchObject({ action: 'deny', hook: 'pii' });
  });

  it('wires the allow-list through', () => {
    const hooks = createHooks(policyConfigSchema.parse({ allowModels: ['anthropic/*'], pii: {} }));
    expect(runRequestHooks(hooks.request, { request, body, tenant: 't', model: 'openai/gpt-4o' }).verdict).toMatchObject({ action: 'deny', hook: 'model-allow-list' });
  });
});
