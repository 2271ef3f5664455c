import { Counter, Gauge, type Registry } from 'prom-client';
import type { BreakerSnapshot, BreakerState } from '../breakers/breaker-state.js';
import { splitTarget } from './trace-labels.js';

/** What the recorder reports about its write path: `recorder.stats()` (WriterStats) fits. */
export interface RecorderHealth {
  /** Records waiting in memory for the next batch. */
  queued: number;
  /** Bytes in spill files now (written while ClickHouse was slow or away). */
  spillBytes: number;
  /** Records lost since start (spill full, spill write failed, rejected). Monotonic. */
  dropped: number;
  /** Request rows ClickHouse acknowledged since start. Monotonic. */
  written?: number;
  /** False while ClickHouse is considered down (batches go straight to the spill). */
  healthy?: boolean;
}

export interface HealthSources {
  breakers?: () => readonly BreakerSnapshot[];
  recorder?: () => RecorderHealth;
  inflight?: () => number;
}

const BREAKER_STATES: readonly BreakerState[] = ['closed', 'open', 'half_open'];

/**
 * Gauges read at scrape time from the live objects (no copy kept between scrapes). A source
 * that throws is reported through `onError` and leaves its gauges empty for that scrape:
 * one broken source must not fail the whole /metrics response.
 */
export function registerHealthGauges(registry: Registry, sources: HealthSources, onError: (error: unknown) => void): void {
  const registers = [registry];
  const { breakers, recorder, inflight } = sources;
  if (breakers !== undefined) registerBreakerGauges(registers, breakers, onError);
  if (recorder !== undefined) registerRecorderGauges(registers, recorder, onError);
  if (inflight !== undefined) {
    new Gauge({
      name: 'llm_gateway_inflight_requests',
      help: 'Requests being served right now (streams included).',
      registers,
      collect() {
        this.set(guarded(inflight, onError) ?? 0);
      },
    });
  }
}

function registerBreakerGauges(registers: Registry[], read: () => readonly BreakerSnapshot[], onError: (error: unknown) => void): void {
  // One series per state with value 1 for the current one: the usual Prometheus encoding of
  // an enum, so `llm_gateway_breaker_state{state="open"} == 1` lists the open breakers.
  new Gauge({
    name: 'llm_gateway_breaker_state',
    help: 'Circuit breaker state per upstream: 1 for the current state (closed, open, half_open), 0 for the others.',
    labelNames: ['provider', 'model', 'state'] as const,
    registers,
    collect() {
      this.reset();
      for (const snapshot of guarded(read, onError) ?? []) {
        const target = splitTarget(snapshot.target);
        for (const state of BREAKER_STATES) this.set({ ...target, state }, snapshot.state === state ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: 'llm_gateway_breaker_error_ratio',
    help: "Failures / outcomes in the breaker's rolling window per upstream (0 when the window is empty).",
    labelNames: ['provider', 'model'] as const,
    registers,
    collect() {
      this.reset();
      for (const snapshot of guarded(read, onError) ?? []) this.set(splitTarget(snapshot.target), snapshot.errorRate);
    },
  });
}

function registerRecorderGauges(registers: Registry[], read: () => RecorderHealth, onError: (error: unknown) => void): void {
  // Each metric reads the source itself: prom-client collects metrics one by one and offers
  // no per-scrape hook, and the read is a few field loads.
  new Gauge({
    name: 'llm_gateway_recorder_queue_depth',
    help: 'Trace rows waiting in memory for the next ClickHouse batch.',
    registers,
    collect() {
      const health = guarded(read, onError);
      if (health !== undefined) this.set(health.queued);
    },
  });
  new Gauge({
    name: 'llm_gateway_recorder_spill_bytes',
    help: 'Bytes of trace rows spilled to disk while ClickHouse was slow or unreachable.',
    registers,
    collect() {
      const health = guarded(read, onError);
      if (health !== undefined) this.set(health.spillBytes);
    },
  });
  new Gauge({
    name: 'llm_gateway_recorder_healthy',
    help: 'Whether the recorder can write to ClickHouse (1) or is spilling to disk because it cannot (0).',
    registers,
    collect() {
      const healthy = guarded(read, onError)?.healthy;
      if (healthy !== undefined) this.set(healthy ? 1 : 0);
    },
  });
  mirrorCounter(registers, 'llm_gateway_recorder_dropped_total', 'Trace records the recorder dropped (spill full, spill write failed, rejected) since start.', () => guarded(read, onError)?.dropped);
  mirrorCounter(registers, 'llm_gateway_recorder_written_total', 'Request rows ClickHouse acknowledged since start.', () => guarded(read, onError)?.written);
}

/**
 * A counter that mirrors a running count kept elsewhere: it adds the difference at each
 * scrape (prom-client counters only go up). A smaller number means the source restarted its
 * count: start over, as Prometheus does with any counter reset.
 */
function mirrorCounter(registers: Registry[], name: string, help: string, read: () => number | undefined): void {
  let seen = 0;
  new Counter({
    name,
    help,
    registers,
    collect() {
      const current = read();
      if (current === undefined || !Number.isFinite(current)) return;
      if (current < seen) {
        this.reset();
        seen = 0;
      }
      if (current > seen) this.inc(current - seen);
      seen = current;
    },
  });
}

function guarded<T>(read: () => T, onError: (error: unknown) => void): T | undefined {
  try {
    return read();
  } catch (error) {
    onError(error);
    return undefined;
  }
}
