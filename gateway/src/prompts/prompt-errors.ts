/**
 * What a store can fail with. The module stays free of the gateway's error registry so it
 * can be used (and tested) on its own; the HTTP layer maps the codes:
 * `invalid_input` → 400 `invalid_request`, `not_found` → 404 `resource_not_found`,
 * `storage` → 500 `internal_error` (the message is for logs, not for clients).
 */
export type PromptStoreErrorCode = 'invalid_input' | 'not_found' | 'storage';

export class PromptStoreError extends Error {
  override readonly name = 'PromptStoreError';

  constructor(
    readonly code: PromptStoreErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}

export function isPromptStoreError(value: unknown): value is PromptStoreError {
  return value instanceof PromptStoreError;
}
