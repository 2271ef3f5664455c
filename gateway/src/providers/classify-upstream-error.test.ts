import { describe, expect, it } from 'vitest';
import { classifyTransportError, classifyUpstreamStatus, parseRetryAfter } from './classify-upstream-error.js';

describe('classifyUpstreamStatus', () => {
  it.each([
    [400, 'upstream_bad_request', 400],
    [413, 'upstream_bad_request', 413],
    [422, 'upstream_bad_request', 422],
    [401, 'upstream_auth_failed', 502],
    [403, 'upstream_auth_failed', 502],
    [404, 'upstream_not_found', 404],
    [408, 'upstream_timeout', 504],
    [429, 'upstream_rate_limited', 429],
    [500, 'upstream_error', 502],
    [503, 'upstream_error', 502],
    [529, 'upstream_error', 502],
  ])('%d → %s (%d)', (status, code, clientStatus) => {
    const error = classifyUpstreamStatus('p/m', status, { message: 'boom', param: 'messages' }, '7');
    expect(error.code).toBe(code);
    expect(error.status).toBe(clientStatus);
    expect(error.message).toBe(`upstream p/m answered ${status}: boom`);
    if (status === 429) expect(error.retryAfterSeconds).toBe(7);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['3', 3],
    ['0.2', 1],
    ['Wed, 21 Oct 2015 07:28:10 GMT', 10],
    ['soon', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, expected) => {
    expect(parseRetryAfter(header, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(expected);
  });
});

describe('classifyTransportError', () => {
  const withCode = (code: string) => Object.assign(new Error(code), { code });
  it.each([
    [withCode('ECONNREFUSED'), 'upstream_unreachable'],
    [new Error('wrapped', { cause: withCode('ECONNRESET') }), 'upstream_unreachable'],
    [withCode('UND_ERR_SOCKET'), 'upstream_unreachable'],
    [withCode('UND_ERR_HEADERS_TIMEOUT'), 'upstream_timeout'],
    [withCode('UND_ERR_BODY_TIMEOUT'), 'upstream_timeout'],
    [Object.assign(new Error('t'), { name: 'TimeoutError' }), 'upstream_timeout'],
  ])('%s → %s', (error, code) => {
    expect(classifyTransportError('p/m', error).code).toBe(code);
  });
});

describe('context-length errors', () => {
  it.each([
    [400, { message: "This model's maximum context length is 8192 tokens.", code: 'context_length_exceeded' }],
    [400, { message: 'prompt is too long: 210000 tokens > 200000 maximum' }],
    [400, { message: "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens" }],
    [413, { message: 'Input is too long for requested model: too many tokens' }],
  ])('%d %o is context_length_exceeded', (status, info) => {
    expect(classifyUpstreamStatus('p/m', status, info, undefined).code).toBe('context_length_exceeded');
  });

  it('leaves other 400s alone', () => {
    expect(classifyUpstreamStatus('p/m', 400, { message: 'messages: field required' }, undefined).code).toBe('upstream_bad_request');
  });
});
