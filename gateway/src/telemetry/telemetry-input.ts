import type { Trace } from '../trace/trace.js';
import { traceExtras, type IncomingTraceContext } from './trace-extras.js';

/** What the span projection reads: the finished Trace plus what the trace does not carry (yet). */
export interface TelemetryInput {
  trace: Trace;
  /** The client's W3C `traceparent` header; the root span becomes its child. */
  traceparent?: string;
  tracestate?: string;
  /** The request's output token limit (gen_ai.request.max_tokens), when known. */
  maxTokens?: number;
}

type HeaderValue = string | string[] | undefined;

/**
 * The trace context headers of a request, for the integrator to keep with the trace. A
 * repeated `traceparent` is invalid per the spec, so only a single value counts; repeated
 * `tracestate` headers are joined, as the spec allows
 * (https://www.w3.org/TR/trace-context/#tracestate-header).
 */
export function incomingTraceContext(headers: Readonly<Record<string, HeaderValue>>): IncomingTraceContext {
  const out: IncomingTraceContext = {};
  const parent = headers.traceparent;
  if (typeof parent === 'string') out.traceparent = parent;
  const state = headers.tracestate;
  if (typeof state === 'string') out.tracestate = state;
  else if (Array.isArray(state) && state.length > 0) out.tracestate = state.join(',');
  return out;
}

/** The input for a trace that carries its own context (`trace.traceContext`, see trace-extras.ts). */
export function telemetryInputOf(trace: Trace): TelemetryInput {
  const extras = traceExtras(trace);
  const input: TelemetryInput = { trace, ...extras.traceContext };
  if (extras.maxTokens !== undefined) input.maxTokens = extras.maxTokens;
  return input;
}
