import type { Recorder } from '@llm-gateway/recorder';
import type { Trace } from './trace.js';
import { traceToRecord, type RecordedBodies } from './trace-to-record.js';
import type { TraceSink } from './trace-store.js';

/** Hands each finished trace to the recorder's batch writer (synchronous, never waits). */
export class RecorderSink implements TraceSink {
  constructor(private readonly recorder: Recorder) {}

  record(trace: Trace, bodies?: () => RecordedBodies): void {
    this.recorder.record(traceToRecord(trace, this.recorder.storesBodies ? bodies?.() : undefined));
  }
}
