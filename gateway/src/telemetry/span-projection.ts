import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace as traceApi, type Context, type HrTime, type Span, type Tracer } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import type { AttemptRecord, Trace } from '../trace/trace.js';
import type { PresetIdGenerator, RootSpanIds } from './root-span-ids.js';
import { attemptAttributes, operationOf, rootAttributes, type ProviderLookup } from './span-attributes.js';
import type { TelemetryInput } from './telemetry-input.js';

export interface ProjectionTools {
  tracer: Tracer;
  ids: PresetIdGenerator;
  providers: ProviderLookup | undefined;
}

/**
 * Builds the spans of one finished request from its Trace, with the times the trace
 * recorded: nothing was traced while serving. Layout:
 *
 *   {op} {requested model}        SERVER, trace.startedAt → + timings.totalMs (child of the client's traceparent)
 *   ├─ prepare                    INTERNAL, start → first upstream call (ingress, route, admission: not timed apart)
 *   ├─ {op} {model}  × attempt    CLIENT, startedAt + startMs → + latencyMs (streams: to the first event)
 *   └─ stream                     INTERNAL, first event → end of the response (streams that were served)
 *
 * Skipped chain steps are events on the root span: no call was made.
 */
export function projectTrace(tools: ProjectionTools, input: TelemetryInput, ids: RootSpanIds): void {
  const { trace } = input;
  const at = (offsetMs: number) => millisToHrTime(trace.startedAt + offsetMs);
  const totalMs = trace.timings.totalMs ?? lastEndMs(trace);
  const parent = ids.parent === undefined ? ROOT_CONTEXT : traceApi.setSpanContext(ROOT_CONTEXT, ids.parent);
  const root = tools.ids.withIds(ids, () =>
    tools.tracer.startSpan(
      spanName(operationOf(trace), trace.requestedModel),
      { kind: SpanKind.SERVER, startTime: at(0), attributes: rootAttributes(input, tools.providers) },
      parent,
    ),
  );
  const status = trace.outcome?.status ?? 0;
  // HTTP semconv: a server span is an error for 5xx only; 4xx are the client's errors.
  if (status >= 500 || status === 0) root.setStatus({ code: SpanStatusCode.ERROR, message: trace.outcome?.errorMessage ?? 'no outcome' });
  const inRoot = traceApi.setSpan(ROOT_CONTEXT, root);
  const tried = trace.attempts.filter((a) => a.outcome !== 'skipped');
  const first = tried[0];
  if (first !== undefined && first.startMs > 0) {
    tools.tracer.startSpan('prepare', { kind: SpanKind.INTERNAL, startTime: at(0) }, inRoot).end(at(first.startMs));
  }
  for (const attempt of trace.attempts) {
    if (attempt.outcome === 'skipped') addSkipEvent(root, attempt, at(attempt.startMs));
    else projectAttempt(tools, trace, attempt, inRoot, at);
  }
  const firstEventMs = trace.timings.ttftMs;
  if (trace.stream === true && trace.outcome?.servedBy !== undefined && firstEventMs !== undefined) {
    const stream = tools.tracer.startSpan(
      'stream',
      { kind: SpanKind.INTERNAL, startTime: at(firstEventMs), attributes: { 'llm_gateway.partial': trace.outcome.partial === true } },
      inRoot,
    );
    if (trace.outcome.partial === true) stream.setStatus({ code: SpanStatusCode.ERROR, message: 'stream broke off after its first byte' });
    stream.end(at(Math.max(firstEventMs, totalMs)));
  }
  root.end(at(totalMs));
}

function projectAttempt(tools: ProjectionTools, trace: Trace, attempt: AttemptRecord, parent: Context, at: (ms: number) => HrTime): void {
  const { tracer, providers } = tools;
  const model = attempt.target.slice(attempt.target.indexOf('/') + 1);
  const span = tracer.startSpan(
    spanName(operationOf(trace), model),
    { kind: SpanKind.CLIENT, startTime: at(attempt.startMs), attributes: attemptAttributes(trace, attempt, providers) },
    parent,
  );
  if (attempt.outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR, message: attempt.errorMessage ?? attempt.errorCode ?? 'upstream error' });
  span.end(at(attempt.startMs + attempt.latencyMs));
}

function addSkipEvent(root: Span, attempt: AttemptRecord, time: HrTime): void {
  const attributes: Record<string, string> = { 'llm_gateway.attempt.target': attempt.target };
  if (attempt.why !== undefined) attributes['llm_gateway.attempt.why'] = attempt.why;
  root.addEvent('llm_gateway.attempt.skipped', attributes, time);
}

/** GenAI span names are `{operation} {model}`; without a model just the operation. */
function spanName(operation: string, model: string | undefined): string {
  return model === undefined || model === '' ? operation : `${operation} ${model}`;
}

/** A trace settled without a total (should not happen): end where the last attempt ended. */
function lastEndMs(trace: Trace): number {
  return trace.attempts.reduce((end, a) => Math.max(end, a.startMs + a.latencyMs), 0);
}
