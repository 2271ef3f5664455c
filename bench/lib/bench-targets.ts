import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOAD_CORE, TARGET_CORE, pinnedCommand, type Pinning } from './cpu-pinning.js';
import { freePort } from './free-port.js';
import { repoPaths } from './repo-paths.js';
import { ServiceProcess } from './service-process.js';

export const TARGETS = ['direct', 'reference', 'reference-fastify', 'gateway', 'gateway-recorder'] as const;
export type TargetName = (typeof TARGETS)[number];
export const PROXIES = ['reference', 'reference-fastify', 'gateway', 'gateway-recorder'] as const satisfies readonly TargetName[];

const HOST = '127.0.0.1';

export interface ServiceOptions {
  readonly pinning: Pinning;
  /** Where each profiled proxy writes its --cpu-prof output (one directory per target). */
  readonly profileDirs: ReadonlyMap<TargetName, string>;
}

export async function startMock(options: ServiceOptions): Promise<ServiceProcess> {
  const port = await freePort(HOST);
  const command = [process.execPath, repoPaths.mockCli, '--port', String(port), '--host', HOST, '--no-record'];
  return ServiceProcess.start({ name: 'mock-upstream', argv: pinnedCommand(options.pinning, LOAD_CORE, command), host: HOST, port });
}

/** Starts the proxy under test on the target core; `direct` has none (the mock is hit). */
export async function startTarget(target: Exclude<TargetName, 'direct'>, mockUrl: string, options: ServiceOptions): Promise<ServiceProcess> {
  const port = await freePort(HOST);
  const upstream = `${mockUrl}/v1`;
  if (target === 'gateway' || target === 'gateway-recorder') return startGateway(target, port, upstream, options);
  const server = target === 'reference-fastify' ? 'fastify' : 'http';
  const command = [process.execPath, ...profiling(target, options), repoPaths.referenceProxy, '--upstream', upstream, '--port', String(port), '--host', HOST, '--server', server];
  return ServiceProcess.start({ name: target, argv: pinnedCommand(options.pinning, TARGET_CORE, command), host: HOST, port });
}

async function startGateway(target: 'gateway' | 'gateway-recorder', port: number, upstream: string, options: ServiceOptions): Promise<ServiceProcess> {
  // No keys configured = open mode: the bench measures the request path, not key hashing.
  // `gateway` runs without the recorder, `gateway-recorder` with it (embedded ClickHouse in
  // its own worker thread, data in a temporary folder), so the two show what recording costs.
  const dir = mkdtempSync(join(tmpdir(), 'llm-gateway-bench-'));
  const data = mkdtempSync(join(tmpdir(), 'llm-gateway-bench-data-'));
  const configFile = join(dir, 'gateway.yaml');
  const recorder =
    target === 'gateway'
      ? 'recorder: { enabled: false }\n'
      : `recorder: { enabled: true, target: embedded, dataDir: ${join(data, 'clickhouse')}, spillDir: ${join(data, 'spill')} }\n`;
  writeFileSync(configFile, `providers:\n  openai: { type: openai, baseUrl: ${upstream} }\n${recorder}`);
  const command = [process.execPath, ...profiling(target, options), repoPaths.gatewayCli, 'serve', '--config', configFile, '--port', String(port), '--host', HOST, '--log-level', 'warn'];
  try {
    return await ServiceProcess.start({ name: target, argv: pinnedCommand(options.pinning, TARGET_CORE, command), host: HOST, port });
  } finally {
    // The gateway reads its config once at start-up.
    rmSync(dir, { recursive: true, force: true });
  }
}

function profiling(target: TargetName, options: ServiceOptions): string[] {
  const dir = options.profileDirs.get(target);
  // The profile is written when the process exits, which is why services stop with SIGTERM.
  return dir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', dir];
}
