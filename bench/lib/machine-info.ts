import { availableParallelism, cpus, release } from 'node:os';
import type { Pinning } from './cpu-pinning.js';

export interface MachineInfo {
  readonly cores: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly platform: string;
  readonly kernel: string;
  readonly pinned: boolean;
  readonly pinningNote: string | null;
}

export function machineInfo(pinning: Pinning): MachineInfo {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    kernel: release(),
    pinned: pinning.enabled,
    pinningNote: pinning.reason,
  };
}

export function describeMachine(info: MachineInfo): string {
  const pinning = info.pinned ? 'proxy under test on core 1, mock + load generator on core 0' : `not pinned (${info.pinningNote ?? ''})`;
  return `${info.cores} cores (${info.cpuModel}), node ${info.node}, ${info.platform}, kernel ${info.kernel}; ${pinning}`;
}
