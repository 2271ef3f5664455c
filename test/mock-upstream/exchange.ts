// One request/response pair and the only place that writes to the socket. It keeps the
// recorded request in step with what was sent (status, abort) and makes every write a
// no-op once the client is gone, so fault paths never throw on a dead connection.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { RecordedRequest } from './types.js';

const SSE_HEADERS: OutgoingHttpHeaders = Object.freeze({
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
});

export class Exchange {
  /** The connection or response is over (finished, client left, or mock cut it). */
  closed = false;
  /** The mock itself cut the connection, so the close is not a client abort. */
  private cutByMock = false;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly record: RecordedRequest | null,
    shuttingDown: () => boolean,
  ) {
    res.once('close', () => {
      this.closed = true;
      if (record !== null && !res.writableFinished && !this.cutByMock && !shuttingDown()) record.aborted = true;
    });
  }

  head(status: number, headers: OutgoingHttpHeaders): void {
    if (this.record !== null) this.record.status = status;
    this.res.writeHead(status, headers);
  }

  json(status: number, body: unknown, headers?: Readonly<Record<string, string>>): void {
    this.text(status, 'application/json', JSON.stringify(body), headers);
  }

  text(status: number, contentType: string, payload: string, headers?: Readonly<Record<string, string>>): void {
    if (this.closed) return;
    const base = { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) };
    this.head(status, headers === undefined ? base : { ...base, ...headers });
    this.res.end(payload);
  }

  /** 200 + SSE headers, flushed now so the client sees headers before any event. */
  openStream(): void {
    if (this.closed) return;
    this.head(200, SSE_HEADERS);
    this.res.flushHeaders();
  }

  write(chunk: string): void {
    if (!this.closed) this.res.write(chunk);
  }

  /** Writes several chunks in one corked burst (one syscall, still separate HTTP chunks). */
  writeAll(chunks: readonly string[]): void {
    if (this.closed || chunks.length === 0) return;
    this.res.cork();
    for (const chunk of chunks) this.res.write(chunk);
    this.res.uncork();
  }

  end(chunk?: string): void {
    if (!this.closed) this.res.end(chunk);
  }

  /** Resolves true after ms, or false as soon as the client goes away (no dangling timer). */
  wait(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onClose = (): void => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.res.off('close', onClose);
        resolve(true);
      }, ms);
      this.res.once('close', onClose);
    });
  }

  /** TCP RST without a response: the client sees ECONNRESET, like a crashed upstream. */
  resetConnection(): void {
    this.cutByMock = true;
    this.req.socket.resetAndDestroy();
  }

  /** Sends headers promising `payload` but only half of it, then drops the connection. */
  truncate(status: number, contentType: string, payload: string): void {
    if (this.closed) return;
    this.head(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) });
    this.res.write(payload.slice(0, Math.floor(payload.length / 2)), () => {
      this.cutByMock = true;
      this.req.socket.destroy();
    });
  }
}
