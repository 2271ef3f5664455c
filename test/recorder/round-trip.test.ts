import { afterEach, describe, expect, it } from 'vitest';
import { createRecorder, type Recorder, type RequestRecord } from '../../recorder/src/index.js';
import { makeRecord, tempRecorderDirs } from './record-fixtures.js';

describe('recorder round trip (embedded chdb)', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function open(label: string, bodies = true): Recorder {
    const dirs = tempRecorderDirs(label);
    const recorder = createRecorder({
      target: { kind: 'embedded', dataDir: dirs.dataDir },
      spillDir: dirs.spillDir,
      bodies,
      writer: { flushIntervalMs: 50 },
    });
    cleanups.push(() => dirs.remove(), () => recorder.close());
    return recorder;
  }

  it('records a request and reads it back with its attempts and trace', async () => {
    const recorder = open('roundtrip');
    await recorder.ready();
    const record = makeRecord('rt', 12); // 502 after three attempts, streamed
    recorder.record(record);
    const queued = await recorder.getRequest(record.requestId);
    expect(queued?.source).toBe('memory');
    await recorder.flush();

    const found = await recorder.getRequest(record.requestId);
    expect(found?.source).toBe('clickhouse');
    const { attempts, ...expected } = record;
    expect(found?.request).toEqual({ ...expected, recordedAt: expect.any(Number) });
    expect(found?.request.recordedAt).toBeGreaterThanOrEqual(record.startedAt);
    expect(found?.attempts).toEqual(attempts);
    expect(found?.trace).toEqual(JSON.parse(record.trace));
    expect(await recorder.getRequest('no-such-request')).toBeUndefined();
    expect(recorder.stats()).toMatchObject({ written: 1, dropped: 0, spilledBatches: 0 });
  });

  it('keeps bodies out when bodies are switched off', async () => {
    const recorder = open('nobodies', false);
    expect(recorder.storesBodies).toBe(false);
    const record = makeRecord('nb', 0);
    expect(record.requestBody).not.toBeNull();
    recorder.record(record);
    await recorder.flush();
    const found = await recorder.getRequest(record.requestId);
    expect(found?.request.requestBody).toBeNull();
    expect(found?.request.responseBody).toBeNull();
    expect(found?.trace).toEqual(JSON.parse(record.trace));
  });

  it('never throws on a malformed record: bad values are coerced, unusable records are counted as dropped', async () => {
    const recorder = open('malformed');
    const nan = { ...makeRecord('bad', 1), latencyTotalMs: Number.NaN, inputTokens: -5, status: 70_000 };
    const bigint = { ...makeRecord('bad', 2), costUsd: 10n } as unknown as RequestRecord;
    expect(() => {
      recorder.record(nan);
      recorder.record(bigint);
      recorder.record(null as unknown as RequestRecord);
    }).not.toThrow();
    await recorder.flush();
    const found = await recorder.getRequest(nan.requestId);
    expect(found?.request).toMatchObject({ latencyTotalMs: 0, inputTokens: 0, status: 65_535 });
    expect((await recorder.getRequest(bigint.requestId))?.request.costUsd).toBeNull();
    expect(recorder.stats()).toMatchObject({ written: 2, dropped: 1 });
  });
});
