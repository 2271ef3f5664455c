import type { ResolvedConfig } from '../config/resolved-config.js';
import { HttpChatProvider } from './http-chat-provider.js';
import { MockChatProvider } from './mock-chat-provider.js';
import type { ChatProvider } from './provider.js';

export function createProviders(config: ResolvedConfig): Map<string, ChatProvider> {
  const providers = new Map<string, ChatProvider>();
  for (const [name, provider] of config.providers) {
    providers.set(
      name,
      provider.type === 'mock'
        ? new MockChatProvider(name, provider.models)
        : new HttpChatProvider(provider, { defaultMaxTokens: config.raw.defaults.maxTokens }),
    );
  }
  return providers;
}
