import { decodeSpillLine, encodeSpillLine, type EncodedBatch } from './batch-encoding.js';
import type { BatchInserter } from './batch-inserter.js';
import type { ClickHouseHealth } from './clickhouse-health.js';
import type { SpillStore } from './spill-store.js';
import type { WriterCounters, WriterEvent } from './writer-options.js';

/** A spilled batch ClickHouse rejected as bad data this many times is set aside. */
const MAX_STRIKES = 3;

/**
 * Re-inserts spilled batches, oldest first, one per call. A batch whose insert fails stays
 * pending and is retried on the next call (same token, so a late success of an earlier try is
 * deduplicated). Only a batch ClickHouse keeps rejecting as bad data is set aside, so one bad
 * batch cannot block everything behind it.
 */
export class SpillReplayer {
  readonly #spill: SpillStore;
  readonly #inserter: BatchInserter;
  readonly #health: ClickHouseHealth;
  readonly #counters: WriterCounters;
  readonly #onEvent: (event: WriterEvent) => void;
  #pending: { batch: EncodedBatch; strikes: number } | undefined;

  constructor(spill: SpillStore, inserter: BatchInserter, health: ClickHouseHealth, counters: WriterCounters, onEvent: (event: WriterEvent) => void) {
    this.#spill = spill;
    this.#inserter = inserter;
    this.#health = health;
    this.#counters = counters;
    this.#onEvent = onEvent;
  }

  get hasWork(): boolean {
    return this.#pending !== undefined || this.#spill.hasData;
  }

  /** Tries the oldest spilled batch. Returns false when the spill turned out empty. */
  async replayOne(): Promise<boolean> {
    let pending = this.#pending;
    if (pending === undefined) {
      const line = await this.#spill.nextLine();
      if (line === undefined) return false;
      const batch = decodeSpillLine(line);
      if (batch === undefined) {
        this.#counters.corruptSpillLines++;
        return true;
      }
      pending = { batch, strikes: 0 };
    }
    const outcome = await this.#inserter.insert(pending.batch);
    if (outcome === 'ok') {
      this.#pending = undefined;
      this.#counters.replayedBatches++;
      return true;
    }
    if (outcome === 'refused') pending.strikes++;
    if (pending.strikes < MAX_STRIKES) {
      this.#pending = pending;
      return true;
    }
    this.#pending = undefined;
    await this.#spill.setAside(encodeSpillLine(pending.batch)).catch((err: unknown) => this.#health.noteError(err));
    this.#counters.rejected += pending.batch.rows;
    this.#counters.dropped += pending.batch.rows;
    this.#onEvent({ kind: 'rejected', records: pending.batch.rows, token: pending.batch.token, error: this.#health.lastError ?? '' });
    return true;
  }
}
