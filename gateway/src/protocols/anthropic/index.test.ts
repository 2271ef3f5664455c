import { describe, expect, it } from 'vitest';
import { anthropicProtocol } from './index.js';

// The surface path end to end: validate, decode, encode back for Anthropic.
describe('anthropicProtocol', () => {
  it('is the anthropic protocol', () => {
    expect(anthropicProtocol.name).toBe('anthropic');
  });

  it.each([
    ['a valid body', { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }, true],
    ['an invalid body', { model: 'm', messages: [{ role: 'user', content: 'hi' }] }, false],
  ])('validates %s through requestSchema', (_name, body, ok) => {
    expect(anthropicProtocol.requestSchema.safeParse(body).success).toBe(ok);
  });

  it('takes a client body to an upstream body', () => {
    const body = anthropicProtocol.requestSchema.parse({ model: 'm', max_tokens: 5, system: 's', messages: [{ role: 'user', content: 'hi' }] });
    const canonical = anthropicProtocol.decodeRequest(body);
    expect(anthropicProtocol.encodeRequest(canonical, { defaultMaxTokens: 1 })).toEqual({
      model: 'm',
      max_tokens: 5,
      system: 's',
      stream: false,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    });
  });
});
