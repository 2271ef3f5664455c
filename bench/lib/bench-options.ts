import { parseArgs } from 'node:util';
import { PROXIES, TARGETS, type TargetName } from './bench-targets.js';
import type { Aggregate } from './cell-aggregate.js';
import type { LoadMode } from './load-protocol.js';

export interface BenchOptions {
  readonly durationMs: number;
  /** Rounds over the whole matrix, combined per cell as `aggregate` says. */
  readonly repeat: number;
  readonly aggregate: Aggregate;
  /** Seconds of unrecorded load per target and mode before round 1, so the JIT is warm. */
  readonly primeMs: number;
  readonly warmupMs: number;
  readonly concurrencies: readonly number[];
  readonly modes: readonly LoadMode[];
  readonly targets: readonly TargetName[];
  readonly words: number | undefined;
  readonly maxRequests: number;
  readonly out: string | undefined;
  readonly pin: boolean;
  /** Proxies run under node --cpu-prof; their top self-time functions are printed. */
  readonly profile: readonly Exclude<TargetName, 'direct'>[];
  /** A cell measured while other processes used more than this share of a core is redone. */
  readonly maxOtherLoad: number;
  readonly retries: number;
  /** Longest wait for other processes to go quiet before each measurement. */
  readonly quietWaitMs: number;
  readonly nice: number | null;
}

export const USAGE = `usage: npm run bench -- [options]      (or: node bench/dist/run.js [options])
  --duration <s>        measured seconds per cell (default 5)
  --warmup <s>          warm-up seconds per cell, not measured (default 1)
  --prime <s>           unrecorded load per target and mode before measuring (default 2)
  --repeat <n>          rounds over the whole matrix (default 1)
  --aggregate <how>     combine rounds per cell: median, or best (fastest value of each
                        statistic: the undisturbed machine) (default median)
  --concurrency <list>  closed-loop workers = connections (default 1,32)
  --modes <list>        json,stream (default both)
  --targets <list>      ${TARGETS.join(',')} (default direct,reference,gateway)
  --words <n>           ask the mock for an n-word answer (default: its short echo)
  --max-requests <n>    bound on measured requests per cell (default 2000000)
  --out <file>          results JSON (default: bench/results/<date>.json + latest.json)
  --no-pin              do not pin processes to cores with taskset
  --profile <list>      run these proxies (gateway, reference, reference-fastify) under
                        node --cpu-prof and print their top self-time functions
  --max-other <cores>   redo a cell if other processes used more CPU than this (default 0.1)
  --retries <n>         redos per noisy cell; the quietest attempt is kept (default 2)
  --quiet-wait <s>      before each measurement, wait up to this long for other processes
                        to use less than --max-other (default 30; 0 = do not wait)
  --nice <n>            run every bench process under \`nice -n <n>\` (negative needs root)`;

export function parseBenchOptions(argv: readonly string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      duration: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '1' },
      repeat: { type: 'string', default: '1' },
      prime: { type: 'string', default: '2' },
      aggregate: { type: 'string', default: 'median' },
      concurrency: { type: 'string', default: '1,32' },
      modes: { type: 'string', default: 'json,stream' },
      targets: { type: 'string', default: 'direct,reference,gateway' },
      words: { type: 'string' },
      'max-requests': { type: 'string', default: '2000000' },
      out: { type: 'string' },
      'no-pin': { type: 'boolean', default: false },
      profile: { type: 'string', default: '' },
      'max-other': { type: 'string', default: '0.1' },
      retries: { type: 'string', default: '2' },
      'quiet-wait': { type: 'string', default: '30' },
      nice: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  return {
    durationMs: seconds('duration', values.duration),
    warmupMs: seconds('warmup', values.warmup, true),
    repeat: positiveInteger('repeat', values.repeat),
    primeMs: seconds('prime', values.prime, true),
    aggregate: oneOf('aggregate', values.aggregate, ['median', 'best'] as const),
    concurrencies: list(values.concurrency).map((item) => positiveInteger('concurrency', item)),
    modes: list(values.modes).map((item) => oneOf('modes', item, ['json', 'stream'] as const)),
    // Keep the canonical order: direct first, so "added" latencies have their baseline.
    targets: TARGETS.filter((target) => list(values.targets).map((item) => oneOf('targets', item, TARGETS)).includes(target)),
    words: values.words === undefined ? undefined : positiveInteger('words', values.words),
    maxRequests: positiveInteger('max-requests', values['max-requests']),
    out: values.out,
    pin: !values['no-pin'],
    profile: list(values.profile).map((item) => oneOf('profile', item, PROXIES)),
    maxOtherLoad: nonNegative('max-other', values['max-other']),
    retries: Math.round(nonNegative('retries', values.retries)),
    quietWaitMs: seconds('quiet-wait', values['quiet-wait'], true),
    nice: values.nice === undefined ? null : niceValue(values.nice),
  };
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function seconds(name: string, value: string, zeroAllowed = false): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || (!zeroAllowed && parsed === 0)) throw new Error(`--${name} must be a ${zeroAllowed ? 'non-negative' : 'positive'} number of seconds, got '${value}'`);
  return Math.round(parsed * 1000);
}

function nonNegative(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`--${name} must be a non-negative number, got '${value}'`);
  return parsed;
}

function niceValue(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < -20 || parsed > 19) throw new Error(`--nice must be an integer from -20 to 19, got '${value}'`);
  return parsed;
}

function positiveInteger(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} takes positive integers, got '${value}'`);
  return parsed;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((item) => item === value);
  if (found === undefined) throw new Error(`--${name}: '${value}' is not one of ${allowed.join(', ')}`);
  return found;
}
