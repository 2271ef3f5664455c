// The result of reading a request body: either the facts the mock needs, or the 400
// the real API would send (message / param / code, rendered by each protocol).

export interface ValidationFailure {
  readonly message: string;
  /** OpenAI's `param` (null when the real API sends null). */
  readonly param: string | null;
  /** OpenAI's `code` (null when the real API sends null). */
  readonly code: string | null;
}

export type ReadResult<T> = { ok: true; value: T } | { ok: false; failure: ValidationFailure };

export function invalid(message: string, param: string | null = null, code: string | null = null): { ok: false; failure: ValidationFailure } {
  return { ok: false, failure: { message, param, code } };
}
