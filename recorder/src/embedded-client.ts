import { createClient, type ClickHouseClient, type ClickHouseClientConfigOptions } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { errorMessage } from './clickhouse-transport.js';

/**
 * A client running the chdb engine IN THIS THREAD, on `dataDir`. chdb's queries block the
 * calling thread's event loop (measured: see README), so the recorder only calls this inside its
 * worker thread; `measure-cli` calls it on the main thread to show the difference.
 */
export function createEmbeddedClient(dataDir: string): ClickHouseClient {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  try {
    // chdb implements the Connection contract from its own copy of @clickhouse/client-common,
    // which @clickhouse/client 1.23 bundles in a slightly different version: same runtime shape,
    // distinct declared types (ClickHouseSettings drifted), hence the cast at this one seam.
    const connection = createChdbConnection({ path: dir }) as unknown as ClickHouseClientConfigOptions['connection'];
    return createClient({ connection });
  } catch (err) {
    throw explainEmbeddedOpenFailure(dir, err);
  }
}

/**
 * chdb refuses a data folder another process holds (ClickHouse's flock on `<dir>/status`) with
 * only "Failed to create connection"; the status file names the holder, so say who it is.
 */
export function explainEmbeddedOpenFailure(dir: string, err: unknown): Error {
  const cause = errorMessage(err);
  let holder = '';
  try {
    const status = readFileSync(join(dir, 'status'), 'utf8');
    const pid = /PID:\s*(\d+)/.exec(status)?.[1];
    if (pid !== undefined) holder = ` (held by process ${pid}${Number(pid) === process.pid ? ', this process' : ''})`;
  } catch {
    // No status file: the folder is not held by a live engine; the cause says what went wrong.
  }
  return new Error(
    `cannot open the embedded ClickHouse data folder ${dir}${holder}: ${cause}. ` +
      'One chdb data folder belongs to one process at a time, and one process can open only one ' +
      'folder: give each gateway process its own recorder data folder, or use a ClickHouse server.',
    { cause: err },
  );
}
