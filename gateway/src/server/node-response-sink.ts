import type { ServerResponse } from 'node:http';
import type { ResponseSink } from '../pipeline/response-sink.js';

/** ResponseSink over a Node response; notices a client that leaves before the end. */
export class NodeResponseSink implements ResponseSink {
  private clientGone = false;
  private headersSent = false;

  constructor(
    private readonly res: ServerResponse,
    onClientGone: () => void,
    /** Headers every response of this kind gets now (e.g. `connection: close` while draining); undefined for none. */
    private readonly extraHeaders: () => Record<string, string> | undefined = () => undefined,
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

  /** `headers` is the caller's own, freshly built object: the sink adds to it rather than copy it. */
  json(status: number, headers: Record<string, string>, body: string): void {
    if (this.clientGone || this.headersSent) return;
    this.headersSent = true;
    const extra = this.extraHeaders();
    if (extra !== undefined) Object.assign(headers, extra);
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
    this.res.writeHead(status, headers);
    this.res.end(body);
  }

  startStream(headers: Record<string, string>): void {
    if (this.clientGone || this.headersSent) return;
    this.headersSent = true;
    const extra = this.extraHeaders();
    this.res.writeHead(200, extra === undefined ? headers : { ...headers, ...extra });
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
