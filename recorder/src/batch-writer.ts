import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { encodeBatch, encodeSpillLine, type EncodedBatch } from './batch-encoding.js';
import { BatchInserter } from './batch-inserter.js';
import { ClickHouseHealth } from './clickhouse-health.js';
import type { ClickHouseTransport } from './clickhouse-transport.js';
import type { RequestRecord } from './record-types.js';
import { estimateRecordBytes } from './row-mapping.js';
import { SpillReplayer } from './spill-replayer.js';
import type { SpillStore } from './spill-store.js';
import {
  resolveWriterOptions,
  type BatchWriterOptions,
  type ResolvedWriterOptions,
  type WriterCounters,
  type WriterEvent,
  type WriterStats,
} from './writer-options.js';

/**
 * Batches records into ClickHouse without ever making the caller wait. `record()` only pushes
 * onto a bounded queue; one async loop (the pump) does everything else, one step at a time:
 * send a due batch (or spill it while ClickHouse is down), probe a down ClickHouse with backoff,
 * replay the spill while it is up. Nothing is lost unless the spill budget is exhausted, and
 * every loss is counted.
 */
export class BatchWriter {
  readonly #options: ResolvedWriterOptions;
  readonly #spill: SpillStore;
  readonly #inserter: BatchInserter;
  readonly #replayer: SpillReplayer;
  readonly #onEvent: (event: WriterEvent) => void;
  readonly #instance = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  #seq = 0;

  #queue: RequestRecord[] = [];
  #queueBytes = 0;
  #oldestAt = 0;
  #inFlight: RequestRecord[] = [];
  /**
   * Records are numbered in arrival order (`#accepted` counts them). Batches leave the queue
   * from the front, so everything before `#accepted - queue.length` has left it; `#inProgress`
   * holds the first number of each batch still being written or spilled. flush() waits for the
   * lowest unsettled number to pass its target.
   */
  #accepted = 0;
  readonly #inProgress = new Set<number>();
  #overflowRows = 0;
  #overflowChain: Promise<void> = Promise.resolve();

  readonly #health: ClickHouseHealth;

