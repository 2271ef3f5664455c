import { describe, it, expect } from 'vitest';
import type { UpstreamErrorInfo } from '../../canonical/types.js';
import { decodeOpenAIError } from './decode-error.js';

const openaiBody = {
  error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' },
};

describe('decodeOpenAIError', () => {
  it.each<[string, number, unknown, UpstreamErrorInfo]>([
    ['OpenAI error object', 429, openaiBody, { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' }],
    ['OpenAI error with param', 400, { error: { message: 'bad', type: 'invalid_request_error', param: 'messages', code: null } }, {
      message: 'bad', type: 'invalid_request_error', param: 'messages',
    }],
    ['the same as JSON text', 429, JSON.stringify(openaiBody), { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' }],
    ['the same as bytes', 429, new TextEncoder().encode(JSON.stringify(openaiBody)), {
      message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded',
    }],
    ['vLLM error', 400, { object: 'error', message: 'max_tokens is too large', type: 'BadRequestError', param: null, code: 400 }, {
      message: 'max_tokens is too large', type: 'BadRequestError', code: '400',
    }],
    ['error as a string', 500, { error: 'model crashed' }, { message: 'model crashed' }],
    ['FastAPI detail', 422, { detail: [{ loc: ['body', 'model'], msg: 'field required' }] }, { message: 'field required' }],
    ['FastAPI detail string', 404, { detail: 'Not Found' }, { message: 'Not Found' }],
    ['plain text', 502, '  Bad Gateway\n', { message: 'Bad Gateway' }],
    ['HTML page, truncated', 503, `<html>${'x'.repeat(1000)}</html>`, { message: `<html>${'x'.repeat(494)}…` }],
    ['empty body', 500, '', { message: 'upstream returned HTTP 500' }],
    ['undefined', 504, undefined, { message: 'upstream returned HTTP 504' }],
    ['an object without message', 500, { error: { type: 'server_error' } }, { message: 'upstream returned HTTP 500', type: 'server_error' }],
    ['an array', 500, [1, 2], { message: 'upstream returned HTTP 500' }],
  ])('%s', (_name, status, body, expected) => {
    expect(decodeOpenAIError(status, body)).toEqual(expected);
  });
});
