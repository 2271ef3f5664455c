import type { CanonicalMessage } from '../canonical/types.js';
import type { PromptMessage } from './prompt-types.js';

/**
 * Rendered prompt messages in the canonical shape. System messages are hoisted and joined
 * with a blank line, as the OpenAI surface does (canonical `system` is one string because
 * Anthropic has only a top-level system prompt). How they combine with the request's own
 * messages (prepend, replace) is the prompt stage's decision, not this function's.
 */
export function promptMessagesToCanonical(messages: readonly PromptMessage[]): {
  system?: string;
  messages: CanonicalMessage[];
} {
  const system: string[] = [];
  const canonical: CanonicalMessage[] = [];
  for (const { role, content } of messages) {
    if (role === 'system') system.push(content);
    else canonical.push({ role, content: [{ type: 'text', text: content }] });
  }
  return { ...(system.length === 0 ? {} : { system: system.join('\n\n') }), messages: canonical };
}
