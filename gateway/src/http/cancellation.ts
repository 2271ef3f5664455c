import { EventEmitter } from 'node:events';

/**
 * A cancellation signal for one request or one upstream try. undici accepts an EventEmitter
 * with `aborted`/`reason` as its `signal`, and on Node 20 an AbortSignal costs ~5 µs to create
 * plus ~2 µs per listener — several per request, on the hot path. This costs a plain object.
 */
export class Cancellation extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }

  /** Calls `listener` once when cancelled; returns the function that detaches it. */
  onAbort(listener: () => void): () => void {
    if (this.aborted) {
      listener();
      return () => undefined;
    }
    this.once('abort', listener);
    return () => this.removeListener('abort', listener);
  }

  /** A child cancelled with this one (same reason), or on its own; `detach()` unlinks it. */
  child(): { cancellation: Cancellation; detach: () => void } {
    const cancellation = new Cancellation();
    const detach = this.onAbort(() => cancellation.abort(this.reason));
    return { cancellation, detach };
  }
}

/** Resolves after `ms`, or early (without throwing) when cancelled. */
export function sleepUnlessCancelled(ms: number, cancellation: Cancellation): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    const detach = cancellation.onAbort(done);
    function done(): void {
      clearTimeout(timer);
      detach();
      resolve();
    }
  });
}
