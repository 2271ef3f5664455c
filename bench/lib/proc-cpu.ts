// CPU time of another process from /proc/<pid>/stat. It sums every thread (GC, libuv pool),
// which is what a core spends on the process; process.cpuUsage() can only see itself.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** utime + stime of a process, in clock ticks; null once the process is gone. */
export function readCpuTicks(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return null;
  }
  // The command name (field 2) may contain spaces and parentheses: split after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of the man page (utime, stime) are 11 and 12 after state (field 3).
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : null;
}

/**
 * Busy ticks of the whole machine (all cores) from /proc/stat: the bench runs on shared
 * machines, and whatever else ran during a measurement has to show up next to it.
 */
export function readSystemBusyTicks(): number | null {
  let stat: string;
  try {
    stat = readFileSync('/proc/stat', 'latin1');
  } catch {
    return null;
  }
  const line = stat.slice(0, stat.indexOf('\n'));
  // cpu user nice system idle iowait irq softirq steal ...: all but idle and iowait are busy
  // (steal too: a neighbour VM took the core away from us).
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  const busy = [user, nice, system, irq, softirq, steal].reduce<number>((sum, value) => sum + (value ?? 0), 0);
  return Number.isFinite(busy) ? busy : null;
}

export function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    if (Number.isInteger(ticks) && ticks > 0) return ticks;
  } catch {
    // getconf missing: Linux has used USER_HZ = 100 on every mainstream architecture.
  }
  return 100;
}

export function procCpuAvailable(): boolean {
  return readCpuTicks(process.pid) !== null;
}
