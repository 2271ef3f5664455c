import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from '../mock-upstream/index.js';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.js';
import { TEST_KEY_ENV, TEST_KEYS, testConfig } from '../helpers/test-config.js';

let upstream: MockUpstream;
let gateway: GatewayProcess;
let openai: OpenAI;
const schema = `llmgw_cache_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const DATABASE = 'postgres://postgres@127.0.0.1:5432/test';

beforeAll(async () => {
  upstream = await startMockUpstream();
  const admin = new pg.Client({ connectionString: DATABASE });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const route = { exact: true, semantic: true, ttlMs: 60_000, allowNondeterministic: true };
  gateway = await startGatewayProcess({
    config: testConfig(upstream.url, {
      cache: {
        exact: { store: 'redis', redis: { url: 'redis://127.0.0.1:6379', keyPrefix: `llmgw:test:${randomUUID()}:` } },
        semantic: { store: 'pgvector', postgres: { url: DATABASE, schema }, embedder: 'local' },
        routes: { fast: route, 'exact-only': { ...route, semantic: false } },
      },
      aliases: { fast: 'openai/gpt-4o-mini', 'exact-only': 'anthropic/claude-haiku-4-5', smart: 'anthropic/claude-sonnet-4-5', local: 'vllm/qwen2.5-7b' },
    }),
    env: TEST_KEY_ENV,
  });
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: TEST_KEYS.teamA, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
  const admin = new pg.Client({ connectionString: DATABASE });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
});
beforeEach(() => upstream.reset());

const chatCalls = () => upstream.requests.filter((r) => r.path.endsWith('/chat/completions') || r.path === '/v1/messages').length;
const ask = (content: string, client = openai, model = 'fast') =>
  client.chat.completions.create({ model, messages: [{ role: 'user', content }] }).withResponse();
/** Cache writes are fire-and-forget: give one a moment to land. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('exact cache (Redis)', () => {
  it('answers an identical request from the cache and calls the upstream once', async () => {
    const first = await ask('exact cache question one');
    expect(first.response.headers.get('x-gateway-cache')).toBe('miss');
    await settle();
    const second = await ask('exact cache question one');
    expect(second.response.headers.get('x-gateway-cache')).toBe('hit-exact');
    expect(second.response.headers.get('x-gateway-attempts')).toBe('0');
    expect(second.data.choices[0]?.message.content).toBe(first.data.choices[0]?.message.content);
    expect(chatCalls()).toBe(1);
  });

  it('replays a JSON answer as a valid stream, for both protocols', async () => {
    await openai.chat.completions.create({ model: 'exact-only', messages: [{ role: 'user', content: 'stream me from cache' }] });
    await settle();
    const stream = await openai.chat.completions.create({ model: 'exact-only', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'stream me from cache' }] });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('mock reply to: stream me from cache');
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: TEST_KEYS.teamA, maxRetries: 0 });
    const message = await anthropic.messages.stream({ model: 'exact-only', max_tokens: 4096, messages: [{ role: 'user', content: 'stream me from cache' }] }).finalMessage();
    // The Anthropic surface sets max_tokens, a generation parameter, so it is its own key: first a miss...
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'mock reply to: stream me from cache' });
    await settle();
    const again = anthropic.messages.stream({ model: 'exact-only', max_tokens: 4096, messages: [{ role: 'user', content: 'stream me from cache' }] });
    const types: string[] = [];
    for await (const event of again) types.push(event.type);
    // ...then a hit, replayed as the full Anthropic event sequence.
    expect((await again.withResponse()).response.headers.get('x-gateway-cache')).toBe('hit-exact');
    expect(types[0]).toBe('message_start');
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect((await again.finalMessage()).content[0]).toMatchObject({ text: 'mock reply to: stream me from cache' });
    expect(chatCalls()).toBe(2);
  });

  it('never stores errors', async () => {
    for (let i = 0; i < 2; i++) {
      const error = await openai.chat.completions.create({ model: 'openai/gpt-4o-mini+status=500', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.APIError);
    }
    const broken = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_KEYS.teamA}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'fast', messages: [{ role: 'user', content: 'then fail' }], stream: true }),
    });
    await broken.text();
    expect(chatCalls()).toBe(3);
  });

  it('honours bypass and no-store from the client', async () => {
    await ask('bypass me');
    await settle();
    const bypassed = await openai.chat.completions.create({ model: 'fast', messages: [{ role: 'user', content: 'bypass me' }] }, { headers: { 'x-gateway-cache': 'bypass' } }).withResponse();
    expect(bypassed.response.headers.get('x-gateway-cache')).toBe('bypass');
    expect(chatCalls()).toBe(2);
  });
});

describe('semantic cache (pgvector, local embedder, guard)', () => {
  it('serves a paraphrase, refuses a near miss, and never crosses tenants', async () => {
    const original = await ask('How do I reset my password?');
    expect(original.response.headers.get('x-gateway-cache')).toBe('miss');
    await settle();
    const paraphrase = await ask('How can I reset my password?');
    expect(paraphrase.response.headers.get('x-gateway-cache')).toBe('hit-semantic');
    expect(Number(paraphrase.response.headers.get('x-gateway-cache-similarity'))).toBeGreaterThan(0.8);
    expect(paraphrase.data.choices[0]?.message.content).toBe('mock reply to: How do I reset my password?');
    expect(chatCalls()).toBe(1);

    await ask('What is the capital of France?');
    await settle();
    const nearMiss = await ask('What is the capital of Germany?');
    expect(nearMiss.response.headers.get('x-gateway-cache')).toBe('miss');
    expect(nearMiss.data.choices[0]?.message.content).toBe('mock reply to: What is the capital of Germany?');
    const trace = (await (await fetch(`${gateway.url}/admin/requests/${nearMiss.response.headers.get('x-request-id')}`, { headers: { authorization: `Bearer ${TEST_KEYS.admin}` } })).json()) as {
      cache: { candidates?: Array<{ guard: unknown }> };
    };
    // Whether or not similarity alone would have served it, the guard did not let it through.
    for (const candidate of trace.cache.candidates ?? []) expect(candidate.guard).not.toBe('ok');

    const teamB = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: TEST_KEYS.teamB, maxRetries: 0 });
    const otherTenant = await ask('How do I reset my password?', teamB);
    expect(otherTenant.response.headers.get('x-gateway-cache')).toBe('miss');
    expect(chatCalls()).toBe(4);
  });
});
