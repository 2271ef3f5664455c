import type { UpstreamErrorInfo } from '../../canonical/types.js';

/** Longest raw (non-JSON) body text kept in a message: an HTML error page is not a message. */
const MAX_TEXT = 500;

/**
 * An error body from an Anthropic(-compatible) upstream -> message/type. The documented
 * shape is `{"type":"error","error":{"type":"overloaded_error","message":"…"}}`
 * (https://docs.anthropic.com/en/api/errors), but proxies and load balancers in front of
 * it answer with other JSON or plain text, so anything is accepted. `body` may be the
 * parsed JSON, the raw text, or bytes.
 */
export function decodeAnthropicError(status: number, body: unknown): UpstreamErrorInfo {
  const value = typeof body === 'string' || body instanceof Uint8Array ? parseText(body) : body;
  if (typeof value === 'string') {
    const text = value.trim();
    return { message: text === '' ? fallbackMessage(status) : text.slice(0, MAX_TEXT) };
  }
  if (!isRecord(value)) return { message: fallbackMessage(status) };

  // Anthropic nests the error; OpenAI-style proxies do too, adding code and param.
  const nested = isRecord(value.error) ? value.error : undefined;
  const source = nested ?? value;
  const info: UpstreamErrorInfo = {
    message:
      stringField(source, 'message') ??
      (typeof value.error === 'string' ? value.error : undefined) ??
      stringField(value, 'message') ??
      fallbackMessage(status),
  };
  // Top-level `type` is "error" in Anthropic's envelope, which says nothing; only a nested
  // type classifies, or a top-level one from a flat non-Anthropic body.
  const type = nested ? stringField(nested, 'type') : stringField(value, 'type');
  if (type !== undefined && type !== 'error') info.type = type;
  const code = stringField(source, 'code');
  if (code !== undefined) info.code = code;
  const param = stringField(source, 'param');
  if (param !== undefined) info.param = param;
  return info;
}

function parseText(body: string | Uint8Array): unknown {
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function fallbackMessage(status: number): string {
  return `Anthropic upstream returned HTTP ${status}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strings as they are; numbers (some proxies send numeric codes) as text. */
function stringField(obj: Record<string, unknown>, key: string): string | undefined {
  const v = obj[key];
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}
