import { Readable } from 'node:stream';
import { drainStream, type ClickHouseClient } from '@clickhouse/client';
import { insertStatement, type ClickHouseTransport } from './clickhouse-transport.js';

/** `ClickHouseTransport` over an `@clickhouse/client` client (HTTP server or chdb connection). */
export class ClientTransport implements ClickHouseTransport {
  readonly #client: ClickHouseClient;

  constructor(client: ClickHouseClient) {
    this.#client = client;
  }

  async command(sql: string): Promise<void> {
    await this.#client.command({ query: sql });
  }

  async query(sql: string, params: Record<string, string | number> = {}): Promise<unknown[]> {
    const result = await this.#client.query({ query: sql, query_params: params, format: 'JSONEachRow' });
    return result.json<unknown>();
  }

  async insert(table: string, body: readonly Uint8Array[], dedupToken: string): Promise<void> {
    // `exec` rather than `insert`: the body is already JSONEachRow text, and `insert` would
    // demand objects and serialize them a second time.
    const result = await this.#client.exec({
      query: insertStatement(table, dedupToken),
      values: Readable.from(
        body.map((chunk) => Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)),
        { objectMode: false },
      ),
    });
    // Over HTTP the socket is only released once the (empty) response is read.
    await drainStream(result.stream);
  }

  async ping(): Promise<void> {
    // `select: true` runs SELECT 1, which also proves the credentials and database work.
    const result = await this.#client.ping({ select: true });
    if (!result.success) throw result.error;
  }

  async close(): Promise<void> {
    await this.#client.close();
  }
}
