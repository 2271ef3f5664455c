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

/** The vLLM → Anthropic → OpenAI chain, with the first step broken in the way the name says. */
const smartAfter = (first: string | Record<string, unknown>) => ({ steps: [first, 'anthropic/claude-sonnet-4-5', 'openai/gpt-4o'] });

beforeAll(async () => {
  upstream = await startMockUpstream();
  const config = testConfig(upstream.url, {
    chains: {
      'after-500': smartAfter('vllm/qwen+status=500'),
      'after-timeout': smartAfter({ target: 'vllm/qwen+delay=3000', timeoutMs: 300 }),
      'after-refused': smartAfter('dead/qwen'),
      'after-stall': smartAfter({ target: 'vllm/qwen+stall', ttftTimeoutMs: 300 }),
      'after-two': { steps: ['vllm/qwen+status=503', 'anthropic/claude+status=529', 'openai/gpt-4o'] },
      'after-400': smartAfter('vllm/qwen+status=400'),
      'openai-then-anthropic': { steps: ['openai/gpt-4o+status=503', 'anthropic/claude-sonnet-4-5'] },
      // Breakers open after 2 failures in this config, so one failure before success keeps it closed.
      retrying: { steps: [{ target: 'vllm/qwen+fail-first=1', retries: 2, backoffMs: 10 }] },
      'tight-deadline': { deadlineMs: 600, steps: [{ target: 'vllm/a+delay=5000', timeoutMs: 5000 }, { target: 'anthropic/b+delay=5000', timeoutMs: 5000 }] },
      // With max_tokens 100: gpt-4o ≈ $0.00102, gpt-4o-mini ≈ $0.00006.
      capped: { costCapUsd: 0.0005, steps: ['openai/gpt-4o', 'openai/gpt-4o-mini'] },
      'capped-out': { costCapUsd: 0.0001, steps: ['openai/gpt-4o', 'anthropic/claude-sonnet-4-5'] },
      // 8k-context self-hosted model overflows; claude-haiku (200k) takes it, gpt-4o-mini-8k would not.
      'context-ladder': { steps: ['vllm/small-8k+context-overflow', 'vllm/also-8k', 'anthropic/claude-haiku-4-5'] },
      flaky: { steps: ['vllm/flaky+fail-first=2', 'anthropic/claude-sonnet-4-5'] },
    },
    breakers: { consecutiveFailures: 2, openMs: 400 },
    models: { 'vllm/small-8k+context-overflow': { inputUsdPerMTok: 0, outputUsdPerMTok: 0, contextWindow: 8192 }, 'vllm/also-8k': { inputUsdPerMTok: 0, outputUsdPerMTok: 0, contextWindow: 8192 } },
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

const chatPaths = () => upstream.requests.filter((r) => r.path.endsWith('/chat/completions') || r.path === '/v1/messages');
const modelsSent = () => chatPaths().map((r) => (r.body as { model: string }).model);
const ask = (model: string, content = 'hello chain') =>
  openai.chat.completions.create({ model, messages: [{ role: 'user', content }], max_tokens: 100 }).withResponse();
const trace = async (id: string) =>
  (await fetch(`${gateway.url}/admin/requests/${id}`, { headers: { authorization: `Bearer ${TEST_KEYS.admin}` } })).json() as Promise<{
    route: { excluded: Array<{ target: string; reason: string }>; candidates: Array<{ target: string }> };
    attempts: Array<{ target: string; outcome: string; decision?: string; why?: string; errorCode?: string }>;
  }>;

describe('a vLLM → Anthropic → OpenAI chain', () => {
  it.each([
    ['after-500', 'a 500'],
    ['after-timeout', 'a timeout'],
    ['after-refused', 'a refused connection'],
  ])('%s: the next step answers %s, in the OpenAI client’s protocol', async (chain) => {
    const { data, response } = await ask(chain);
    expect(data.choices[0]?.message.content).toBe('mock reply to: hello chain');
    expect(response.headers.get('x-gateway-model')).toBe('anthropic/claude-sonnet-4-5');
    expect(response.headers.get('x-gateway-attempts')).toBe('2');
    const record = await trace(response.headers.get('x-request-id')!);
    expect(record.attempts.map((a) => [a.target, a.outcome, a.decision])).toEqual([
      [expect.stringMatching(/qwen/), 'error', 'fallback'],
      ['anthropic/claude-sonnet-4-5', 'ok', 'success'],
    ]);
  });

  it('a stream that stalls before its first token falls over, for an Anthropic client', async () => {
    const stream = anthropic.messages.stream({ model: 'after-stall', max_tokens: 50, messages: [{ role: 'user', content: 'stall then answer' }] });
    const final = await stream.finalMessage();
    expect(final.content[0]).toMatchObject({ type: 'text', text: 'mock reply to: stall then answer' });
    const response = (await stream.withResponse()).response;
    expect(response.headers.get('x-gateway-model')).toBe('anthropic/claude-sonnet-4-5');
    expect(modelsSent()).toEqual(['qwen+stall', 'claude-sonnet-4-5']);
  });

  it('a stream whose first step answers 500 is served by the next, for an OpenAI client', async () => {
    const stream = await openai.chat.completions.create({ model: 'after-500', messages: [{ role: 'user', content: 'stream it' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('mock reply to: stream it');
  });

  it('two failing steps leave the third to answer', async () => {
    const { response } = await ask('after-two');
    expect(response.headers.get('x-gateway-model')).toBe('openai/gpt-4o');
    expect(response.headers.get('x-gateway-attempts')).toBe('3');
  });

  it('a 400 does not fall back', async () => {
    const error = await ask('after-400').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(modelsSent()).toEqual(['qwen+status=400']);
  });

  it('an OpenAI client whose OpenAI-format upstream fails is answered by an Anthropic-format upstream', async () => {
    const { data, response } = await ask('openai-then-anthropic', 'cross over');
    expect(data.object).toBe('chat.completion');
    expect(data.choices[0]?.message.content).toBe('mock reply to: cross over');
    expect(response.headers.get('x-gateway-model')).toBe('anthropic/claude-sonnet-4-5');
    expect(chatPaths().map((r) => r.path)).toEqual(['/v1/chat/completions', '/v1/messages']);
  });

  it('when every step fails the client gets every attempt’s error', async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_KEYS.teamA}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'vllm/x+status=500', messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(response.status).toBe(502);
  });
});

describe('context-length errors', () => {
  it('move on only to a step with a larger context window', async () => {
    const { data, response } = await ask('context-ladder', 'a very long prompt');
    expect(data.choices[0]?.message.content).toBe('mock reply to: a very long prompt');
    expect(response.headers.get('x-gateway-model')).toBe('anthropic/claude-haiku-4-5');
    expect(modelsSent()).toEqual(['small-8k+context-overflow', 'claude-haiku-4-5']);
    const record = await trace(response.headers.get('x-request-id')!);
    expect(record.attempts.map((a) => [a.target, a.outcome, a.errorCode ?? a.why])).toEqual([
      ['vllm/small-8k+context-overflow', 'error', 'context_length_exceeded'],
      ['vllm/also-8k', 'skipped', expect.stringContaining('not larger than the 8192')],
      ['anthropic/claude-haiku-4-5', 'ok', undefined],
    ]);
  });
});

describe('retries, deadline and cost cap', () => {
  it('retries a step with backoff until it answers', async () => {
    const { response } = await ask('retrying');
    expect(response.headers.get('x-gateway-attempts')).toBe('2');
    expect(modelsSent()).toEqual(['qwen+fail-first=1', 'qwen+fail-first=1']);
    const record = await trace(response.headers.get('x-request-id')!);
    expect(record.attempts.map((a) => a.decision)).toEqual(['retry', 'success']);
  });

  it('holds the delay budget across the whole chain', async () => {
    const started = Date.now();
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_KEYS.teamA}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'tight-deadline', messages: [{ role: 'user', content: 'x' }] }),
    });
    const elapsed = Date.now() - started;
    expect(response.status).toBe(504);
    // Not 2 × 5 s: the budget is shared, and the second step gets only what is left.
    expect(elapsed).toBeLessThan(3_000);
    const record = await trace(response.headers.get('x-request-id')!);
    expect(record.attempts[0]).toMatchObject({ target: 'vllm/a+delay=5000', outcome: 'error', errorCode: 'upstream_timeout' });
    expect(record.attempts.at(-1)).toMatchObject({ target: 'anthropic/b+delay=5000' });
    expect(['skipped', 'error']).toContain(record.attempts.at(-1)!.outcome);
  });

  it('skips a step whose estimated cost does not fit the cap, and records why', async () => {
    const { response } = await ask('capped');
    expect(response.headers.get('x-gateway-model')).toBe('openai/gpt-4o-mini');
    expect(modelsSent()).toEqual(['gpt-4o-mini']);
    const record = await trace(response.headers.get('x-request-id')!);
    expect(record.attempts[0]).toMatchObject({ target: 'openai/gpt-4o', outcome: 'skipped', why: expect.stringContaining('cost cap') });
  });

  it('refuses with 402 when no step fits the cap', async () => {
    const error = await ask('capped-out').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(402);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('cost_cap_exceeded');
    expect(modelsSent()).toEqual([]);
  });
});

describe('circuit breakers', () => {
  it('open after the configured failures, stop traffic to the dead upstream, then recover through a probe', async () => {
    const admin = { authorization: `Bearer ${TEST_KEYS.admin}` };
    const breakerState = async () => {
      const { upstreams } = (await (await fetch(`${gateway.url}/admin/upstreams`, { headers: admin })).json()) as { upstreams: Array<{ target: string; state: string }> };
      return upstreams.find((u) => u.target === 'vllm/flaky+fail-first=2')?.state;
    };
    expect(await breakerState()).toBe('closed');
    for (let i = 0; i < 2; i++) expect((await ask('flaky')).response.headers.get('x-gateway-model')).toBe('anthropic/claude-sonnet-4-5');
    expect(await breakerState()).toBe('open');
    const sentToFlaky = () => modelsSent().filter((m) => m.startsWith('flaky')).length;
    expect(sentToFlaky()).toBe(2);

    const { response } = await ask('flaky');
    expect(response.headers.get('x-gateway-model')).toBe('anthropic/claude-sonnet-4-5');
    expect(response.headers.get('x-gateway-attempts')).toBe('1');
    expect(sentToFlaky()).toBe(2); // the open breaker kept traffic away
    const record = await trace(response.headers.get('x-request-id')!);
    expect(record.route.excluded).toEqual([{ target: 'vllm/flaky+fail-first=2', reason: 'circuit breaker open' }]);

    await new Promise((resolve) => setTimeout(resolve, 500)); // openMs passes: half-open
    expect(await breakerState()).toBe('half_open');
    const probe = await ask('flaky');
    expect(probe.response.headers.get('x-gateway-model')).toBe('vllm/flaky+fail-first=2');
    expect(await breakerState()).toBe('closed');
  });
});
