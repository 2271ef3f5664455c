import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const GATEWAY_CLI = join(ROOT, 'gateway/dist/cli.js');

export interface GatewayProcess {
  url: string;
  child: ChildProcess;
  /** Every line the process logged (JSON from pino), for assertions on warnings. */
  logs: string[];
  stderr: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

export interface StartGatewayOptions {
  /** A config document, written to a temp YAML file; omit to run on environment variables. */
  config?: Record<string, unknown>;
  env?: Record<string, string>;
  args?: string[];
  /** Leave out --port, so PORT / the config decide. */
  noPortArg?: boolean;
  /** Working directory (default: a fresh temporary folder). */
  cwd?: string;
}

/**
 * Starts the real gateway CLI (the built `llm-gateway serve`) on a free port and waits until
 * it logs that it listens. Tests talk to it over HTTP like any client.
 */
export async function startGatewayProcess(options: StartGatewayOptions = {}): Promise<GatewayProcess> {
  const args = [GATEWAY_CLI, 'serve', ...(options.noPortArg === true ? [] : ['--port', '0']), '--host', '127.0.0.1', ...(options.args ?? [])];
  if (options.config !== undefined) args.push('--config', writeConfig(options.config));
  const child = spawn(process.execPath, args, {
    // A folder of its own: whatever the gateway keeps under .data/ never lands in the repository.
    cwd: options.cwd ?? mkdtempSync(join(tmpdir(), 'llm-gateway-run-')),
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const stderr: string[] = [];
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const url = await new Promise<string>((done, fail) => {
    let buffer = '';
    child.stdout?.on('data', (data: Buffer) => {
      buffer += data.toString('utf8');
      let newline: number;
      while ((newline = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        logs.push(line);
        const address = listeningAddress(line);
        if (address !== undefined) done(address);
      }
    });
    child.stderr?.on('data', (data: Buffer) => stderr.push(data.toString('utf8')));
    void exited.then((code) => fail(new Error(`gateway exited with ${code} before listening:\n${stderr.join('')}\n${logs.join('\n')}`)));
  });
  return {
    url,
    child,
    logs,
    stderr,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs the CLI to completion (for start-up failures). */
export async function runGatewayCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, [GATEWAY_CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  return { code, stderr, stdout };
}

export function writeConfig(config: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'llm-gateway-test-'));
  const file = join(dir, 'config.yaml');
  writeFileSync(file, stringify(config));
  return file;
}

function listeningAddress(line: string): string | undefined {
  try {
    const entry = JSON.parse(line) as { msg?: string; address?: string };
    return entry.msg === 'llm-gateway listening' ? entry.address : undefined;
  } catch {
    return undefined;
  }
}
