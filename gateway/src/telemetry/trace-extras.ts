import type { Trace } from '../trace/trace.js';

/**
 * A cache layer the gateway consults, in lookup order; `all` when the trace gives only the
 * request's overall outcome (a miss or bypass of every layer).
 */
export type CacheLayer = 'exact' | 'semantic' | 'all';
export type CacheOutcome = 'hit' | 'miss' | 'bypass' | 'error';

export interface CacheLookup {
  layer: CacheLayer;
  outcome: CacheOutcome;
}

/** The W3C trace context the client sent (https://www.w3.org/TR/trace-context/). */
export interface IncomingTraceContext {
  traceparent?: string;
  tracestate?: string;
}

/**
 * Trace fields telemetry reads that the Trace does not declare yet: the cache stage, the
 * incoming trace context and the request's output limit. Read defensively so this module
 * works before those stages land and picks their data up the day they do, without an edit
 * here. Until then the cache metrics stay at 0 and spans have no client parent unless the
 * caller passes the context in the TelemetryInput.
 *
 * Expected shapes (the names other stages should use):
 * - `trace.cache`: `{ lookups: [{ layer: 'exact'|'semantic', outcome: 'hit'|'miss'|'bypass'|'error' }] }`,
 *   or a single `{ layer, outcome }`, or `{ outcome }` / a bare string in the recorder's vocabulary
 *   (`hit-exact`, `hit-semantic`, `miss`, `bypass`, `none`: recorder/src/record-types.ts).
 * - `trace.traceContext`: `{ traceparent?, tracestate? }` from the request headers.
 * - `trace.maxTokens`: the request's output token limit, when the client set one.
 */
export interface TraceExtras {
  cache: CacheLookup[];
  traceContext: IncomingTraceContext;
  maxTokens: number | undefined;
}

const LAYERS: ReadonlySet<string> = new Set<CacheLayer>(['exact', 'semantic', 'all']);
const OUTCOMES: ReadonlySet<string> = new Set<CacheOutcome>(['hit', 'miss', 'bypass', 'error']);

export function traceExtras(trace: Trace): TraceExtras {
  const loose = trace as unknown as Record<string, unknown>;
  const maxTokens = loose.maxTokens;
  return {
    cache: cacheLookups(loose.cache),
    traceContext: traceContextOf(loose.traceContext),
    maxTokens: typeof maxTokens === 'number' && Number.isFinite(maxTokens) ? maxTokens : undefined,
  };
}

function cacheLookups(value: unknown): CacheLookup[] {
  if (typeof value === 'string') value = { outcome: value };
  if (!isRecord(value)) return [];
  const list = Array.isArray(value.lookups) ? (value.lookups as unknown[]) : [value];
  const out: CacheLookup[] = [];
  for (const item of list) {
    const lookup = isRecord(item) ? cacheLookup(item) : undefined;
    if (lookup !== undefined) out.push(lookup);
  }
  return out;
}

/** Only known layer/outcome values come through: they become metric labels, so they must stay few. */
function cacheLookup(item: Record<string, unknown>): CacheLookup | undefined {
  let layer = typeof item.layer === 'string' ? item.layer : undefined;
  let outcome = typeof item.outcome === 'string' ? item.outcome : undefined;
  if (outcome === undefined) return undefined;
  const combined = /^(?:(exact|semantic)[_-](hit|miss|bypass|error)|(hit|miss)[_-](exact|semantic))$/.exec(outcome);
  if (combined !== null) {
    layer = combined[1] ?? combined[4];
    outcome = combined[2] ?? combined[3];
  } else if (layer === undefined && (outcome === 'miss' || outcome === 'bypass' || outcome === 'error')) {
    layer = 'all';
  }
  // `none` (no cache configured for the route) and anything unknown count nothing.
  if (layer === undefined || outcome === undefined || !LAYERS.has(layer) || !OUTCOMES.has(outcome)) return undefined;
  return { layer: layer as CacheLayer, outcome: outcome as CacheOutcome };
}

function traceContextOf(value: unknown): IncomingTraceContext {
  if (!isRecord(value)) return {};
  const out: IncomingTraceContext = {};
  if (typeof value.traceparent === 'string') out.traceparent = value.traceparent;
  if (typeof value.tracestate === 'string') out.tracestate = value.tracestate;
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
