import { Redis, type RedisOptions } from 'ioredis';

export interface ExactCacheRedisOptions {
  /** redis://[user:pass@]host:port/db; defaults to 127.0.0.1:6379. */
  url?: string;
  /** Milliseconds to establish a connection before that attempt gives up (default 500). */
  connectTimeoutMs?: number;
  /** Milliseconds a command may take before ioredis fails it (default 50). */
  commandTimeoutMs?: number;
  /** Connection errors; ioredis otherwise prints "Unhandled error event" for each one. */
  onError?: (error: Error) => void;
  /** Extra ioredis options (TLS, tests); the fail-fast ones below win. */
  extra?: RedisOptions;
}

/**
 * An ioredis client for the cache that fails fast instead of waiting for Redis: by default
 * ioredis queues commands while disconnected and retries them on reconnect, so a cache read
 * would hold a request for as long as Redis is away. A cache that is not there is a miss.
 * It reconnects in the background, so the cache comes back on its own.
 */
export function createExactCacheRedis(options: ExactCacheRedisOptions = {}): Redis {
  const fastFail: RedisOptions = {
    // Refuse commands at once while not connected rather than queue them.
    enableOfflineQueue: false,
    // A command caught by a dropped connection fails instead of waiting for the reconnect.
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    connectTimeout: options.connectTimeoutMs ?? 500,
    commandTimeout: options.commandTimeoutMs ?? 50,
    // Keep trying in the background, backing off to one attempt a second.
    retryStrategy: (attempt) => Math.min(50 * attempt, 1_000),
  };
  const settings = { ...options.extra, ...fastFail };
  const redis = options.url === undefined ? new Redis(settings) : new Redis(options.url, settings);
  redis.on('error', (error: Error) => options.onError?.(error));
  return redis;
}
