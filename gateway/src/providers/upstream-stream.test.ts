import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import { Cancellation } from '../http/cancellation.js';
import { PROTOCOLS } from '../protocols/protocol-registry.js';
import type { UpstreamChunk } from './provider.js';
import { readUpstreamStream } from './upstream-stream.js';

const encoder = new TextEncoder();

/** An upstream body that delivers exactly these reads, then ends (or fails). */
function body(reads: string[], failWith?: Error) {
  let destroyed = false;
  return {
    get destroyed() {
      return destroyed;
    },
    destroy: () => {
      destroyed = true;
    },
    async *[Symbol.asyncIterator]() {
      for (const read of reads) yield encoder.encode(read);
      if (failWith !== undefined) throw failWith;
    },
  };
}

const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`;
const finish = `data: ${JSON.stringify({ id: 'c1', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`;
const usage = `data: ${JSON.stringify({ id: 'c1', choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } })}\n\n`;

async function collect(reads: string[], hideUsageOnlyChunks = false, failWith?: Error) {
  const upstream = body(reads, failWith);
  const out: UpstreamChunk[] = [];
  let error: unknown;
  try {
    for await (const c of readUpstreamStream({ target: 'openai/m', body: upstream, decoder: PROTOCOLS.openai.createStreamDecoder(), hideUsageOnlyChunks, signal: new Cancellation() })) out.push(c);
  } catch (e) {
    error = e;
  }
  return { out, error, destroyed: upstream.destroyed };
}

describe('readUpstreamStream', () => {
  it('yields one chunk per upstream read, its text exactly the events it completed', async () => {
    const first = chunk({ role: 'assistant', content: 'Hel' }) + chunk({ content: 'lo' });
    const { out, error, destroyed } = await collect([first, finish + usage + 'data: [DONE]\n\n']);
    expect(error).toBeUndefined();
    expect(out).toHaveLength(2);
    expect(out[0]?.text).toBe(first);
    expect(out[0]?.events.filter((e) => e.type === 'text').map((e) => (e.type === 'text' ? e.text : ''))).toEqual(['Hel', 'lo']);
    expect(out[1]?.text).toBe(finish + usage + 'data: [DONE]\n\n');
    expect(out[1]?.events.some((e) => e.type === 'usage')).toBe(true);
    expect(destroyed).toBe(true);
  });

  it('yields nothing for a read that completes no event, and joins an event split across reads', async () => {
    const whole = chunk({ role: 'assistant', content: 'split' });
    const { out } = await collect([whole.slice(0, 20), whole.slice(20), finish + 'data: [DONE]\n\n']);
    expect(out).toHaveLength(2);
    expect(out[0]?.text).toBe(whole);
  });

  it('drops a usage-only event from the text (the client did not ask for it) but keeps its meaning', async () => {
    const { out } = await collect([chunk({ role: 'assistant', content: 'hi' }) + finish + usage + 'data: [DONE]\n\n'], true);
    expect(out).toHaveLength(1);
    expect(out[0]?.text).not.toContain('prompt_tokens');
    expect(out[0]?.text).toContain('"finish_reason":"stop"');
    expect(out[0]?.events.find((e) => e.type === 'usage')).toMatchObject({ usage: { inputTokens: 3, outputTokens: 2 } });
  });

  it('delivers the events of a read that came before an error event, then fails', async () => {
    const error = 'data: {"error":{"message":"overloaded","type":"server_error"}}\n\n';
    const { out, error: thrown } = await collect([chunk({ role: 'assistant', content: 'partial' }) + error]);
    expect(out).toHaveLength(1);
    expect(out[0]?.text).toContain('partial');
    expect(thrown).toBeInstanceOf(GatewayError);
  });

  it('fails a stream that ends before its end marker', async () => {
    const { out, error } = await collect([chunk({ role: 'assistant', content: 'cut' })]);
    expect(out).toHaveLength(1);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('upstream_unreachable');
  });

  it('classifies a transport failure mid-stream', async () => {
    const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    const { out, error } = await collect([chunk({ role: 'assistant', content: 'a' })], false, reset);
    expect(out).toHaveLength(1);
    expect(error).toBeInstanceOf(GatewayError);
  });
});
