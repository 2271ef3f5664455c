import type { Usage, StopReason } from '../canonical/types.js';
import type { ErrorCode } from '../errors/error-codes.js';
import type { Surface } from '../errors/error-envelope.js';

/** One upstream call made for a request. */
export interface AttemptRecord {
  target: string;
  /** Milliseconds from the request's start to this attempt's start. */
  startMs: number;
  latencyMs: number;
  /** Streams: milliseconds from the attempt's start to the first upstream event. */
  ttftMs?: number;
  outcome: 'ok' | 'error' | 'aborted';
  errorCode?: ErrorCode;
  httpStatus?: number;
  /** Same-protocol pass-through (true) or translated through the canonical format. */
  passthrough: boolean;
}

/**
 * Everything decided while serving one request. Logs, headers, the admin API, the recorder
 * and the lab are projections of it: if it is a decision, it is in here.
 */
export interface Trace {
  id: string;
  configHash: string;
  startedAt: number;
  surface: Surface;
  endpoint: 'chat' | 'embeddings' | 'models';
  tenant?: string;
  keyId?: string;
  requestedModel?: string;
  stream?: boolean;
  route?: { provider: string; model: string; reason: string };
  attempts: AttemptRecord[];
  outcome?: {
    status: number;
    errorCode?: ErrorCode;
    errorMessage?: string;
    usage?: Usage;
    stopReason?: StopReason;
    /** The client went away before the answer was complete. */
    clientAborted?: boolean;
    /** A stream that broke off after its first byte reached the client. */
    partial?: boolean;
  };
  timings: { totalMs?: number; upstreamMs?: number; ttftMs?: number };
}

export function newTrace(id: string, configHash: string, surface: Surface, endpoint: Trace['endpoint'], now: number): Trace {
  return { id, configHash, startedAt: now, surface, endpoint, attempts: [], timings: {} };
}
