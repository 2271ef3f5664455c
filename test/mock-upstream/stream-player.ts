// Plays a protocol's SSE events with the stream directives applied (ttft, stall,
// stall-after, midstream-error, chunk-delay). Encoders only describe the events; the timing
// and faults live here once for both protocols.
import type { Exchange } from './exchange.js';
import type { Directives } from './model-directives.js';

export interface StreamScript {
  /** Events before the first content chunk (role chunk; message_start, content_block_start, ping). */
  readonly preamble: readonly string[];
  /** How many preamble events a `stall` still sends: Anthropic sends message_start at once. */
  readonly stallPrefix: number;
  /** One event per text piece or tool-argument fragment: what stall-after counts. */
  readonly content: readonly string[];
  /** Finish chunk, usage chunk, [DONE] / content_block_stop, message_delta, message_stop. */
  readonly epilogue: readonly string[];
  /** The protocol's in-stream error event for midstream-error. */
  readonly errorEvent: string;
}

/** midstream-error fires after this many content chunks ("a couple"). */
const CHUNKS_BEFORE_ERROR = 2;

export async function playStream(ex: Exchange, script: StreamScript, directives: Directives): Promise<void> {
  ex.openStream();
  if (directives.ttftMs > 0 && !(await ex.wait(directives.ttftMs))) return;
  if (directives.stall) {
    // Headers (and message_start) out, then silence until the client gives up.
    ex.writeAll(script.preamble.slice(0, script.stallPrefix));
    return;
  }
  const { content } = script;
  const errorAt = directives.midstreamError ? Math.min(CHUNKS_BEFORE_ERROR, content.length) : -1;
  const stallAt = directives.stallAfter ?? -1;
  // Events due without a pause go out in one corked burst: separate SSE events, one syscall.
  const burst: string[] = [...script.preamble];
  for (let i = 0; i < content.length; i++) {
    if (i === stallAt) return ex.writeAll(burst);
    if (i === errorAt) {
      burst.push(script.errorEvent);
      ex.writeAll(burst);
      return ex.end();
    }
    if (i > 0 && directives.chunkDelayMs > 0) {
      ex.writeAll(burst);
      burst.length = 0;
      if (!(await ex.wait(directives.chunkDelayMs))) return;
    }
    burst.push(content[i] ?? '');
  }
  // stall-after beyond the content: everything streamed, but the stream never finishes.
  if (directives.stallAfter !== null) return ex.writeAll(burst);
  burst.push(...(directives.midstreamError ? [script.errorEvent] : script.epilogue));
  ex.writeAll(burst);
  ex.end();
}
