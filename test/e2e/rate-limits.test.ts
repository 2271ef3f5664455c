import OpenAI from 'openai';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from '../mock-upstream/index.js';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.js';
import { TEST_KEY_ENV, TEST_KEYS, testConfig } from '../helpers/test-config.js';
import { RedisServerProcess } from '../ratelimit/redis-server-process.js';

let upstream: MockUpstream;
const started: GatewayProcess[] = [];

beforeAll(async () => {
  upstream = await startMockUpstream();
});
afterAll(async () => {
  await Promise.all(started.map((g) => g.stop()));
  await upstream?.close();
});

async function gateway(rateLimits: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<GatewayProcess> {
  const g = await startGatewayProcess({ config: testConfig(upstream.url, { rateLimits, ...extra }), env: TEST_KEY_ENV });
  started.push(g);
  return g;
}

const chat = (g: GatewayProcess, key: string = TEST_KEYS.teamA, extra: Record<string, unknown> = {}) =>
  fetch(`${g.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'openai/gpt-4o-mini', max_tokens: 10, messages: [{ role: 'user', content: 'hello' }], ...extra }),
  });

describe('rate limits (in-process store)', () => {
  it('refuses the request over the limit with 429, Retry-After and OpenAI-style headers, in the client’s protocol', async () => {
    const g = await gateway({ tiers: { small: { perTenant: { requestsPerMinute: 3 } } }, tenants: { 'team-a': 'small' } });
    const statuses: number[] = [];
    const remaining: Array<string | null> = [];
    for (let i = 0; i < 4; i++) {
      const response = await chat(g);
      statuses.push(response.status);
      remaining.push(response.headers.get('x-ratelimit-remaining-requests'));
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(response.headers.get('x-ratelimit-limit-requests')).toBe('3');
        expect(response.headers.get('x-ratelimit-reset-requests')).toMatch(/^(\d+m)?\d+(\.\d+)?(ms|s)$/);
        expect(await response.json()).toMatchObject({ error: { type: 'rate_limit_error', code: 'rate_limited' } });
      } else await response.text();
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(remaining).toEqual(['2', '1', '0', '0']);
    // Another tenant has its own bucket (and no tier here: no limit).
    expect((await chat(g, TEST_KEYS.teamB)).status).toBe(200);
    // The official SDK sees a RateLimitError.
    const client = new OpenAI({ baseURL: `${g.url}/v1`, apiKey: TEST_KEYS.teamA, maxRetries: 0 });
    await expect(client.chat.completions.create({ model: 'fast', messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(OpenAI.RateLimitError);
  });

  it('reserves the estimate and settles with real usage (the trace shows both)', async () => {
    // 60 tokens a minute refill one a second: slow enough to see the settlement in the next answer.
    const g = await gateway({ tiers: { t: { perKey: { tokensPerMinute: 60 } } }, defaultTier: 't' });
    const response = await chat(g);
    expect(response.status).toBe(200);
    const id = response.headers.get('x-request-id')!;
    // 'hello' + framing: ceil(21 / 4) = 6 input tokens estimated, 10 output (max_tokens).
    expect(response.headers.get('x-ratelimit-remaining-tokens')).toBe(String(60 - 16));
    await new Promise((resolve) => setTimeout(resolve, 100)); // settle runs after the response
    const trace = (await (await fetch(`${g.url}/admin/requests/${id}`, { headers: { authorization: `Bearer ${TEST_KEYS.admin}` } })).json()) as { rateLimit: unknown };
    expect(trace.rateLimit).toMatchObject({
      tier: 't',
      estimate: { inputTokens: 6, outputTokens: 10 },
      checked: ['key:team-a-key'],
      reserved: [expect.objectContaining({ inputTokens: 6, outputTokens: 10 })],
      // The mock counts words: 1 in ('hello'), 4 out ('mock reply to: hello').
      settled: [expect.objectContaining({ inputTokens: 1, outputTokens: 4 })],
    });
    const next = await chat(g);
    // 16 reserved, 5 used: 11 came back. This one reserves 16 again: 60 - 5 - 16 = 39, plus
    // what refilled meanwhile (one token a second). Without settlement it would be 28.
    const remaining = Number(next.headers.get('x-ratelimit-remaining-tokens'));
    expect(remaining).toBeGreaterThanOrEqual(39);
    expect(remaining).toBeLessThanOrEqual(41);
  });

  it('skips an upstream whose model bucket is full and falls back', async () => {
    const g = await gateway(
      { models: { 'vllm/busy': { requestsPerMinute: 1 } } },
      { chains: { 'busy-chain': { steps: ['vllm/busy', 'openai/gpt-4o-mini'] } } },
    );
    const first = await chat(g, TEST_KEYS.teamA, { model: 'busy-chain' });
    expect(first.headers.get('x-gateway-model')).toBe('vllm/busy');
    const second = await chat(g, TEST_KEYS.teamA, { model: 'busy-chain' });
    expect(second.status).toBe(200);
    expect(second.headers.get('x-gateway-model')).toBe('openai/gpt-4o-mini');
  });
});

describe('rate limits shared through Redis', () => {
  let redis: RedisServerProcess;
  beforeAll(async () => {
    redis = await RedisServerProcess.start();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  const redisLimits = (extra: Record<string, unknown> = {}) => ({
    store: 'redis',
    // A generous store budget: on a loaded test machine 50 ms can pass, and fail-open would then admit unchecked.
    redis: { url: redis.url, keyPrefix: `llmgw:test:${randomUUID()}:`, timeoutMs: 2_000 },
    tiers: { small: { perTenant: { requestsPerMinute: 5 } } },
    defaultTier: 'small',
    ...extra,
  });

  it('two gateway processes on one Redis enforce one shared limit', async () => {
    const limits = redisLimits();
    const [a, b] = await Promise.all([gateway(limits), gateway(limits)]);
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => chat(i % 2 === 0 ? a : b)));
    const statuses = responses.map((r) => r.status);
    await Promise.all(responses.map((r) => r.text()));
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('fail-open: with Redis stopped mid-run requests still pass, quickly, and readyz says so', async () => {
    const g = await gateway(redisLimits({ onStoreError: 'open' }));
    expect((await chat(g)).status).toBe(200);
    await redis.stop();
    try {
      const startedAt = Date.now();
      const response = await chat(g);
      expect(response.status).toBe(200);
      expect(Date.now() - startedAt).toBeLessThan(1_000);
      const ready = (await (await fetch(`${g.url}/readyz`)).json()) as { checks: Record<string, string> };
      expect(ready.checks.rateLimitStore).not.toBe('redis: ready');
    } finally {
      await redis.start();
    }
  });

  it('fail-closed: with Redis stopped requests get 503 at once, and pass again when it is back', async () => {
    const g = await gateway(redisLimits({ onStoreError: 'closed' }));
    expect((await chat(g)).status).toBe(200);
    await redis.stop();
    try {
      const startedAt = Date.now();
      const response = await chat(g);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ error: { code: 'rate_limit_store_unavailable' } });
      expect(Date.now() - startedAt).toBeLessThan(1_000);
    } finally {
      await redis.start();
    }
    // The client reconnects in the background.
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await chat(g)).status;
    }
    expect(status).toBe(200);
  });
});
