/** Tuning of the batch writer. Every field has a default (see `resolveWriterOptions`). */
export interface BatchWriterOptions {
  /** A batch is sent when this many records are queued. Default 1000. */
  batchRows?: number;
  /** ...or when the oldest queued record is this old. Default 1000 ms. */
  flushIntervalMs?: number;
  /** The in-memory queue's bound in records; past it the queue goes to the spill. Default 10 000. */
  maxQueueRows?: number;
  /** The queue's bound in (estimated) bytes. Default 64 MiB. */
  maxQueueBytes?: number;
  /** An insert that takes longer counts as failed and its batch is spilled. Default 10 000 ms. */
  insertTimeoutMs?: number;
  /** Spill budget across all spill files; past it batches are dropped (and counted). Default 512 MiB. */
  spillMaxBytes?: number;
  /** The active spill file is sealed (and becomes replayable) at this size. Default 64 MiB. */
  spillFileMaxBytes?: number;
  /** First retry delay after ClickHouse failed; doubles per failure. Default 500 ms. */
  retryInitialMs?: number;
  /** Cap of the retry delay. Default 30 000 ms. */
  retryMaxMs?: number;
  /** close() gives flushing (including spill replay) this long before it stops. Default 15 000 ms. */
  closeTimeoutMs?: number;
}

export type ResolvedWriterOptions = Required<BatchWriterOptions>;

export function resolveWriterOptions(options: BatchWriterOptions = {}): ResolvedWriterOptions {
  const resolved: ResolvedWriterOptions = {
    batchRows: options.batchRows ?? 1000,
    flushIntervalMs: options.flushIntervalMs ?? 1000,
    maxQueueRows: options.maxQueueRows ?? 10_000,
    maxQueueBytes: options.maxQueueBytes ?? 64 * 1024 * 1024,
    insertTimeoutMs: options.insertTimeoutMs ?? 10_000,
    spillMaxBytes: options.spillMaxBytes ?? 512 * 1024 * 1024,
    spillFileMaxBytes: options.spillFileMaxBytes ?? 64 * 1024 * 1024,
    retryInitialMs: options.retryInitialMs ?? 500,
    retryMaxMs: options.retryMaxMs ?? 30_000,
    closeTimeoutMs: options.closeTimeoutMs ?? 15_000,
  };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isFinite(value) || value <= 0) throw new Error(`recorder writer option ${name} must be a positive number, got ${value}`);
  }
  return resolved;
}

/** Counters of the writer. Cumulative since start unless said otherwise. */
export interface WriterStats {
  /** Records waiting in memory (queue, plus an overflow on its way to the spill). Current. */
  queued: number;
  /** Records of the batch being encoded or inserted right now. Current. */
  inFlight: number;
  /** Request rows ClickHouse acknowledged (fresh and replayed). */
  written: number;
  /** Batches appended to the spill. */
  spilledBatches: number;
  spilledRecords: number;
  /** Spilled batches later written to ClickHouse. */
  replayedBatches: number;
  /** Bytes in spill files now, earlier runs' included. Current. */
  spillBytes: number;
  /** Records lost: spill budget exhausted, spill write failed, rejected, or recorded after close. */
  dropped: number;
  /** Of `dropped`: records of batches ClickHouse kept refusing while it was reachable (set aside in rejected-*.jsonl). */
  rejected: number;
  insertFailures: number;
  /** Spill lines that could not be decoded (cut by a crash); their records are not counted. */
  corruptSpillLines: number;
  /** False while ClickHouse is considered down (batches go straight to the spill). Current. */
  healthy: boolean;
  lastError: string | null;
}

/** The cumulative counters of `WriterStats`, shared by the writer's parts. */
export type WriterCounters = Pick<
  WriterStats,
  'written' | 'spilledBatches' | 'spilledRecords' | 'replayedBatches' | 'dropped' | 'rejected' | 'insertFailures' | 'corruptSpillLines'
>;

/** Transitions worth a log line. Never emitted per record. */
export type WriterEvent =
  | { kind: 'down'; error: string }
  | { kind: 'up' }
  | { kind: 'dropped'; records: number; reason: 'spill-full' | 'spill-failed' | 'overflow' | 'unencodable' }
  | { kind: 'rejected'; records: number; token: string; error: string };