  #accepting = true;
  #stopping = false;
  #closing: Promise<void> | undefined;
  #wakeup: (() => void) | undefined;
  #flushWaiters: Array<{ target: number; resolve: () => void }> = [];
  readonly #pump: Promise<void>;
  readonly #counters: WriterCounters = {
    written: 0,
    spilledBatches: 0,
    spilledRecords: 0,
    replayedBatches: 0,
    dropped: 0,
    rejected: 0,
    insertFailures: 0,
    corruptSpillLines: 0,
  };

  /** `spillReady` is the spill store's open(); the pump starts once it settles. */
  constructor(transport: ClickHouseTransport, spill: SpillStore, spillReady: Promise<void>, options: BatchWriterOptions = {}, onEvent?: (event: WriterEvent) => void) {
    this.#options = resolveWriterOptions(options);
    this.#spill = spill;
    this.#onEvent = onEvent ?? (() => undefined);
    this.#health = new ClickHouseHealth(this.#options.retryInitialMs, this.#options.retryMaxMs, this.#onEvent);
    this.#inserter = new BatchInserter(transport, this.#health, this.#options.insertTimeoutMs, this.#counters);
    this.#replayer = new SpillReplayer(spill, this.#inserter, this.#health, this.#counters, this.#onEvent);
    this.#pump = spillReady.catch((err: unknown) => this.#health.noteError(err)).then(() => this.#run());
  }

  /** Synchronous, O(1), never throws, never waits. */
  record(record: RequestRecord): void {
    try {
      if (!this.#accepting) {
        this.#counters.dropped++;
        return;
      }
      const bytes = estimateRecordBytes(record);
      if (this.#queue.length >= this.#options.maxQueueRows || this.#queueBytes + bytes > this.#options.maxQueueBytes) this.#overflow();
      this.#queue.push(record);
      this.#queueBytes += bytes;
      this.#accepted++;
      if (this.#queue.length === 1) this.#oldestAt = Date.now();
      if (this.#queue.length === 1 || this.#queue.length >= this.#options.batchRows) this.#wake();
    } catch {
      this.#counters.dropped++;
    }
  }

  /** Resolves once every record accepted so far is written, spilled or dropped, and the spill is replayed if ClickHouse is up. */
  flush(): Promise<void> {
    const target = this.#accepted;
    this.#health.probeNow();
    return new Promise((resolve) => {
      this.#flushWaiters.push({ target, resolve });
      this.#wake();
    });
  }

  /** Stops accepting, flushes (bounded by closeTimeoutMs), stops the loop. What could not be written stays in the spill. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#accepting = false;
      await Promise.race([this.flush(), sleep(this.#options.closeTimeoutMs, undefined, { ref: false })]);
      this.#stopping = true;
      this.#wake();
      await this.#pump;
      await this.#spill.close();
    })();
    return this.#closing;
  }

  stats(): WriterStats {
    return {
      ...this.#counters,
      queued: this.#queue.length + this.#overflowRows,
      inFlight: this.#inFlight.length,
      spillBytes: this.#spill.bytes,
      healthy: this.#health.healthy,
      lastError: this.#health.lastError,
    };
  }

  /** A record still in memory (not yet in ClickHouse), for the admin API's "just happened" case. */
  findPending(requestId: string): RequestRecord | undefined {
    const match = (r: RequestRecord): boolean => r.requestId === requestId;
    return this.#queue.findLast(match) ?? this.#inFlight.find(match);
  }

  async #run(): Promise<void> {
    for (;;) {
      try {
        if (this.#queueDue()) {
          await this.#writeQueuedBatch();
          continue;
        }
        if (this.#stopping) break;
        if (this.#health.probeDue(Date.now())) {
          await this.#probe();
          continue;
        }
        if (this.#health.healthy && this.#replayer.hasWork) {
          await this.#replayer.replayOne();
          continue;
        }
        this.#settleFlushWaiters(false);
        await this.#sleep(this.#nextWakeAt());
      } catch (err) {
        // Only a bug gets here (every step handles its own failures); keep the loop alive.
        this.#health.noteError(err);
        await sleep(this.#options.retryInitialMs);
      }
    }
    await this.#overflowChain;
    this.#settleFlushWaiters(true);
  }

  #queueDue(): boolean {
    const n = this.#queue.length;
    if (n === 0) return false;
    if (n >= this.#options.batchRows || this.#stopping) return true;
    if (this.#flushWaiters.some((w) => w.target > this.#accepted - n)) return true;
    return Date.now() - this.#oldestAt >= this.#options.flushIntervalMs;
  }

  async #writeQueuedBatch(): Promise<void> {
    const first = this.#accepted - this.#queue.length;
    const records = this.#queue.length <= this.#options.batchRows ? this.#queue : this.#queue.slice(0, this.#options.batchRows);
    this.#queue = records === this.#queue ? [] : this.#queue.slice(records.length);
    this.#queueBytes = this.#queue.reduce((sum, r) => sum + estimateRecordBytes(r), 0);
    // The rest waits at most one more interval; its own age is not tracked per record.
    this.#oldestAt = Date.now();
    this.#inFlight = records;
    this.#inProgress.add(first);
    try {
      const batch = await this.#encode(records);
      if (batch === undefined) return;
      if (this.#health.healthy && (await this.#inserter.insert(batch)) === 'ok') return;
      await this.#toSpill(batch);
    } finally {
      this.#inFlight = [];
      this.#inProgress.delete(first);
    }
  }

  /** Queue over its bound: the whole queue goes to the spill, off the caller's stack. */
  #overflow(): void {
    const first = this.#accepted - this.#queue.length;
    const records = this.#queue;
    this.#queue = [];
    this.#queueBytes = 0;
    if (this.#overflowRows + records.length > this.#options.maxQueueRows) {
      // The spill cannot keep up either (slow disk): this is the memory bound's last resort.
      this.#drop(records.length, 'overflow');
      return;
    }
    this.#overflowRows += records.length;
    this.#inProgress.add(first);
    this.#overflowChain = this.#overflowChain
      .then(async () => {
        for (let start = 0; start < records.length; start += this.#options.batchRows) {
          const batch = await this.#encode(records.slice(start, start + this.#options.batchRows));
          if (batch !== undefined) await this.#toSpill(batch);
        }
      })
      .catch((err: unknown) => this.#health.noteError(err))
      .finally(() => {
        this.#overflowRows -= records.length;
        this.#inProgress.delete(first);
        this.#wake();
      });
  }

  async #encode(records: readonly RequestRecord[]): Promise<EncodedBatch | undefined> {
    const { batch, unencodable } = await encodeBatch(records, `${this.#instance}-${this.#seq++}`);
    if (unencodable > 0) this.#drop(unencodable, 'unencodable');
    return batch.rows > 0 ? batch : undefined;
  }

  async #toSpill(batch: EncodedBatch): Promise<void> {
    const result = await this.#spill.append(encodeSpillLine(batch)).catch(() => 'failed' as const);
    if (result === 'spilled') {
      this.#counters.spilledBatches++;
      this.#counters.spilledRecords += batch.rows;
    } else {
      this.#drop(batch.rows, result === 'over-budget' ? 'spill-full' : 'spill-failed');
    }
  }

  /** While down: replay one spilled batch if there is one (its success is the proof of life), else ping. */
  async #probe(): Promise<void> {
    if (this.#replayer.hasWork && (await this.#replayer.replayOne())) return;
    if (await this.#inserter.ping()) this.#health.markUp();
    else this.#health.markDown(new Error(this.#health.lastError ?? 'ClickHouse ping failed'));
  }

  #drop(records: number, reason: Extract<WriterEvent, { kind: 'dropped' }>['reason']): void {
    this.#counters.dropped += records;
    this.#onEvent({ kind: 'dropped', records, reason });
  }

  #settleFlushWaiters(force: boolean): void {
    const settled = !this.#health.healthy || !this.#replayer.hasWork;
    const lowestUnsettled = Math.min(this.#accepted - this.#queue.length, ...this.#inProgress);
    this.#flushWaiters = this.#flushWaiters.filter((waiter) => {
      if (!force && !(settled && lowestUnsettled >= waiter.target)) return true;
      waiter.resolve();
      return false;
    });
  }

  #nextWakeAt(): number | undefined {
    const times: number[] = [];
    if (this.#queue.length > 0) times.push(this.#oldestAt + this.#options.flushIntervalMs);
    if (!this.#health.healthy) times.push(this.#health.nextProbeAt);
    return times.length === 0 ? undefined : Math.min(...times);
  }

  #sleep(until: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        clearTimeout(timer);
        this.#wakeup = undefined;
        resolve();
      };
      this.#wakeup = done;
      if (until !== undefined) timer = setTimeout(done, Math.max(0, until - Date.now())).unref();
    });
  }

  #wake(): void {
    this.#wakeup?.();
  }
}
