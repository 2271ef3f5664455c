import type { Usage, StopReason } from '../canonical/types.js';
import type { HookReport } from '../policy/index.js';
import type { Reservation } from '../ratelimit/index.js';
import type { ErrorCode } from '../errors/error-codes.js';
import type { Surface } from '../errors/error-envelope.js';
import type { RequestFeatures } from '../routing/request-features.js';
import type { RouteDecision } from '../routing/route-types.js';

/** The rate-limit decisions of one request: buckets checked, reserved and settled. */
export interface RateLimitTrace {
  tier: string | null;
  estimate: { inputTokens: number; outputTokens: number };
  /** Bucket keys looked at (admission, then each upstream tried). */
  checked: string[];
  reserved: Reservation[];
  settled: Array<{ id: string; inputTokens: number; outputTokens: number }>;
  queuedMs?: number;
  refused?: { key: string; dimension: string; retryAfterMs: number; requestTooLarge: boolean };
  /** The store was unreachable and the request went through unchecked (fail-open). */
  degraded?: boolean;
}

/** What the cache did for one request. */
export interface CacheTrace {
  outcome: 'hit-exact' | 'hit-semantic' | 'miss' | 'bypass';
  mode: 'normal' | 'bypass' | 'refresh';
  /** Why a cache did not take part (cache-policy.ts codes), e.g. `nondeterministic:temperature=0.7`. */
  reasons: string[];
  lookups: Array<{ layer: 'exact' | 'semantic'; outcome: 'hit' | 'miss' }>;
  similarity?: number;
  threshold?: number;
  /** Semantic candidates above the threshold: their similarity and the guard's verdict. */
  candidates?: Array<{ similarity: number; guard: 'ok' | string[] }>;
  embedMs?: number;
  searchMs?: number;
  /** After a miss: stored, or why not. */
  stored?: true | string;
}

/** One upstream call made for a request, or a step the chain skipped (outcome 'skipped'). */
export interface AttemptRecord {
  target: string;
  /** 0 for a step's first try, 1.. for its retries. */
  try: number;
  /** Milliseconds from the request's start to this attempt's start. */
  startMs: number;
  latencyMs: number;
  /** Streams: milliseconds from the attempt's start to the first upstream event. */
  ttftMs?: number;
  outcome: 'ok' | 'error' | 'aborted' | 'skipped';
  /** What the chain did next and why: retry, fall back, stop (not fallbackable), or skip this step. */
  decision?: 'success' | 'retry' | 'fallback' | 'stop' | 'skip';
  why?: string;
  /** The breaker's state when the attempt was let through. */
  breaker?: 'closed' | 'half_open';
  /** Estimated before sending (price table); real cost is in the outcome. */
  estimatedCostUsd?: number;
  errorCode?: ErrorCode;
  errorMessage?: string;
  httpStatus?: number;
  /** Same-protocol pass-through (true) or translated through the canonical format. */
  passthrough: boolean;
}

/**
 * Everything decided while serving one request. Logs, headers, the admin API, the recorder
 * and the lab are projections of it: if it is a decision, it is in here.
 */
export interface Trace {
  id: string;
  configHash: string;
  startedAt: number;
  surface: Surface;
  endpoint: 'chat' | 'embeddings' | 'models';
  tenant?: string;
  keyId?: string;
  requestedModel?: string;
  stream?: boolean;
  /** The router's whole decision (rule, split, classifier, candidates, exclusions, budgets). */
  route?: RouteDecision;
  /** What the router read besides the config: features of the request and its split draw. */
  routeInput?: { features: RequestFeatures; splitDraw: number; user?: string; configHash: string };
  attempts: AttemptRecord[];
  rateLimit?: RateLimitTrace;
  cache?: CacheTrace;
  /** The W3C trace context the client sent; the request's spans join its trace. */
  traceContext?: { traceparent?: string; tracestate?: string };
  /** The request's output token limit, when the client set one. */
  maxTokens?: number;
  /** The stored prompt the request used. */
  prompt?: { name: string; version: number; hash: string; label?: string };
  /** What each policy hook did: kinds and counts, never the matched values. */
  policy?: { layers: string[]; request: HookReport[]; response?: HookReport[]; blocked?: string };
  outcome?: {
    status: number;
    errorCode?: ErrorCode;
    errorMessage?: string;
    usage?: Usage;
    /** USD, from the served model's price and the real usage; absent when the price is unknown. */
    costUsd?: number;
    /** The provider/model that answered. */
    servedBy?: string;
    stopReason?: StopReason;
    /** The client went away before the answer was complete. */
    clientAborted?: boolean;
    /** A stream that broke off after its first byte reached the client. */
    partial?: boolean;
  };
  timings: { totalMs?: number; upstreamMs?: number; ttftMs?: number };
}

export function newTrace(
  id: string,
  configHash: string,
  surface: Surface,
  endpoint: Trace['endpoint'],
  now: number,
  headers: Readonly<Record<string, string | string[] | undefined>> = {},
): Trace {
  const trace: Trace = { id, configHash, startedAt: now, surface, endpoint, attempts: [], timings: {} };
  // W3C trace context (https://www.w3.org/TR/trace-context/): a repeated traceparent is invalid.
  const { traceparent, tracestate } = headers;
  if (typeof traceparent === 'string') {
    trace.traceContext = { traceparent, ...(typeof tracestate === 'string' ? { tracestate } : {}) };
  }
  return trace;
}
