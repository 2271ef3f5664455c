// The benchmark: mock upstream direct vs a bare reference proxy vs the gateway, JSON and
// streaming, at each concurrency, with the proxy under test alone on one core.
//   npm run bench -- [--duration 5] [--warmup 1] [--repeat 1] [--targets direct,reference,gateway] ...
// See bench/README.md and docs/benchmarks.md.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makeCell, withAddedLatency, type MeasuredCell } from './lib/bench-cell.js';
import { parseBenchOptions, USAGE, type BenchOptions } from './lib/bench-options.js';
import { startMock, startTarget, type ServiceOptions, type TargetName } from './lib/bench-targets.js';
import { aggregateCell } from './lib/cell-aggregate.js';
import { chatBody } from './lib/chat-bodies.js';
import { detectPinning } from './lib/cpu-pinning.js';
import { formatProfileSummary, summariseCpuProfile, type ProfileSummary } from './lib/cpu-profile-summary.js';
import type { LoadMode, LoadSpec } from './lib/load-protocol.js';
import { describeMachine, machineInfo } from './lib/machine-info.js';
import { clockTicksPerSecond, procCpuAvailable } from './lib/proc-cpu.js';
import { waitForQuiet } from './lib/quiet-machine.js';
import { repoPaths } from './lib/repo-paths.js';
import { checksText, resultsTable } from './lib/results-table.js';
import { writeReport } from './lib/results-file.js';
import { runLoad } from './lib/run-load.js';
import type { ServiceProcess } from './lib/service-process.js';
import { evaluateTargets } from './lib/target-checks.js';

const PROFILE_DIR = `${repoPaths.results}profiles.tmp`;
/** Lets sockets of the previous cell close before the next one warms up. */
const SETTLE_MS = 300;
/** Enough parallel requests to get every code path hot quickly. */
const PRIME_CONCURRENCY = 8;

interface Context {
  readonly options: BenchOptions;
  readonly serviceOptions: ServiceOptions;
  readonly clockTicks: number;
  readonly mock: ServiceProcess;
}

async function main(): Promise<void> {
  const parsed = parseBenchOptions(process.argv.slice(2));
  if (parsed === 'help') {
    console.log(USAGE);
    return;
  }
  const options = parsed;
  requireBuilt(options);
  const pinning = detectPinning(options.pin, options.nice);
  const machine = machineInfo(pinning);
  const startedAt = new Date().toISOString();
  const command = ['npm run bench --', ...process.argv.slice(2)].join(' ').replace(/ --$/, '');
  console.log(`llm-gateway bench: ${describeMachine(machine)}`);
  console.log(`${options.durationMs / 1000} s measured after ${options.warmupMs / 1000} s warm-up per cell, ${options.repeat} round(s)\n`);
  if (!procCpuAvailable()) console.warn('warning: /proc/<pid>/stat is not readable: CPU time per request will be unknown');
  const profileDirs = new Map(options.profile.map((target) => [target, join(PROFILE_DIR, target)] as const));
  for (const dir of profileDirs.values()) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }

  const serviceOptions: ServiceOptions = { pinning, profileDirs };
  const rounds = new Map<string, MeasuredCell[]>();
  const failures: string[] = [];
  const mock = await startMock(serviceOptions);
  const services = new Map<TargetName, ServiceProcess>();
  try {
    // Every proxy is up for the whole run (an idle one costs its core nothing), so the cells
    // that get compared are measured back to back rather than minutes apart.
    for (const target of options.targets) {
      if (target === 'direct') continue;
      try {
        services.set(target, await startTarget(target, mock.url, serviceOptions));
      } catch (error) {
        // A target that will not start (e.g. the gateway mid-rewrite) must not hide the others.
        failures.push(`${target}: ${errorMessage(error)}`);
        console.error(`${target} did not start: ${errorMessage(error)}\n`);
      }
    }
    const context: Context = { options, serviceOptions, clockTicks: clockTicksPerSecond(), mock };
    await prime(context, services);
    for (let round = 1; round <= options.repeat; round++) {
      if (options.repeat > 1) console.log(`round ${round} of ${options.repeat}`);
      for (const mode of options.modes) {
        for (const concurrency of options.concurrencies) {
          for (const target of options.targets) {
            const service = target === 'direct' ? mock : services.get(target);
            if (service === undefined) continue;
            try {
              const cell = await measureCell(context, target, service, mode, concurrency);
              const key = `${target}/${mode}/${concurrency}`;
              rounds.set(key, [...(rounds.get(key) ?? []), cell]);
            } catch (error) {
              failures.push(`${target} ${mode} c=${concurrency}: ${errorMessage(error)}`);
              console.error(`FAILED: ${errorMessage(error)}`);
              // Later cells of this target are skipped; its process must not outlive the bench.
              if (service !== mock) await service.stop();
              services.delete(target);
            }
          }
        }
      }
    }
  } finally {
    await Promise.all([...services.values()].map((service) => service.stop()));
    await mock.stop();
  }

  const cells = withAddedLatency([...rounds.values()].map((list) => aggregateCell(list, options.aggregate)));
  const checks = evaluateTargets(cells, options.concurrencies);
  const combined = options.repeat > 1 ? `; each figure is the ${options.aggregate === 'best' ? 'best' : 'median'} of ${options.repeat} rounds` : '';
  console.log(`\n${resultsTable(cells)}\n\n${checksText(checks)}`);
  console.log(`\nadded = p50 minus the direct-to-mock p50 of the same mode and concurrency; CPU = target process, all threads; core % = share of one core in the window; other = CPU used by processes outside the bench${combined}.`);
  const profiles = Object.fromEntries([...profileDirs].flatMap(([target, dir]) => {
    const summary = printProfile(target, dir);
    return summary === undefined ? [] : [[target, summary] as const];
  }));
  const file = writeReport(
    { startedAt, command, machine, options, cells, rounds: [...rounds.values()].flat(), checks, ...(profileDirs.size === 0 ? {} : { profiles }), ...(failures.length > 0 ? { failures } : {}) },
    options.out,
  );
  console.log(`\nresults: ${file}${options.out === undefined ? ' (and bench/results/latest.json)' : ''}`);
  // Only broken targets fail the command; missed performance targets are reported above.
  if (failures.length > 0) process.exitCode = 1;
}

