// Fault injection through the model name (`<model>+directive+directive`), for both
// protocols. Timing checks are lower bounds only (a delay can't come early); nothing here
// asserts speed.
import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockUpstream } from './index.js';
import type { MockUpstream } from './index.js';
import { postAnthropicMessages, postJson, postOpenAIChat } from './raw-requests.js';
import { SseReader } from './sse-reader.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const USER = [{ role: 'user', content: 'hello there' }];
/** Long enough to stream in several chunks: 12 words, 4 content chunks. */
const LONG = '+words=12';
/** setTimeout may fire a millisecond early; lower bounds allow for that. */
const TIMER_SLACK_MS = 5;

type Protocol = 'openai' | 'anthropic';

function send(protocol: Protocol, model: string, extra: object = {}, signal?: AbortSignal): Promise<Response> {
  return protocol === 'openai'
    ? postOpenAIChat(mock.url, { model, messages: USER, ...extra }, {}, signal)
    : postAnthropicMessages(mock.url, { model, max_tokens: 1000, messages: USER, ...extra }, {}, signal);
}

function isContentEvent(protocol: Protocol, data: string): boolean {
  if (protocol === 'anthropic') {
    const event = JSON.parse(data) as Anthropic.RawMessageStreamEvent;
    return event.type === 'content_block_delta';
  }
  if (data === '[DONE]') return false;
  // Partial: the in-stream error event has no choices.
  const content = (JSON.parse(data) as Partial<OpenAI.ChatCompletionChunk>).choices?.[0]?.delta.content;
  return typeof content === 'string' && content !== '';
}

