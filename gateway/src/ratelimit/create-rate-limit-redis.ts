import { Redis, type RedisOptions } from 'ioredis';

export interface RateLimitRedisOptions {
  /** redis://[user:pass@]host:port/db; defaults to 127.0.0.1:6379. */
  url?: string;
  /** Milliseconds to establish a connection before giving up on that attempt (default 500). */
  connectTimeoutMs?: number;
  /** Connection errors; ioredis otherwise prints "Unhandled error event" for each one. */
  onError?: (error: Error) => void;
  /** Extra ioredis options (tests, TLS); the fail-fast ones below win. */
  extra?: RedisOptions;
}

/**
 * An ioredis client that fails fast while Redis is down instead of queueing commands (the
 * default queues them forever, so a request would hang on admission), and reconnects in the
 * background so the limiter recovers on its own.
 */
export function createRateLimitRedis(options: RateLimitRedisOptions = {}): Redis {
  const fastFail: RedisOptions = {
    // Refuse commands at once while disconnected rather than queue them.
    enableOfflineQueue: false,
    // A command caught by a dropped connection fails instead of being retried on reconnect.
    maxRetriesPerRequest: 0,
    // Never resend a reserve the caller already gave up on: it would take capacity twice.
    autoResendUnfulfilledCommands: false,
    connectTimeout: options.connectTimeoutMs ?? 500,
    // Keep trying in the background, backing off to one attempt a second.
    retryStrategy: (attempt) => Math.min(50 * attempt, 1_000),
  };
  const redis = options.url === undefined ? new Redis({ ...options.extra, ...fastFail }) : new Redis(options.url, { ...options.extra, ...fastFail });
  redis.on('error', (error: Error) => options.onError?.(error));
  return redis;
}

/** Resolves true once the client is ready, false after `timeoutMs` (start-up may go on degraded). */
export function waitForRedisReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.on('ready', onReady);
  });
}