/**
 * Unrecorded load on every target before round 1. At concurrency 1 a short warm-up is only a
 * few thousand requests, too few for V8 to optimise the hot paths; the first cells would
 * then measure the interpreter. The mock and the gateway get the same treatment.
 */
async function prime(context: Context, services: ReadonlyMap<TargetName, ServiceProcess>): Promise<void> {
  const { options } = context;
  if (options.primeMs === 0) return;
  process.stdout.write(`priming every target for ${options.primeMs / 1000} s per mode ... `);
  for (const target of options.targets) {
    const service = target === 'direct' ? context.mock : services.get(target);
    if (service === undefined) continue;
    for (const mode of options.modes) {
      await runLoad({ ...loadSpec(context, target, service, mode, PRIME_CONCURRENCY), warmupMs: 0, durationMs: options.primeMs }, context.serviceOptions.pinning);
    }
  }
  console.log('done\n');
}

function loadSpec(context: Context, target: TargetName, service: ServiceProcess, mode: LoadMode, concurrency: number): LoadSpec {
  const { options, mock } = context;
  return {
    origin: service.url,
    path: '/v1/chat/completions',
    body: chatBody(target, mode, options.words),
    mode,
    concurrency,
    warmupMs: options.warmupMs,
    durationMs: options.durationMs,
    maxRequests: options.maxRequests,
    cpuPids: target === 'direct' ? { target: mock.pid } : { target: service.pid, upstream: mock.pid },
    clockTicksPerSecond: context.clockTicks,
  };
}

/**
 * Measures one cell, again when other processes were busy during it (these machines are
 * shared), and keeps the quietest attempt.
 */
async function measureCell(context: Context, target: TargetName, service: ServiceProcess, mode: LoadMode, concurrency: number): Promise<MeasuredCell> {
  const { options } = context;
  const spec = loadSpec(context, target, service, mode, concurrency);
  let best: MeasuredCell | undefined;
  for (let attempt = 1; attempt <= options.retries + 1; attempt++) {
    if (options.quietWaitMs > 0) {
      const busy = await waitForQuiet(options.maxOtherLoad, options.quietWaitMs, context.clockTicks);
      if (busy > options.maxOtherLoad) console.log(`(machine still busy: ${(busy * 100).toFixed(0)}% of a core used by others after ${options.quietWaitMs / 1000} s; measuring anyway)`);
    }
    process.stdout.write(`${target.padEnd(17)} ${mode.padEnd(6)} c=${String(concurrency).padEnd(3)} `);
    const result = await runLoad(spec, context.serviceOptions.pinning);
    if (!service.running) throw new Error(service.describeFailure());
    const cell = makeCell(target, mode, concurrency, result, attempt);
    const noisy = cell.otherLoad > options.maxOtherLoad;
    console.log(progressLine(cell, noisy));
    best = best === undefined || cell.otherLoad < best.otherLoad ? cell : { ...best, attempts: attempt };
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    if (!noisy) break;
  }
  if (best === undefined) throw new Error('no measurement made');
  return best;
}

function progressLine(cell: MeasuredCell, noisy: boolean): string {
  const { result } = cell;
  const ttft = result.ttftMs === null ? '' : `  TTFT p50 ${result.ttftMs.p50.toFixed(3)} ms`;
  const errors = result.errors === 0 ? '' : `  ${result.errors} errors (first: ${result.firstError ?? '?'})`;
  const noise = noisy ? `  NOISY: other processes used ${(cell.otherLoad * 100).toFixed(0)}% of a core` : '';
  return `${result.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${result.latencyMs.p50.toFixed(3)} ms${ttft}  ${cell.cpuUsPerRequest.toFixed(1)} µs CPU/req${errors}${noise}`;
}

function requireBuilt(options: BenchOptions): void {
  const needed: string[] = [repoPaths.mockCli, repoPaths.loadGenerator];
  if (options.targets.includes('gateway')) needed.push(repoPaths.gatewayCli);
  if (options.targets.some((target) => target.startsWith('reference'))) needed.push(repoPaths.referenceProxy);
  const missing = needed.filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`not built: ${missing.join(', ')}; run \`npm run build\` first`);
}

function printProfile(target: TargetName, dir: string): ProfileSummary | undefined {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => join(dir, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  const newest = files[0];
  if (newest === undefined) {
    console.warn(`\nno CPU profile was written for ${target} (did it exit cleanly on SIGTERM?)`);
    return undefined;
  }
  const summary = summariseCpuProfile(newest, 25);
  console.log(`\n${target} CPU profile (${newest}; all its cells, start-up included):\n${formatProfileSummary(summary)}`);
  return summary;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main().catch((error: unknown) => {
  console.error(`bench: ${errorMessage(error)}`);
  process.exitCode = 1;
});
