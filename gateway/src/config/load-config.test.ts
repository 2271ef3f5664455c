import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadConfigFromEnv, resolveConfig } from './load-config.js';

const mock = { providers: { m: { type: 'mock' } } };

describe('resolveConfig', () => {
  it('fills defaults inline', () => {
    const config = resolveConfig(mock, 't', {});
    expect(config.raw.server).toEqual({ host: '0.0.0.0', port: 8080, bodyLimitBytes: 16 * 1024 * 1024, shutdownGraceMs: 30_000 });
    expect(config.raw.defaults.maxTokens).toBe(4096);
  });

  it.each([
    [{ ...mock, extra: 1 }, 'extra: unknown key'],
    [{ providers: { m: { type: 'mock', nope: true } } }, 'providers.m.nope: unknown key'],
    [{ providers: { m: { type: 'bogus' } } }, 'providers.m.type'],
    [{ providers: {} }, 'providers: configure at least one provider'],
    [{ ...mock, server: { port: 70_000 } }, 'server.port'],
    [{ providers: { o: { type: 'openai', apiKey: 'sk-inline' } } }, 'providers.o.apiKey'],
    [{ providers: { o: { type: 'openai', baseUrl: 'not a url' } } }, 'providers.o.baseUrl: not a URL'],
    [{ ...mock, auth: { keys: [{ id: 'k', tenant: 't' }] } }, 'auth.keys[0]: give exactly one of sha256 or env'],
    [{ ...mock, auth: { keys: [{ id: 'k', tenant: 't', sha256: 'ABC' }] } }, 'auth.keys[0].sha256'],
    [{ ...mock, routing: { defaultProvider: 'nope' } }, 'routing.defaultProvider: unknown provider'],
    [{ ...mock, aliases: { a: 'no-slash' } }, 'aliases.a: must be provider/model'],
  ])('rejects %j naming the path', (document, expected) => {
    expect(() => resolveConfig(document, 'file.yaml', {})).toThrow(ConfigError);
    expect(() => resolveConfig(document, 'file.yaml', {})).toThrow(expected);
  });

  it('reads secrets and URLs from the environment, and fails naming a missing variable', () => {
    const document = { providers: { o: { type: 'openai', baseUrl: { env: 'O_URL', default: 'http://d/v1' }, apiKey: { env: 'O_KEY' } } } };
    const config = resolveConfig(document, 't', { O_KEY: 'sk-1', O_URL: 'http://x:1/v1/' });
    expect(config.providers.get('o')).toMatchObject({ baseUrl: 'http://x:1/v1', apiKey: 'sk-1' });
    expect(resolveConfig(document, 't', { O_KEY: 'k' }).providers.get('o')).toMatchObject({ baseUrl: 'http://d/v1' });
    expect(() => resolveConfig(document, 't', {})).toThrow('providers.o.apiKey.env: environment variable O_KEY is not set');
    const optional = { providers: { o: { type: 'openai', apiKey: { env: 'O_KEY', optional: true } } } };
    expect(resolveConfig(optional, 't', {}).providers.get('o')).toMatchObject({ apiKey: undefined });
  });

  it('hashes the config independently of key order and never the secret values', () => {
    const a = resolveConfig({ providers: { o: { type: 'openai', apiKey: { env: 'K' } } }, aliases: { x: 'o/m', y: 'o/n' } }, 't', { K: 'one' });
    const b = resolveConfig({ aliases: { y: 'o/n', x: 'o/m' }, providers: { o: { apiKey: { env: 'K' }, type: 'openai' } } }, 't', { K: 'two' });
    expect(a.hash).toBe(b.hash);
    expect(resolveConfig({ ...mock, aliases: { z: 'm/q' } }, 't', {}).hash).not.toBe(resolveConfig(mock, 't', {}).hash);
  });

  it('answers a lookup by a client-typed name only from what the config holds', () => {
    const config = resolveConfig({ ...mock, aliases: { fast: 'm/small' }, chains: { smart: { steps: ['m/big'] } } }, 't', {});
    expect(config.raw.aliases['fast']).toBe('m/small');
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(config.raw.aliases[name]).toBeUndefined();
      expect(config.raw.chains[name]).toBeUndefined();
      expect(config.raw.cache.routes[name]).toBeUndefined();
      expect(config.raw.policy.routes[name]).toBeUndefined();
    }
  });

  it('freezes what it returns', () => {
    const config = resolveConfig(mock, 't', {});
    expect(Object.isFrozen(config.raw.server)).toBe(true);
    expect(() => {
      (config.raw.server as { port: number }).port = 1;
    }).toThrow(TypeError);
  });
});

describe('loadConfigFromEnv', () => {
  it('uses the built-in mock when no provider is configured', () => {
    const config = loadConfigFromEnv({});
    expect([...config.providers.keys()]).toEqual(['mock']);
    expect(config.raw.routing.defaultProvider).toBe('mock');
    expect(config.apiKeys).toEqual([]);
  });

  it('builds one provider per set of variables, and keys from LLM_GATEWAY_*', () => {
    const config = loadConfigFromEnv({
      OPENAI_API_KEY: 'sk-o',
      ANTHROPIC_BASE_URL: 'http://a:1',
      VLLM_BASE_URL: 'http://v:2/v1',
      LLM_GATEWAY_API_KEY: 'gw',
      LLM_GATEWAY_ADMIN_KEY: 'adm',
    });
    expect(config.providers.get('openai')).toMatchObject({ type: 'openai', baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-o' });
    expect(config.providers.get('anthropic')).toMatchObject({ type: 'anthropic', baseUrl: 'http://a:1', apiKey: undefined });
    expect(config.providers.get('vllm')).toMatchObject({ type: 'openai', baseUrl: 'http://v:2/v1' });
    expect(config.raw.routing.defaultProvider).toBeUndefined();
    expect(config.apiKeys).toEqual([{ id: 'env-key', tenant: 'default', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(config.adminKeySha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
