import type { ServerResponse } from 'node:http';
import type { ResponseSink } from '../pipeline/response-sink.js';

/** ResponseSink over a Node response; notices a client that leaves before the end. */
export class NodeResponseSink implements ResponseSink {
  private clientGone = false;
  private headersSent = false;

  constructor(
    private readonly res: ServerResponse,
    onClientGone: () => void,
    private readonly extraHeaders: () => Record<string, string> = () => ({}),
  ) {
    res.once('close', () => {
      if (res.writableFinished) return;
      this.clientGone = true;
      onClientGone();
    });
  }

  get closed(): boolean {
    return this.clientGone;
  }

  get started(): boolean {
    return this.headersSent;
  }

  json(status: number, headers: Record<string, string>, body: string): void {
    if (this.clientGone || this.headersSent) return;
    this.headersSent = true;
    this.res.writeHead(status, {
      ...headers,
      ...this.extraHeaders(),
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    });
    this.res.end(body);
  }

  startStream(headers: Record<string, string>): void {
    if (this.clientGone || this.headersSent) return;
    this.headersSent = true;
    this.res.writeHead(200, { ...headers, ...this.extraHeaders() });
  }

  write(text: string): Promise<void> {
    if (this.clientGone || this.res.write(text)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.once('drain', done);
      this.res.once('close', done);
    });
  }

  end(): void {
    if (!this.clientGone && !this.res.writableEnded) this.res.end();
  }
}
