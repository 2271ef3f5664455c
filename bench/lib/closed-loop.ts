import { Pool, type Dispatcher } from 'undici';
import { LatencyRecorder } from './latency-recorder.js';
import type { LoadResult, LoadSpec } from './load-protocol.js';
import { MeasurementWindow } from './measurement-window.js';
import { ResponseHandler, type Outcome } from './response-handler.js';

/** A broken target should end the run quickly, not spin through millions of failures. */
const MAX_ERRORS = 1000;
/** Past warm-up + duration, requests still hanging this long get their sockets destroyed. */
const HANG_GRACE_MS = 15_000;
const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

/**
 * Closed loop: `concurrency` workers, each sending its next request as soon as the previous
 * one is fully read, over as many keep-alive connections. Only requests that complete while
 * the window is open are counted, so warm-up and the tail of in-flight requests are excluded.
 */
export async function runClosedLoop(spec: LoadSpec): Promise<LoadResult> {
  const pool = new Pool(spec.origin, {
    connections: spec.concurrency,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  const latency = new LatencyRecorder(spec.maxRequests);
  const ttft = spec.mode === 'stream' ? new LatencyRecorder(spec.maxRequests) : null;
  const window = new MeasurementWindow(spec.cpuPids, spec.clockTicksPerSecond);
  let errors = 0;
  let firstError: string | null = null;

  const openTimer = setTimeout(() => window.openNow(), spec.warmupMs);
  const closeTimer = setTimeout(() => window.closeNow(), spec.warmupMs + spec.durationMs);
  const hangTimer = setTimeout(() => void pool.destroy(new Error('run overran its time bound')), spec.warmupMs + spec.durationMs + HANG_GRACE_MS);
  // One options object for every request: the body is a string undici can write as is.
  const options: Dispatcher.DispatchOptions = { path: spec.path, method: 'POST', headers: HEADERS, body: spec.body };

  const worker = async (): Promise<void> => {
    while (!window.closed) {
      const startedAt = performance.now();
      const outcome = await send(pool, spec, options);
      if (!window.open) {
        // Warm-up, or finished after the window closed. Failures still matter in warm-up.
        if (!outcome.ok) noteError(outcome.error);
        if (!window.closed && errors >= MAX_ERRORS) window.closeNow();
        continue;
      }
      if (!outcome.ok) {
        noteError(outcome.error);
        if (errors >= MAX_ERRORS) window.closeNow();
        continue;
      }
      latency.record(performance.now() - startedAt);
      ttft?.record(outcome.firstContentAt - startedAt);
      if (latency.full) window.closeNow();
    }
  };

  function noteError(message: string | undefined): void {
    errors++;
    firstError ??= message ?? 'unknown error';
  }

  try {
    await Promise.all(Array.from({ length: spec.concurrency }, worker));
  } finally {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    clearTimeout(hangTimer);
    await pool.close().catch(() => undefined);
  }
  const windowMs = window.durationMs;
  return {
    completed: latency.count,
    errors,
    firstError,
    windowMs,
    requestsPerSecond: windowMs > 0 ? (latency.count * 1000) / windowMs : 0,
    latencyMs: latency.percentiles(),
    ttftMs: ttft?.percentiles() ?? null,
    cpuMs: window.cpuMs(),
    loadGeneratorCpuMs: window.selfCpuMs(),
    systemCpuMs: window.systemCpuMs(),
  };
}

function send(pool: Pool, spec: LoadSpec, options: Dispatcher.DispatchOptions): Promise<Outcome> {
  return new Promise((resolve) => {
    pool.dispatch(options, new ResponseHandler(spec.mode, resolve));
  });
}
