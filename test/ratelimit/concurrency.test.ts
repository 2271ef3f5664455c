import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisRateLimiter, type BucketSpec, type RateLimiter } from '../../gateway/src/ratelimit/index.js';
import { TEST_REDIS_URL, connectTestRedis, deleteKeys, uniquePrefix } from './redis-test-support.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const LIMIT = 50;

let redis: Redis;
let other: Redis;
const prefixes: string[] = [];
beforeAll(async () => {
  redis = await connectTestRedis();
  other = await connectTestRedis();
});
afterAll(async () => {
  for (const prefix of prefixes) await deleteKeys(redis, prefix);
  await Promise.all([redis?.quit(), other?.quit()]);
});

function freshPrefix(label: string): string {
  const prefix = uniquePrefix(label);
  prefixes.push(prefix);
  return prefix;
}

/** Fires `count` reserves at once and counts the accepted ones. */
async function burst(limiter: RateLimiter, bucket: BucketSpec, count: number, label: string): Promise<number> {
  const results = await Promise.all(
    Array.from({ length: count }, (_, i) => limiter.reserve({ buckets: [bucket], inputTokens: 10, outputTokens: 10, reservationId: `${label}-${i}` })),
  );
  return results.filter((r) => r.ok).length;
}

// Real Redis TIME here: the limit refills 50/min, i.e. under one request in the ~100 ms a
// burst takes, so "exactly the limit" holds without a fake clock.
describe('no overshoot under concurrency (Redis)', () => {
  it('200 concurrent reserves against 50 requests/min: exactly 50 pass', async () => {
    const limiter = new RedisRateLimiter({ redis, keyPrefix: freshPrefix('burst') });
    expect(await burst(limiter, { key: 'key:k', limits: { requestsPerMinute: LIMIT } }, 200, 'a')).toBe(LIMIT);
  });

  it('the same through two separate clients', async () => {
    const keyPrefix = freshPrefix('two-clients');
    const bucket = { key: 'tenant:t', limits: { requestsPerMinute: LIMIT, tokensPerMinute: 100_000 } };
    const [a, b] = await Promise.all([
      burst(new RedisRateLimiter({ redis, keyPrefix }), bucket, 100, 'a'),
      burst(new RedisRateLimiter({ redis: other, keyPrefix }), bucket, 100, 'b'),
    ]);
    expect(a + b).toBe(LIMIT);
  });

  it('a token limit holds too: 200 × 20 tokens against 1 000 tokens/min → 50', async () => {
    const limiter = new RedisRateLimiter({ redis, keyPrefix: freshPrefix('tokens') });
    expect(await burst(limiter, { key: 'model:m', limits: { tokensPerMinute: 1_000 } }, 200, 't')).toBe(LIMIT);
  });

  it('two gateway processes on one Redis share one limit', async () => {
    const keyPrefix = freshPrefix('two-processes');
    const bucket: BucketSpec = { key: 'tenant-model:t|openai/gpt-4o', limits: { requestsPerMinute: LIMIT } };
    const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'reserve-worker.ts'), TEST_REDIS_URL, keyPrefix, '200', JSON.stringify(bucket)], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    try {
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      expect((await lines.next()).value).toBe('ready');
      // Both processes fire at one agreed instant, so their bursts really interleave.
      const at = Date.now() + 200;
      child.stdin.write(`go ${at}\n`);
      await new Promise((resolve) => setTimeout(resolve, at - Date.now()));
      const mine = burst(new RedisRateLimiter({ redis, keyPrefix }), bucket, 200, 'parent');
      const theirs = (await lines.next()).value as string;
      const { accepted } = JSON.parse(theirs) as { accepted: number };
      const ours = await mine;
      expect(accepted + ours).toBe(LIMIT);
    } finally {
      if (child.exitCode === null) child.kill();
    }
  });
});
