import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeSpillLine, encodeBatch, encodeSpillLine } from '../../recorder/src/batch-encoding.js';
import { createRecorder, type RecorderOptions } from '../../recorder/src/index.js';
import { makeRecord, tempRecorderDirs } from './record-fixtures.js';

describe('recorder spill', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('encodes a batch as one JSON line and decodes it back; a cut line decodes to nothing', async () => {
    const { batch } = await encodeBatch([makeRecord('enc', 0), makeRecord('enc', 12)], 'tok-1');
    const line = Buffer.concat(encodeSpillLine(batch));
    expect(line.at(-1)).toBe(0x0a);
    const parsed = JSON.parse(line.toString('utf8')) as { token: string; rows: number; requests: Array<{ request_id: string }>; attempts: unknown[] };
    expect(parsed).toMatchObject({ token: 'tok-1', rows: 2 });
    expect(parsed.requests.map((r) => r.request_id)).toEqual(['enc-0', 'enc-12']);
    expect(parsed.attempts).toHaveLength(batch.attemptRows);
    const decoded = decodeSpillLine(line.subarray(0, line.length - 1));
    expect(decoded && { ...decoded, requests: Buffer.concat(decoded.requests), attempts: Buffer.concat(decoded.attempts) }).toEqual({
      ...batch,
      requests: Buffer.concat(batch.requests),
      attempts: Buffer.concat(batch.attempts),
    });
    expect(decodeSpillLine(line.subarray(0, Math.floor(line.length / 2)))).toBeUndefined();
  });

  it('drops only past the spill budget, counts every dropped record, and replays the rest on the next start', { timeout: 60_000 }, async () => {
    const dirs = tempRecorderDirs('budget');
    cleanups.push(() => dirs.remove());
    const base: RecorderOptions = {
      target: { kind: 'embedded', dataDir: dirs.dataDir },
      spillDir: dirs.spillDir,
      // ~3 KB per record: a 300 KB budget holds about a hundred of them.
      writer: { batchRows: 50, flushIntervalMs: 20, spillMaxBytes: 300_000, spillFileMaxBytes: 100_000, retryInitialMs: 50, retryMaxMs: 100 },
    };
    const down = createRecorder({ ...base, faultInjector: () => 'refuse' });
    await down.ready();
    const total = 1000;
    let ns = 0n;
    for (let i = 0; i < total; i++) {
      const record = makeRecord('budget', i);
      const t0 = process.hrtime.bigint();
      down.record(record);
      ns += process.hrtime.bigint() - t0;
      if (i % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await down.close();
    const stats = down.stats();
    console.log(`[spill] record() while down, spill full: ${(Number(ns) / 1000 / total).toFixed(2)} µs per call; ${JSON.stringify(stats)}`);
    expect(stats.written).toBe(0);
    expect(stats.dropped).toBeGreaterThan(0);
    expect(stats.spilledRecords + stats.dropped).toBe(total);
    expect(stats.spillBytes).toBeLessThanOrEqual(300_000);
    // After close, records are refused and counted too.
    down.record(makeRecord('budget', total));
    expect(down.stats().dropped).toBe(stats.dropped + 1);

    const up = createRecorder(base);
    await up.ready();
    await up.flush();
    const [row] = (await up.query('SELECT count() AS c FROM requests')) as Array<{ c: unknown }>;
    expect(Number(row?.c)).toBe(stats.spilledRecords);
    expect(up.stats()).toMatchObject({ spillBytes: 0, written: stats.spilledRecords });
    expect(readdirSync(dirs.spillDir).filter((f) => f.startsWith('spill-'))).toEqual([]);
    await up.close();
  });

  it('replays a spill file left by a crash and counts a line cut mid-write', { timeout: 60_000 }, async () => {
    const dirs = tempRecorderDirs('crash');
    cleanups.push(() => dirs.remove());
    const { batch } = await encodeBatch([makeRecord('crash', 1), makeRecord('crash', 2)], 'crash-tok-1');
    const { batch: cut } = await encodeBatch([makeRecord('crash', 3)], 'crash-tok-2');
    const cutLine = Buffer.concat(encodeSpillLine(cut));
    mkdirSync(dirs.spillDir, { recursive: true });
    writeFileSync(join(dirs.spillDir, 'spill-000001700000000-1-000000.jsonl'), Buffer.concat([...encodeSpillLine(batch), cutLine.subarray(0, 200)]));

    const recorder = createRecorder({ target: { kind: 'embedded', dataDir: dirs.dataDir }, spillDir: dirs.spillDir });
    await recorder.ready();
    await recorder.flush();
    expect(recorder.stats()).toMatchObject({ replayedBatches: 1, written: 2, corruptSpillLines: 1, spillBytes: 0 });
    expect((await recorder.getRequest('crash-2'))?.request.requestId).toBe('crash-2');
    await recorder.close();
  });
});
