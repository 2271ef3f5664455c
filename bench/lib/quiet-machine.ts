import { setTimeout as sleep } from 'node:timers/promises';
import { readSystemBusyTicks } from './proc-cpu.js';

const SAMPLE_MS = 500;

/**
 * Waits until the machine has been quiet (under `maxBusyCores` cores busy) for one sample,
 * or until `maxWaitMs` has passed. Between cells every bench process is idle, so whatever
 * is busy then belongs to someone else, and measuring now would measure them too.
 * Returns the busy level it last saw, in cores.
 */
export async function waitForQuiet(maxBusyCores: number, maxWaitMs: number, clockTicksPerSecond: number): Promise<number> {
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    const before = readSystemBusyTicks();
    const startedAt = performance.now();
    await sleep(SAMPLE_MS);
    const after = readSystemBusyTicks();
    if (before === null || after === null) return 0;
    const busyCores = (after - before) / clockTicksPerSecond / ((performance.now() - startedAt) / 1000);
    if (busyCores <= maxBusyCores || Date.now() >= deadline) return busyCores;
  }
}
