import type { StreamDecoder } from '../canonical/types.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { Cancellation } from '../http/cancellation.js';
import { SseParser } from '../http/sse-parser.js';
import { classifyTransportError } from './classify-upstream-error.js';
import { classifyStreamError } from './classify-stream-error.js';
import type { UpstreamChunk } from './provider.js';

export interface UpstreamStreamOptions {
  target: string;
  body: AsyncIterable<Uint8Array> & { destroy(error?: Error): unknown };
  decoder: StreamDecoder;
  /** Drop the raw form of a usage-only chunk (OpenAI include_usage the client did not ask for). */
  hideUsageOnlyChunks: boolean;
  signal: Cancellation;
}

/**
 * Reads an upstream SSE body as chunks: each raw event with its canonical meaning. Ends with
 * a GatewayError when the upstream breaks off (reset, idle timeout, an error event, or a
 * stream that closes before its protocol's end marker: a partial answer is a failure).
 */
export async function* readUpstreamStream(options: UpstreamStreamOptions): AsyncGenerator<UpstreamChunk> {
  const { body, decoder, target } = options;
  const parser = new SseParser();
  try {
    for await (const bytes of body) {
      for (const raw of parser.push(bytes)) yield chunkOf(raw, options);
    }
    for (const raw of parser.end()) yield chunkOf(raw, options);
  } catch (error) {
    if (options.signal.aborted) throw error;
    if (error instanceof GatewayError) throw error;
    throw classifyStreamError(target, error) ?? classifyTransportError(target, error);
  } finally {
    // A consumer that stops early (client gone, policy stop) must release the connection.
    body.destroy();
  }
  if (!decoder.done) throw new GatewayError('upstream_unreachable', `upstream ${target} closed the stream before it finished`);
}

function chunkOf(raw: { event?: string; data: string }, options: UpstreamStreamOptions): UpstreamChunk {
  const events = options.decoder.push(raw);
  if (options.hideUsageOnlyChunks && events.length === 1 && events[0]?.type === 'usage') return { events };
  return { raw, events };
}
