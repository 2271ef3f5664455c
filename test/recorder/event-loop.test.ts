import { afterAll, describe, expect, it } from 'vitest';
import { byteLength, encodeBatch } from '../../recorder/src/batch-encoding.js';
import { createRecorder, MIGRATIONS, openTransport, runMigrations } from '../../recorder/src/index.js';
import { makeRecord, tempRecorderDirs } from './record-fixtures.js';

/** A 5 ms interval timer on the main thread: how often it fired and how late. */
function lagProbe(): { stop(): { ticks: number; maxMs: number; p99Ms: number; busy: number } } {
  const elu = performance.eventLoopUtilization();
  const lags: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    lags.push(Math.max(0, now - last - 5));
    last = now;
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      const sorted = [...lags].sort((a, b) => a - b);
      const busy = performance.eventLoopUtilization(elu).utilization;
      return { ticks: lags.length, maxMs: sorted.at(-1) ?? 0, p99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? 0, busy };
    },
  };
}

/**
 * chdb blocks the thread that runs it, so the embedded engine lives in a worker thread. These
 * tests print the main thread's timer lag while the engine works; what they assert is not a
 * speed but the property itself (timers keep firing during an insert), which holds on a busy
 * machine too. Speed comparisons: test/recorder/measure-cli.ts.
 */
describe('embedded ClickHouse off the main thread', () => {
  const dirs = tempRecorderDirs('event-loop');
  afterAll(() => dirs.remove());

  it('keeps the main thread free while one large insert runs in the worker', { timeout: 60_000 }, async () => {
    const transport = await openTransport({ kind: 'embedded', dataDir: dirs.dataDir });
    try {
      await runMigrations(transport, MIGRATIONS, { ttlDays: 30 });
      const { batch } = await encodeBatch(Array.from({ length: 5000 }, (_, i) => makeRecord('big-insert', i)), 'big-insert-1');
      const probe = lagProbe();
      const t0 = performance.now();
      await transport.insert('requests', batch.requests, batch.token);
      const insertMs = performance.now() - t0;
      const lag = probe.stop();
      console.log(`[event-loop] one 5000-row insert (${(byteLength(batch.requests) / 1e6).toFixed(1)} MB) took ${insertMs.toFixed(0)} ms; the 5 ms timer fired ${lag.ticks} times meanwhile, max lag ${lag.maxMs.toFixed(1)} ms, p99 ${lag.p99Ms.toFixed(1)} ms, main thread busy ${(lag.busy * 100).toFixed(0)}%`);
      // On the main thread, chdb would hold the loop for the whole insert: no tick at all.
      expect(lag.ticks).toBeGreaterThanOrEqual(Math.min(5, Math.floor(insertMs / 20)));
    } finally {
      await transport.close();
    }
  });

  it('prints the main thread lag while the recorder writes 10,000 records', { timeout: 60_000 }, async () => {
    const recorder = createRecorder({ target: { kind: 'embedded', dataDir: dirs.dataDir }, spillDir: dirs.spillDir });
    await recorder.ready();
    const records = Array.from({ length: 10_000 }, (_, i) => makeRecord('lag', i));
    const probe = lagProbe();
    const t0 = performance.now();
    for (let start = 0; start < records.length; start += 500) {
      for (const r of records.slice(start, start + 500)) recorder.record(r);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await recorder.flush();
    const seconds = (performance.now() - t0) / 1000;
    const lag = probe.stop();
    console.log(`[event-loop] recorder: 10000 records written in ${seconds.toFixed(2)} s (${Math.round(10_000 / seconds)} rows/s incl. attempts), 5 ms timer max lag ${lag.maxMs.toFixed(1)} ms, p99 ${lag.p99Ms.toFixed(1)} ms over ${lag.ticks} ticks, main thread busy ${(lag.busy * 100).toFixed(0)}%`);
    expect(recorder.stats()).toMatchObject({ written: 10_000, dropped: 0, spilledBatches: 0 });
    await recorder.close();
  });
});
