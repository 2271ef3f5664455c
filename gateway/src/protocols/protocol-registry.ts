import { anthropicProtocol } from './anthropic/index.js';
import type { ChatProtocol, ProtocolName } from './chat-protocol.js';
import { openaiProtocol } from './openai/index.js';

/** The wire protocols the gateway speaks, by name. Bodies are typed by each protocol's schema. */
export const PROTOCOLS: { readonly [P in ProtocolName]: ChatProtocol<Record<string, unknown>> } = {
  openai: openaiProtocol as unknown as ChatProtocol<Record<string, unknown>>,
  anthropic: anthropicProtocol as unknown as ChatProtocol<Record<string, unknown>>,
};
