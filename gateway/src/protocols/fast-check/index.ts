import type { Surface } from '../../errors/error-envelope.js';
import { fastValidAnthropic } from './anthropic-request.js';
import { fastValidOpenAI } from './openai-request.js';

/**
 * Hand-written request-body checks consulted before zod on every chat request, because zod's
 * safeParse costs microseconds per request under load. `true` means the body is certainly
 * valid for its surface's schema AND zod's parsed copy would deep-equal it, so the body can
 * be used as is; `false` means "not sure": the caller runs zod, which also writes every
 * error message. Exact for JSON data (what the server parses); objects with accessors or
 * symbol keys are not expected and symbol-keyed properties would be kept rather than dropped.
 */
export function fastValid(surface: Surface, body: unknown): body is Record<string, unknown> {
  return surface === 'openai' ? fastValidOpenAI(body) : fastValidAnthropic(body);
}
