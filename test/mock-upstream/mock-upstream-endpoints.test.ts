// The mock upstream's non-chat contract over raw fetch: auth, embeddings, models,
// recording and the control endpoints. Chat shapes: mock-upstream.test.ts.
import type OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockUpstream } from './index.js';
import type { MockUpstream } from './index.js';
import { ANTHROPIC_VERSION, postAnthropicMessages, postJson, postOpenAIChat } from './raw-requests.js';
import { SseReader } from './sse-reader.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const USER = [{ role: 'user', content: 'what is the capital of France' }];

describe('auth', () => {
  let locked: MockUpstream;
  beforeAll(async () => {
    locked = await startMockUpstream({ requireKey: 'xyz' });
  });
  afterAll(() => locked.close());

  it('OpenAI: Bearer key required, 401 invalid_api_key otherwise', async () => {
    const body = { model: 'gpt-4o', messages: USER };
    for (const headers of [{}, { authorization: 'Bearer wrong-key-123456' }] as Record<string, string>[]) {
      const res = await postOpenAIChat(locked.url, body, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        error: {
          message: expect.stringMatching(/^Incorrect API key provided/) as unknown,
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      });
    }
    expect((await postOpenAIChat(locked.url, body, { authorization: 'Bearer xyz' })).status).toBe(200);
  });

  it('Anthropic: x-api-key (or Bearer) required, 401 authentication_error otherwise', async () => {
    const body = { model: 'claude-test', max_tokens: 5, messages: USER };
    for (const headers of [{}, { 'x-api-key': 'nope' }] as Record<string, string>[]) {
      const res = await postAnthropicMessages(locked.url, body, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
    }
    expect((await postAnthropicMessages(locked.url, body, { 'x-api-key': 'xyz' })).status).toBe(200);
    expect((await postAnthropicMessages(locked.url, body, { authorization: 'Bearer xyz' })).status).toBe(200);
  });

  it('models lists need the key too', async () => {
    expect((await fetch(`${locked.url}/v1/models`)).status).toBe(401);
    expect((await fetch(`${locked.url}/v1/models`, { headers: { authorization: 'Bearer xyz' } })).status).toBe(200);
  });
});

describe('embeddings', () => {
  async function embed(body: object): Promise<OpenAI.CreateEmbeddingResponse> {
    const res = await postJson(`${mock.url}/v1/embeddings`, { model: 'text-embedding-3-small', ...body });
    expect(res.status).toBe(200);
    return (await res.json()) as OpenAI.CreateEmbeddingResponse;
  }

  function cosine(a: readonly number[], b: readonly number[]): number {
    return a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
  }

  it('returns deterministic unit vectors of 8 dims by default', async () => {
    const first = await embed({ input: 'hello world' });
    const again = await embed({ input: 'hello world' });
    expect(first).toMatchObject({ object: 'list', model: 'text-embedding-3-small', usage: { prompt_tokens: 2, total_tokens: 2 } });
    const vector = first.data[0]?.embedding ?? [];
    expect(vector).toHaveLength(8);
    expect(again.data[0]?.embedding).toEqual(vector);
    expect(cosine(vector, vector)).toBeCloseTo(1, 5);
  });

  it('honours dimensions and array input; shared words mean similar vectors', async () => {
    const res = await embed({
      input: ['what is the capital of France', 'what is the capital of france?', 'bananas grow on trees'],
      dimensions: 256,
    });
    const [a, b, c] = res.data.map((d) => d.embedding);
    expect(res.data.map((d) => d.index)).toEqual([0, 1, 2]);
    expect(a).toHaveLength(256);
    expect(cosine(a ?? [], b ?? [])).toBeCloseTo(1, 5);
    expect(cosine(a ?? [], c ?? [])).toBeLessThan(0.5);
  });

  it('serves base64 float32 (what the official SDK asks for by default)', async () => {
    const floats = await embed({ input: 'hello world' });
    const res = await postJson(`${mock.url}/v1/embeddings`, { model: 'm', input: 'hello world', encoding_format: 'base64' });
    const body = (await res.json()) as { data: { embedding: string }[] };
    const bytes = Buffer.from(body.data[0]?.embedding ?? '', 'base64');
    const decoded = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
    expect(decoded).toEqual(floats.data[0]?.embedding);
  });
});

describe('models', () => {
  it('serves the OpenAI list, or the Anthropic list when anthropic-version is sent', async () => {
    const openai = (await (await fetch(`${mock.url}/v1/models`)).json()) as { object: string; data: { object: string }[] };
    expect(openai.object).toBe('list');
    expect(openai.data[0]).toMatchObject({ object: 'model', owned_by: 'system' });
    const anthropicRes = await fetch(`${mock.url}/v1/models`, { headers: { 'anthropic-version': ANTHROPIC_VERSION } });
    expect(await anthropicRes.json()).toMatchObject({
      has_more: false,
      data: expect.arrayContaining([expect.objectContaining({ type: 'model', display_name: 'Claude Sonnet 4.5' })]) as unknown,
    });
  });

  it('serves one model by id, 404 in the right shape otherwise', async () => {
    expect(await (await fetch(`${mock.url}/v1/models/gpt-4o`)).json()).toMatchObject({ id: 'gpt-4o', object: 'model' });
    const missing = await fetch(`${mock.url}/v1/models/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'model_not_found' } });
  });
});

describe('recording and control', () => {
  it('records method, path, query, headers, parsed body and status', async () => {
    await postJson(`${mock.url}/v1/chat/completions?trace=1`, { model: 'gpt-4o', messages: USER, unknown_field: { kept: true } }, {
      authorization: 'Bearer k1',
    });
    expect(mock.requests).toHaveLength(1);
    const [recorded] = mock.requests;
    expect(recorded).toMatchObject({
      seq: 1,
      method: 'POST',
      path: '/v1/chat/completions',
      query: '?trace=1',
      status: 200,
      aborted: false,
      body: { model: 'gpt-4o', unknown_field: { kept: true } },
    });
    expect(recorded?.headers.authorization).toBe('Bearer k1');
  });

  it('records a client that aborts mid-stream', async () => {
    const res = await postOpenAIChat(mock.url, { model: 'gpt-4o+words=30+chunk-delay=50', messages: USER, stream: true });
    const reader = SseReader.of(res);
    expect(await reader.next()).not.toBe('end');
    await reader.cancel();
    await mock.waitFor((requests) => requests[0]?.aborted === true);
  });

  it('serves /_mock/requests and /_mock/reset, unrecorded', async () => {
    await postOpenAIChat(mock.url, { model: 'gpt-4o', messages: USER });
    const listed = (await (await fetch(`${mock.url}/_mock/requests`)).json()) as unknown[];
    expect(listed).toHaveLength(1);
    expect((await fetch(`${mock.url}/_mock/reset`, { method: 'POST' })).status).toBe(200);
    expect(mock.requests).toHaveLength(0);
  });

  it('keeps only the last maxRecorded, and nothing with record: false', async () => {
    const small = await startMockUpstream({ maxRecorded: 2 });
    const silent = await startMockUpstream({ record: false });
    try {
      for (let i = 0; i < 3; i++) await postOpenAIChat(small.url, { model: 'gpt-4o', messages: USER });
      expect(small.requests.map((r) => r.seq)).toEqual([2, 3]);
      expect((await postOpenAIChat(silent.url, { model: 'gpt-4o', messages: USER })).status).toBe(200);
      expect(silent.requests).toHaveLength(0);
    } finally {
      await small.close();
      await silent.close();
    }
  });

  it('answers unknown paths with 404 in the caller protocol', async () => {
    const openai = await fetch(`${mock.url}/v1/nope`);
    expect(openai.status).toBe(404);
    expect(await openai.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    const anthropic = await fetch(`${mock.url}/v1/nope`, { headers: { 'anthropic-version': ANTHROPIC_VERSION } });
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });
});
