// Reads SSE from a fetch Response one event at a time, with a timeout per event, so tests
// can tell "the stream ended" from "the stream stalled". Also usable by gateway e2e tests.

export interface SseEvent {
  /** The `event:` field (Anthropic), or null when absent (OpenAI). */
  readonly event: string | null;
  /** The `data:` lines joined by "\n". */
  readonly data: string;
}

export type SseRead = SseEvent | 'end' | 'timeout';

function parseBlock(block: string): SseEvent | null {
  let event: string | null = null;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice('event:'.length).trim();
    else if (line.startsWith('data:')) data.push(line.slice('data:'.length).replace(/^ /, ''));
  }
  return event === null && data.length === 0 ? null : { event, data: data.join('\n') };
}

/** Parses a complete SSE text (blocks separated by a blank line). */
export function parseSseText(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of text.replace(/\r\n/g, '\n').split('\n\n')) {
    const parsed = parseBlock(block);
    if (parsed !== null) events.push(parsed);
  }
  return events;
}

type ByteReader = ReadableStreamDefaultReader<Uint8Array>;
type ByteRead = Awaited<ReturnType<ByteReader['read']>>;

export class SseReader {
  private buffer = '';
  private ended = false;
  private pending: Promise<ByteRead> | null = null;
  private readonly decoder = new TextDecoder();

  private constructor(private readonly reader: ByteReader) {}

  static of(response: Response): SseReader {
    if (response.body === null) throw new Error('response has no body');
    return new SseReader(response.body.getReader());
  }

  /** The next event; 'end' once the body ended; 'timeout' if nothing complete came in time. */
  async next(timeoutMs = 5000): Promise<SseRead> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const boundary = this.buffer.indexOf('\n\n');
      if (boundary !== -1) {
        const block = this.buffer.slice(0, boundary);
        this.buffer = this.buffer.slice(boundary + 2);
        const parsed = parseBlock(block);
        if (parsed !== null) return parsed;
        continue;
      }
      if (this.ended) return 'end';
      const result = await this.readWithin(deadline - Date.now());
      if (result === 'timeout') return 'timeout';
      if (result.done) this.ended = true;
      else this.buffer += this.decoder.decode(result.value, { stream: true });
    }
  }

  /** Every remaining event until the body ends (throws if it stalls for timeoutMs). */
  async rest(timeoutMs = 5000): Promise<SseEvent[]> {
    const events: SseEvent[] = [];
    for (;;) {
      const read = await this.next(timeoutMs);
      if (read === 'end') return events;
      if (read === 'timeout') throw new Error(`SSE stream stalled for ${timeoutMs} ms`);
      events.push(read);
    }
  }

  /** Closes the body from the client side (what an aborting client does). */
  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }

  private async readWithin(ms: number): Promise<ByteRead | 'timeout'> {
    // A read that loses the race is kept and awaited next time, so no bytes are dropped.
    this.pending ??= this.reader.read();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, ms));
    });
    try {
      const result = await Promise.race([this.pending, timeout]);
      if (result !== 'timeout') this.pending = null;
      return result;
    } finally {
      clearTimeout(timer);
    }
  }
}
