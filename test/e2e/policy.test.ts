import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from '../mock-upstream/index.js';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.js';
import { TEST_KEY_ENV, TEST_KEYS, testConfig } from '../helpers/test-config.js';

let upstream: MockUpstream;
let gateway: GatewayProcess;
let openai: OpenAI;
let anthropic: Anthropic;

const EMAIL = 'jane.doe@example.com';

beforeAll(async () => {
  upstream = await startMockUpstream();
  const config = testConfig(upstream.url, {
    policy: {
      default: { pii: { mode: 'redact', kinds: ['email'] } },
      routes: { 'openai/filtered': { outputFilter: { deny: ['forbidden phrase'] } } },
      tenants: { 'team-b': { allowModels: ['anthropic/*'] } },
    },
  });
  gateway = await startGatewayProcess({ config, env: TEST_KEY_ENV });
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: TEST_KEYS.teamA, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: gateway.url, apiKey: TEST_KEYS.teamA, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
});
beforeEach(() => upstream.reset());

const traceOf = async (id: string) => (await fetch(`${gateway.url}/admin/requests/${id}`, { headers: { authorization: `Bearer ${TEST_KEYS.admin}` } })).text();

describe('PII redaction before anything leaves', () => {
  it.each([
    ['same protocol (OpenAI → OpenAI, raw body forwarded)', 'openai/gpt-4o-mini', false],
    ['cross protocol (OpenAI → Anthropic)', 'anthropic/claude-sonnet-4-5', false],
    ['a stream', 'openai/gpt-4o-mini', true],
  ])('an email address reaches neither the upstream nor the trace: %s', async (_name, model, stream) => {
    const content = `Please write to ${EMAIL} about the invoice`;
    const { response } = await openai.chat.completions
      .create({ model, stream: stream as false, messages: [{ role: 'system', content: `cc ${EMAIL}` }, { role: 'user', content }] })
      .withResponse();
    const sent = JSON.stringify(upstream.requests.map((r) => r.body));
    expect(sent).not.toContain(EMAIL);
    expect(sent).toContain('[EMAIL]');
    const trace = await traceOf(response.headers.get('x-request-id')!);
    expect(trace).not.toContain(EMAIL);
    expect(JSON.parse(trace).policy).toMatchObject({ layers: ['default'], request: [{ hook: 'pii', findings: [{ kind: 'email', count: 2 }] }] });
  });

  it('redacts for Anthropic clients too, tool results included', async () => {
    await anthropic.messages.create({
      model: 'anthropic/claude-sonnet-4-5',
      max_tokens: 50,
      system: `owner: ${EMAIL}`,
      messages: [
        { role: 'user', content: 'look this up' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { who: EMAIL } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: `found ${EMAIL}` }] },
      ],
      tools: [{ name: 'lookup', input_schema: { type: 'object' } }],
    });
    const sent = JSON.stringify(upstream.requests.at(-1)?.body);
    expect(sent).not.toContain(EMAIL);
    expect(sent).toContain('toolu_1'); // ids untouched
  });
});

describe('output filters', () => {
  it('catch a blocked pattern split across stream chunks, and never deliver it', async () => {
    // The mock answers "mock reply to: <prompt>" in pieces of about three words.
    const stream = await openai.chat.completions.create({
      model: 'openai/filtered',
      stream: true,
      messages: [{ role: 'user', content: 'one two forbidden phrase three four' }],
    });
    let text = '';
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toContain('output filter');
    expect(text.toLowerCase()).not.toContain('forbidden');
    expect(text).toContain('mock reply to:');
    // The pattern really did cross a chunk boundary upstream.
    const upstreamChunks = await (async () => {
      const r = await fetch(`${upstream.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
        body: JSON.stringify({ model: 'filtered', stream: true, messages: [{ role: 'user', content: 'one two forbidden phrase three four' }] }),
      });
      return (await r.text()).split('\n\n').filter((e) => e.includes('"content"'));
    })();
    expect(upstreamChunks.some((c) => c.includes('forbidden phrase'))).toBe(false);
  });

  it('deny a JSON answer with 403 in the client’s protocol', async () => {
    const error = await anthropic.messages
      .create({ model: 'openai/filtered', max_tokens: 50, messages: [{ role: 'user', content: 'say forbidden phrase' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.PermissionDeniedError);
  });

  it('leave other routes alone', async () => {
    const result = await openai.chat.completions.create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'forbidden phrase is fine here' }] });
    expect(result.choices[0]?.message.content).toContain('forbidden phrase');
  });
});

describe('model allow-list per tenant', () => {
  it('refuses a model the tenant may not use, and allows the ones it may', async () => {
    const teamB = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: TEST_KEYS.teamB, maxRetries: 0 });
    await expect(teamB.chat.completions.create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(upstream.requests).toHaveLength(0);
    const ok = await teamB.chat.completions.create({ model: 'anthropic/claude-haiku-4-5', messages: [{ role: 'user', content: 'x' }] });
    expect(ok.choices[0]?.message.content).toBe('mock reply to: x');
  });
});
