import type { Env } from './load-config.js';

/**
 * The configuration document used when no file is given: one provider per set of
 * environment variables, the built-in mock when there are none (so a first run works
 * offline), and API keys from LLM_GATEWAY_API_KEY / LLM_GATEWAY_ADMIN_KEY.
 */
export function configFromEnv(env: Env): Record<string, unknown> {
  const providers: Record<string, unknown> = {};
  if (env.OPENAI_API_KEY || env.OPENAI_BASE_URL) {
    providers.openai = {
      type: 'openai',
      baseUrl: { env: 'OPENAI_BASE_URL', default: 'https://api.openai.com/v1' },
      apiKey: { env: 'OPENAI_API_KEY', optional: true },
    };
  }
  if (env.ANTHROPIC_API_KEY || env.ANTHROPIC_BASE_URL) {
    providers.anthropic = {
      type: 'anthropic',
      baseUrl: { env: 'ANTHROPIC_BASE_URL', default: 'https://api.anthropic.com' },
      apiKey: { env: 'ANTHROPIC_API_KEY', optional: true },
    };
  }
  if (env.VLLM_BASE_URL) {
    providers.vllm = {
      type: 'openai',
      baseUrl: { env: 'VLLM_BASE_URL' },
      apiKey: { env: 'VLLM_API_KEY', optional: true },
    };
  }
  if (Object.keys(providers).length === 0) providers.mock = { type: 'mock' };
  const names = Object.keys(providers);
  const document: Record<string, unknown> = {
    providers,
    // One provider: a bare model name ("gpt-4o-mini") needs no prefix.
    routing: names.length === 1 ? { defaultProvider: names[0] } : {},
    auth: {
      keys: env.LLM_GATEWAY_API_KEY ? [{ id: 'env-key', tenant: 'default', env: 'LLM_GATEWAY_API_KEY' }] : [],
      ...(env.LLM_GATEWAY_ADMIN_KEY ? { admin: { env: 'LLM_GATEWAY_ADMIN_KEY' } } : {}),
    },
  };
  return document;
}
