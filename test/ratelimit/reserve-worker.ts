/**
 * A second gateway process for the shared-limit test: connects its own client to the same
 * Redis and key prefix, says "ready", and on "go <epoch ms>" fires its reserves all at once
 * at that instant (the parent fires at the same one), then prints how many were accepted. Run: node --import tsx reserve-worker.ts <url> <prefix> <count> <bucket-json>
 */
import { createInterface } from 'node:readline';
import { RedisRateLimiter, type BucketSpec } from '../../gateway/src/ratelimit/index.js';
import { connectTestRedis } from './redis-test-support.js';

const [url, keyPrefix, countText, bucketJson] = process.argv.slice(2);
if (url === undefined || keyPrefix === undefined || countText === undefined || bucketJson === undefined) {
  throw new Error('usage: reserve-worker.ts <url> <prefix> <count> <bucket-json>');
}
const bucket = JSON.parse(bucketJson) as BucketSpec;
const redis = await connectTestRedis(url);
const limiter = new RedisRateLimiter({ redis, keyPrefix });
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) {
  const [command, at] = line.trim().split(' ');
  if (command !== 'go') continue;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(at) - Date.now())));
  const results = await Promise.all(
    Array.from({ length: Number(countText) }, (_, i) =>
      limiter.reserve({ buckets: [bucket], inputTokens: 10, outputTokens: 10, reservationId: `worker-${process.pid}-${i}` }),
    ),
  );
  process.stdout.write(`${JSON.stringify({ accepted: results.filter((r) => r.ok).length })}\n`);
  break;
}
lines.close();
await redis.quit();
