import type { Dispatcher } from 'undici';
import type { LoadMode } from './load-protocol.js';
import { StreamProbe } from './stream-probe.js';

export interface Outcome {
  readonly ok: boolean;
  /** When the first content delta arrived (streams), else NaN. */
  readonly firstContentAt: number;
  readonly error?: string;
}

const DONE_MARKER = '[DONE]';
const CHOICES_MARKER = '"choices"';
const ERROR_SNIPPET_BYTES = 200;

/**
 * Reads one response straight off undici's dispatch callbacks: no Readable stream per
 * response, so the load generator spends its core on requests, not on stream machinery,
 * and stays out of the way of the mock it shares that core with.
 */
export class ResponseHandler implements Dispatcher.DispatchHandler {
  private status = 0;
  private firstContentAt = Number.NaN;
  private readonly probe: StreamProbe | undefined;
  private chunks: Buffer[] = [];
  private previous: Buffer | undefined;
  private last: Buffer | undefined;

  constructor(
    private readonly mode: LoadMode,
    private readonly done: (outcome: Outcome) => void,
  ) {
    this.probe = mode === 'stream' ? new StreamProbe() : undefined;
  }

  onRequestStart(): void {
    // Nothing to set up; defining it selects undici's current (controller-based) handler API.
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number): void {
    this.status = statusCode;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.status !== 200 || this.mode === 'json') {
      this.chunks.push(chunk);
      return;
    }
    if (Number.isNaN(this.firstContentAt) && this.probe?.sawContent(chunk) === true) this.firstContentAt = performance.now();
    this.previous = this.last;
    this.last = chunk;
  }

  onResponseEnd(): void {
    this.done(this.verdict());
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    const code = (error as { code?: unknown }).code;
    this.done({ ok: false, firstContentAt: Number.NaN, error: typeof code === 'string' ? `${code}: ${error.message}` : error.message });
  }

  private verdict(): Outcome {
    const firstContentAt = this.firstContentAt;
    if (this.status !== 200) return { ok: false, firstContentAt, error: `HTTP ${this.status}: ${this.snippet()}` };
    if (this.mode === 'json') {
      // A 200 without choices (an error object, an empty answer) must not count as fast success.
      const body = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      return body?.includes(CHOICES_MARKER) === true ? { ok: true, firstContentAt } : { ok: false, firstContentAt, error: `no choices in answer: ${this.snippet()}` };
    }
    if (Number.isNaN(firstContentAt)) return { ok: false, firstContentAt, error: 'stream ended without a content delta' };
    if (!this.endsWithDone()) return { ok: false, firstContentAt, error: 'stream ended without data: [DONE]' };
    return { ok: true, firstContentAt };
  }

  /** `[DONE]` may straddle the last two chunks; only the end of the stream is looked at. */
  private endsWithDone(): boolean {
    const { previous, last } = this;
    if (last === undefined) return false;
    if (last.includes(DONE_MARKER)) return true;
    return previous !== undefined && Buffer.concat([previous.subarray(-DONE_MARKER.length), last]).includes(DONE_MARKER);
  }

  private snippet(): string {
    return Buffer.concat(this.chunks).subarray(0, ERROR_SNIPPET_BYTES).toString('utf8');
  }
}
