import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { resolve } from 'node:path';
import { ClientTransport } from './client-transport.js';
import type { ClickHouseTransport } from './clickhouse-transport.js';
import { WorkerTransport } from './worker-transport.js';

export { createEmbeddedClient } from './embedded-client.js';

/** Where the rows go: the embedded chdb engine (default) or a ClickHouse server over HTTP. */
export type ClickHouseTarget =
  | { kind: 'embedded'; dataDir?: string }
  | {
      kind: 'server';
      /** e.g. http://clickhouse:8123 */
      url: string;
      username?: string;
      password?: string;
      /** Created if missing. Default: 'default'. */
      database?: string;
      /** Per-request HTTP timeout. Default 30 s (the writer applies its own, shorter, insert timeout). */
      requestTimeoutMs?: number;
    };

export const DEFAULT_EMBEDDED_DATA_DIR = '.data/clickhouse';

/** A client for a ClickHouse server. No I/O until the first call. */
export function createServerClient(target: Extract<ClickHouseTarget, { kind: 'server' }>): ClickHouseClient {
  return createClient({
    url: target.url,
    username: target.username ?? 'default',
    password: target.password ?? '',
    database: target.database ?? 'default',
    request_timeout: target.requestTimeoutMs ?? 30_000,
    // Batches of traces and bodies compress well; the server decompresses for free.
    compression: { request: true, response: true },
    application: 'llm-gateway-recorder',
  });
}

/** Opens the transport for a target: an HTTP client, or a worker thread owning the chdb session. */
export async function openTransport(target: ClickHouseTarget): Promise<ClickHouseTransport> {
  if (target.kind === 'embedded') return WorkerTransport.start(resolve(target.dataDir ?? DEFAULT_EMBEDDED_DATA_DIR));
  const database = target.database ?? 'default';
  if (database !== 'default') await ensureDatabase(target, database);
  return new ClientTransport(createServerClient(target));
}

/** The client's `database` must exist before any request names it, so create it through `default`. */
async function ensureDatabase(target: Extract<ClickHouseTarget, { kind: 'server' }>, database: string): Promise<void> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database)) throw new Error(`invalid ClickHouse database name: ${JSON.stringify(database)}`);
  const bootstrap = createServerClient({ ...target, database: 'default' });
  try {
    await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
  } finally {
    await bootstrap.close();
  }
}
