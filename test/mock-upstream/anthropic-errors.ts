// Anthropic's error envelope and the error types per status
// (https://docs.claude.com/en/api/errors). Gateways branch on `error.type`, so those match
// the real API exactly.
import type { ErrorReply } from './error-reply.js';
import { RETRY_AFTER_SECONDS } from './error-reply.js';

export function anthropicError(status: number, type: string, message: string): ErrorReply {
  return { status, body: { type: 'error', error: { type, message } } };
}

export const ANTHROPIC_AUTH_ERROR = anthropicError(401, 'authentication_error', 'invalid x-api-key');

/** The body for a `status=<code>` directive (and fail-first's 500). */
export function anthropicStatusError(status: number | 'context', model: string): ErrorReply {
  switch (status) {
    case 'context':
      return anthropicError(400, 'invalid_request_error', 'prompt is too long: 212345 tokens > 200000 maximum');
    case 400:
      return anthropicError(400, 'invalid_request_error', 'Invalid request (mock-upstream status=400).');
    case 401:
      return ANTHROPIC_AUTH_ERROR;
    case 402:
      return anthropicError(402, 'billing_error', 'Your credit balance is too low to access the Anthropic API.');
    case 403:
      return anthropicError(403, 'permission_error', 'Your API key does not have permission to use the specified resource.');
    case 404:
      return anthropicError(404, 'not_found_error', `model: ${model}`);
    case 413:
      return anthropicError(413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.');
    case 429:
      return {
        ...anthropicError(
          429,
          'rate_limit_error',
          'Number of requests has exceeded your per-minute rate limit (https://docs.claude.com/en/api/rate-limits); see the response headers for current usage. Please try again later.',
        ),
        headers: { 'retry-after': RETRY_AFTER_SECONDS },
      };
    case 500:
      return anthropicError(500, 'api_error', 'Internal server error');
    case 504:
      return anthropicError(504, 'timeout_error', 'Request timed out');
    case 529:
      return anthropicError(529, 'overloaded_error', 'Overloaded');
    default:
      return status >= 500
        ? anthropicError(status, 'api_error', `Upstream error ${status} (mock-upstream).`)
        : anthropicError(status, 'invalid_request_error', `Request failed with status ${status} (mock-upstream).`);
  }
}

export const ANTHROPIC_INVALID_JSON = anthropicError(
  400,
  'invalid_request_error',
  'There was an issue with your request body: it is not valid JSON.',
);

export const ANTHROPIC_NOT_FOUND = anthropicError(404, 'not_found_error', 'Not Found');

/** What Anthropic sends inside an already-200 stream when it is overloaded mid-answer. */
export const ANTHROPIC_STREAM_ERROR_EVENT = `event: error\ndata: ${JSON.stringify({
  type: 'error',
  error: { type: 'overloaded_error', message: 'Overloaded' },
})}\n\n`;
