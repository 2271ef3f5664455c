// The contract between run.ts and the load-generator process: the spec goes in as one JSON
// argument, the result comes back as one IPC message (or on stdout when run by hand).

export type LoadMode = 'json' | 'stream';

export interface LoadSpec {
  /** Origin of the server under load, e.g. http://127.0.0.1:9200. */
  readonly origin: string;
  readonly path: string;
  /** The exact request body; every target gets the same bytes except the model name. */
  readonly body: string;
  readonly mode: LoadMode;
  /** Closed-loop workers, and also the number of client connections. */
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  /** Bounds the measured requests (and the memory for their latencies). */
  readonly maxRequests: number;
  /** Processes whose CPU time is sampled at the exact edges of the measured window. */
  readonly cpuPids: Readonly<Record<string, number>>;
  /** Kernel clock ticks per second (getconf CLK_TCK), to turn /proc ticks into time. */
  readonly clockTicksPerSecond: number;
}

export interface Percentiles {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export interface LoadResult {
  readonly completed: number;
  readonly errors: number;
  readonly firstError: string | null;
  /** Length of the measured window; throughput = completed / windowMs. */
  readonly windowMs: number;
  readonly requestsPerSecond: number;
  /** Whole request (JSON) or whole stream until its last byte, in ms. */
  readonly latencyMs: Percentiles;
  /** Streams only: request start to the first body chunk carrying content text, in ms. */
  readonly ttftMs: Percentiles | null;
  /** CPU time (user + system, all threads) per pid label during the window, in ms. */
  readonly cpuMs: Readonly<Record<string, number>>;
  /** The load generator's own CPU time in the window: tells whether it was the bottleneck. */
  readonly loadGeneratorCpuMs: number;
  /** CPU time of the whole machine in the window: minus the above, what else was running. */
  readonly systemCpuMs: number;
}

export interface LoadResultMessage {
  readonly type: 'result';
  readonly result: LoadResult;
}

export interface LoadFailureMessage {
  readonly type: 'failure';
  readonly message: string;
}

export type LoadMessage = LoadResultMessage | LoadFailureMessage;

export function isLoadMessage(value: unknown): value is LoadMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type: unknown = (value as { type?: unknown }).type;
  return type === 'result' || type === 'failure';
}
