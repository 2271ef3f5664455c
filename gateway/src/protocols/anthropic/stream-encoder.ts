import type { StopReason, StreamEncoder, StreamEvent, Usage } from '../../canonical/types.js';
import type { StreamEncoderOptions } from '../chat-protocol.js';
import { encodeAnthropicStopReason } from './stop-reason.js';
import { encodeAnthropicUsage } from './usage.js';

type OpenBlock = { kind: 'text'; blockIndex: number } | { kind: 'tool'; blockIndex: number; toolIndex: number };

interface Finish {
  stopReason: StopReason;
  stopSequence?: string;
}

/**
 * Canonical stream events -> Anthropic SSE for a /v1/messages client
 * (https://docs.anthropic.com/en/docs/build-with-claude/streaming): message_start, then
 * content blocks (start / delta / stop, one open at a time), message_delta, message_stop.
 *
 * `finish` is held back until `usage` arrives (OpenAI upstreams send usage after their
 * finish chunk) or end() is called, because message_delta carries both. `includeUsage` is
 * ignored: Anthropic clients always get usage.
 */
export function createAnthropicStreamEncoder(_options: StreamEncoderOptions): StreamEncoder {
  return new AnthropicStreamEncoder();
}

class AnthropicStreamEncoder implements StreamEncoder {
  #started = false;
  #open: OpenBlock | undefined;
  #nextBlockIndex = 0;
  /** canonical tool-call index -> Anthropic content block index */
  #toolBlocks = new Map<number, number>();
  #finish: Finish | undefined;
  #usage: Usage | undefined;
  /** message_delta was written: nothing but message_stop may follow. */
  #finished = false;
  #ended = false;

  push(event: StreamEvent): string {
    if (this.#finished || this.#ended) return '';
    switch (event.type) {
      case 'start':
        return this.#start(event.id, event.model, event.inputTokens);
      case 'text':
        if (event.text === '') return '';
        return this.#ensureStarted() + this.#openText() + this.#delta({ type: 'text_delta', text: event.text });
      case 'tool_call_start':
        return this.#ensureStarted() + this.#openTool(event.index, event.id, event.name);
      case 'tool_call_delta':
        return this.#toolDelta(event.index, event.argumentsDelta);
      case 'finish':
        this.#finish = { stopReason: event.stopReason, stopSequence: event.stopSequence };
        return this.#ensureStarted() + this.#closeOpen() + (this.#usage ? this.#messageDelta() : '');
      case 'usage':
        this.#usage = event.usage;
        return this.#finish ? this.#messageDelta() : '';
    }
  }

  /** Always a complete tail, whatever arrived: a client SDK must see message_stop. */
  end(): string {
    if (this.#ended) return '';
    let out = this.#ensureStarted() + this.#closeOpen();
    if (!this.#finished) out += this.#messageDelta();
    this.#ended = true;
    return out + sse('message_stop', { type: 'message_stop' });
  }

  #start(id: string, model: string, inputTokens: number | undefined): string {
    if (this.#started) return '';
    this.#started = true;
    return sse('message_start', {
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        // Output is counted in message_delta; input is the total here, split into cache reads
        // there once usage is known.
        usage: { input_tokens: inputTokens ?? 0, output_tokens: 0 },
      },
    });
  }

  /** A stream that skipped `start` still needs message_start first; the ids are placeholders. */
  #ensureStarted(): string {
    return this.#started ? '' : this.#start('msg_unknown', 'unknown', undefined);
  }

  #openText(): string {
    if (this.#open?.kind === 'text') return '';
    const out = this.#closeOpen();
    this.#open = { kind: 'text', blockIndex: this.#nextBlockIndex++ };
    return out + this.#blockStart({ type: 'text', text: '' });
  }

  #openTool(toolIndex: number, id: string, name: string): string {
    const out = this.#closeOpen();
    const blockIndex = this.#nextBlockIndex++;
    this.#open = { kind: 'tool', blockIndex, toolIndex };
    this.#toolBlocks.set(toolIndex, blockIndex);
    return out + this.#blockStart({ type: 'tool_use', id, name, input: {} });
  }

  /**
   * Deltas go to their tool's own block. Upstreams finish one call before starting the
   * next, so that is the open block; if one ever interleaves, the delta still names its
   * block index (SDKs accumulate by index) rather than being lost.
   */
  #toolDelta(toolIndex: number, argumentsDelta: string): string {
    const blockIndex = this.#toolBlocks.get(toolIndex);
    if (blockIndex === undefined || argumentsDelta === '') return '';
    return sse('content_block_delta', {
      type: 'content_block_delta',
      index: blockIndex,
      delta: { type: 'input_json_delta', partial_json: argumentsDelta },
    });
  }

  #blockStart(contentBlock: Record<string, unknown>): string {
    const index = this.#open?.blockIndex ?? 0;
    return sse('content_block_start', { type: 'content_block_start', index, content_block: contentBlock });
  }

  #delta(delta: Record<string, unknown>): string {
    const index = this.#open?.blockIndex ?? 0;
    return sse('content_block_delta', { type: 'content_block_delta', index, delta });
  }

  #closeOpen(): string {
    if (this.#open === undefined) return '';
    const index = this.#open.blockIndex;
    this.#open = undefined;
    return sse('content_block_stop', { type: 'content_block_stop', index });
  }

  #messageDelta(): string {
    this.#finished = true;
    const finish = this.#finish ?? { stopReason: 'end' };
    return sse('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: encodeAnthropicStopReason(finish.stopReason), stop_sequence: finish.stopSequence ?? null },
      usage: this.#usage ? encodeAnthropicUsage(this.#usage) : { output_tokens: 0 },
    });
  }
}

function sse(event: string, data: Record<string, unknown>): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
