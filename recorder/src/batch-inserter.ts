import type { EncodedBatch } from './batch-encoding.js';
import type { ClickHouseHealth } from './clickhouse-health.js';
import { isDataRejection, type ClickHouseTransport } from './clickhouse-transport.js';
import { withTimeout } from './with-timeout.js';
import type { WriterCounters } from './writer-options.js';

/** 'refused': ClickHouse answered that the data is wrong; 'unreachable': anything else (down, slow, reset). */
export type InsertOutcome = 'ok' | 'unreachable' | 'refused';

/** Sends one batch to both tables under a timeout, and tells the health tracker how it went. */
export class BatchInserter {
  readonly #transport: ClickHouseTransport;
  readonly #health: ClickHouseHealth;
  readonly #timeoutMs: number;
  readonly #counters: WriterCounters;

  constructor(transport: ClickHouseTransport, health: ClickHouseHealth, timeoutMs: number, counters: WriterCounters) {
    this.#transport = transport;
    this.#health = health;
    this.#timeoutMs = timeoutMs;
    this.#counters = counters;
  }

  async insert(batch: EncodedBatch): Promise<InsertOutcome> {
    try {
      await withTimeout(this.#insertTables(batch), this.#timeoutMs, 'ClickHouse insert');
      this.#counters.written += batch.rows;
      this.#health.markUp();
      return 'ok';
    } catch (err) {
      this.#counters.insertFailures++;
      this.#health.markDown(err);
      return isDataRejection(err) ? 'refused' : 'unreachable';
    }
  }

  async ping(): Promise<boolean> {
    try {
      await withTimeout(this.#transport.ping(), this.#timeoutMs, 'ClickHouse ping');
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Requests first, then attempts, under the same token. If only the first lands, the re-sent
   * batch is deduplicated in `requests` and completes `attempts`.
   */
  async #insertTables(batch: EncodedBatch): Promise<void> {
    await this.#transport.insert('requests', batch.requests, batch.token);
    if (batch.attemptRows > 0) await this.#transport.insert('attempts', batch.attempts, batch.token);
  }
}
