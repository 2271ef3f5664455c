import type { ClickHouseTransport } from './clickhouse-transport.js';

/**
 * A transport that connects (and migrates) on first use and again after a failed attempt, so
 * a ClickHouse that is down at start-up only delays the recorder: the writer's retries double as
 * reconnection attempts, and the gateway starts either way.
 */
export class ManagedTransport implements ClickHouseTransport {
  readonly #open: () => Promise<ClickHouseTransport>;
  #current: Promise<ClickHouseTransport> | undefined;
  #closed = false;

  constructor(open: () => Promise<ClickHouseTransport>) {
    this.#open = open;
  }

  /** The connected transport; a failed attempt is forgotten so the next call tries again. */
  connect(): Promise<ClickHouseTransport> {
    if (this.#closed) return Promise.reject(new Error('recorder is closed'));
    this.#current ??= this.#open().catch((err: unknown) => {
      this.#current = undefined;
      throw err;
    });
    return this.#current;
  }

  async command(sql: string): Promise<void> {
    await (await this.connect()).command(sql);
  }

  async query(sql: string, params?: Record<string, string | number>): Promise<unknown[]> {
    return (await this.connect()).query(sql, params);
  }

  async insert(table: string, body: readonly Uint8Array[], dedupToken: string): Promise<void> {
    await (await this.connect()).insert(table, body, dedupToken);
  }

  async ping(): Promise<void> {
    await (await this.connect()).ping();
  }

  async close(): Promise<void> {
    this.#closed = true;
    const current = this.#current;
    this.#current = undefined;
    const transport = await current?.catch(() => undefined);
    await transport?.close();
  }
}
