import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from '../mock-upstream/index.js';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.js';
import { TEST_KEY_ENV, TEST_KEYS, testConfig } from '../helpers/test-config.js';

let upstream: MockUpstream;
let gateway: GatewayProcess;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  upstream = await startMockUpstream();
  gateway = await startGatewayProcess({
    config: testConfig(upstream.url, { server: { bodyLimitBytes: 1_000_000 } }),
    env: TEST_KEY_ENV,
  });
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: TEST_KEYS.teamA, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: gateway.url, apiKey: TEST_KEYS.teamA, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
});

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_KEYS.teamA}`, 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/); // never a stack trace
  expect(response.headers.get('x-request-id')).toMatch(/^req_/);
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as Record<string, unknown> };
}

const chat = (model: string, extra: Record<string, unknown> = {}) => JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], ...extra });
const message = (model: string, extra: Record<string, unknown> = {}) => JSON.stringify({ model, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }], ...extra });

describe('malformed and invalid requests', () => {
  it.each([
    ['/v1/chat/completions', '{"model": "fast", "messages": [', 'invalid_json'],
    ['/v1/chat/completions', '', 'invalid_json'],
    ['/v1/embeddings', 'not json', 'invalid_json'],
  ])('%s with body %j is a 400 in OpenAI’s envelope', async (path, body, code) => {
    const response = await post(path, body);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { message: expect.any(String), type: 'invalid_request_error', param: null, code } });
  });

  it('answers malformed JSON on /v1/messages in Anthropic’s envelope', async () => {
    const response = await post('/v1/messages', '{oops', { 'anthropic-version': '2023-06-01' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining('not valid JSON') }, request_id: response.headers.get('x-request-id') });
  });

  it.each([
    [chat('fast', { temperature: 'hot' }), 'temperature'],
    [JSON.stringify({ model: 'fast' }), 'messages'],
    [chat('fast', { messages: [{ role: 'wizard', content: 'x' }] }), 'messages[0].role'],
    [chat('', {}), 'model'],
    [chat('fast', { max_tokens: -1 }), 'max_tokens'],
  ])('a schema violation is a 400 naming the field (%s)', async (body, param) => {
    const response = await post('/v1/chat/completions', body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'invalid_request', param, type: 'invalid_request_error' });
    expect((response.body.error as { message: string }).message).toContain(param);
  });

  it('names the field for the Anthropic surface too', async () => {
    const response = await post('/v1/messages', JSON.stringify({ model: 'smart', messages: [{ role: 'user', content: 'x' }] }));
    expect(response.status).toBe(400);
    expect((response.body.error as { message: string }).message).toContain('max_tokens');
  });

  it('rejects a body over the configured limit with 413', async () => {
    const big = chat('fast', { messages: [{ role: 'user', content: 'x'.repeat(1_100_000) }] });
    const response = await post('/v1/chat/completions', big);
    expect(response.status).toBe(413);
    expect(response.body.error).toMatchObject({ code: 'payload_too_large' });
  });

  it('answers an unknown endpoint with 404 in the envelope', async () => {
    const response = await post('/v1/completions-of-the-future', chat('fast'));
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({ code: 'route_not_found' });
  });
});

describe('keys and models', () => {
  it('a wrong key is a 401 for both SDKs', async () => {
    const o = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-wrong', maxRetries: 0 });
    await expect(o.chat.completions.create({ model: 'fast', messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const a = new Anthropic({ baseURL: gateway.url, apiKey: 'sk-wrong', maxRetries: 0 });
    await expect(a.messages.create({ model: 'smart', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
  });

  it.each([
    ['/v1/chat/completions', chat('fast'), { error: { type: 'invalid_request_error', code: 'missing_api_key' } }],
    ['/v1/messages', message('smart'), { type: 'error', error: { type: 'authentication_error' } }],
  ])('no key at all is a 401 on %s (the SDKs refuse to send without one)', async (path, body, envelope) => {
    const response = await fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject(envelope);
  });

  it('an unknown model is a 404 for both SDKs', async () => {
    const e1 = await openai.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(OpenAI.NotFoundError);
    expect((e1 as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    const e2 = await anthropic.messages.create({ model: 'nobody/model', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(Anthropic.NotFoundError);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('a model named after an Object.prototype member (%s) is a plain 404', async (model) => {
    // Config maps are plain objects: a lookup must not find what every object inherits.
    const error = await openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
  });
});

describe('upstream failures', () => {
  it('passes an upstream 400 on with its message', async () => {
    const error = await openai.chat.completions.create({ model: 'openai/gpt-4o-mini+status=400', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toContain('upstream openai/gpt-4o-mini+status=400 answered 400');
  });

  it('passes an upstream 429 on with Retry-After', async () => {
    const response = await post('/v1/chat/completions', chat('openai/gpt-4o-mini+status=429'));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.body.error).toMatchObject({ type: 'rate_limit_error', code: 'upstream_rate_limited' });
  });

  it.each([
    ['openai/gpt-4o-mini+status=500', 502, 'upstream_error'],
    ['openai/gpt-4o-mini+status=503', 502, 'upstream_error'],
    ['openai/gpt-4o-mini+status=401', 502, 'upstream_auth_failed'],
    ['openai/gpt-4o-mini+reset', 502, 'upstream_unreachable'],
    ['openai/gpt-4o-mini+garbage', 502, 'upstream_protocol_error'],
    ['dead/gpt-4o-mini', 502, 'upstream_unreachable'],
    ['openai/gpt-4o-mini+delay=5000', 504, 'upstream_timeout'],
  ])('%s is a %d (%s)', async (model, status, code) => {
    const response = await post('/v1/chat/completions', chat(model));
    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ code });
  });

  it.each([
    ['anthropic/claude+status=529', 502],
    ['anthropic/claude+status=500', 502],
    ['anthropic/claude+status=400', 400],
    ['openai/gpt+status=404', 404],
  ])('answers %s in Anthropic’s envelope with %d', async (model, status) => {
    const response = await post('/v1/messages', message(model), { 'anthropic-version': '2023-06-01' });
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ type: 'error', error: { type: expect.any(String), message: expect.stringContaining('upstream') } });
  });

  it('a stream that fails before its first byte is a plain HTTP error', async () => {
    const error = await openai.chat.completions.create({ model: 'anthropic/claude+status=500', messages: [{ role: 'user', content: 'x' }], stream: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
  });

  it.each([['openai/gpt+midstream-error'], ['anthropic/claude+midstream-error'], ['openai/gpt+stall-after=2']])(
    'an upstream that breaks off mid-stream (%s) ends the OpenAI stream with an error event',
    async (model) => {
      const stream = await openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'one two three four five six seven eight nine' }], stream: true });
      let text = '';
      const error = await (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect(text.length).toBeGreaterThan(0);
    },
  );

  it('an upstream that breaks off mid-stream ends the Anthropic stream with an error event', async () => {
    const stream = anthropic.messages.stream({ model: 'openai/gpt+midstream-error', max_tokens: 100, messages: [{ role: 'user', content: 'one two three four five six seven' }] });
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(Anthropic.APIError);
  });

  it('refuses embeddings on a provider that has none', async () => {
    const error = await openai.embeddings.create({ model: 'anthropic/claude', input: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('unsupported_operation');
  });
});
