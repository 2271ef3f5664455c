import { GatewayError } from '../errors/gateway-error.js';
import type { UpstreamErrorInfo } from '../canonical/types.js';

/**
 * Maps an upstream HTTP error to the gateway's error registry. The client sees the upstream's
 * own message prefixed with the target, so "passed on meaningfully" also says who failed.
 * 401/403 become 502: the gateway's credentials were refused, which the client cannot fix.
 */
export function classifyUpstreamStatus(
  target: string,
  status: number,
  info: UpstreamErrorInfo,
  retryAfterHeader: string | undefined,
): GatewayError {
  const message = `upstream ${target} answered ${status}: ${info.message}`;
  const param = info.param;
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(retryAfterHeader);
    return new GatewayError('upstream_rate_limited', message, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });
  }
  if (status === 401 || status === 403) return new GatewayError('upstream_auth_failed', message);
  if (status === 404) return new GatewayError('upstream_not_found', message);
  if (status === 408) return new GatewayError('upstream_timeout', message);
  if ((status === 400 || status === 413 || status === 422) && isContextLengthError(info)) {
    return new GatewayError('context_length_exceeded', message, { status: 400 });
  }
  if (status >= 400 && status < 500) {
    return new GatewayError('upstream_bad_request', message, { status, ...(param === undefined ? {} : { param }) });
  }
  return new GatewayError('upstream_error', message);
}

/**
 * Context-window overflows, as each vendor words them: OpenAI's `context_length_exceeded`
 * code, vLLM's "maximum context length is N tokens", Anthropic's "prompt is too long".
 */
const CONTEXT_LENGTH = /context[_ ]length|context window|maximum context|prompt is too long|too many (input )?tokens/i;

export function isContextLengthError(info: UpstreamErrorInfo): boolean {
  return info.code === 'context_length_exceeded' || CONTEXT_LENGTH.test(info.message);
}

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | undefined, now = Date.now()): number | undefined {
  if (header === undefined || header === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_CONNECT_TIMEOUT']);
const TIMEOUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** Maps a transport failure (undici or node errors) to the registry. */
export function classifyTransportError(target: string, error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const code = errorCode(error);
  if (code !== undefined && TIMEOUT.has(code)) return new GatewayError('upstream_timeout', `upstream ${target} timed out (${code})`, { cause: error });
  if (code !== undefined && UNREACHABLE.has(code)) {
    return new GatewayError('upstream_unreachable', `upstream ${target} is unreachable (${code})`, { cause: error });
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new GatewayError('upstream_timeout', `upstream ${target} timed out`, { cause: error });
  }
  return new GatewayError('upstream_unreachable', `upstream ${target} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

function errorCode(error: unknown): string | undefined {
  // undici wraps socket errors: the errno code may sit on the cause.
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
