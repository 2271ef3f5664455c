/**
 * Worker-thread entry that owns the USE model (see use-model.ts for why it is off the main
 * thread). Protocol, one message each way per batch:
 *   in:  { id, texts }
 *   out: { id, vectors: Float32Array (texts.length × 512, row-major, transferred) } | { id, error }
 * Batches are answered in arrival order; the model runs one at a time.
 */
import { parentPort } from 'node:worker_threads';
import { loadUseModel, USE_DIMS } from './use-model.js';
import type { UseWorkerReply, UseWorkerRequest } from './use-worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('use-worker.ts must run in a worker thread');

const modelReady = loadUseModel();
// Not awaited here: a load failure is reported per batch, so the parent sees the cause.
modelReady.catch(() => undefined);

let queue: Promise<void> = Promise.resolve();

port.on('message', (message: UseWorkerRequest) => {
  queue = queue.then(() => answer(message));
});

async function answer({ id, texts }: UseWorkerRequest): Promise<void> {
  let reply: UseWorkerReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const model = await modelReady;
    const rows = await model(texts);
    const flat = new Float32Array(texts.length * USE_DIMS);
    rows.forEach((row, i) => {
      if (row.length !== USE_DIMS) throw new Error(`model returned ${row.length} dims, expected ${USE_DIMS}`);
      flat.set(row, i * USE_DIMS);
    });
    reply = { id, vectors: flat };
    transfer.push(flat.buffer);
  } catch (error) {
    reply = { id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  port?.postMessage(reply, transfer);
}
