// How each provider expects the key. Only enforced when the mock was started with
// `requireKey`; without it every key (or none) is accepted.
import type { IncomingMessage } from 'node:http';

function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

/** null when accepted; otherwise the key that was sent ('' when none), for the 401 message. */
export function rejectedOpenAIKey(req: IncomingMessage, requireKey: string | undefined): string | null {
  if (requireKey === undefined) return null;
  const sent = bearerToken(req);
  return sent === requireKey ? null : (sent ?? '');
}

/**
 * Anthropic's API key header is `x-api-key`. Bearer is accepted as well because newer
 * @anthropic-ai/sdk releases send `Authorization: Bearer <apiKey>`.
 */
export function acceptsAnthropicKey(req: IncomingMessage, requireKey: string | undefined): boolean {
  if (requireKey === undefined) return true;
  return req.headers['x-api-key'] === requireKey || bearerToken(req) === requireKey;
}
