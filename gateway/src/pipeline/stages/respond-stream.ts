import type { ResponseAccumulator } from '../../canonical/response-events.js';
import type { CanonicalResponse } from '../../canonical/types.js';
import type { Surface } from '../../errors/error-envelope.js';
import { formatSseEvent } from '../../http/sse-parser.js';
import { PROTOCOLS } from '../../protocols/protocol-registry.js';
import type { UpstreamChunk } from '../../providers/provider.js';
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
  /** Its first event has already arrived (the attempt stage waited for it). */
  chunks: AsyncIterator<UpstreamChunk>;
  headers: Record<string, string>;
  /** Filled as events pass, so the caller knows what was delivered even when the stream breaks. */
  accumulator: ResponseAccumulator;
}

export interface StreamDelivery {
  response: CanonicalResponse;
  /** The upstream said why it stopped; false for a stream cut short. */
  complete: boolean;
}

/**
 * Relays an upstream stream to the client: raw events when the protocols match (unknown
 * fields survive), re-encoded canonical events otherwise. From the first byte on there is
 * no fallback: an upstream failure throws out of here and ends the stream with an error
 * event. Returns what was delivered, folded into one response.
 */
export async function respondStream(sink: ResponseSink, plan: StreamPlan): Promise<StreamDelivery> {
  const { chunks } = plan;
  const { accumulator } = plan;
  const encoder = plan.passthrough ? undefined : PROTOCOLS[plan.surface].createStreamEncoder({ includeUsage: plan.includeUsage });
  sink.startStream({ ...SSE_HEADERS, ...plan.headers });
  for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) {
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
  }
  if (encoder !== undefined && !sink.closed) await sink.write(encoder.end());
  sink.end();
  return { response: accumulator.result(), complete: accumulator.complete };
}
