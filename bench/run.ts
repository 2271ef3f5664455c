// The benchmark: mock upstream direct vs a bare reference proxy vs the gateway, JSON and
// streaming, at each concurrency, with the proxy under test alone on one core.
//   npm run bench -- [--duration 5] [--warmup 1] [--targets direct,reference,gateway] ...
// See bench/README.md and docs/benchmarks.md.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makeCell, withAddedLatency, type MeasuredCell } from './lib/bench-cell.js';
import { parseBenchOptions, USAGE, type BenchOptions } from './lib/bench-options.js';
import { startMock, startTarget, type ServiceOptions, type TargetName } from './lib/bench-targets.js';
import { chatBody } from './lib/chat-bodies.js';
import { detectPinning } from './lib/cpu-pinning.js';
import { formatProfileSummary, summariseCpuProfile, type ProfileSummary } from './lib/cpu-profile-summary.js';
import type { LoadSpec } from './lib/load-protocol.js';
import { describeMachine, machineInfo } from './lib/machine-info.js';
import { clockTicksPerSecond, procCpuAvailable } from './lib/proc-cpu.js';
import { repoPaths } from './lib/repo-paths.js';
import { checksText, resultsTable } from './lib/results-table.js';
import { writeReport } from './lib/results-file.js';
import { runLoad } from './lib/run-load.js';
import type { ServiceProcess } from './lib/service-process.js';
import { evaluateTargets } from './lib/target-checks.js';

const PROFILE_DIR = `${repoPaths.results}gateway-profile.tmp`;
/** Lets sockets of the previous cell close before the next one warms up. */
const SETTLE_MS = 300;

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
  console.log(`${options.durationMs / 1000} s measured after ${options.warmupMs / 1000} s warm-up per cell\n`);
  if (!procCpuAvailable()) console.warn('warning: /proc/<pid>/stat is not readable: CPU time per request will be unknown');
  if (options.profileGateway) {
    rmSync(PROFILE_DIR, { recursive: true, force: true });
    mkdirSync(PROFILE_DIR, { recursive: true });
  }

  const serviceOptions: ServiceOptions = { pinning, gatewayProfileDir: options.profileGateway ? PROFILE_DIR : undefined };
  const clockTicks = clockTicksPerSecond();
  const measured: MeasuredCell[] = [];
  const failures: string[] = [];
  const mock = await startMock(serviceOptions);
  try {
    for (const target of options.targets) {
      try {
        measured.push(...(await measureTarget(target, mock, options, serviceOptions, clockTicks)));
      } catch (error) {
        // A target that will not start (e.g. the gateway mid-rewrite) must not hide the others.
        const message = error instanceof Error ? error.message : String(error);
        failures.push(`${target}: ${message}`);
        console.error(`\n${target} FAILED: ${message}\n`);
      }
    }
  } finally {
    await mock.stop();
  }

  const cells = withAddedLatency(measured);
  const checks = evaluateTargets(cells, options.concurrencies);
  console.log(`\n${resultsTable(cells)}\n\n${checksText(checks)}`);
  console.log('\nadded = p50 minus the direct-to-mock p50 of the same mode and concurrency; CPU = target process, all threads; core % = share of one core in the window.');
  const profile = options.profileGateway ? printProfile() : undefined;
  const file = writeReport({ startedAt, command, machine, options, cells, checks, ...(profile === undefined ? {} : { profile }), ...(failures.length > 0 ? { failures } : {}) }, options.out);
  console.log(`\nresults: ${file} (and bench/results/latest.json)`);
  if (failures.length > 0) process.exitCode = 1;
}

async function measureTarget(
  target: TargetName,
  mock: ServiceProcess,
  options: BenchOptions,
  serviceOptions: ServiceOptions,
  clockTicks: number,
): Promise<MeasuredCell[]> {
  const service = target === 'direct' ? mock : await startTarget(target, mock.url, serviceOptions);
  const cells: MeasuredCell[] = [];
  try {
    for (const mode of options.modes) {
      for (const concurrency of options.concurrencies) {
        const spec: LoadSpec = {
          origin: service.url,
          path: '/v1/chat/completions',
          body: chatBody(target, mode, options.words),
          mode,
          concurrency,
          warmupMs: options.warmupMs,
          durationMs: options.durationMs,
          maxRequests: options.maxRequests,
          cpuPids: target === 'direct' ? { target: mock.pid } : { target: service.pid, upstream: mock.pid },
          clockTicksPerSecond: clockTicks,
        };
        cells.push(await measureCell(spec, target, service, options, serviceOptions));
      }
    }
  } finally {
    if (service !== mock) await service.stop();
  }
  return cells;
}

/**
 * Measures one cell, again when other processes were busy during it (these machines are
 * shared), and keeps the quietest attempt.
 */
async function measureCell(spec: LoadSpec, target: TargetName, service: ServiceProcess, options: BenchOptions, serviceOptions: ServiceOptions): Promise<MeasuredCell> {
  let best: MeasuredCell | undefined;
  for (let attempt = 1; attempt <= options.retries + 1; attempt++) {
    process.stdout.write(`${target.padEnd(17)} ${spec.mode.padEnd(6)} c=${String(spec.concurrency).padEnd(3)} `);
    const result = await runLoad(spec, serviceOptions.pinning);
    if (!service.running) throw new Error(service.describeFailure());
    const cell = makeCell(target, spec.mode, spec.concurrency, result, attempt);
    const ttft = result.ttftMs === null ? '' : `  TTFT p50 ${result.ttftMs.p50.toFixed(3)} ms`;
    const errors = result.errors === 0 ? '' : `  ${result.errors} errors (first: ${result.firstError ?? '?'})`;
    const noisy = cell.otherLoad > options.maxOtherLoad;
    const noise = noisy ? `  NOISY: other processes used ${(cell.otherLoad * 100).toFixed(0)}% of a core` : '';
    console.log(`${result.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${result.latencyMs.p50.toFixed(3)} ms${ttft}  ${cell.cpuUsPerRequest.toFixed(1)} µs CPU/req${errors}${noise}`);
    if (best === undefined || cell.otherLoad < best.otherLoad) best = { ...cell, attempts: attempt };
    else best = { ...best, attempts: attempt };
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    if (!noisy) break;
  }
  if (best === undefined) throw new Error('no measurement made');
  return best;
}

function requireBuilt(options: BenchOptions): void {
  const needed: string[] = [repoPaths.mockCli, repoPaths.loadGenerator];
  if (options.targets.includes('gateway')) needed.push(repoPaths.gatewayCli);
  if (options.targets.some((target) => target.startsWith('reference'))) needed.push(repoPaths.referenceProxy);
  const missing = needed.filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`not built: ${missing.join(', ')}; run \`npm run build\` first`);
}

function printProfile(): ProfileSummary | undefined {
  const files = readdirSync(PROFILE_DIR)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => join(PROFILE_DIR, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  const newest = files[0];
  if (newest === undefined) {
    console.warn('\nno gateway CPU profile was written (did the gateway exit cleanly on SIGTERM?)');
    return undefined;
  }
  const summary = summariseCpuProfile(newest, 25);
  console.log(`\ngateway CPU profile (${newest}, all cells of the gateway, start-up included):\n${formatProfileSummary(summary)}`);
  return summary;
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
