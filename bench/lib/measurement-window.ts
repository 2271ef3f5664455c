import { readCpuTicks, readSystemBusyTicks } from './proc-cpu.js';

interface Edge {
  readonly at: number;
  readonly ticks: ReadonlyMap<string, number | null>;
  readonly selfMicros: number;
  readonly systemTicks: number | null;
}

/**
 * The measured interval of a run. CPU counters are read at the same instants the window
 * opens and closes, so CPU per request and throughput divide by the same requests.
 */
export class MeasurementWindow {
  private start: Edge | undefined;
  private end: Edge | undefined;

  constructor(
    private readonly pids: Readonly<Record<string, number>>,
    private readonly clockTicksPerSecond: number,
  ) {}

  get open(): boolean {
    return this.start !== undefined && this.end === undefined;
  }

  get closed(): boolean {
    return this.end !== undefined;
  }

  openNow(): void {
    if (this.start === undefined) this.start = this.edge();
  }

  closeNow(): void {
    if (this.start !== undefined && this.end === undefined) this.end = this.edge();
  }

  get durationMs(): number {
    return this.start !== undefined && this.end !== undefined ? this.end.at - this.start.at : 0;
  }

  cpuMs(): Record<string, number> {
    const result: Record<string, number> = {};
    if (this.start === undefined || this.end === undefined) return result;
    for (const label of Object.keys(this.pids)) {
      const before = this.start.ticks.get(label);
      const after = this.end.ticks.get(label);
      result[label] = before == null || after == null ? Number.NaN : ((after - before) * 1000) / this.clockTicksPerSecond;
    }
    return result;
  }

  selfCpuMs(): number {
    return this.start !== undefined && this.end !== undefined ? (this.end.selfMicros - this.start.selfMicros) / 1000 : Number.NaN;
  }

  /** CPU time the whole machine spent in the window (all processes, all cores), in ms. */
  systemCpuMs(): number {
    const before = this.start?.systemTicks;
    const after = this.end?.systemTicks;
    return before == null || after == null ? Number.NaN : ((after - before) * 1000) / this.clockTicksPerSecond;
  }

  private edge(): Edge {
    const ticks = new Map<string, number | null>();
    for (const [label, pid] of Object.entries(this.pids)) ticks.set(label, readCpuTicks(pid));
    const self = process.cpuUsage();
    return { at: performance.now(), ticks, selfMicros: self.user + self.system, systemTicks: readSystemBusyTicks() };
  }
}
