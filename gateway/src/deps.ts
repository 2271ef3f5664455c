import type { KeyAuthenticator } from './auth/key-authenticator.js';
import type { BreakerRegistry } from './breakers/index.js';
import type { Recorder } from '@llm-gateway/recorder';
import type { Caches } from './pipeline/create-caches.js';
import type { PolicyEngine } from './pipeline/policy-engine.js';
import type { PromptStore } from './prompts/index.js';
import type { RateLimiter } from './ratelimit/index.js';
import type { ResolvedConfig } from './config/resolved-config.js';
import type { ChatProvider } from './providers/provider.js';
import type { TraceLookup, TraceSink } from './trace/trace-store.js';

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Everything the pipeline uses, built once at start-up and passed down: no module singletons. */
export interface Deps {
  config: ResolvedConfig;
  providers: ReadonlyMap<string, ChatProvider>;
  auth: KeyAuthenticator;
  traces: TraceSink & TraceLookup;
  /** The ClickHouse recorder (undefined when off): admin reads recorded requests from it. */
  recorder: Recorder | undefined;
  /** Exact and semantic caches (each undefined when no route turns it on). */
  caches: Caches;
  /** Versioned prompt templates (file store embedded, PostgreSQL in production). */
  prompts: PromptStore;
  /** Policy hooks per route and tenant. */
  policy: PolicyEngine;
  /** Token buckets; absent when the config sets no limit (the stage is then skipped). */
  rateLimiter: RateLimiter | undefined;
  /** One circuit breaker per upstream (provider/model). */
  breakers: BreakerRegistry;
  /** Wall-clock milliseconds; injected so tests can fix time. */
  now(): number;
  /** Uniform [0, 1): split draws and backoff jitter; injected so tests and replays can fix it. */
  random(): number;
  logger: Logger;
}
