import { ResponseAccumulator, eventsFromResponse } from '../../canonical/response-events.js';
import type { Surface } from '../../errors/error-envelope.js';
import { wantsStreamUsage } from '../../protocols/client-options.js';
import { PROTOCOLS } from '../../protocols/protocol-registry.js';
import type { Trace } from '../../trace/trace.js';
import type { EffectivePolicy } from '../policy-engine.js';
import type { ResponseSink } from '../response-sink.js';
import type { CacheHit } from './cache.js';
import { applyResponsePolicy, streamFilter } from './policy-post.js';
import { respondStream } from './respond-stream.js';

/** x-gateway-cache (and the similarity of a semantic hit) for a route that has a cache. */
export function cacheHeaders(trace: Trace): Record<string, string> {
  const cache = trace.cache;
  if (cache === undefined) return {};
  const headers: Record<string, string> = { 'x-gateway-cache': cache.outcome };
  if (cache.similarity !== undefined) headers['x-gateway-cache-similarity'] = String(cache.similarity);
  return headers;
}

/**
 * Serves a cached answer in the protocol and mode the client asked for: a stored answer is
 * one canonical response, encoded as JSON or replayed as a valid SSE stream for either
 * surface. Output policy applies to cached answers too.
 */
export async function serveCacheHit(sink: ResponseSink, surface: Surface, body: Record<string, unknown>, hit: CacheHit, trace: Trace, policy: EffectivePolicy): Promise<void> {
  const headers: Record<string, string> = {
    'x-request-id': trace.id,
    'x-gateway-model': hit.servedBy,
    'x-gateway-attempts': '0',
    ...cacheHeaders(trace),
  };
  if (surface === 'anthropic') headers['request-id'] = trace.id;
  // The answer was paid for when it was first made: a hit costs nothing now.
  trace.outcome = { status: 200, usage: hit.response.usage, servedBy: hit.servedBy, stopReason: hit.response.stopReason, costUsd: 0 };
  if (body.stream !== true) {
    const checked = applyResponsePolicy(policy, hit.response, trace);
    sink.json(200, headers, JSON.stringify(PROTOCOLS[surface].encodeResponse(checked)));
    return;
  }
  const includeUsage = wantsStreamUsage(body);
  const filter = streamFilter(policy);
  await respondStream(sink, {
    surface,
    passthrough: false,
    includeUsage,
    chunks: replay(hit),
    headers,
    accumulator: new ResponseAccumulator(),
    ...(filter === undefined ? {} : { filter }),
  });
}

async function* replay(hit: CacheHit) {
  for (const event of eventsFromResponse(hit.response)) yield { events: [event] };
}
