import { createHash } from 'node:crypto';
import type { CanonicalRequest } from '../../canonical/types.js';
import { canonicalJson } from '../../prompts/canonical-json.js';

/**
 * Leads every key. Bump it whenever what is hashed, or the shape stored under a key, changes:
 * old entries then simply stop matching (and expire) instead of being served in a stale shape.
 */
export const EXACT_CACHE_KEY_VERSION = 'v1';

/**
 * Which request fields the key covers. `satisfies Record<keyof CanonicalRequest, boolean>`
 * makes a field added to CanonicalRequest a compile error here until someone decides: a new
 * generation parameter left out of the key would serve answers generated under another value.
 *
 * Left out, and why:
 * - `model`: by the cache stage it may already be the upstream's name; the key takes the name
 *   the client asked for (model or alias) instead, passed separately.
 * - `stream`: a stored JSON answer is replayed as SSE and a finished stream as JSON.
 * - `user`: an end-user id for the provider's abuse tracking; it does not change what the model
 *   generates, and keying on it would split one tenant's cache per end user. Everything that
 *   could make the answer user-specific is in the messages, which the key covers.
 */
const KEY_FIELDS = {
  model: false,
  stream: false,
  user: false,
  system: true,
  messages: true,
  maxTokens: true,
  temperature: true,
  topP: true,
  stop: true,
  tools: true,
  toolChoice: true,
  parallelToolCalls: true,
  responseFormat: true,
  n: true,
} as const satisfies Record<keyof CanonicalRequest, boolean>;

type KeyField = { [F in keyof typeof KEY_FIELDS]: (typeof KEY_FIELDS)[F] extends true ? F : never }[keyof typeof KEY_FIELDS];

const KEYED = (Object.keys(KEY_FIELDS) as Array<keyof typeof KEY_FIELDS>).filter((field): field is KeyField => KEY_FIELDS[field]);

/**
 * The exact-cache key of a request: `v1:` + sha256 (hex) of a canonical JSON (keys sorted, no
 * whitespace) of the tenant, the requested model and every generation input. Pure.
 *
 * Spellings that mean the same to every provider hash alike: `n: 1` and no `n`, an empty
 * `tools` or `stop` list and none. Everything else is taken literally (a different tool-call
 * id or a trailing space is a different request), since only byte-equal inputs are known to
 * produce the same answer.
 */
export function exactCacheKey(tenant: string, requestedModel: string, request: CanonicalRequest): string {
  const inputs: Record<string, unknown> = {};
  for (const field of KEYED) inputs[field] = request[field];
  if (request.n === 1) inputs.n = undefined;
  if (request.tools?.length === 0) inputs.tools = undefined;
  if (request.stop?.length === 0) inputs.stop = undefined;
  // Tenant and model sit in their own fields, so no concatenation of the two can collide.
  const material = canonicalJson({ tenant, requestedModel, request: inputs });
  return `${EXACT_CACHE_KEY_VERSION}:${createHash('sha256').update(material).digest('hex')}`;
}
