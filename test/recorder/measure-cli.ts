/**
 * Measures the recorder's embedded path: rows/s inserted and the main thread's event-loop lag,
 * with chdb in the recorder's worker thread versus chdb on the main thread.
 *
 *   npx tsx test/recorder/measure-cli.ts [--rows 20000] [--batch 1000]
 *
 * Each mode runs in its own child process (one chdb engine per process). Numbers, not
 * assertions: speed is reported here, never asserted by tests.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { encodeBatch } from '../../recorder/src/batch-encoding.js';
import { ClientTransport } from '../../recorder/src/client-transport.js';
import { createEmbeddedClient, createRecorder } from '../../recorder/src/index.js';
import { makeRecord, tempRecorderDirs } from './record-fixtures.js';

type Mode = 'idle' | 'worker' | 'in-thread';

interface Result {
  mode: Mode;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  bytesPerRow: number;
  lagMaxMs: number;
  lagP99Ms: number;
  /** Share of wall time the main thread was busy (event-loop utilization), 0..1. */
  mainBusy: number;
  recordMicros: number | null;
}

/**
 * Lag of a 5 ms interval timer (how late each tick fired) and the main thread's event-loop
 * utilization. On a shared 2-core VM the lag also counts time the OS gave the CPU to others;
 * utilization says how much of the main thread the work itself took.
 */
function startLagProbe(): () => { max: number; p99: number; busy: number } {
  const elu = performance.eventLoopUtilization();
  const lags: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    lags.push(Math.max(0, now - last - 5));
    last = now;
  }, 5);
  return () => {
    clearInterval(timer);
    const sorted = [...lags].sort((a, b) => a - b);
    const busy = performance.eventLoopUtilization(elu).utilization;
    return { max: sorted.at(-1) ?? 0, p99: sorted[Math.floor(sorted.length * 0.99)] ?? 0, busy };
  };
}

async function runWorker(rows: number, batch: number): Promise<Result> {
  const dirs = tempRecorderDirs('measure-worker');
  const recorder = createRecorder({ target: { kind: 'embedded', dataDir: dirs.dataDir }, spillDir: dirs.spillDir, writer: { batchRows: batch, maxQueueRows: rows } });
  await recorder.ready();
  const records = Array.from({ length: rows }, (_, i) => makeRecord('measure', i));
  const bytesPerRow = Math.round(records.reduce((sum, r) => sum + JSON.stringify(r).length, 0) / rows);
  const stopLag = startLagProbe();
  const t0 = performance.now();
  let recordNs = 0n;
  // Arrive in slices, as traffic would, so the timer can tick between them.
  for (let start = 0; start < rows; start += batch) {
    const r0 = process.hrtime.bigint();
    for (const r of records.slice(start, start + batch)) recorder.record(r);
    recordNs += process.hrtime.bigint() - r0;
    await new Promise((resolve) => setImmediate(resolve));
  }
  await recorder.flush();
  const seconds = (performance.now() - t0) / 1000;
  const lag = stopLag();
  const written = recorder.stats().written;
  await recorder.close();
  dirs.remove();
  if (written !== rows) throw new Error(`wrote ${written} of ${rows}`);
  return { mode: 'worker', rows, seconds, rowsPerSecond: rows / seconds, bytesPerRow, lagMaxMs: lag.max, lagP99Ms: lag.p99, mainBusy: lag.busy, recordMicros: Number(recordNs) / 1000 / rows };
}

async function runInThread(rows: number, batch: number): Promise<Result> {
  const dirs = tempRecorderDirs('measure-inthread');
  // Same schema, same encoding, same client: only the thread differs.
  const setup = createRecorder({ target: { kind: 'embedded', dataDir: dirs.dataDir }, spillDir: dirs.spillDir });
  await setup.ready();
  await setup.close();
  const transport = new ClientTransport(createEmbeddedClient(dirs.dataDir));
  const records = Array.from({ length: rows }, (_, i) => makeRecord('measure', i));
  const bytesPerRow = Math.round(records.reduce((sum, r) => sum + JSON.stringify(r).length, 0) / rows);
  const stopLag = startLagProbe();
  const t0 = performance.now();
  for (let start = 0; start < rows; start += batch) {
    const { batch: encoded } = await encodeBatch(records.slice(start, start + batch), `in-thread-${start}`);
    await transport.insert('requests', encoded.requests, encoded.token);
    await transport.insert('attempts', encoded.attempts, encoded.token);
  }
  const seconds = (performance.now() - t0) / 1000;
  const lag = stopLag();
  await transport.close();
  dirs.remove();
  return { mode: 'in-thread', rows, seconds, rowsPerSecond: rows / seconds, bytesPerRow, lagMaxMs: lag.max, lagP99Ms: lag.p99, mainBusy: lag.busy, recordMicros: null };
}

/** The machine's noise floor: the same probe with nothing else running (2 shared cores). */
async function runIdle(): Promise<Result> {
  const stopLag = startLagProbe();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const lag = stopLag();
  return { mode: 'idle', rows: 0, seconds: 1.5, rowsPerSecond: 0, bytesPerRow: 0, lagMaxMs: lag.max, lagP99Ms: lag.p99, mainBusy: lag.busy, recordMicros: null };
}

function runChild(mode: Mode, rows: number, batch: number): Promise<Result> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, script, '--mode', mode, '--rows', String(rows), '--batch', String(batch)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || line === undefined) reject(new Error(`${mode} run failed (exit ${code}): ${out}`));
      else resolve(JSON.parse(line.slice('RESULT '.length)) as Result);
    });
  });
}

const { values } = parseArgs({ options: { mode: { type: 'string' }, rows: { type: 'string', default: '20000' }, batch: { type: 'string', default: '1000' } } });
const rows = Number(values.rows);
const batch = Number(values.batch);

if (values.mode === 'idle' || values.mode === 'worker' || values.mode === 'in-thread') {
  const result = values.mode === 'idle' ? await runIdle() : values.mode === 'worker' ? await runWorker(rows, batch) : await runInThread(rows, batch);
  console.log(`RESULT ${JSON.stringify(result)}`);
} else {
  console.log(`recorder measure: ${rows} rows in batches of ${batch}, chdb embedded, 5 ms lag probe on the main thread`);
  for (const mode of ['idle', 'in-thread', 'worker'] as const) {
    const r = await runChild(mode, rows, batch);
    if (mode === 'idle') {
      console.log(`idle       (noise floor of this machine)  event-loop lag max ${r.lagMaxMs.toFixed(1)} ms, p99 ${r.lagP99Ms.toFixed(1)} ms; load average ${loadavg()[0]?.toFixed(1)}`);
      continue;
    }
    console.log(
      `${mode.padEnd(9)}  ${Math.round(r.rowsPerSecond).toLocaleString('en-US').padStart(7)} rows/s (${r.seconds.toFixed(2)} s, ~${r.bytesPerRow} B/record + attempts)` +
        `  main thread busy ${(r.mainBusy * 100).toFixed(0)}%, event-loop lag max ${r.lagMaxMs.toFixed(1)} ms, p99 ${r.lagP99Ms.toFixed(1)} ms` +
        (r.recordMicros === null ? '' : `  record() ${r.recordMicros.toFixed(2)} µs/call`),
    );
  }
}
