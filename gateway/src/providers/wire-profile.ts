import type { ResolvedProvider } from '../config/resolved-config.js';
import { ANTHROPIC_PASS_HEADERS } from '../protocols/client-options.js';
import type { ClientBody } from './provider.js';

type HttpProviderConfig = Extract<ResolvedProvider, { type: 'openai' | 'anthropic' }>;

/** How one protocol's upstream is addressed: paths, auth headers, and the pass-through body. */
export interface WireProfile {
  chatPath: string;
  modelsPath: string;
  embeddingsPath: string | undefined;
  headers(client: ClientBody | undefined): Record<string, string>;
  /** The client's own body re-targeted at the upstream model, everything else untouched. */
  passthroughBody(client: ClientBody, model: string, stream: boolean): Record<string, unknown>;
}

export function wireProfileFor(config: HttpProviderConfig): WireProfile {
  const prefix = new URL(config.baseUrl).pathname.replace(/\/+$/, '');
  return config.type === 'openai' ? openaiProfile(config, prefix) : anthropicProfile(config, prefix);
}

function openaiProfile(config: HttpProviderConfig, prefix: string): WireProfile {
  const base: Record<string, string> = { 'content-type': 'application/json', ...config.headers };
  if (config.apiKey !== undefined) base.authorization = `Bearer ${config.apiKey}`;
  return {
    chatPath: `${prefix}/chat/completions`,
    modelsPath: `${prefix}/models`,
    embeddingsPath: `${prefix}/embeddings`,
    headers: () => base,
    passthroughBody(client, model, stream) {
      if (!stream) return { ...client.body, model };
      // The gateway always needs usage; the chunk the client did not ask for is filtered out again.
      const streamOptions = client.body.stream_options;
      const options = typeof streamOptions === 'object' && streamOptions !== null ? streamOptions : {};
      return { ...client.body, model, stream_options: { ...options, include_usage: true } };
    },
  };
}


function anthropicProfile(config: HttpProviderConfig, prefix: string): WireProfile {
  const base: Record<string, string> = {
    'content-type': 'application/json',
    'anthropic-version': config.anthropicVersion,
    ...config.headers,
  };
  if (config.apiKey !== undefined) base['x-api-key'] = config.apiKey;
  return {
    chatPath: `${prefix}/v1/messages`,
    modelsPath: `${prefix}/v1/models`,
    embeddingsPath: undefined,
    headers(client) {
      if (client?.protocol !== 'anthropic') return base;
      const headers = { ...base };
      for (const name of ANTHROPIC_PASS_HEADERS) {
        const value = client.headers[name];
        if (value !== undefined) headers[name] = value;
      }
      return headers;
    },
    passthroughBody: (client, model) => ({ ...client.body, model }),
  };
}
