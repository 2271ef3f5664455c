import { createServer, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisExactCache, createExactCacheRedis, exactCacheKey, type CachedAnswer, type ExactCacheOperation } from '../../../gateway/src/cache/exact/index.js';
import { CLOSED_REDIS_URL } from './redis-cache-test-support.js';

const answer: CachedAnswer = {
  response: { id: 'r', model: 'm', content: [{ type: 'text', text: 'ok' }], stopReason: 'end', usage: { inputTokens: 1, outputTokens: 1 } },
  storedAt: 0,
  model: 'p/m',
  requestedModel: 'm',
};
const key = exactCacheKey('t', 'm', { model: 'm', messages: [], stream: false });

/** Runs `fn`, returning its value and the wall time it took (it must never throw). */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

/** Every store call of the request path, which must resolve, quickly, with a miss. */
async function expectMisses(store: RedisExactCache): Promise<void> {
  const get = await timed(() => store.get(key));
  expect(get.value).toBeUndefined();
  expect(get.ms).toBeLessThan(200);
  const set = await timed(() => store.set(key, answer, 60_000, 't'));
  expect(set.value).toBeUndefined();
  expect(set.ms).toBeLessThan(200);
  const del = await timed(() => store.delete(key));
  expect(del.ms).toBeLessThan(200);
}

describe('RedisExactCache with Redis down (nothing listens on the port)', () => {
  it('misses at once, never throws, reports each failure, and closes', async () => {
    const operations: ExactCacheOperation[] = [];
    const store = new RedisExactCache({ connection: { url: CLOSED_REDIS_URL, connectTimeoutMs: 200 }, onError: (_e, op) => operations.push(op) });
    await expectMisses(store);
    expect(operations).toEqual(['get', 'set', 'delete']);
    await expect(store.clearTenant('t')).rejects.toThrow();
    await store.close();
  });
});

describe('RedisExactCache with a Redis that accepts connections and never answers', () => {
  let server: Server;
  const sockets: Socket[] = [];
  let url = '';
  beforeAll(async () => {
    server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    url = `redis://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('bounds every call by timeoutMs even on a client without fail-fast options', async () => {
    // No ready check (nor CLIENT SETINFO, which would wait for an answer too), so the client
    // believes it is connected and sends into the void; the huge commandTimeout leaves the
    // store's own time bound as the only thing that helps.
    const redis = createExactCacheRedis({ url, commandTimeoutMs: 60_000, extra: { enableReadyCheck: false, disableClientInfo: true } });
    await new Promise((resolve) => redis.once('ready', resolve));
    const operations: ExactCacheOperation[] = [];
    const store = new RedisExactCache({ redis, onError: (_e, op) => operations.push(op) });
    await expectMisses(store);
    expect(operations).toEqual(['get', 'set', 'delete']);
    redis.disconnect();
  });
});
