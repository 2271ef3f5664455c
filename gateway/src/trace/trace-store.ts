import type { Trace } from './trace.js';
import type { RecordedBodies } from './trace-to-record.js';

/** Where finished traces go. The recorder (ClickHouse) implements this too. */
export interface TraceSink {
  /**
   * Must not block or throw: it runs after the response, on the request's path. `bodies`
   * builds the redacted request and response bodies, for sinks that keep them (it is only
   * called by those, so others cost nothing).
   */
  record(trace: Trace, bodies?: () => RecordedBodies): void;
}

export interface TraceLookup {
  get(id: string): Trace | undefined;
}

/**
 * The embedded trace store: the last `capacity` traces in memory, for the admin API and
 * for debugging a gateway that runs without ClickHouse.
 */
export class MemoryTraceStore implements TraceSink, TraceLookup {
  private readonly traces = new Map<string, Trace>();

  constructor(private readonly capacity = 2_000) {}

  record(trace: Trace): void {
    if (this.traces.size >= this.capacity) {
      const oldest = this.traces.keys().next();
      if (oldest.done !== true) this.traces.delete(oldest.value);
    }
    this.traces.set(trace.id, trace);
  }

  get(id: string): Trace | undefined {
    return this.traces.get(id);
  }

  get size(): number {
    return this.traces.size;
  }
}
