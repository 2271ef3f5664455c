import type { Trace } from './trace.js';
import type { RecordedBodies } from './trace-to-record.js';
import type { MemoryTraceStore, TraceLookup, TraceSink } from './trace-store.js';

/**
 * Hands each finished trace to every sink (the in-memory store, telemetry, the recorder).
 * Each sink is isolated: one that throws cannot keep the trace from the others, and never
 * reaches the request (settle never fails a request).
 */
export class FanoutTraceSink implements TraceSink, TraceLookup {
  constructor(
    private readonly memory: MemoryTraceStore,
    private readonly others: readonly TraceSink[],
    private readonly onError: (error: unknown) => void,
  ) {}

  record(trace: Trace, bodies?: () => RecordedBodies): void {
    this.memory.record(trace);
    for (const sink of this.others) {
      try {
        sink.record(trace, bodies);
      } catch (error) {
        this.onError(error);
      }
    }
  }

  get(id: string): Trace | undefined {
    return this.memory.get(id);
  }
}
