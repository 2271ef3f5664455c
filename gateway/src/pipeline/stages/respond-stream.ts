import type { ResponseAccumulator } from '../../canonical/response-events.js';
import type { CanonicalResponse, StreamEvent } from '../../canonical/types.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { StreamTextFilter } from '../../policy/index.js';
import type { Surface } from '../../errors/error-envelope.js';
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
  /** policy.post for streams: response text passes through it (forces re-encoding). */
  filter?: StreamTextFilter;
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
  const { filter } = plan;
  // A filter must see (and may hold back) text, so raw pass-through is off while one runs.
  const encoder = plan.passthrough && filter === undefined ? undefined : PROTOCOLS[plan.surface].createStreamEncoder({ includeUsage: plan.includeUsage });
  sink.startStream({ ...SSE_HEADERS, ...plan.headers });
  let truncated = false;
  for (let next = await chunks.next(); next.done !== true && !truncated; next = await chunks.next()) {
    const chunk = next.value;
    let text = '';
    for (const raw of chunk.events) {
      if (filter === undefined) {
        accumulator.push(raw);
        if (encoder !== undefined) text += encoder.push(raw);
        continue;
      }
      let allowed: StreamEvent[];
      try {
        allowed = filtered(filter, raw);
      } catch (error) {
        // What the filter let out before its verdict is delivered; the error event follows it.
        if (text !== '') await sink.write(text);
        throw error;
      }
      for (const event of allowed) {
        accumulator.push(event);
        text += encoder!.push(event);
        if (event.type === 'finish' && event.stopReason === 'max_tokens' && raw.type !== 'finish') truncated = true;
      }
      // A filter's length cut ends the answer: nothing after it reaches the client.
      if (truncated) break;
    }
    if (encoder === undefined && chunk.text !== undefined) text = chunk.text;
    if (text !== '') await sink.write(text);
    if (sink.closed) {
      await chunks.return?.();
      break;
    }
  }
  if (truncated) await chunks.return?.();
  if (encoder !== undefined && !sink.closed) await sink.write(encoder.end());
  sink.end();
  return { response: accumulator.result(), complete: accumulator.complete };
}

/**
 * Runs one event through the output filter: text is replaced by what the filter lets out
 * now; a finish first flushes what it held; a deny ends the stream with an error event
 * (thrown, so the pipeline writes it); a length cut finishes the stream as max_tokens.
 */
function filtered(filter: StreamTextFilter, event: StreamEvent): StreamEvent[] {
  if (event.type !== 'text' && event.type !== 'finish') return [event];
  const result = event.type === 'text' ? filter.push(event.text) : filter.end();
  if (result.verdict !== undefined) throw new GatewayError('policy_denied', result.verdict.reason);
  const out: StreamEvent[] = result.emit === '' ? [] : [{ type: 'text', text: result.emit }];
  if (result.truncated === true) out.push({ type: 'finish', stopReason: 'max_tokens' });
  else if (event.type === 'finish') out.push(event);
  return out;
}
