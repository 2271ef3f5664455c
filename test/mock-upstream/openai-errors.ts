// OpenAI's error envelope and the bodies it sends per status
// (https://platform.openai.com/docs/guides/error-codes). `type` and `code` are what
// clients and gateways branch on, so they match the real API; messages are close copies.
import type { ErrorReply } from './error-reply.js';
import { RETRY_AFTER_SECONDS } from './error-reply.js';

export function openAIError(
  status: number,
  message: string,
  type: string,
  param: string | null = null,
  code: string | null = null,
): ErrorReply {
  return { status, body: { error: { message, type, param, code } } };
}

/** The real API masks all but the ends of the key it rejects. */
function maskKey(key: string): string {
  if (key.length <= 8) return '*'.repeat(key.length);
  return `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`;
}

export function openAIAuthError(sentKey: string): ErrorReply {
  return openAIError(
    401,
    `Incorrect API key provided: ${maskKey(sentKey)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    'invalid_request_error',
    null,
    'invalid_api_key',
  );
}

/** The body for a `status=<code>` directive (and fail-first's 500). */
export function openAIStatusError(status: number | 'context', model: string): ErrorReply {
  switch (status) {
    case 'context':
      return openAIError(
        400,
        "This model's maximum context length is 8192 tokens. However, your messages resulted in 9120 tokens. Please reduce the length of the messages.",
        'invalid_request_error',
        'messages',
        'context_length_exceeded',
      );
    case 400:
      return openAIError(400, 'Invalid request (mock-upstream status=400).', 'invalid_request_error');
    case 401:
      return openAIAuthError('');
    case 403:
      return openAIError(403, `Project does not have access to model \`${model}\`.`, 'invalid_request_error', null, 'model_not_found');
    case 404:
      return openAIError(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', null, 'model_not_found');
    case 429:
      return {
        ...openAIError(
          429,
          `Rate limit reached for ${model} in organization org-mock on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
          'requests',
          null,
          'rate_limit_exceeded',
        ),
        headers: { 'retry-after': RETRY_AFTER_SECONDS },
      };
    case 500:
      return openAIError(500, 'The server had an error while processing your request. Sorry about that!', 'server_error');
    case 503:
      return openAIError(503, 'The engine is currently overloaded, please try again later.', 'server_error');
    default:
      return status >= 500
        ? openAIError(status, `Upstream error ${status} (mock-upstream).`, 'server_error')
        : openAIError(status, `Request failed with status ${status} (mock-upstream).`, 'invalid_request_error');
  }
}

export function openAINotFound(method: string, path: string): ErrorReply {
  return openAIError(404, `Invalid URL (${method} ${path})`, 'invalid_request_error');
}

export const OPENAI_INVALID_JSON = openAIError(
  400,
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
  'invalid_request_error',
);

/** What OpenAI sends inside an already-200 stream when generation fails. */
export const OPENAI_STREAM_ERROR_EVENT = `data: ${JSON.stringify({
  error: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null },
})}\n\n`;
