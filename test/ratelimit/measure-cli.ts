/**
 * Prints limiter decisions per second and the latency a reserve adds, for the in-process and
 * the Redis limiter (raw, and wrapped in ResilientRateLimiter as production runs it).
 * Run: npx tsx test/ratelimit/measure-cli.ts [n=20000] (REDIS_URL overrides 127.0.0.1:6379)
 */
import { MemoryRateLimiter, RedisRateLimiter, ResilientRateLimiter } from '../../gateway/src/ratelimit/index.js';
import { measureLimiter, type LimiterMeasurement } from './measure.js';
import { connectTestRedis, deleteKeys, uniquePrefix } from './redis-test-support.js';

const n = Number(process.argv[2] ?? 20_000);
const rows: [string, LimiterMeasurement][] = [];

rows.push(['memory', await measureLimiter(new MemoryRateLimiter(), n)]);

const redis = await connectTestRedis();
const keyPrefix = uniquePrefix('measure');
try {
  const redisLimiter = new RedisRateLimiter({ redis, keyPrefix });
  rows.push(['redis', await measureLimiter(redisLimiter, n)]);
  rows.push(['redis + resilient', await measureLimiter(new ResilientRateLimiter(redisLimiter, { onStoreError: 'open' }), n)]);
} finally {
  await deleteKeys(redis, keyPrefix);
  await redis.quit();
}

console.log(`4 buckets per request (key, tenant, model, tenant×model), n=${n}, node ${process.version}`);
console.log('limiter              decisions/s   reserve p50 µs   reserve p99 µs   settle p50 µs   degraded');
for (const [name, m] of rows) {
  console.log(
    `${name.padEnd(20)} ${String(m.decisionsPerSecond).padStart(11)}   ${String(m.reserveP50Us).padStart(14)}   ${String(m.reserveP99Us).padStart(14)}   ${String(m.settleP50Us).padStart(13)}   ${String(m.degraded).padStart(8)}`,
  );
}
