/**
 * What a semantic store can fail with. Kept free of the gateway's error registry so the
 * stores can be used and tested alone. The cache stage treats every failure as a miss
 * (a cache must never fail a request); `invalid_input` is a caller bug worth logging.
 */
export type SemanticStoreErrorCode = 'invalid_input' | 'storage';

export class SemanticStoreError extends Error {
  override readonly name = 'SemanticStoreError';

  constructor(
    readonly code: SemanticStoreErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}

export function isSemanticStoreError(value: unknown): value is SemanticStoreError {
  return value instanceof SemanticStoreError;
}
