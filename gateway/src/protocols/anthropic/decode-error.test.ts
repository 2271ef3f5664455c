import { describe, expect, it } from 'vitest';
import type { UpstreamErrorInfo } from '../../canonical/types.js';
import { decodeAnthropicError } from './decode-error.js';

const envelope = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: 'req_1' };

describe('decodeAnthropicError', () => {
  it.each<[string, number, unknown, UpstreamErrorInfo]>([
    ['the Anthropic envelope, parsed', 529, envelope, { type: 'overloaded_error', message: 'Overloaded' }],
    ['the Anthropic envelope, as text', 529, JSON.stringify(envelope), { type: 'overloaded_error', message: 'Overloaded' }],
    ['the Anthropic envelope, as bytes', 400, new TextEncoder().encode('{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"}}'), { type: 'invalid_request_error', message: 'max_tokens: Field required' }],
    ['an OpenAI-style body from a proxy', 429, { error: { message: 'Slow down', type: 'rate_limit_error', code: 'rate_limit', param: 'model' } }, { message: 'Slow down', type: 'rate_limit_error', code: 'rate_limit', param: 'model' }],
    ['a numeric code', 500, { error: { message: 'boom', code: 500 } }, { message: 'boom', code: '500' }],
    ['a flat body', 502, { message: 'Bad gateway', type: 'proxy_error' }, { message: 'Bad gateway', type: 'proxy_error' }],
    ['an error string', 503, { error: 'Service Unavailable' }, { message: 'Service Unavailable' }],
    ['an envelope without a message', 500, { type: 'error', error: { type: 'api_error' } }, { type: 'api_error', message: 'Anthropic upstream returned HTTP 500' }],
    ['plain text', 502, '<html>Bad Gateway</html>\n', { message: '<html>Bad Gateway</html>' }],
    ['long plain text, truncated', 502, 'x'.repeat(2000), { message: 'x'.repeat(500) }],
    ['an empty body', 504, '', { message: 'Anthropic upstream returned HTTP 504' }],
    ['null', 500, null, { message: 'Anthropic upstream returned HTTP 500' }],
    ['undefined', 500, undefined, { message: 'Anthropic upstream returned HTTP 500' }],
    ['a JSON array', 500, [1, 2], { message: 'Anthropic upstream returned HTTP 500' }],
    ['a JSON string literal', 500, '"oops"', { message: 'oops' }],
  ])('reads %s', (_name, status, body, expected) => {
    expect(decodeAnthropicError(status, body)).toEqual(expected);
  });
});
