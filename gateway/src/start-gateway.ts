import type { FastifyInstance } from 'fastify';
import { pino, type Logger as PinoLogger } from 'pino';
import { KeyAuthenticator } from './auth/key-authenticator.js';
import { BreakerRegistry } from './breakers/index.js';
import type { ResolvedConfig } from './config/resolved-config.js';
import type { Deps, Logger } from './deps.js';
import { GatewayError } from './errors/gateway-error.js';
import { createRateLimiter, type RateLimiterHandle } from './pipeline/create-rate-limiter.js';
import { PolicyEngine } from './pipeline/policy-engine.js';
import { createCaches, type Caches } from './pipeline/create-caches.js';
import { startRecorder } from './pipeline/create-recorder.js';
import { RecorderSink } from './trace/recorder-sink.js';
import type { Recorder } from '@llm-gateway/recorder';
import type { ChatProvider } from './providers/provider.js';
import { createPromptStore } from './pipeline/create-prompt-store.js';
import type { PromptStore } from './prompts/index.js';
import { createProviders } from './providers/create-providers.js';
import { buildServer } from './server/build-server.js';
import { createGatewayState, type GatewayState } from './server/gateway-state.js';
import { FanoutTraceSink } from './trace/fanout-trace-sink.js';
import { MemoryTraceStore, type TraceSink } from './trace/trace-store.js';
import { createTelemetry } from './telemetry/index.js';

export interface StartOptions {
  config: ResolvedConfig;
  host: string;
  port: number;
  /** Log level, or false for silence (tests that embed the gateway). */
  logLevel: string | false;
}

export interface RunningGateway {
  app: FastifyInstance;
  state: GatewayState;
  logger: PinoLogger;
  url: string;
  /** Drains in-flight requests (streams included) for up to shutdownGraceMs, then cuts them. */
  shutdown(): Promise<void>;
}

/** The stores built before the Deps (some need I/O to start). */
export interface StartedStores {
  recorder?: Recorder | undefined;
  rateLimiter: RateLimiterHandle['limiter'];
  prompts: PromptStore;
  providers: Map<string, ChatProvider>;
  caches: Caches;
}

export function createDeps(config: ResolvedConfig, logger: Logger, stores: StartedStores, sinks: readonly TraceSink[] = []): Deps {
  const breakers = new BreakerRegistry({ now: Date.now, defaults: config.raw.breakers });
  breakers.onTransition((t) => logger.warn({ upstream: t.target, from: t.from, to: t.to }, `circuit breaker ${t.to}`));
  return {
    config,
    providers: stores.providers,
    caches: stores.caches,
    recorder: stores.recorder,
    auth: new KeyAuthenticator(config),
    traces: new FanoutTraceSink(new MemoryTraceStore(), sinks, (error) => logger.warn({ err: error }, 'a trace sink failed')),
    breakers,
    rateLimiter: stores.rateLimiter,
    prompts: stores.prompts,
    policy: new PolicyEngine(config.raw.policy),
    now: Date.now,
    random: Math.random,
    logger,
  };
}

export async function startGateway(options: StartOptions): Promise<RunningGateway> {
  const { config } = options;
  // The gateway's own logger, not Fastify's: Fastify would build a child logger for every
  // request, and the trace already records every request.
  const logger = pino({ level: options.logLevel === false ? 'silent' : options.logLevel });
  const limits = createRateLimiter(config, process.env, logger);
  // Connect to the rate-limit store before taking traffic, so the first requests are counted
  // rather than waved through; a store that stays down does not stop the start (fail policy).
  if (!(await limits.ready(5_000))) logger.warn({ store: limits.status() }, 'rate-limit store not reachable at start-up');
  const prompts = await createPromptStore(config, process.env);
  const providers = createProviders(config);
  const caches = await createCaches(config, providers, process.env, logger);
  const recorder = await startRecorder(config, process.env, logger);
  // Telemetry's gauges read the breakers and in-flight count, which exist only once the
  // Deps and state are built (and those take telemetry's sink): a late-bound holder.
  const live: { state?: GatewayState } = {};
  const telemetry = createTelemetry({
    env: process.env,
    providers: config.providers,
    breakers: () => live.state?.deps.breakers.snapshots() ?? [],
    inflight: () => live.state?.inflight.size ?? 0,
    ...(recorder === undefined ? {} : { recorder: () => recorder.stats() }),
  });
  for (const warning of telemetry.tracing.warnings) logger.warn({}, warning);
  logger.info({ tracing: telemetry.tracing.enabled ? 'on' : `off (${telemetry.tracing.disabledReason ?? 'no endpoint'})` }, 'telemetry');
  const sinks: TraceSink[] = [telemetry.sink];
  if (recorder !== undefined) sinks.push(new RecorderSink(recorder));
  const deps = createDeps(config, logger, { rateLimiter: limits.limiter, prompts, providers, caches, recorder }, sinks);
  const gatewayState = createGatewayState(deps, {
    rateLimitStore: limits.status,
    recorder: () => (recorder === undefined ? undefined : recorderStatus(recorder)),
  });
  gatewayState.metrics = telemetry.metrics;
  live.state = gatewayState;
  const app = buildServer(gatewayState);
  warnAboutOpenModes(deps);
  const address = await app.listen({ host: options.host, port: options.port });
  logger.info({ address, config: config.source, configHash: config.hash, providers: [...config.providers.keys()] }, 'llm-gateway listening');
  let shuttingDown: Promise<void> | undefined;
  const running: RunningGateway = {
    app,
    state: gatewayState,
    logger,
    url: address,
    shutdown: () =>
      (shuttingDown ??= drainAndClose(app, gatewayState, logger, config.raw.server.shutdownGraceMs).then(() =>
        // The recorder closes last: it flushes what the drained requests recorded.
        Promise.all([limits.close(), prompts.close(), caches.close(), telemetry.shutdown()]).then(() => recorder?.close()),
      )),
  };
  return running;
}

async function drainAndClose(app: FastifyInstance, state: GatewayState, log: PinoLogger, graceMs: number): Promise<void> {
  state.draining = true;
  log.info({ inflight: state.inflight.size, graceMs }, 'draining');
  // Stop accepting; idle keep-alive sockets are closed, busy ones finish their response.
  const closed = app.close();
  app.server.closeIdleConnections();
  const drained = await state.inflight.waitIdle(graceMs);
  if (!drained) {
    log.warn({ inflight: state.inflight.size }, 'grace period over: cutting in-flight requests');
    state.inflight.abortAll(new GatewayError('shutting_down', 'The gateway shut down before this request finished.'));
    await state.inflight.waitIdle(1_000);
  }
  app.server.closeAllConnections();
  await closed;
  await Promise.all([...state.deps.providers.values()].map((p) => p.close()));
  log.info('stopped');
}

function warnAboutOpenModes(deps: Deps): void {
  if (deps.auth.open) {
    deps.logger.warn({}, '!!! NO API KEYS CONFIGURED: the gateway is OPEN to anyone who can reach it, admin API included. Configure auth.keys (or LLM_GATEWAY_API_KEY) before exposing it. !!!');
  }
  for (const provider of deps.config.providers.values()) {
    if (provider.type === 'mock') {
      deps.logger.warn({ provider: provider.name }, `provider "${provider.name}" is the built-in MOCK: its answers are canned, not from a model`);
    }
  }
}

function recorderStatus(recorder: Recorder): string {
  const stats = recorder.stats();
  return `${stats.healthy === false ? 'spilling' : 'writing'} (queued ${stats.queued}, spill ${stats.spillBytes} B, dropped ${stats.dropped})`;
}
