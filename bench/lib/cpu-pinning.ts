import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Core for the process under test; everything else (mock, load generator) gets LOAD_CORE. */
export const TARGET_CORE = 1;
export const LOAD_CORE = 0;

export interface Pinning {
  readonly enabled: boolean;
  /** Why pinning is off, for the report; null when it is on. */
  readonly reason: string | null;
  /** Scheduling priority for every bench process (nice value); null = inherit. */
  readonly nice: number | null;
}

export function detectPinning(wanted: boolean, nice: number | null): Pinning {
  if (nice !== null) {
    const probe = spawnSync('nice', ['-n', String(nice), 'true'], { stdio: 'ignore', encoding: 'utf8' });
    // nice only warns (exit 0) when it may not raise priority; test by asking for it directly.
    if (probe.error !== undefined || probe.status !== 0 || (nice < 0 && process.getuid?.() !== 0)) throw new Error(`--nice ${nice}: cannot set that priority here (negative values need root)`);
  }
  if (!wanted) return { enabled: false, reason: 'disabled by --no-pin', nice };
  if (availableParallelism() < 2) return { enabled: false, reason: 'fewer than 2 cores available', nice };
  const probe = spawnSync('taskset', ['-c', String(TARGET_CORE), 'true'], { stdio: 'ignore' });
  if (probe.error !== undefined || probe.status !== 0) return { enabled: false, reason: 'taskset not usable (install util-linux)', nice };
  return { enabled: true, reason: null, nice };
}

/**
 * The argv that runs `command` on one core. taskset and nice exec the command, so the pid we
 * get is the pinned process itself and every thread it later starts inherits the affinity.
 */
export function pinnedCommand(pinning: Pinning, core: number, command: readonly string[]): string[] {
  const priority = pinning.nice === null ? [] : ['nice', '-n', String(pinning.nice)];
  const affinity = pinning.enabled ? ['taskset', '-c', String(core)] : [];
  return [...priority, ...affinity, ...command];
}
