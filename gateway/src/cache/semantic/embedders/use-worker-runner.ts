import { Worker } from 'node:worker_threads';
import { GatewayError } from '../../../errors/gateway-error.js';
import { USE_DIMS, type UseModelFn } from './use-model.js';
import type { UseWorkerReply, UseWorkerRequest } from './use-worker-protocol.js';

export interface UseWorkerRunner {
  embed: UseModelFn;
  close(): Promise<void>;
}

export interface UseWorkerRunnerOptions {
  /** After the worker dies (model failed to load, crash), calls fail fast for this long before a restart is tried. */
  restartBackoffMs?: number;
  now?: () => number;
}

interface Pending {
  resolve: (rows: Float32Array[]) => void;
  reject: (error: Error) => void;
}

/**
 * Runs the USE model in a worker thread, started on first use. The worker keeps the
 * process alive only while a batch is outstanding, so an idle gateway (or a finished
 * script) can exit without calling close().
 */
export function createUseWorkerRunner(options: UseWorkerRunnerOptions = {}): UseWorkerRunner {
  const backoffMs = options.restartBackoffMs ?? 30_000;
  const now = options.now ?? Date.now;
  const pending = new Map<number, Pending>();
  let worker: Worker | undefined;
  let nextId = 1;
  let failedAt: number | undefined;
  let lastFailure = '';

  const failAll = (why: string): void => {
    for (const p of pending.values()) p.reject(new GatewayError('internal_error', `local embedder worker failed: ${why}`));
    pending.clear();
  };

  const start = (): Worker => {
    const w = spawnWorker();
    w.unref();
    w.on('message', (reply: UseWorkerReply) => {
      const p = pending.get(reply.id);
      if (p === undefined) return;
      pending.delete(reply.id);
      if (pending.size === 0) w.unref();
      if ('error' in reply) p.reject(new GatewayError('internal_error', `local embedder: ${reply.error}`));
      else p.resolve(rowsOf(reply.vectors));
    });
    const onDeath = (why: string): void => {
      if (worker !== w) return;
      worker = undefined;
      failedAt = now();
      lastFailure = why;
      failAll(why);
    };
    w.on('error', (error) => onDeath(error.message));
    w.on('exit', (code) => onDeath(`exited with code ${code}`));
    return w;
  };

  return {
    embed(texts) {
      if (worker === undefined && failedAt !== undefined && now() - failedAt < backoffMs) {
        return Promise.reject(new GatewayError('internal_error', `local embedder unavailable (${lastFailure}); retrying after ${backoffMs} ms`));
      }
      worker ??= start();
      const w = worker;
      const id = nextId++;
      return new Promise<Float32Array[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.ref();
        const message: UseWorkerRequest = { id, texts };
        w.postMessage(message);
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      failAll('closed');
      if (w !== undefined) await w.terminate();
    },
  };
}

function rowsOf(flat: Float32Array): Float32Array[] {
  const rows: Float32Array[] = [];
  for (let offset = 0; offset < flat.length; offset += USE_DIMS) rows.push(flat.subarray(offset, offset + USE_DIMS));
  return rows;
}

/**
 * Starts use-worker beside this file. Built code has a .js sibling. When this module runs
 * as TypeScript source under tsx (evals, scripts), tsx's loader hook does not reach worker
 * threads (https://github.com/privatenumber/tsx/issues/354), so the worker registers tsx
 * itself before importing the .ts entry; tsx is a dev dependency and only needed then.
 */
function spawnWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./use-worker.js', here));
  const entry = new URL('./use-worker.ts', here).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true });
}
