import { randomUUID } from 'node:crypto';
import { answerStorable, cacheDecision } from '../../cache/cache-policy.js';
import { decodeCachedAnswer, exactCacheKey } from '../../cache/exact/index.js';
import { guardVerdict } from '../../cache/semantic/guard/guard-verdict.js';
import { semanticScope } from '../../cache/semantic/scope.js';
import type { CanonicalRequest, CanonicalResponse } from '../../canonical/types.js';
import type { HeaderBag } from '../../auth/key-authenticator.js';
import type { Deps } from '../../deps.js';
import type { CacheTrace, Trace } from '../../trace/trace.js';
import type { Caches } from '../create-caches.js';

export interface CacheHit {
  kind: 'hit-exact' | 'hit-semantic';
  response: CanonicalResponse;
  /** The provider/model that produced the cached answer. */
  servedBy: string;
  similarity?: number;
}

/** What to store after a miss (computed at lookup, so the embedding is not made twice). */
export interface CacheStorePlan {
  ttlMs: number;
  exactKey?: string;
  semantic?: { scope: string; text: string; vector: Float32Array };
}

/** A hit to serve, or on a miss what to store afterwards (neither when the cache is off). */
export interface CacheLookup {
  hit?: CacheHit;
  plan?: CacheStorePlan;
}

/** Whether the requested model has cache settings at all: the caller skips the (async) stage when not. */
export function cacheApplies(deps: Deps, request: CanonicalRequest): boolean {
  return deps.config.raw.cache.routes[request.model] !== undefined;
}

/**
 * The cache stage: exact lookup, then semantic lookup (identical scope only, similarity at
 * or above the threshold, and the guard's approval). Every store call is bounded by the
 * stores themselves; a cache that fails is a miss, never an error. The trace records the
 * decision, the reasons, and for semantic candidates the similarity and the guard's verdict.
 */
export async function cacheLookup(
  deps: Deps & { caches: Caches },
  tenant: string,
  request: CanonicalRequest,
  headers: HeaderBag,
  trace: Trace,
): Promise<CacheLookup> {
  const settings = deps.config.raw.cache;
  const route = settings.routes[request.model];
  if (route === undefined) return {};
  const decision = cacheDecision({ request, headers, route });
  const record: CacheTrace = { outcome: decision.lookup || decision.store ? 'miss' : 'bypass', mode: decision.mode, reasons: decision.reasons, lookups: [] };
  trace.cache = record;
  const { caches } = deps;
  const plan: CacheStorePlan = { ttlMs: route.ttlMs };
  const exactKey = decision.exact && caches.exact !== undefined ? exactCacheKey(tenant, request.model, request) : undefined;
  if (exactKey !== undefined) plan.exactKey = exactKey;
  if (exactKey !== undefined && decision.lookup) {
    const found = await caches.exact!.get(exactKey).catch(() => undefined);
    record.lookups.push({ layer: 'exact', outcome: found === undefined ? 'miss' : 'hit' });
    if (found !== undefined) {
      record.outcome = 'hit-exact';
      return { hit: { kind: 'hit-exact', response: found.response, servedBy: found.model } };
    }
  }
  const semantic = caches.semantic;
  const scoped = decision.semantic && semantic !== undefined ? semanticScope(tenant, request.model, request) : undefined;
  if (semantic !== undefined && scoped !== undefined) {
    const started = deps.now();
    const [vector] = await semantic.embedder.embed([scoped.text]).catch(() => [undefined]);
    record.embedMs = deps.now() - started;
    if (vector === undefined) return { plan };
    const scope = `${semantic.embedder.id}:${scoped.scope}`;
    plan.semantic = { scope, text: scoped.text, vector };
    if (decision.lookup) {
      const threshold = route.threshold ?? settings.semantic.threshold;
      const searchStarted = deps.now();
      const hits = await semantic.store.search({ tenant, scope, vector, k: 3, minSimilarity: threshold }).catch(() => []);
      record.searchMs = deps.now() - searchStarted;
      record.threshold = threshold;
      for (const candidate of hits) {
        const guard = settings.semantic.guard ? guardVerdict(scoped.text, candidate.entry.text) : { ok: true, reasons: [] };
        record.candidates = [...(record.candidates ?? []), { similarity: round(candidate.similarity), guard: guard.ok ? 'ok' : guard.reasons }];
        if (!guard.ok) continue;
        const answer = readAnswer(candidate.entry.answer);
        if (answer === undefined) continue;
        record.lookups.push({ layer: 'semantic', outcome: 'hit' });
        record.outcome = 'hit-semantic';
        record.similarity = round(candidate.similarity);
        return { hit: { kind: 'hit-semantic', response: answer.response, servedBy: answer.model, similarity: candidate.similarity } };
      }
      record.lookups.push({ layer: 'semantic', outcome: 'miss' });
    }
  }
  return decision.store ? { plan } : {};
}

/**
 * After a served miss: store the answer when it is complete and storable. Fire and forget:
 * the response never waits for a cache write, and a failed write is only logged.
 */
export function cacheStore(deps: Deps & { caches: Caches }, tenant: string, requestedModel: string, plan: CacheStorePlan, response: CanonicalResponse, complete: boolean, servedBy: string, trace: Trace): void {
  const verdict = answerStorable(response, complete);
  if (trace.cache !== undefined) trace.cache.stored = verdict.store ? true : verdict.reason;
  if (!verdict.store) return;
  const now = deps.now();
  const answer = { response, storedAt: now, model: servedBy, requestedModel };
  const warn = (error: unknown): void => deps.logger.warn({ err: error }, 'cache write failed');
  if (plan.exactKey !== undefined) deps.caches.exact?.set(plan.exactKey, answer, plan.ttlMs, tenant).catch(warn);
  const semantic = deps.caches.semantic;
  if (plan.semantic !== undefined && semantic !== undefined) {
    semantic.store
      .insert({ id: randomUUID(), tenant, scope: plan.semantic.scope, text: plan.semantic.text, answer: JSON.stringify(answer), createdAt: now, expiresAt: now + plan.ttlMs, dims: semantic.embedder.dims, vector: plan.semantic.vector })
      .catch(warn);
  }
}

function round(similarity: number): number {
  return Math.round(similarity * 10_000) / 10_000;
}

/** A stored answer that no longer parses (an older format) is a miss, not an error. */
function readAnswer(json: string): ReturnType<typeof decodeCachedAnswer> | undefined {
  try {
    return decodeCachedAnswer(json);
  } catch {
    return undefined;
  }
}
