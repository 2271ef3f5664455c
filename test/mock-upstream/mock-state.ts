// Everything the mock remembers between requests, owned by one server instance (no
// module-level state, so several mocks in one test process stay independent).
import { RequestLog } from './request-log.js';

export class MockState {
  /** null when recording is off (benchmarks): the hot path then skips it entirely. */
  readonly log: RequestLog | null;
  /** Set while close() runs, so dropped stalled streams are not recorded as client aborts. */
  shuttingDown = false;
  private readonly failures = new Map<string, number>();
  private responseSeq = 0;
  private toolCallSeq = 0;

  constructor(
    readonly requireKey: string | undefined,
    record: boolean,
    maxRecorded: number,
  ) {
    this.log = record ? new RequestLog(maxRecorded) : null;
  }

  /** Numbers response ids (`chatcmpl-mock-<n>`, `msg_mock_<n>`) and request-id headers. */
  nextResponseId(): number {
    return ++this.responseSeq;
  }

  /** Numbers tool calls (`call_mock_<n>`, `toolu_mock_<n>`). */
  nextToolCallId(): number {
    return ++this.toolCallSeq;
  }

  /** Counts a request for fail-first; returns how many this model string has seen, this one included. */
  countAttempt(modelKey: string): number {
    const count = (this.failures.get(modelKey) ?? 0) + 1;
    this.failures.set(modelKey, count);
    return count;
  }

  reset(): void {
    this.log?.clear();
    this.failures.clear();
    this.responseSeq = 0;
    this.toolCallSeq = 0;
  }
}
