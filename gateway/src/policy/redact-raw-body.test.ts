import { describe, expect, it } from 'vitest';
import { redactRawBody } from './redact-raw-body.js';

const IMAGE_DATA = 'iVBORw0KGgo+a@b.io/DE89370400440532013000==';

function openaiBody(): Record<string, unknown> {
  return {
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: 'You help ops@example.com.' },
      {
        role: 'user',
        name: 'jane@example.com',
        content: [
          { type: 'text', text: 'I am jane@example.com', cache_control: { type: 'ephemeral' } },
          { type: 'image_url', image_url: { url: 'https://cdn.example.com/jane@example.com.png', detail: 'low' } },
          { type: 'input_audio', input_audio: { data: IMAGE_DATA, format: 'wav' } },
          { type: 'file', file: { file_data: IMAGE_DATA, file_id: 'file-a@b.io', filename: 'jane@example.com.pdf' } },
        ],
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"ip":"10.0.0.1","note":"x\\n123-45-6789"}' } }],
      },
      { role: 'tool', tool_call_id: 'call_a@b.io', content: 'owner 4242 4242 4242 4242' },
    ],
    temperature: 0.2,
    vendor_extension: { keep: 'a@b.io' },
    metadata: { email: 'a@b.io' },
  };
}

function anthropicBody(): Record<string, unknown> {
  return {
    model: 'claude-sonnet-4-5',
    max_tokens: 100,
    system: [{ type: 'text', text: 'Operator: ops@example.com', cache_control: { type: 'ephemeral' } }],
    messages: [
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: IMAGE_DATA } },
          { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'Contract for jane@example.com' }, title: 'IBAN GB82WEST12345698765432' },
          { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: IMAGE_DATA } },
          { type: 'text', text: 'Call +44 20 7946 0958' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'user is jane@example.com', signature: 'sig-a@b.io' },
          { type: 'redacted_thinking', data: 'opaque-a@b.io' },
          { type: 'tool_use', id: 'toolu_1', name: 'send', input: { name: 'jane@example.com', id: '123-45-6789', nested: [{ data: 'x@y.io' }], n: 4 } },
        ],
      },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 'toolu_a@b.io', content: [{ type: 'text', text: 'done for jane@example.com' }] }],
      },
    ],
  };
}

describe('redactRawBody', () => {
  it('redacts an OpenAI chat body and keeps structure, media and ids', () => {
    const { body, findings } = redactRawBody(openaiBody());
    const input = openaiBody();
    const messages = body['messages'] as Array<Record<string, unknown>>;
    const inputMessages = input['messages'] as Array<Record<string, unknown>>;
    expect(messages[0]).toEqual({ role: 'system', content: 'You help [EMAIL].' });
    expect(messages[1]?.['name']).toBe('jane@example.com');
    expect(messages[1]?.['content']).toEqual([
      { type: 'text', text: 'I am [EMAIL]', cache_control: { type: 'ephemeral' } },
      (inputMessages[1]?.['content'] as unknown[])[1],
      (inputMessages[1]?.['content'] as unknown[])[2],
      { type: 'file', file: { file_data: IMAGE_DATA, file_id: 'file-a@b.io', filename: '[EMAIL]' } }, // `.pdf` reads as a top-level domain
    ]);
    expect(messages[2]).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"ip":"[IP]","note":"x\\n[SSN]"}' } }],
    });
    expect(messages[3]).toEqual({ role: 'tool', tool_call_id: 'call_a@b.io', content: 'owner [CARD]' });
    // Outside the conversation fields, the body passes through untouched.
    expect(body['vendor_extension']).toEqual({ keep: 'a@b.io' });
    expect(body['metadata']).toEqual({ email: 'a@b.io' });
    expect(body['temperature']).toBe(0.2);
    expect(findings).toEqual([
      { kind: 'email', count: 3 },
      { kind: 'card', count: 1 },
      { kind: 'ssn', count: 1 },
      { kind: 'ip', count: 1 },
    ]);
  });

  it('redacts an Anthropic messages body and keeps image data, ids, roles and thinking', () => {
    const input = anthropicBody();
    const { body } = redactRawBody(input);
    const messages = body['messages'] as Array<{ role: string; content: Array<Record<string, unknown>> }>;
    const inputMessages = input['messages'] as Array<{ role: string; content: Array<Record<string, unknown>> }>;
    expect(body['system']).toEqual([{ type: 'text', text: 'Operator: [EMAIL]', cache_control: { type: 'ephemeral' } }]);
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages[0]?.content[0]).toEqual(inputMessages[0]?.content[0]);
    expect(messages[0]?.content[1]).toEqual({
      type: 'document',
      source: { type: 'text', media_type: 'text/plain', data: 'Contract for [EMAIL]' },
      title: 'IBAN [IBAN]',
    });
    expect(messages[0]?.content[2]).toEqual(inputMessages[0]?.content[2]);
    expect(messages[0]?.content[3]).toEqual({ type: 'text', text: 'Call [PHONE]' });
    expect(messages[1]?.content.slice(0, 2)).toEqual(inputMessages[1]?.content.slice(0, 2));
    // Inside tool input every key is the caller's data, even ones named like structure.
    expect(messages[1]?.content[2]).toEqual({ type: 'tool_use', id: 'toolu_1', name: 'send', input: { name: '[EMAIL]', id: '[SSN]', nested: [{ data: '[EMAIL]' }], n: 4 } });
    expect(messages[2]?.content[0]).toEqual({ type: 'tool_result', tool_use_id: 'toolu_a@b.io', content: [{ type: 'text', text: 'done for [EMAIL]' }] });
  });

  it.each([
    ['legacy completions prompt', { model: 'm', prompt: ['hi a@b.io', 'x'] }, { model: 'm', prompt: ['hi [EMAIL]', 'x'] }],
    ['Responses-style input string', { model: 'm', input: 'hi a@b.io' }, { model: 'm', input: 'hi [EMAIL]' }],
    [
      'Responses-style input items',
      { model: 'm', input: [{ role: 'user', content: [{ type: 'input_text', text: 'a@b.io' }] }, { type: 'reasoning', encrypted_content: 'x', summary: [{ text: 'a@b.io' }] }] },
      { model: 'm', input: [{ role: 'user', content: [{ type: 'input_text', text: '[EMAIL]' }] }, { type: 'reasoning', encrypted_content: 'x', summary: [{ text: 'a@b.io' }] }] },
    ],
  ])('walks %s', (_name, input, expected) => {
    expect(redactRawBody(input).body).toEqual(expected);
  });

  it('is pure: the input is deep-equal before and after', () => {
    for (const input of [openaiBody(), anthropicBody()]) {
      const before = structuredClone(input);
      const { body } = redactRawBody(input, { mode: 'mask' });
      expect(input).toEqual(before);
      expect(body).not.toBe(input);
    }
  });

  it('keeps a `__proto__` key in client JSON a plain key', () => {
    const input = JSON.parse('{"messages":[{"role":"user","content":"a@b.io","__proto__":{"polluted":true}}]}') as Record<string, unknown>;
    const { body } = redactRawBody(input);
    const message = (body['messages'] as Array<Record<string, unknown>>)[0];
    expect(Object.getPrototypeOf(message)).toBe(Object.prototype);
    expect(Object.hasOwn(message ?? {}, '__proto__')).toBe(true);
    expect(message?.['content']).toBe('[EMAIL]');
  });
});
