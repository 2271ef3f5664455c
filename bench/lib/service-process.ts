import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const READY_TIMEOUT_MS = 20_000;
const READY_POLL_MS = 50;
/** Longer than the gateway's default drain grace would be silly for an idle process. */
const STOP_TIMEOUT_MS = 10_000;
const LOG_TAIL_CHARS = 4_000;

export interface ServiceSpec {
  readonly name: string;
  /** Full argv, already wrapped in taskset when pinned. */
  readonly argv: readonly string[];
  readonly host: string;
  readonly port: number;
}

/** A server the bench started (mock, reference proxy, gateway) and must stop again. */
export class ServiceProcess {
  private logTail = '';
  private exitInfo: string | null = null;
  private readonly exited: Promise<void>;

  private constructor(
    readonly spec: ServiceSpec,
    private readonly child: ChildProcess,
  ) {
    // Output is only kept for error messages; reading it keeps the pipes from filling up.
    const keep = (chunk: Buffer): void => {
      this.logTail = (this.logTail + chunk.toString('utf8')).slice(-LOG_TAIL_CHARS);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = signal === null ? `exit code ${code}` : `signal ${signal}`;
        resolve();
      });
      child.once('error', (error) => {
        this.exitInfo = error.message;
        resolve();
      });
    });
  }

  static async start(spec: ServiceSpec): Promise<ServiceProcess> {
    const [command, ...args] = spec.argv;
    if (command === undefined) throw new Error(`${spec.name}: empty command`);
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const service = new ServiceProcess(spec, child);
    await service.waitUntilListening();
    return service;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.spec.name} has no pid`);
    return this.child.pid;
  }

  get url(): string {
    return `http://${this.spec.host}:${this.spec.port}`;
  }

  get running(): boolean {
    return this.exitInfo === null;
  }

  describeFailure(): string {
    return `${this.spec.name} ${this.exitInfo ?? 'is running'}; last output:\n${this.logTail.trim() || '(none)'}`;
  }

  /** SIGTERM first so the process can flush (a --cpu-prof profile is written on exit). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const stopped = await Promise.race([this.exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
    if (!stopped) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  private async waitUntilListening(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.spec.name} did not start: ${this.describeFailure()}`);
      if (await canConnect(this.spec.host, this.spec.port)) return;
      await sleep(READY_POLL_MS);
    }
    await this.stop();
    throw new Error(`${this.spec.name} was not listening on ${this.spec.host}:${this.spec.port} after ${READY_TIMEOUT_MS} ms: ${this.describeFailure()}`);
  }
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
