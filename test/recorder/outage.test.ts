import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createRecorder, type Fault, type FaultInjector, type RecorderOptions } from '../../recorder/src/index.js';
import { makeRecord, tempRecorderDirs, waitFor } from './record-fixtures.js';

type Phase = 'healthy' | 'down' | 'ack-lost' | 'slow';

const TOTAL = 10_000;
const CHUNK = 250;
const INSERT_TIMEOUT_MS = 2000;

/**
 * The path to ClickHouse fails in three ways during the run: refused (down), inserts that land
 * but report failure (ack-lost: only the dedup tokens keep their replays from doubling rows),
 * and inserts slower than the writer's timeout (they land late, after their batch was spilled).
 * Data still goes to the real embedded engine whenever the injected fault lets it through.
 */
describe('recorder under a failing ClickHouse connection', () => {
  const dirs = tempRecorderDirs('outage');
  afterAll(() => dirs.remove());

  it('writes exactly one request row for each of 10,000 requests', { timeout: 120_000 }, async () => {
    let phase: Phase = 'healthy';
    const faults: FaultInjector = (operation): Fault | undefined => {
      if (phase === 'down') return 'refuse';
      if (phase === 'ack-lost' && operation === 'insert') return 'lose-ack';
      if (phase === 'slow' && operation === 'insert') return { stallMs: INSERT_TIMEOUT_MS + 500 };
      return undefined;
    };
    const base: RecorderOptions = {
      target: { kind: 'embedded', dataDir: dirs.dataDir },
      spillDir: dirs.spillDir,
      writer: { batchRows: 500, flushIntervalMs: 50, insertTimeoutMs: INSERT_TIMEOUT_MS, retryInitialMs: 50, retryMaxMs: 200 },
    };
    const events: string[] = [];
    const first = createRecorder({ ...base, faultInjector: faults, onEvent: (e) => events.push(e.kind) });
    await first.ready();

    const runId = `outage-${Date.now()}`;
    let next = 0;
    let attemptsExpected = 0;
    let downCalls = 0;
    let downNs = 0n;
    const downChunkMicros: number[] = [];
    /** Records requests [next, until) as traffic spread over time, in the current phase. */
    const traffic = async (until: number): Promise<void> => {
      for (; next < until; next += CHUNK) {
        const records = Array.from({ length: Math.min(CHUNK, until - next) }, (_, k) => makeRecord(runId, next + k));
        for (const r of records) attemptsExpected += r.attempts.length;
        const t0 = process.hrtime.bigint();
        for (const r of records) first.record(r);
        if (phase === 'down') {
          const ns = process.hrtime.bigint() - t0;
          downNs += ns;
          downCalls += records.length;
          downChunkMicros.push(Number(ns) / 1000 / records.length);
        }
        await yieldToLoop();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };

    await traffic(1500);
    await first.flush();
    expect(first.stats()).toMatchObject({ written: 1500, spilledRecords: 0 });
    phase = 'down';
    await traffic(3500);
    await waitFor(() => first.stats().spilledRecords > 0, 10_000, 'batches spilled while down');
    phase = 'healthy';
    await traffic(4500);
    await first.flush(); // up again: flush() includes replaying the spill
    expect(first.stats()).toMatchObject({ healthy: true, spillBytes: 0 });
    expect(first.stats().replayedBatches).toBeGreaterThan(0);

    phase = 'ack-lost';
    const failuresBefore = first.stats().insertFailures;
    await traffic(5500);
    await waitFor(() => first.stats().insertFailures > failuresBefore, 10_000, 'an insert whose ack was lost');
    phase = 'healthy';
    await traffic(6000);
    await first.flush();

    phase = 'slow';
    await traffic(7000);
    await waitFor(() => (first.stats().lastError ?? '').includes('timed out'), 15_000, 'an insert timing out');
    phase = 'healthy';
    await traffic(8000);
    await first.flush();

    // Down again until shutdown: close() must leave the rest in the spill for the next start.
    phase = 'down';
    await traffic(TOTAL);
    await first.close();
    const afterFirst = first.stats();
    const median = [...downChunkMicros].sort((a, b) => a - b)[Math.floor(downChunkMicros.length / 2)] ?? 0;
    console.log(
      `[outage] record() while ClickHouse is down: mean ${(Number(downNs) / 1000 / downCalls).toFixed(2)} µs per call over ${downCalls} calls, ` +
        `median of ${CHUNK}-call chunks ${median.toFixed(2)} µs (a GC pause or a lost CPU slice inside a chunk inflates the mean)`,
    );
    console.log(`[outage] first run: ${JSON.stringify(afterFirst)}; events ${JSON.stringify(countBy(events))}`);
    expect(afterFirst).toMatchObject({ dropped: 0, queued: 0, inFlight: 0 });
    expect(afterFirst.spillBytes).toBeGreaterThan(0);

    // Next start: the spill left behind is replayed into ClickHouse.
    const second = createRecorder(base);
    await second.ready();
    await second.flush();
    const afterSecond = second.stats();
    console.log(`[outage] after restart: ${JSON.stringify(afterSecond)}`);
    expect(afterSecond).toMatchObject({ spillBytes: 0, dropped: 0, healthy: true });
    expect(afterSecond.replayedBatches).toBeGreaterThan(0);

    const [totals] = (await second.query('SELECT count() AS rows, uniqExact(request_id) AS ids FROM requests')) as Array<{ rows: unknown; ids: unknown }>;
    expect({ rows: Number(totals?.rows), ids: Number(totals?.ids) }).toEqual({ rows: TOTAL, ids: TOTAL });
    const ids = new Set(((await second.query('SELECT request_id FROM requests')) as Array<{ request_id: string }>).map((r) => r.request_id));
    const missing = Array.from({ length: TOTAL }, (_, i) => `${runId}-${i}`).filter((id) => !ids.has(id));
    expect(missing).toEqual([]);

    const [attempts] = (await second.query(
      'SELECT count() AS rows, uniqExact(request_id, attempt_index) AS keys FROM attempts',
    )) as Array<{ rows: unknown; keys: unknown }>;
    expect({ rows: Number(attempts?.rows), keys: Number(attempts?.keys) }).toEqual({ rows: attemptsExpected, keys: attemptsExpected });

    const [mix] = (await second.query(
      'SELECT countIf(status = 200) AS ok, countIf(status BETWEEN 400 AND 498) AS c4xx, countIf(status >= 500) AS c5xx, countIf(status = 499) AS aborted, countIf(stream) AS streams FROM requests',
    )) as Array<Record<string, unknown>>;
    console.log(`[outage] outcome mix: ${JSON.stringify(mix)}`);
    expect(Number(mix?.c4xx)).toBeGreaterThan(0);
    expect(Number(mix?.c5xx)).toBeGreaterThan(0);
    expect(Number(mix?.aborted)).toBeGreaterThan(0);
    await second.close();
  });
});

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
