import { spawn } from 'node:child_process';
import { LOAD_CORE, pinnedCommand, type Pinning } from './cpu-pinning.js';
import { isLoadMessage, type LoadResult, type LoadSpec } from './load-protocol.js';
import { repoPaths } from './repo-paths.js';

/** Past its own bounds the load generator is stuck; it gets this long before it is killed. */
const OVERRUN_MS = 30_000;

/** Runs one measurement in a fresh load-generator process (fresh heap, no JIT carry-over). */
export function runLoad(spec: LoadSpec, pinning: Pinning): Promise<LoadResult> {
  const [command, ...args] = pinnedCommand(pinning, LOAD_CORE, [process.execPath, repoPaths.loadGenerator, JSON.stringify(spec)]);
  if (command === undefined) throw new Error('empty load generator command');
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise<LoadResult>((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle(() => reject(new Error(`load generator did not finish within ${spec.warmupMs + spec.durationMs + OVERRUN_MS} ms`)));
    }, spec.warmupMs + spec.durationMs + OVERRUN_MS);
    child.on('message', (message: unknown) => {
      if (!isLoadMessage(message)) return;
      if (message.type === 'result') settle(() => resolve(message.result));
      else settle(() => reject(new Error(`load generator failed: ${message.message}`)));
    });
    child.once('error', (error) => settle(() => reject(error)));
    child.once('exit', (code, signal) => settle(() => reject(new Error(`load generator exited (${signal ?? `code ${code}`}) without a result`))));
  });
}
