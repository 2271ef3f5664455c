/**
 * Every error the gateway can answer with, in one registry: status, whether another attempt
 * (same upstream) or another upstream may help, and the error type each surface reports.
 * A test holds docs/errors.md to this table, so the documented behaviour cannot drift.
 */
export interface ErrorCodeSpec {
  status: number;
  /** Worth retrying the same upstream (after backoff). */
  retryable: boolean;
  /** Worth moving on to the next upstream of a fallback chain. */
  fallbackable: boolean;
  /** OpenAI `error.type`. */
  openaiType: string;
  /** Anthropic `error.type`. */
  anthropicType: string;
  description: string;
}

const spec = (
  status: number,
  openaiType: string,
  anthropicType: string,
  description: string,
  flags: { retryable?: boolean; fallbackable?: boolean } = {},
): ErrorCodeSpec => ({
  status,
  openaiType,
  anthropicType,
  description,
  retryable: flags.retryable ?? false,
  fallbackable: flags.fallbackable ?? false,
});

const upstreamFailure = { retryable: true, fallbackable: true };

export const ERROR_CODES = {
  invalid_json: spec(400, 'invalid_request_error', 'invalid_request_error', 'The request body is not valid JSON.'),
  invalid_request: spec(400, 'invalid_request_error', 'invalid_request_error', 'The request body violates the schema; `param` names the field.'),
  unsupported_translation: spec(400, 'invalid_request_error', 'invalid_request_error', 'The request uses a feature the target model’s protocol cannot express.'),
  unsupported_operation: spec(400, 'invalid_request_error', 'invalid_request_error', 'The model’s provider does not offer this endpoint (e.g. embeddings on Anthropic).'),
  missing_api_key: spec(401, 'invalid_request_error', 'authentication_error', 'No API key was sent (Authorization: Bearer or x-api-key).'),
  invalid_api_key: spec(401, 'invalid_request_error', 'authentication_error', 'The API key is not known to the gateway.'),
  admin_forbidden: spec(403, 'invalid_request_error', 'permission_error', 'The admin endpoints need the admin key, or none is configured.'),
  policy_denied: spec(403, 'invalid_request_error', 'permission_error', 'A policy hook refused the request or the answer (PII in block mode, a deny-listed pattern, a model the tenant may not use); the message says which, never the matched text.'),
  prompt_not_found: spec(404, 'invalid_request_error', 'not_found_error', 'The prompt named in the request has no such version or label for the caller’s tenant.'),
  prompt_variable_missing: spec(422, 'invalid_request_error', 'invalid_request_error', 'The prompt needs a variable the request did not give; `param` names it.'),
  model_not_found: spec(404, 'invalid_request_error', 'not_found_error', 'The model is neither an alias nor `provider/model` of a configured provider.'),
  resource_not_found: spec(404, 'invalid_request_error', 'not_found_error', 'The named resource (a recorded request, a prompt) does not exist.'),
  route_not_found: spec(404, 'invalid_request_error', 'not_found_error', 'No such endpoint.'),
  method_not_allowed: spec(405, 'invalid_request_error', 'invalid_request_error', 'The endpoint does not accept this method.'),
  payload_too_large: spec(413, 'invalid_request_error', 'request_too_large', 'The body is over the configured limit (server.bodyLimitBytes).'),
  rate_limited: spec(429, 'rate_limit_error', 'rate_limit_error', 'A rate limit of the key, tenant or model is used up; Retry-After and x-ratelimit-* say when there is room.'),
  upstream_bad_request: spec(400, 'invalid_request_error', 'invalid_request_error', 'The upstream rejected the request as invalid; its message is passed on.'),
  context_length_exceeded: spec(400, 'invalid_request_error', 'invalid_request_error', 'The prompt is longer than the model’s context window; a fallback chain moves on only to a step with a larger window.'),
  upstream_not_found: spec(404, 'invalid_request_error', 'not_found_error', 'The upstream does not know the model or resource.'),
  upstream_rate_limited: spec(429, 'rate_limit_error', 'rate_limit_error', 'The upstream is rate limiting the gateway; Retry-After is passed on.', upstreamFailure),
  upstream_auth_failed: spec(502, 'api_error', 'api_error', 'The upstream rejected the gateway’s own credentials (an operator problem, not the client’s).', { fallbackable: true }),
  upstream_error: spec(502, 'api_error', 'api_error', 'The upstream answered with a server error (5xx).', upstreamFailure),
  upstream_unreachable: spec(502, 'api_error', 'api_error', 'The upstream refused or dropped the connection.', upstreamFailure),
  upstream_protocol_error: spec(502, 'api_error', 'api_error', 'The upstream answered with a body its protocol does not allow.', { fallbackable: true }),
  upstream_timeout: spec(504, 'api_error', 'api_error', 'The upstream did not answer within its timeout.', upstreamFailure),
  no_route_available: spec(503, 'api_error', 'overloaded_error', 'Every upstream that could serve the request is excluded (open circuit breakers); Retry-After says when one may be tried again.'),
  deadline_exceeded: spec(504, 'api_error', 'api_error', 'The request’s delay budget ran out before any upstream answered.'),
  cost_cap_exceeded: spec(402, 'invalid_request_error', 'invalid_request_error', 'No step of the chain fits the request’s cost cap (estimated from the price table).'),
  rate_limit_store_unavailable: spec(503, 'api_error', 'api_error', 'The rate-limit store (Redis) is unreachable and rateLimits.onStoreError is closed.'),
  shutting_down: spec(503, 'api_error', 'overloaded_error', 'The gateway is draining for shutdown; retry on another replica.'),
  internal_error: spec(500, 'api_error', 'api_error', 'A bug in the gateway; the trace id in x-request-id finds it in the logs.'),
} as const satisfies Record<string, ErrorCodeSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;
