import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Core for the process under test; everything else (mock, load generator) gets LOAD_CORE. */
export const TARGET_CORE = 1;
export const LOAD_CORE = 0;

export interface Pinning {
  readonly enabled: boolean;
  /** Why pinning is off, for the report; null when it is on. */
  readonly reason: string | null;
}

export function detectPinning(wanted: boolean): Pinning {
  if (!wanted) return { enabled: false, reason: 'disabled by --no-pin' };
  if (availableParallelism() < 2) return { enabled: false, reason: 'fewer than 2 cores available' };
  const probe = spawnSync('taskset', ['-c', String(TARGET_CORE), 'true'], { stdio: 'ignore' });
  if (probe.error !== undefined || probe.status !== 0) return { enabled: false, reason: 'taskset not usable (install util-linux)' };
  return { enabled: true, reason: null };
}

/**
 * The argv that runs `command` on one core. taskset execs the command, so the pid we get is
 * the pinned process itself and every thread it later starts inherits the affinity.
 */
export function pinnedCommand(pinning: Pinning, core: number, command: readonly string[]): string[] {
  return pinning.enabled ? ['taskset', '-c', String(core), ...command] : [...command];
}