describe.each(['openai', 'anthropic'] as const)('%s directives', (protocol) => {
  const model = protocol === 'openai' ? 'gpt-4o' : 'claude-test';

  it('status=<code> answers with the protocol error body', async () => {
    const expected =
      protocol === 'openai'
        ? {
            400: { error: { type: 'invalid_request_error' } },
            401: { error: { code: 'invalid_api_key' } },
            404: { error: { code: 'model_not_found' } },
            429: { error: { code: 'rate_limit_exceeded' } },
            500: { error: { type: 'server_error' } },
            503: { error: { type: 'server_error' } },
          }
        : {
            400: { type: 'error', error: { type: 'invalid_request_error' } },
            401: { type: 'error', error: { type: 'authentication_error' } },
            404: { type: 'error', error: { type: 'not_found_error' } },
            429: { type: 'error', error: { type: 'rate_limit_error' } },
            500: { type: 'error', error: { type: 'api_error' } },
            529: { type: 'error', error: { type: 'overloaded_error' } },
          };
    for (const [status, body] of Object.entries(expected)) {
      const res = await send(protocol, `${model}+status=${status}`, { stream: true });
      expect(res.status).toBe(Number(status));
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toMatchObject(body);
      expect(res.headers.get('retry-after')).toBe(status === '429' ? '1' : null);
    }
  });

  it('delay=<ms> holds the headers back', async () => {
    const started = Date.now();
    const res = await send(protocol, `${model}+delay=150`);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150 - TIMER_SLACK_MS);
  });

  it('ttft=<ms> sends headers, then waits before the first event', async () => {
    const started = Date.now();
    const res = await send(protocol, `${model}+ttft=150`, { stream: true });
    expect(res.status).toBe(200);
    const first = await SseReader.of(res).next();
    expect(first).not.toBe('timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(150 - TIMER_SLACK_MS);
  });

  it('stall on a stream: headers (and message_start), then nothing until the client leaves', async () => {
    const res = await send(protocol, `${model}+stall`, { stream: true });
    expect(res.status).toBe(200);
    const reader = SseReader.of(res);
    if (protocol === 'anthropic') expect(await reader.next()).toMatchObject({ event: 'message_start' });
    expect(await reader.next(200)).toBe('timeout');
    await reader.cancel();
    await mock.waitFor((requests) => requests[0]?.aborted === true);
  });

  it('stall on JSON: never answers', async () => {
    await expect(send(protocol, `${model}+stall`, {}, AbortSignal.timeout(200))).rejects.toThrow();
    await mock.waitFor((requests) => requests[0]?.aborted === true);
    expect(mock.requests[0]?.status).toBeNull();
  });

  it('stall-after=<n> streams n content chunks, then stalls', async () => {
    const res = await send(protocol, `${model}${LONG}+stall-after=2`, { stream: true });
    const reader = SseReader.of(res);
    const data: string[] = [];
    for (let read = await reader.next(300); typeof read !== 'string'; read = await reader.next(300)) data.push(read.data);
    expect(data.filter((d) => isContentEvent(protocol, d))).toHaveLength(2);
    await reader.cancel();
  });

  it('midstream-error: a couple of chunks, then the error event, then the end', async () => {
    const res = await send(protocol, `${model}${LONG}+midstream-error`, { stream: true });
    expect(res.status).toBe(200);
    const events = await SseReader.of(res).rest();
    expect(events.filter((e) => e.event !== 'error' && isContentEvent(protocol, e.data))).toHaveLength(2);
    const last = events.at(-1);
    if (protocol === 'openai') {
      expect(JSON.parse(last?.data ?? '')).toMatchObject({ error: { type: 'server_error' } });
    } else {
      expect(last?.event).toBe('error');
      expect(JSON.parse(last?.data ?? '')).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    }
  });

  it('midstream-error on JSON: the body is cut off', async () => {
    const res = await send(protocol, `${model}+midstream-error`);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('reset: the connection is dropped without an answer', async () => {
    await expect(send(protocol, `${model}+reset`)).rejects.toThrow();
    expect(mock.requests[0]).toMatchObject({ status: null, aborted: false });
  });

  it('garbage: 200 with a body that does not parse', async () => {
    const json = await send(protocol, `${model}+garbage`);
    expect(json.status).toBe(200);
    await expect(json.json()).rejects.toThrow();
    const sse = await send(protocol, `${model}+garbage`, { stream: true });
    expect(sse.status).toBe(200);
    const events = await SseReader.of(sse).rest();
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(() => JSON.parse(event.data) as unknown).toThrow();
  });

  it('words=<n> answers w1 … wn with matching usage', async () => {
    const res = await send(protocol, `${model}+words=5`);
    const body = (await res.json()) as OpenAI.ChatCompletion | Anthropic.Message;
    if ('choices' in body) {
      expect(body.choices[0]?.message.content).toBe('w1 w2 w3 w4 w5');
      expect(body.usage?.completion_tokens).toBe(5);
      expect(body.model).toBe('gpt-4o');
    } else {
      expect(body.content).toEqual([{ type: 'text', text: 'w1 w2 w3 w4 w5' }]);
      expect(body.usage.output_tokens).toBe(5);
      expect(body.model).toBe('claude-test');
    }
  });

  it('fail-first=<n> fails n times per model string, then succeeds; reset() clears it', async () => {
    const flaky = `${model}+fail-first=2`;
    expect((await send(protocol, flaky)).status).toBe(500);
    expect((await send(protocol, `${flaky}+words=1`)).status).toBe(500); // another string, own counter
    expect((await send(protocol, flaky)).status).toBe(500);
    expect((await send(protocol, flaky)).status).toBe(200);
    mock.reset();
    expect((await send(protocol, flaky)).status).toBe(500);
  });

  it('chunk-delay=<ms> spaces the content events', async () => {
    const started = Date.now();
    const res = await send(protocol, `${model}${LONG}+chunk-delay=40`, { stream: true });
    await SseReader.of(res).rest();
    // 4 content chunks: 3 gaps.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 40 - TIMER_SLACK_MS);
  });

  it('rejects an unknown directive with 400 instead of ignoring it', async () => {
    const res = await send(protocol, `${model}+stal`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("'stal'");
  });
});

it('directives also apply to embeddings', async () => {
  const res = await postJson(`${mock.url}/v1/embeddings`, { model: 'text-embedding-3-small+status=429', input: 'x' });
  expect(res.status).toBe(429);
  expect(await res.json()).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
});
