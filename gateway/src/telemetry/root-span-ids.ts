import { createHash } from 'node:crypto';
import { isSpanContextValid, TraceFlags, type SpanContext } from '@opentelemetry/api';
import { parseTraceParent, TraceState } from '@opentelemetry/core';
import { RandomIdGenerator, type IdGenerator } from '@opentelemetry/sdk-trace-base';

export interface RootSpanIds {
  /** The client's trace id when it sent a valid traceparent, else derived from the gateway's request id. */
  traceId: string;
  /** The root (SERVER) span's id, derived from the request id. */
  spanId: string;
  /** The client's span, to parent the root span; undefined without a valid traceparent. */
  parent: SpanContext | undefined;
}

/**
 * The root span's ids, known from the moment the request arrives: the trace id is the
 * client's (traceparent) or the gateway request id's hex part (`req_<32 hex>`), the span id
 * a hash of the request id. So a `traceresponse` header can go out with the response
 * although the span is only built at settle, and the request id leads to the trace in the
 * tracing backend without a lookup table.
 */
export function rootSpanIds(requestId: string, traceparent?: string, tracestate?: string): RootSpanIds {
  const parent = parentOf(traceparent, tracestate);
  return {
    traceId: parent?.traceId ?? traceIdOf(requestId),
    spanId: nonZero(sha256Hex(`span:${requestId}`).slice(0, 16), 16),
    parent,
  };
}

/** W3C Trace Context Level 2 `traceresponse` value: version-traceid-spanid-flags. */
export function traceResponseHeader(ids: Pick<RootSpanIds, 'traceId' | 'spanId'>, sampled: boolean): string {
  return `00-${ids.traceId}-${ids.spanId}-${sampled ? '01' : '00'}`;
}

function parentOf(traceparent: string | undefined, tracestate: string | undefined): SpanContext | undefined {
  if (traceparent === undefined) return undefined;
  const parsed = parseTraceParent(traceparent.trim());
  if (parsed === null || !isSpanContextValid(parsed)) return undefined;
  const context: SpanContext = { ...parsed, isRemote: true, traceFlags: parsed.traceFlags & TraceFlags.SAMPLED };
  if (tracestate !== undefined && tracestate.trim() !== '') context.traceState = new TraceState(tracestate);
  return context;
}

function traceIdOf(requestId: string): string {
  const hex = /([0-9a-f]{32})$/.exec(requestId.toLowerCase())?.[1];
  return nonZero(hex ?? sha256Hex(requestId).slice(0, 32), 32);
}

/** All-zero ids are invalid in W3C Trace Context; a hash that yields one is replaced. */
function nonZero(hex: string, length: number): string {
  return /^0+$/.test(hex) ? '1'.padStart(length, '0') : hex;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Hands the tracer preset ids for the next root span, random ones otherwise. The tracer
 * asks for ids synchronously inside `startSpan`, so setting them right before that call
 * and clearing them right after cannot leak into another request's spans.
 */
export class PresetIdGenerator implements IdGenerator {
  private readonly random = new RandomIdGenerator();
  private nextTraceId: string | undefined;
  private nextSpanId: string | undefined;

  withIds<T>(ids: Pick<RootSpanIds, 'traceId' | 'spanId'>, start: () => T): T {
    this.nextTraceId = ids.traceId;
    this.nextSpanId = ids.spanId;
    try {
      return start();
    } finally {
      this.nextTraceId = undefined;
      this.nextSpanId = undefined;
    }
  }

  generateTraceId(): string {
    const preset = this.nextTraceId;
    this.nextTraceId = undefined;
    return preset ?? this.random.generateTraceId();
  }

  generateSpanId(): string {
    const preset = this.nextSpanId;
    this.nextSpanId = undefined;
    return preset ?? this.random.generateSpanId();
  }
}
