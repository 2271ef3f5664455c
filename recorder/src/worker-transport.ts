import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ClickHouseFailure, type ClickHouseTransport } from './clickhouse-transport.js';
import { parseWorkerResponse, type WorkerCall, type WorkerRequest } from './worker-protocol.js';

/**
 * Data folders with a live embedded engine in this process. libchdb binds one data folder per
 * process, so this mirrors a process-wide native constraint (it is not a store singleton): a
 * second recorder on any folder fails fast with a message instead of an opaque chdb error.
 */
const openEmbeddedDirs = new Set<string>();

/**
 * Loads chdb's native addon on the main thread and keeps it loaded. When a worker that loaded
 * it exits, Node unloads the addon with it, and libchdb's thread-local destructors then jump into
 * unmapped code: the whole process dies with SIGSEGV (reproduced with chdb 3.4 on Node 20).
 * Loading it here once (no engine is started by loading) pins the library for the process.
 */
function pinChdbAddon(): void {
  createRequire(import.meta.url)('chdb');
}

/**
 * Path of tsx's ESM API. `require.resolve` would pick its CommonJS build, which cannot be
 * imported from ESM, so read the `import` condition from tsx's own exports map.
 */
function resolveTsxEsmApi(from: string): string {
  const manifestPath = createRequire(from).resolve('tsx/package.json');
  const manifest: unknown = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const entry = (manifest as { exports?: Record<string, { import?: { default?: unknown } }> }).exports?.['./esm/api']?.import?.default;
  if (typeof entry !== 'string') throw new Error('cannot find the ESM API of tsx, needed to run the recorder from TypeScript sources');
  return join(dirname(manifestPath), entry);
}

/** The worker entry: compiled JS in production; the .ts source under vitest / tsx. */
function spawnWorker(dataDir: string): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./embedded-worker.js', here), { workerData: { dataDir } });
  // Worker threads do not inherit the TS loader of vitest or tsx, so register tsx inside the
  // worker before importing the source. (Dev and tests only; tsx is a root dev dependency.)
  const entry = new URL('./embedded-worker.ts', here).href;
  const tsx = pathToFileURL(resolveTsxEsmApi(here)).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => m.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;
  return new Worker(code, { eval: true, workerData: { dataDir } });
}

interface Pending {
  resolve: (rows: unknown[] | null) => void;
  reject: (err: Error) => void;
}

/**
 * Main-thread side of the embedded engine: every call is a message to the worker that owns the
 * chdb session. A worker that dies rejects what was pending; the next call starts a new one, so
 * the writer's retry loop doubles as the restart policy.
 */
export class WorkerTransport implements ClickHouseTransport {
  readonly #dataDir: string;
  #worker: Worker | undefined;
  #starting: Promise<Worker> | undefined;
  #pending = new Map<number, Pending>();
  #nextId = 1;
  #closed = false;

  private constructor(dataDir: string) {
    this.#dataDir = dataDir;
  }

  /** Starts the worker and waits until the engine answered. Throws the open failure, explained. */
  static async start(dataDir: string): Promise<WorkerTransport> {
    if (openEmbeddedDirs.size > 0) {
      const [other] = openEmbeddedDirs;
      throw new Error(
        `cannot open the embedded ClickHouse data folder ${dataDir}: this process already has the embedded engine open on ${other}. ` +
          'One process runs one embedded engine on one folder: share one recorder, or use a ClickHouse server.',
      );
    }
    pinChdbAddon();
    const transport = new WorkerTransport(dataDir);
    openEmbeddedDirs.add(dataDir);
    try {
      await transport.#ensureWorker();
    } catch (err) {
      openEmbeddedDirs.delete(dataDir);
      throw err;
    }
    return transport;
  }

  async command(sql: string): Promise<void> {
    await this.#call({ op: 'command', sql });
  }

  async query(sql: string, params: Record<string, string | number> = {}): Promise<unknown[]> {
    return (await this.#call({ op: 'query', sql, params })) ?? [];
  }

  async insert(table: string, body: readonly Uint8Array[], dedupToken: string): Promise<void> {
    // Chunks over a SharedArrayBuffer (fresh batches) reach the worker without a copy and stay
    // usable here, for the spill if this insert fails; others (replayed lines) are copied.
    await this.#call({ op: 'insert', table, body: [...body], token: dedupToken });
  }

  async ping(): Promise<void> {
    await this.#call({ op: 'ping' });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      // A worker still starting would otherwise come up after close() and hold the engine.
      await this.#starting?.catch(() => undefined);
      if (this.#worker !== undefined) {
        await this.#send(this.#worker, { op: 'close' }).catch(() => undefined);
        await this.#worker.terminate();
      }
    } finally {
      this.#worker = undefined;
      openEmbeddedDirs.delete(this.#dataDir);
    }
  }

  async #call(call: WorkerCall): Promise<unknown[] | null> {
    if (this.#closed) throw new Error('embedded ClickHouse transport is closed');
    return this.#send(await this.#ensureWorker(), call);
  }

  #send(worker: Worker, call: WorkerCall): Promise<unknown[] | null> {
    const id = this.#nextId++;
    const request = { ...call, id } as WorkerRequest;
    return new Promise((resolve, reject) => {
      // Keep the process alive only while a call is outstanding: an idle recorder must not hold
      // a CLI open, but an insert in flight must not be cut off by the event loop running dry.
      if (this.#pending.size === 0) worker.ref();
      this.#pending.set(id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  #ensureWorker(): Promise<Worker> {
    if (this.#worker !== undefined) return Promise.resolve(this.#worker);
    this.#starting ??= this.#startWorker().finally(() => {
      this.#starting = undefined;
    });
    return this.#starting;
  }

  #startWorker(): Promise<Worker> {
    return new Promise((resolve, reject) => {
      const worker = spawnWorker(this.#dataDir);
      let ready = false;
      worker.on('message', (message: unknown) => {
        const response = parseWorkerResponse(message);
        if (response === undefined) return;
        if (response.kind === 'ready') {
          ready = true;
          this.#worker = worker;
          worker.unref();
          resolve(worker);
        } else if (response.kind === 'failed') {
          // The worker already explained the failure (who holds the folder, what to do).
          reject(new Error(`embedded ClickHouse did not start: ${response.message}`));
        } else {
          const pending = this.#pending.get(response.id);
          if (pending === undefined) return;
          this.#pending.delete(response.id);
          if (this.#pending.size === 0) worker.unref();
          if (response.ok) pending.resolve(response.rows);
          else pending.reject(new ClickHouseFailure(response.message, response.type));
        }
      });
      const lost = (why: string): void => {
        if (this.#worker === worker) this.#worker = undefined;
        if (!ready) reject(new Error(`embedded ClickHouse worker failed to start: ${why}`));
        const err = new Error(`embedded ClickHouse worker stopped: ${why}`);
        for (const pending of this.#pending.values()) pending.reject(err);
        this.#pending.clear();
      };
      worker.on('error', (err) => lost(err.message));
      worker.on('exit', (code) => lost(`exit code ${code}`));
    });
  }
}
