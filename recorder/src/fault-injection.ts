import { setTimeout as sleep } from 'node:timers/promises';
import type { ClickHouseTransport } from './clickhouse-transport.js';

/**
 * Test-only failure modes for the path to ClickHouse:
 * - 'refuse': the call fails before reaching the engine (server down, connection refused);
 * - 'lose-ack': the insert lands, then the call fails (a timeout or reset after the server
 *   wrote it), which is what forces re-sent batches to be deduplicated;
 * - { stallMs }: the call hangs that long first (a slow server), then proceeds.
 */
export type Fault = 'refuse' | 'lose-ack' | { stallMs: number };

/** Asked before every insert and ping; undefined lets the call through untouched. */
export type FaultInjector = (operation: 'insert' | 'ping', table?: string) => Fault | undefined;

/** Wraps a transport with a fault injector. Data still goes to the real engine when allowed. */
export class FaultInjectingTransport implements ClickHouseTransport {
  readonly #inner: ClickHouseTransport;
  readonly #injector: FaultInjector;

  constructor(inner: ClickHouseTransport, injector: FaultInjector) {
    this.#inner = inner;
    this.#injector = injector;
  }

  command(sql: string): Promise<void> {
    return this.#inner.command(sql);
  }

  query(sql: string, params?: Record<string, string | number>): Promise<unknown[]> {
    return this.#inner.query(sql, params);
  }

  async insert(table: string, body: readonly Uint8Array[], dedupToken: string): Promise<void> {
    const fault = this.#injector('insert', table);
    if (fault === 'refuse') throw new Error('injected fault: connection refused');
    if (typeof fault === 'object') await sleep(fault.stallMs);
    await this.#inner.insert(table, body, dedupToken);
    if (fault === 'lose-ack') throw new Error('injected fault: response lost after the insert landed');
  }

  async ping(): Promise<void> {
    const fault = this.#injector('ping');
    if (fault === 'refuse') throw new Error('injected fault: connection refused');
    if (typeof fault === 'object') await sleep(fault.stallMs);
    await this.#inner.ping();
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}
