import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from '../mock-upstream/index.js';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.js';
import { TEST_KEY_ENV, TEST_KEYS, testConfig } from '../helpers/test-config.js';

let upstream: MockUpstream;
let gateway: GatewayProcess;
let client: OpenAI;

const admin = (tenant = 'team-a') => ({ authorization: `Bearer ${TEST_KEYS.admin}`, 'x-gateway-tenant': tenant, 'content-type': 'application/json' });
const api = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
  const response = await fetch(`${gateway.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  upstream = await startMockUpstream();
  gateway = await startGatewayProcess({ config: testConfig(upstream.url), env: TEST_KEY_ENV });
  client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: TEST_KEYS.teamA, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
});

describe('prompts as resources', () => {
  it('a client pulls a prompt version over the API and uses it in a chat request; labels move; old versions stay', async () => {
    const v1 = await api('POST', '/v1/prompts/support-reply/versions', admin(), {
      messages: [
        { role: 'system', content: 'You are {{company}} support.' },
        { role: 'user', content: 'Customer says: {{question}}' },
      ],
      modelHint: 'openai/gpt-4o-mini',
      labels: ['production'],
    });
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ name: 'support-reply', version: 1, labels: ['production'] });
    const v2 = await api('POST', '/v1/prompts/support-reply/versions', admin(), {
      messages: [{ role: 'user', content: 'v2 asks: {{question}}' }],
      modelHint: 'openai/gpt-4o-mini',
    });
    expect(v2.body).toMatchObject({ version: 2, labels: [] });

    // The client (an API key of team-a) pulls the production version...
    const pulled = await api('GET', '/v1/prompts/support-reply?label=production', { authorization: `Bearer ${TEST_KEYS.teamA}` });
    expect(pulled.body).toMatchObject({ version: 1, variables: { company: {}, question: {} } });
    // ...and uses it through the official client.
    const first = await client.chat.completions
      .create({
        model: 'openai/gpt-4o-mini',
        messages: [],
        // @ts-expect-error: the gateway's prompt reference is an extension field
        prompt: { name: 'support-reply', label: 'production', variables: { company: 'Acme', question: 'where is my order?' } },
      })
      .withResponse();
    expect(first.data.choices[0]?.message.content).toBe('mock reply to: Customer says: where is my order?');
    expect(upstream.requests.at(-1)?.body).toMatchObject({
      messages: [
        { role: 'system', content: 'You are Acme support.' },
        { role: 'user', content: 'Customer says: where is my order?' },
      ],
    });
    expect(upstream.requests.at(-1)?.body).not.toHaveProperty('prompt');
    const trace = await api('GET', `/admin/requests/${first.response.headers.get('x-request-id')}`, { authorization: `Bearer ${TEST_KEYS.admin}` });
    expect(trace.body.prompt).toMatchObject({ name: 'support-reply', version: 1, label: 'production' });

    // Moving the label changes what new requests use.
    expect((await api('PUT', '/v1/prompts/support-reply/labels/production', admin(), { version: 2 })).status).toBe(200);
    const second = await client.chat.completions.create({
      model: 'openai/gpt-4o-mini',
      messages: [],
      // @ts-expect-error: extension field
      prompt: { name: 'support-reply', label: 'production', variables: { question: 'refund?' } },
    });
    expect(second.choices[0]?.message.content).toBe('mock reply to: v2 asks: refund?');

    // Old versions stay retrievable, and the diff says what changed.
    expect((await api('GET', '/v1/prompts/support-reply/versions/1', { authorization: `Bearer ${TEST_KEYS.teamA}` })).body).toMatchObject({ version: 1, labels: [] });
    const diff = await api('GET', '/v1/prompts/support-reply/diff?from=1&to=2', { authorization: `Bearer ${TEST_KEYS.teamA}` });
    expect(diff.body).toMatchObject({ identical: false });
    const listed = await api('GET', '/v1/prompts', { authorization: `Bearer ${TEST_KEYS.teamA}` });
    expect(listed.body.data).toEqual([expect.objectContaining({ name: 'support-reply', latestVersion: 2, labels: { production: 2 } })]);
  });

  it('a missing variable is a 422 naming it', async () => {
    await api('POST', '/v1/prompts/greet/versions', admin(), { messages: [{ role: 'user', content: 'Hello {{name}}' }] });
    const error = await client.chat.completions
      .create({
        model: 'openai/gpt-4o-mini',
        messages: [],
        // @ts-expect-error: extension field
        prompt: { name: 'greet' },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.UnprocessableEntityError);
    expect((error as Error).message).toContain('"name"');
  });

  it('keeps tenants apart and needs the admin key to write', async () => {
    await api('POST', '/v1/prompts/secret-sauce/versions', admin('team-a'), { messages: [{ role: 'user', content: 'a only' }] });
    expect((await api('GET', '/v1/prompts/secret-sauce', { authorization: `Bearer ${TEST_KEYS.teamB}` })).status).toBe(404);
    const teamBUse = await client.chat.completions
      .create({ model: 'openai/gpt-4o-mini', messages: [], ...{ prompt: { name: 'secret-sauce' } } } as OpenAI.ChatCompletionCreateParamsNonStreaming, {
        headers: { authorization: `Bearer ${TEST_KEYS.teamB}` },
      })
      .catch((e: unknown) => e);
    expect(teamBUse).toBeInstanceOf(OpenAI.NotFoundError);
    const write = await api('POST', '/v1/prompts/x/versions', { authorization: `Bearer ${TEST_KEYS.teamA}`, 'content-type': 'application/json' }, { messages: [{ role: 'user', content: 'x' }] });
    expect(write.status).toBe(403);
  });
});
