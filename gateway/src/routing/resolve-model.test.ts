import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config/load-config.js';
import { GatewayError } from '../errors/gateway-error.js';
import { resolveModel } from './resolve-model.js';

const config = resolveConfig(
  {
    providers: {
      openai: { type: 'openai', models: ['gpt-4o-mini', 'gpt-4o'] },
      vllm: { type: 'openai', baseUrl: 'http://127.0.0.1:8000/v1' },
      anthropic: { type: 'anthropic' },
    },
    aliases: { fast: 'openai/gpt-4o-mini', smart: 'anthropic/claude-sonnet-4-5' },
  },
  'test',
  {},
);

describe('resolveModel', () => {
  it.each([
    ['fast', { provider: 'openai', model: 'gpt-4o-mini', reason: 'alias' }],
    ['smart', { provider: 'anthropic', model: 'claude-sonnet-4-5', reason: 'alias' }],
    ['openai/gpt-4o', { provider: 'openai', model: 'gpt-4o', reason: 'provider/model' }],
    ['vllm/meta-llama/Llama-3-8B', { provider: 'vllm', model: 'meta-llama/Llama-3-8B', reason: 'provider/model' }],
    ['anthropic/claude-haiku-4-5', { provider: 'anthropic', model: 'claude-haiku-4-5', reason: 'provider/model' }],
    ['gpt-4o-mini', { provider: 'openai', model: 'gpt-4o-mini', reason: 'provider model list' }],
  ])('%s', (requested, expected) => {
    expect(resolveModel(requested, config)).toEqual(expected);
  });

  it.each([['nope'], ['openai/gpt-5-unknown'], ['unknown/model'], ['/x'], ['openai/']])('%s is a model_not_found naming the model', (requested) => {
    try {
      resolveModel(requested, config);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).code).toBe('model_not_found');
      expect((error as GatewayError).status).toBe(404);
      expect((error as GatewayError).message).toContain(requested);
    }
  });

  it('sends bare names to the default provider when one is set', () => {
    const single = resolveConfig({ providers: { vllm: { type: 'openai', baseUrl: 'http://h/v1' } }, routing: { defaultProvider: 'vllm' } }, 't', {});
    expect(resolveModel('Qwen/Qwen2.5-7B', single)).toEqual({ provider: 'vllm', model: 'Qwen/Qwen2.5-7B', reason: 'default provider' });
  });
});
