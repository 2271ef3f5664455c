import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../canonical/types.js';
import type { RequestHook } from './hook-contract.js';
import { createPiiHook } from './pii-hook.js';
import { runRequestHooks } from './run-hooks.js';

const EMAIL = 'jane.doe@example.com';

function openaiBody(): Record<string, unknown> {
  return {
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: `Summarise the thread with ${EMAIL}` },
    ],
    stream: false,
    x_unknown: 'kept',
  };
}

function canonical(): CanonicalRequest {
  return {
    model: 'gpt-4o',
    system: 'Be brief.',
    messages: [{ role: 'user', content: [{ type: 'text', text: `Summarise the thread with ${EMAIL}` }] }],
    stream: false,
  };
}

/**
 * The pipeline's shape around policy.pre, with a mock upstream and recorder that keep what
 * they are given: same-protocol traffic sends the raw body, cross-protocol the canonical
 * request; the recorder stores the canonical request and the hook reports.
 */
function serve(hooks: RequestHook[], passthrough: boolean): { upstream: string[]; recorded: string[]; status: number } {
  const upstream: string[] = [];
  const recorded: string[] = [];
  const outcome = runRequestHooks(hooks, { request: canonical(), body: openaiBody(), tenant: 'acme', model: 'openai/gpt-4o' });
  if (outcome.verdict.action === 'deny') {
    recorded.push(JSON.stringify({ reason: outcome.verdict.reason, reports: outcome.reports }));
    return { upstream, recorded, status: 403 };
  }
  upstream.push(JSON.stringify(passthrough ? outcome.body : outcome.request));
  recorded.push(JSON.stringify({ request: outcome.request, reports: outcome.reports }));
  return { upstream, recorded, status: 200 };
}

describe('createPiiHook in the request path', () => {
  it.each([true, false])('an email in a prompt reaches neither the mock upstream nor the recorder (passthrough %s)', (passthrough) => {
    const control = serve([], passthrough);
    expect(control.upstream.join()).toContain(EMAIL);

    const { upstream, recorded, status } = serve([createPiiHook()], passthrough);
    expect(status).toBe(200);
    expect(upstream).toHaveLength(1);
    expect(upstream.join()).not.toContain(EMAIL);
    expect(upstream.join()).toContain('[EMAIL]');
    expect(recorded.join()).not.toContain(EMAIL);
    expect(recorded.join()).not.toMatch(/jane|example\.com/);
    expect(JSON.parse(recorded[0] ?? '{}')).toMatchObject({ reports: [{ hook: 'pii', findings: [{ kind: 'email', count: 1 }] }] });
  });

  it('keeps unknown raw-body fields for same-protocol forwarding', () => {
    const verdict = createPiiHook().onRequest({ request: canonical(), body: openaiBody(), tenant: 'acme', model: 'openai/gpt-4o' });
    expect(verdict.action).toBe('transform');
    if (verdict.action === 'transform') expect(verdict.value.body['x_unknown']).toBe('kept');
  });

  it('blocks with a reason naming the kinds, and sends nothing', () => {
    const { upstream, recorded, status } = serve([createPiiHook({ modes: { email: 'block' } })], true);
    expect(status).toBe(403);
    expect(upstream).toEqual([]);
    expect(recorded.join()).not.toContain(EMAIL);
    expect(JSON.parse(recorded[0] ?? '{}')).toEqual({
      reason: 'The request contains email data, which policy does not allow.',
      reports: [{ hook: 'pii', findings: [{ kind: 'email', count: 1 }] }],
    });
  });

  it('allows (no transform) when there is nothing to redact', () => {
    const request: CanonicalRequest = { model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }], stream: false };
    expect(createPiiHook().onRequest({ request, body: { messages: [{ role: 'user', content: 'hello' }] }, tenant: 't', model: 'p/m' })).toEqual({ action: 'allow' });
  });

  it('counts a value once although it sits in both forms, and counts text only the raw body carries', () => {
    const body = { ...openaiBody(), input: 'also 10.0.0.1' };
    const verdict = createPiiHook().onRequest({ request: canonical(), body, tenant: 't', model: 'p/m' });
    expect(verdict).toMatchObject({
      action: 'transform',
      report: {
        hook: 'pii',
        findings: [
          { kind: 'email', count: 1 },
          { kind: 'ip', count: 1 },
        ],
      },
    });
  });

  it('is pure: neither form of the input changes', () => {
    const request = canonical();
    const body = openaiBody();
    const before = structuredClone({ request, body });
    createPiiHook({ mode: 'mask' }).onRequest({ request, body, tenant: 't', model: 'p/m' });
    expect({ request, body }).toEqual(before);
  });
});
