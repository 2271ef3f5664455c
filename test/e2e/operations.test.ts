import { createServer } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from '../mock-upstream/index.js';
import { runGatewayCli, startGatewayProcess, writeConfig, type GatewayProcess } from '../helpers/gateway-process.js';
import { TEST_KEY_ENV, TEST_KEYS, testConfig } from '../helpers/test-config.js';

let upstream: MockUpstream;

beforeAll(async () => {
  upstream = await startMockUpstream();
});
afterAll(async () => {
  await upstream?.close();
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('health, ids and the admin API', () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGatewayProcess({ config: testConfig(upstream.url), env: TEST_KEY_ENV });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('reports alive and ready, with the config hash', async () => {
    const health = await fetch(`${gateway.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toMatch(/^req_/);
    const ready = await fetch(`${gateway.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { config: expect.stringMatching(/^loaded/) } });
  });

  it('guards the admin API with the admin key and never shows secrets', async () => {
    expect((await fetch(`${gateway.url}/admin/config`)).status).toBe(401);
    expect((await fetch(`${gateway.url}/admin/config`, { headers: bearer(TEST_KEYS.teamA) })).status).toBe(403);
    const response = await fetch(`${gateway.url}/admin/config`, { headers: bearer(TEST_KEYS.admin) });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('"hash"');
    for (const secret of Object.values(TEST_KEY_ENV)) expect(text).not.toContain(secret);
  });

  it('finds a served request’s trace by the x-request-id it answered with', async () => {
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: TEST_KEYS.teamB, maxRetries: 0 });
    const { response } = await client.chat.completions.create({ model: 'fast', messages: [{ role: 'user', content: 'trace me' }] }).withResponse();
    const id = response.headers.get('x-request-id')!;
    const trace = await (await fetch(`${gateway.url}/admin/requests/${id}`, { headers: bearer(TEST_KEYS.admin) })).json();
    expect(trace).toMatchObject({
      id,
      tenant: 'team-b',
      keyId: 'team-b-key',
      requestedModel: 'fast',
      route: { via: 'alias', uses: 'fast', candidates: [expect.objectContaining({ target: 'openai/gpt-4o-mini' })], excluded: [] },
      routeInput: { features: expect.objectContaining({ turns: 1, lastUserText: 'trace me' }), splitDraw: expect.any(Number) },
      attempts: [expect.objectContaining({ target: 'openai/gpt-4o-mini', outcome: 'ok', decision: 'success', passthrough: true })],
      outcome: { status: 200, usage: { inputTokens: 2, outputTokens: 5 }, servedBy: 'openai/gpt-4o-mini', costUsd: expect.any(Number) },
    });
  });

  it('aborts the upstream request when the client disconnects', async () => {
    upstream.reset();
    const controller = new AbortController();
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...bearer(TEST_KEYS.teamA), 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt+stall-after=1', stream: true, messages: [{ role: 'user', content: 'a b c d e f g' }] }),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await upstream.waitFor((requests) => requests.some((r) => r.path === '/v1/chat/completions' && r.aborted));
  });
});

describe('graceful shutdown', () => {
  it('finishes an in-flight stream on SIGTERM, then exits 0', async () => {
    const gateway = await startGatewayProcess({ config: testConfig(upstream.url), env: TEST_KEY_ENV });
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: TEST_KEYS.teamA, maxRetries: 0 });
    const streaming = (async () => {
      const stream = await client.chat.completions.create({ model: 'openai/gpt+ttft=800', messages: [{ role: 'user', content: 'slow one' }], stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      return text;
    })();
    await upstream.waitFor((requests) => requests.some((r) => (r.body as { model?: string } | undefined)?.model === 'gpt+ttft=800'));
    gateway.child.kill('SIGTERM');
    expect(await streaming).toBe('mock reply to: slow one');
    expect(await gateway.exited).toBe(0);
  });

  it('cuts what is still running when the grace period ends, telling the client why', async () => {
    const config = testConfig(upstream.url, { server: { shutdownGraceMs: 300 } });
    const gateway = await startGatewayProcess({ config, env: TEST_KEY_ENV });
    const pending = fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...bearer(TEST_KEYS.teamA), 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt+stall', stream: true, messages: [{ role: 'user', content: 'x' }] }),
    });
    await upstream.waitFor((requests) => requests.some((r) => (r.body as { model?: string } | undefined)?.model === 'gpt+stall'));
    gateway.child.kill('SIGTERM');
    const response = await pending;
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'shutting_down' } });
    expect(await gateway.exited).toBe(0);
  });
});

describe('start-up', () => {
  it('runs open on the built-in mock with no config and no provider env, and says so loudly', async () => {
    const gateway = await startGatewayProcess();
    try {
      const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'anything', maxRetries: 0 });
      const result = await client.chat.completions.create({ model: 'any-model', messages: [{ role: 'user', content: 'hello' }] });
      expect(result.choices[0]?.message.content).toContain('[mock provider]');
      const stream = await client.chat.completions.create({ model: 'mock/x', messages: [{ role: 'user', content: 'hello' }], stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      expect(text).toContain('[mock provider]');
      const logs = gateway.logs.join('\n');
      expect(logs).toContain('NO API KEYS CONFIGURED');
      expect(logs).toContain('MOCK');
    } finally {
      await gateway.stop();
    }
  });

  it('configures providers from OPENAI_* environment variables', async () => {
    const gateway = await startGatewayProcess({ env: { OPENAI_BASE_URL: `${upstream.url}/v1`, OPENAI_API_KEY: 'sk-env', LLM_GATEWAY_API_KEY: 'sk-gw' } });
    try {
      const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-gw', maxRetries: 0 });
      const result = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'from env' }] });
      expect(result.choices[0]?.message.content).toBe('mock reply to: from env');
      expect(upstream.requests.at(-1)?.headers.authorization).toBe('Bearer sk-env');
      await expect(new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'wrong', maxRetries: 0 }).models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    } finally {
      await gateway.stop();
    }
  });

  it('listens on PORT when --port is not given', async () => {
    const port = await freePort();
    const gateway = await startGatewayProcess({ env: { PORT: String(port) }, noPortArg: true });
    try {
      expect(new URL(gateway.url).port).toBe(String(port));
    } finally {
      await gateway.stop();
    }
  });

  it.each([
    [{ providers: { openai: { type: 'openai', bogus: 1 } } }, 'providers.openai.bogus: unknown key'],
    [{ providers: { openai: { type: 'openai', timeoutMs: 'soon' } } }, 'providers.openai.timeoutMs'],
    [{ providers: { openai: { type: 'openai', apiKey: 'sk-inline-secret' } } }, 'providers.openai.apiKey'],
    [{ providers: { openai: { type: 'openai', apiKey: { env: 'UNSET_VAR_FOR_TEST' } } } }, 'UNSET_VAR_FOR_TEST is not set'],
    [{ providers: { m: { type: 'mock' } }, aliases: { x: 'nope/model' } }, 'aliases.x: unknown provider'],
  ])('refuses to start on a bad config, naming the path (%#)', async (config, expected) => {
    const result = await runGatewayCli(['serve', '--port', '0', '--config', writeConfig(config)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(expected);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}
