// Bounded in-memory record of requests. Bounded because a long benchmark run would
// otherwise grow it without limit; a plain array because tests index into it.
import type { IncomingMessage } from 'node:http';
import type { RecordedRequest } from './types.js';

export class RequestLog {
  readonly entries: RecordedRequest[] = [];
  private seq = 0;

  constructor(private readonly max: number) {}

  add(req: IncomingMessage, path: string, query: string): RecordedRequest {
    const entry: RecordedRequest = {
      seq: ++this.seq,
      method: req.method ?? 'GET',
      path,
      query,
      headers: req.headers,
      body: undefined,
      time: Date.now(),
      status: null,
      aborted: false,
    };
    this.entries.push(entry);
    if (this.entries.length > this.max) this.entries.shift();
    return entry;
  }

  clear(): void {
    this.entries.length = 0;
    this.seq = 0;
  }
}
