import { Cancellation } from '../http/cancellation.js';

/**
 * The requests being served right now, so shutdown can wait for them and, past its
 * deadline, abort what is left with a reason the client is told.
 */
export class InflightRegistry {
  private readonly controllers = new Set<Cancellation>();
  private readonly idleWaiters: Array<() => void> = [];

  begin(): Cancellation {
    const controller = new Cancellation();
    this.controllers.add(controller);
    return controller;
  }

  finish(controller: Cancellation): void {
    this.controllers.delete(controller);
    if (this.controllers.size === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  get size(): number {
    return this.controllers.size;
  }

  /** Resolves true when nothing is in flight, false if `timeoutMs` passed first. */
  waitIdle(timeoutMs: number): Promise<boolean> {
    if (this.controllers.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  abortAll(reason: unknown): void {
    for (const controller of this.controllers) controller.abort(reason);
  }
}
