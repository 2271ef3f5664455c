import { ERROR_CODES } from './error-codes.js';
import type { GatewayError } from './gateway-error.js';

export type Surface = 'openai' | 'anthropic';

/**
 * The body a client gets for an error, in the protocol of the surface it called.
 * OpenAI: https://platform.openai.com/docs/guides/error-codes ;
 * Anthropic: https://docs.anthropic.com/en/api/errors (its bodies carry request_id too).
 */
export function errorEnvelope(surface: Surface, error: GatewayError, requestId: string): Record<string, unknown> {
  const spec = ERROR_CODES[error.code];
  if (surface === 'anthropic') {
    return {
      type: 'error',
      error: { type: error.status === 529 ? 'overloaded_error' : spec.anthropicType, message: error.message },
      request_id: requestId,
    };
  }
  return {
    error: { message: error.message, type: spec.openaiType, param: error.param ?? null, code: error.code },
  };
}
