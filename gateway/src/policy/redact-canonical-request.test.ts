import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../canonical/types.js';
import { redactCanonicalRequest } from './redact-canonical-request.js';

const IMAGE_DATA = 'iVBORw0KGgo+a@b.io/DE89370400440532013000==';

function request(): CanonicalRequest {
  return {
    model: 'gpt-4o',
    system: 'Support agent for ops@example.com.',
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'My card is 4242 4242 4242 4242, mail me at jane@example.com' },
          { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: IMAGE_DATA } },
          { type: 'image', source: { kind: 'url', url: 'https://a@b.io/10.0.0.1.png' }, detail: 'low' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Sending to jane@example.com.' },
          { type: 'tool_call', id: 'call_jane@example.com', name: 'send_mail', arguments: '{"to":"jane@example.com","body":"Hi\\n+44 20 7946 0958"}' },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', toolCallId: 'call_jane@example.com', content: 'sent from 10.1.2.3' },
          { type: 'tool_result', toolCallId: 'call_2', content: [{ type: 'text', text: 'ssn 123-45-6789' }, { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: IMAGE_DATA } }], isError: true },
        ],
      },
    ],
    tools: [{ name: 'send_mail', description: 'mail to x@y.io', parameters: { type: 'object' } }],
    stream: false,
    user: 'jane@example.com',
  };
}

describe('redactCanonicalRequest', () => {
  it('redacts system, text parts, tool-call arguments and tool results', () => {
    const { request: out, findings, blocked } = redactCanonicalRequest(request());
    expect(out.system).toBe('Support agent for [EMAIL].');
    expect(out.messages[0]?.content[0]).toEqual({ type: 'text', text: 'My card is [CARD], mail me at [EMAIL]' });
    expect(out.messages[1]?.content).toEqual([
      { type: 'text', text: 'Sending to [EMAIL].' },
      { type: 'tool_call', id: 'call_jane@example.com', name: 'send_mail', arguments: '{"to":"[EMAIL]","body":"Hi\\n[PHONE]"}' },
    ]);
    expect(out.messages[2]?.content[0]).toEqual({ type: 'tool_result', toolCallId: 'call_jane@example.com', content: 'sent from [IP]' });
    expect(out.messages[2]?.content[1]).toMatchObject({ content: [{ type: 'text', text: 'ssn [SSN]' }, { type: 'image' }], isError: true });
    expect(findings).toEqual([
      { kind: 'email', count: 4 },
      { kind: 'phone', count: 1 },
      { kind: 'card', count: 1 },
      { kind: 'ssn', count: 1 },
      { kind: 'ip', count: 1 },
    ]);
    expect(blocked).toEqual([]);
  });

  it('keeps tool-call arguments valid JSON in every mode', () => {
    for (const mode of ['redact', 'mask', 'block'] as const) {
      const out = redactCanonicalRequest(request(), { mode }).request;
      const call = out.messages[1]?.content[1];
      expect(call?.type).toBe('tool_call');
      if (call?.type === 'tool_call') expect(JSON.parse(call.arguments)).toHaveProperty('to');
    }
  });

  it('leaves images, ids, tool definitions, the model and the user id alone', () => {
    const input = request();
    const out = redactCanonicalRequest(input).request;
    expect(out.messages[0]?.content.slice(1)).toEqual(input.messages[0]?.content.slice(1));
    expect(out.tools).toEqual(input.tools);
    expect(out.user).toBe('jane@example.com');
    expect(out.model).toBe('gpt-4o');
  });

  it('is pure: the input is deep-equal before and after', () => {
    const input = request();
    const before = structuredClone(input);
    const out = redactCanonicalRequest(input, { mode: 'mask' }).request;
    expect(input).toEqual(before);
    expect(out).not.toBe(input);
    expect(out.messages).not.toBe(input.messages);
  });

  it('keeps an absent system absent', () => {
    const { system: _none, ...withoutSystem } = request();
    expect(redactCanonicalRequest(withoutSystem).request).not.toHaveProperty('system');
  });
});
