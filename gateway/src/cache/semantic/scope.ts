import { createHash } from 'node:crypto';
import type { CanonicalMessage, CanonicalRequest } from '../../canonical/types.js';

export interface SemanticScope {
  /** sha256 (hex) of everything that must be identical for a cached answer to apply. */
  scope: string;
  /** The last user message's text: what gets embedded and compared. */
  text: string;
}

// Bump when the scope's content changes, so old entries stop matching instead of matching wrongly.
const SCOPE_VERSION = 1;

/**
 * Splits a request into what the semantic cache compares by meaning (the last user message)
 * and what it must match exactly (everything else that shapes the answer). Two requests can
 * share a cached answer only if their scopes are equal, whatever the similarity of their texts.
 *
 * Returns undefined when the request is not semantically cacheable:
 * - the conversation does not end on a user message (an assistant prefill continues
 *   text that the embedding would not see);
 * - the last user message has no text, or carries a tool result (the answer depends on
 *   the tool output, which the embedding does not see either);
 * - any image appears anywhere: the embedder reads text only, and an image behind a URL
 *   can change without the request changing.
 *
 * In the scope: tenant (never share across tenants), the requested model (not the
 * upstream one: fallbacks answer for the requested name), system prompt, tools, tool
 * choice, parallel tool calls, response format, sampling and length parameters, every
 * earlier message and, when given, the embedder id (vectors of two embedders are not
 * comparable, so their entries must never meet). Not in it: `stream` (a cached answer can
 * be served either way) and `user` (end users of one tenant share the cache; the tenant
 * decides that by enabling it).
 */
export function semanticScope(tenant: string, requestedModel: string, request: CanonicalRequest, embedderId?: string): SemanticScope | undefined {
  const last = request.messages[request.messages.length - 1];
  if (last === undefined || last.role !== 'user') return undefined;
  if (request.messages.some(hasImage)) return undefined;
  if (last.content.some((part) => part.type !== 'text')) return undefined;
  const text = last.content
    .map((part) => (part.type === 'text' ? part.text : ''))
    .join('\n')
    .trim();
  if (text === '') return undefined;
  const shape = {
    v: SCOPE_VERSION,
    tenant,
    embedder: embedderId,
    model: requestedModel,
    system: request.system,
    tools: request.tools,
    toolChoice: request.toolChoice,
    parallelToolCalls: request.parallelToolCalls,
    responseFormat: request.responseFormat,
    temperature: request.temperature,
    topP: request.topP,
    stop: request.stop,
    maxTokens: request.maxTokens,
    n: request.n,
    history: request.messages.slice(0, -1),
  };
  return { scope: createHash('sha256').update(canonicalJson(shape)).digest('hex'), text };
}

function hasImage(message: CanonicalMessage): boolean {
  return message.content.some(
    (part) => part.type === 'image' || (part.type === 'tool_result' && typeof part.content !== 'string' && part.content.some((p) => p.type === 'image')),
  );
}

/**
 * JSON with object keys sorted and undefined members dropped, so the same request hashes
 * the same however its surface ordered the fields. Array order is kept: it is meaningful
 * (messages, tools, stop sequences as the model sees them).
 */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
