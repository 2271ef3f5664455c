import type { SseEvent, StreamDecoder, StreamEvent } from '../canonical/types.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { Cancellation } from '../http/cancellation.js';
import { formatSseEvent, SseParser } from '../http/sse-parser.js';
import { classifyTransportError } from './classify-upstream-error.js';
import { classifyStreamError } from './classify-stream-error.js';
import type { UpstreamChunk } from './provider.js';

export interface UpstreamStreamOptions {
  target: string;
  body: AsyncIterable<Uint8Array> & { destroy(error?: Error): unknown };
  decoder: StreamDecoder;
  /** Drop the raw form of a usage-only event (OpenAI include_usage the client did not ask for). */
  hideUsageOnlyChunks: boolean;
  signal: Cancellation;
}

/**
 * Reads an upstream SSE body as chunks: per read, the events it completed, as text and with
 * their canonical meaning (a read that completes no event yields nothing). Ends with a
 * GatewayError when the upstream breaks off (reset, idle timeout, an error event, or a
 * stream that closes before its protocol's end marker: a partial answer is a failure).
 */
export async function* readUpstreamStream(options: UpstreamStreamOptions): AsyncGenerator<UpstreamChunk> {
  const { body, decoder, target } = options;
  const parser = new SseParser();
  const batch = new ChunkBuilder(decoder, options.hideUsageOnlyChunks);
  try {
    for await (const bytes of body) {
      const chunk = batch.build(parser.push(bytes));
      if (chunk !== undefined) yield chunk;
    }
    const chunk = batch.build(parser.end());
    if (chunk !== undefined) yield chunk;
  } catch (error) {
    // Events decoded before the one that failed were real: the client gets them first.
    const before = batch.takePending();
    if (before !== undefined) yield before;
    if (options.signal.aborted) throw error;
    if (error instanceof GatewayError) throw error;
    throw classifyStreamError(target, error) ?? classifyTransportError(target, error);
  } finally {
    // A consumer that stops early (client gone, policy stop) must release the connection.
    body.destroy();
  }
  if (!decoder.done) throw new GatewayError('upstream_unreachable', `upstream ${target} closed the stream before it finished`);
}

/** Folds the events of one read into one chunk; keeps what it had when a decode throws. */
class ChunkBuilder {
  private events: StreamEvent[] = [];
  private text = '';

  constructor(
    private readonly decoder: StreamDecoder,
    private readonly hideUsageOnly: boolean,
  ) {}

  build(raws: readonly SseEvent[]): UpstreamChunk | undefined {
    for (const raw of raws) {
      const meaning = this.decoder.push(raw);
      for (const event of meaning) this.events.push(event);
      if (this.hideUsageOnly && meaning.length === 1 && meaning[0]?.type === 'usage') continue;
      this.text += formatSseEvent(raw);
    }
    return this.takePending();
  }

  takePending(): UpstreamChunk | undefined {
    if (this.events.length === 0 && this.text === '') return undefined;
    const chunk: UpstreamChunk = this.text === '' ? { events: this.events } : { text: this.text, events: this.events };
    this.events = [];
    this.text = '';
    return chunk;
  }
}
