import { ResponseAccumulator } from '../../canonical/response-events.js';
import type { CanonicalResponse } from '../../canonical/types.js';
import type { Surface } from '../../errors/error-envelope.js';
import { formatSseEvent } from '../../http/sse-parser.js';
import { PROTOCOLS } from '../../protocols/protocol-registry.js';
import type { UpstreamChunk } from '../../providers/provider.js';
import type { AttemptRecord } from '../../trace/trace.js';
import type { ResponseSink } from '../response-sink.js';

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
};

export interface StreamPlan {
  surface: Surface;
  passthrough: boolean;
  includeUsage: boolean;
  chunks: AsyncIterator<UpstreamChunk>;
  headers: Record<string, string>;
  record: AttemptRecord;
  now(): number;
}

/**
 * Relays an upstream stream to the client: raw events when the protocols match (unknown
 * fields survive), re-encoded canonical events otherwise. Waits for the first upstream event
 * before sending headers, so an upstream that fails before its first token is still an
 * HTTP error. Returns what was delivered, folded into one response.
 */
export async function respondStream(sink: ResponseSink, plan: StreamPlan): Promise<CanonicalResponse & { complete: boolean }> {
  const { chunks, record } = plan;
  const started = plan.now();
  const accumulator = new ResponseAccumulator();
  const encoder = plan.passthrough ? undefined : PROTOCOLS[plan.surface].createStreamEncoder({ includeUsage: plan.includeUsage });
  let next = await chunks.next();
  record.ttftMs = record.latencyMs + (plan.now() - started);
  sink.startStream({ ...SSE_HEADERS, ...plan.headers });
  while (next.done !== true) {
    const chunk = next.value;
    let text = '';
    for (const event of chunk.events) {
      accumulator.push(event);
      if (encoder !== undefined) text += encoder.push(event);
    }
    if (encoder === undefined && chunk.raw !== undefined) text = formatSseEvent(chunk.raw);
    if (text !== '') await sink.write(text);
    if (sink.closed) {
      await chunks.return?.();
      break;
    }
    next = await chunks.next();
  }
  if (encoder !== undefined && !sink.closed) await sink.write(encoder.end());
  record.latencyMs = plan.now() - started + record.latencyMs;
  sink.end();
  return { ...accumulator.result(), complete: accumulator.complete };
}
