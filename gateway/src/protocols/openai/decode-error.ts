import type { UpstreamErrorInfo } from '../../canonical/types.js';

/** Longest slice of a non-JSON error body kept in the message (HTML error pages can be huge). */
const MAX_TEXT = 500;

/**
 * An OpenAI-style error body -> UpstreamErrorInfo. Never throws: an error about an error
 * would hide the upstream's status. Understands
 * - OpenAI: `{"error":{"message","type","code","param"}}`
 *   https://platform.openai.com/docs/guides/error-codes
 * - `{"error":"text"}` (several compatible servers),
 * - vLLM: `{"object":"error","message","type","code"}` with a numeric `code`,
 * - FastAPI's `{"detail": ...}` (vLLM/ TGI validation errors),
 * - a JSON string or any raw text, as given or as an unparsed string/Buffer body.
 */
export function decodeOpenAIError(status: number, body: unknown): UpstreamErrorInfo {
  const fallback = `upstream returned HTTP ${status}`;
  const value = typeof body === 'string' || body instanceof Uint8Array ? parseText(asText(body)) : body;

  if (typeof value === 'string') return { message: truncate(value.trim()) || fallback };
  if (!isRecord(value)) return { message: fallback };

  const error = value['error'];
  if (typeof error === 'string' && error !== '') return { message: error };
  const source = isRecord(error) ? error : value;
  const info: UpstreamErrorInfo = { message: stringOf(source['message']) ?? detailOf(value['detail']) ?? fallback };
  const type = stringOf(source['type']);
  const code = stringOf(source['code']);
  const param = stringOf(source['param']);
  if (type !== undefined) info.type = type;
  if (code !== undefined) info.code = code;
  if (param !== undefined) info.param = param;
  return info;
}

function asText(body: string | Uint8Array): string {
  return typeof body === 'string' ? body : new TextDecoder().decode(body);
}

/** JSON when it parses, else the text itself. */
function parseText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strings as given, numbers (vLLM's `code: 400`) as text; anything else is absent. */
function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** FastAPI `detail`: a string, or a list of `{msg, loc}` validation errors. */
function detailOf(detail: unknown): string | undefined {
  if (typeof detail === 'string' && detail !== '') return detail;
  if (Array.isArray(detail)) {
    const messages = detail.map((d) => (isRecord(d) ? stringOf(d['msg']) : undefined)).filter((m) => m !== undefined);
    if (messages.length > 0) return messages.join('; ');
  }
  return undefined;
}

function truncate(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}
