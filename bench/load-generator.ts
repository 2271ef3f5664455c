// The load generator as its own process, so its CPU and GC never land on the process under
// test. run.ts starts one per measurement:  node bench/dist/load-generator.js '<LoadSpec JSON>'
// With an IPC channel the result goes back as a message; without one it is printed as JSON.
import { runClosedLoop } from './lib/closed-loop.js';
import type { LoadMessage, LoadSpec } from './lib/load-protocol.js';

function parseSpec(raw: string | undefined): LoadSpec {
  if (raw === undefined) throw new Error('usage: load-generator.js <LoadSpec as JSON>');
  const spec = JSON.parse(raw) as LoadSpec;
  for (const key of ['concurrency', 'warmupMs', 'durationMs', 'maxRequests', 'clockTicksPerSecond'] as const) {
    if (!Number.isFinite(spec[key]) || spec[key] < 0) throw new Error(`spec.${key} must be a non-negative number`);
  }
  if (spec.concurrency < 1 || spec.maxRequests < 1) throw new Error('spec.concurrency and spec.maxRequests must be at least 1');
  return spec;
}

function report(message: LoadMessage): Promise<void> {
  if (process.send === undefined) {
    process.stdout.write(`${JSON.stringify(message, null, 2)}\n`);
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    process.send?.(message, undefined, {}, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

async function main(): Promise<void> {
  let message: LoadMessage;
  try {
    message = { type: 'result', result: await runClosedLoop(parseSpec(process.argv[2])) };
  } catch (error) {
    message = { type: 'failure', message: error instanceof Error ? error.message : String(error) };
  }
  await report(message);
  process.disconnect?.();
  process.exitCode = message.type === 'result' ? 0 : 1;
}

void main();
