import { Pool } from 'undici';
import { LatencyRecorder } from './latency-recorder.js';
import type { LoadResult, LoadSpec } from './load-protocol.js';
import { MeasurementWindow } from './measurement-window.js';
import { StreamProbe } from './stream-probe.js';

/** A broken target should end the run quickly, not spin through millions of failures. */
const MAX_ERRORS = 1000;
/** Past warm-up + duration, requests still hanging this long get their sockets destroyed. */
const HANG_GRACE_MS = 15_000;
const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const DONE_MARKER = '[DONE]';

interface Outcome {
  readonly ok: boolean;
  /** When the first content delta arrived (streams), else NaN. */
  readonly firstContentAt: number;
  readonly error?: string;
}

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
  const send = spec.mode === 'stream' ? sendStream : sendJson;

  const worker = async (): Promise<void> => {
    while (!window.closed) {
      const startedAt = performance.now();
      const outcome = await send(pool, spec);
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
  };
}

async function sendJson(pool: Pool, spec: LoadSpec): Promise<Outcome> {
  try {
    const response = await pool.request({ path: spec.path, method: 'POST', headers: HEADERS, body: spec.body });
    const text = await response.body.text();
    // A 200 with an error or an empty answer must not pass as a fast success.
    if (response.statusCode !== 200) return { ok: false, firstContentAt: Number.NaN, error: `HTTP ${response.statusCode}: ${text.slice(0, 200)}` };
    if (!text.includes('"choices"')) return { ok: false, firstContentAt: Number.NaN, error: `no choices in answer: ${text.slice(0, 200)}` };
    return { ok: true, firstContentAt: Number.NaN };
  } catch (error) {
    return { ok: false, firstContentAt: Number.NaN, error: describe(error) };
  }
}

async function sendStream(pool: Pool, spec: LoadSpec): Promise<Outcome> {
  try {
    const response = await pool.request({ path: spec.path, method: 'POST', headers: HEADERS, body: spec.body });
    if (response.statusCode !== 200) {
      const text = await response.body.text();
      return { ok: false, firstContentAt: Number.NaN, error: `HTTP ${response.statusCode}: ${text.slice(0, 200)}` };
    }
    const probe = new StreamProbe();
    let firstContentAt = Number.NaN;
    let previous: Buffer | undefined;
    let last: Buffer | undefined;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      if (Number.isNaN(firstContentAt) && probe.sawContent(chunk)) firstContentAt = performance.now();
      previous = last;
      last = chunk;
    }
    if (Number.isNaN(firstContentAt)) return { ok: false, firstContentAt, error: 'stream ended without a content delta' };
    if (!endsWithDone(previous, last)) return { ok: false, firstContentAt, error: 'stream ended without data: [DONE]' };
    return { ok: true, firstContentAt };
  } catch (error) {
    return { ok: false, firstContentAt: Number.NaN, error: describe(error) };
  }
}

/** `[DONE]` may straddle the last two chunks; only the end of the stream is looked at. */
function endsWithDone(previous: Buffer | undefined, last: Buffer | undefined): boolean {
  if (last === undefined) return false;
  if (last.includes(DONE_MARKER)) return true;
  return previous !== undefined && Buffer.concat([previous.subarray(-DONE_MARKER.length), last]).includes(DONE_MARKER);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}
