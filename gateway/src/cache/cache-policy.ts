import type { CanonicalMessage, CanonicalRequest, CanonicalResponse } from '../canonical/types.js';

/** The cache settings of the route a request resolved to. */
export interface CacheRoutePolicy {
  exact: boolean;
  semantic: boolean;
  ttlMs: number;
  /** Cache requests that sample (temperature > 0 or left to the provider, n > 1). */
  allowNondeterministic: boolean;
  /** Cache requests that offer tools (exact cache only; see cacheDecision). */
  allowTools: boolean;
}

export type CacheRequestHeaders = Record<string, string | string[] | undefined>;

export interface CacheDecisionInput {
  request: CanonicalRequest;
  headers: CacheRequestHeaders;
  route: CacheRoutePolicy;
}

/** `normal`: look up, store on a miss. `refresh`: go upstream, store. `bypass`: no cache at all. */
export type CacheMode = 'normal' | 'bypass' | 'refresh';

export interface CacheDecision {
  /** Look the request up (in every cache that takes part). */
  lookup: boolean;
  /** Store a complete, successful answer (in every cache that takes part). */
  store: boolean;
  /** The exact cache takes part. */
  exact: boolean;
  /** The semantic cache takes part. */
  semantic: boolean;
  /** Derived from lookup and store, for the trace and the `x-gateway-cache` response header. */
  mode: CacheMode;
  /** Every rule that narrowed the decision, as short stable codes, in order: for the trace. */
  reasons: string[];
}

/**
 * Whether and how the caches serve one request. Pure. Rules, in order (the strictest wins):
 *
 * 1. Client controls. `x-gateway-cache: bypass` and `Cache-Control: no-store`: no lookup, no
 *    store. `x-gateway-cache: refresh`: no lookup, store. `Cache-Control: no-cache`: HTTP says
 *    a cache must revalidate with the origin before using a stored answer (RFC 9111 §5.2.1.4);
 *    our revalidation is asking upstream, so no lookup, and the fresh answer may be stored
 *    (no-cache, unlike no-store, does not forbid storing). Unknown values are ignored, noted.
 * 2. Sampling. Unless the route allows it, no cache for temperature > 0, for temperature left
 *    out (both OpenAI and Anthropic then sample at 1.0, so the answer is one draw of many), or
 *    for n > 1: a cache would replay one draw as if it were the answer.
 * 3. Tools. Unless the route allows it, no cache for requests that offer tools (the answer
 *    may be a call whose result differs each time). Even then only the exact cache: the
 *    semantic cache embeds text and would match a request against other tool definitions.
 * 4. Images. Never semantic: the embedding sees only the text, so two questions about
 *    different images would match. Exact only when every image is inline (base64): the key
 *    then covers its bytes. An image by URL keeps exact out too, as the key covers only the
 *    address and what it points to can change.
 * 5. A route TTL of 0 or less stores nothing.
 */
export function cacheDecision(input: CacheDecisionInput): CacheDecision {
  const { request, headers, route } = input;
  const reasons: string[] = [];
  let lookup = true;
  let store = true;

  const control = headerTokens(headers, 'x-gateway-cache');
  const cacheControl = headerTokens(headers, 'cache-control').map((token) => token.split('=')[0]?.trim() ?? '');
  if (control.includes('bypass')) {
    reasons.push('x-gateway-cache:bypass');
    lookup = store = false;
  }
  if (cacheControl.includes('no-store')) {
    reasons.push('cache-control:no-store');
    lookup = store = false;
  }
  if (control.includes('refresh')) {
    reasons.push('x-gateway-cache:refresh');
    lookup = false;
  }
  if (cacheControl.includes('no-cache')) {
    reasons.push('cache-control:no-cache');
    lookup = false;
  }
  for (const token of control) if (token !== 'bypass' && token !== 'refresh') reasons.push(`x-gateway-cache:ignored:${token}`);

  const sampling = route.allowNondeterministic ? [] : samplingReasons(request);
  reasons.push(...sampling);
  let eligible = sampling.length === 0;
  const hasTools = (request.tools?.length ?? 0) > 0;
  if (hasTools && !route.allowTools) {
    reasons.push('tools');
    eligible = false;
  }
  const images = imageKinds(request.messages);

  const exact = route.exact && eligible && !images.url;
  const semantic = route.semantic && eligible && !hasTools && !images.any;
  if (!route.exact) reasons.push('route:exact-off');
  else if (eligible && images.url) reasons.push('images:url');
  if (!route.semantic) reasons.push('route:semantic-off');
  else if (eligible && hasTools) reasons.push('semantic:tools');
  else if (eligible && images.any) reasons.push('semantic:images');
  if (!(route.ttlMs > 0)) {
    reasons.push('route:ttl-zero');
    store = false;
  }

  lookup = lookup && (exact || semantic);
  store = store && (exact || semantic);
  return { lookup, store, exact, semantic, mode: lookup ? 'normal' : store ? 'refresh' : 'bypass', reasons };
}

/**
 * Whether an answer may be stored once the request's decision allows storing: only complete,
 * real answers. Errors never get here (there is no answer). Left out: a stream cut before its
 * finish (partial), a provider's content-filter verdict (a policy outcome that may change, not
 * the model's answer) and an empty answer. A `max_tokens` stop is complete for its key, which
 * covers maxTokens.
 */
export function answerStorable(response: CanonicalResponse, complete: boolean): { store: true } | { store: false; reason: string } {
  if (!complete) return { store: false, reason: 'partial' };
  if (response.stopReason === 'content_filter') return { store: false, reason: 'content-filter' };
  if (response.content.length === 0) return { store: false, reason: 'empty' };
  return { store: true };
}

function samplingReasons(request: CanonicalRequest): string[] {
  const reasons: string[] = [];
  if (request.temperature === undefined) reasons.push('nondeterministic:temperature-default');
  else if (request.temperature > 0) reasons.push(`nondeterministic:temperature=${request.temperature}`);
  if (request.n !== undefined && request.n > 1) reasons.push(`nondeterministic:n=${request.n}`);
  return reasons;
}

/** Lower-cased, comma-separated tokens of a header, whatever the case of its name. */
function headerTokens(headers: CacheRequestHeaders, name: string): string[] {
  const tokens: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    for (const line of Array.isArray(value) ? value : [value]) {
      for (const token of line.split(',')) if (token.trim() !== '') tokens.push(token.trim().toLowerCase());
    }
  }
  return tokens;
}

function imageKinds(messages: CanonicalMessage[]): { any: boolean; url: boolean } {
  const found = { any: false, url: false };
  for (const message of messages) {
    if (message.role !== 'user') continue;
    for (const part of message.content) {
      const parts = part.type === 'tool_result' ? (typeof part.content === 'string' ? [] : part.content) : [part];
      for (const inner of parts) {
        if (inner.type !== 'image') continue;
        found.any = true;
        if (inner.source.kind === 'url') found.url = true;
      }
    }
  }
  return found;
}
