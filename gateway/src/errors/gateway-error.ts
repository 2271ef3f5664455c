import { ERROR_CODES, type ErrorCode } from './error-codes.js';

export interface GatewayErrorOptions {
  /** The request field at fault (OpenAI `param`). */
  param?: string;
  /** Overrides the registry's status, e.g. to pass an upstream 413 or 422 on as it was. */
  status?: number;
  /** Seconds, for 429s that should carry a Retry-After header. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** The one error class of the gateway; `code` indexes ERROR_CODES. */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly param: string | undefined;
  readonly status: number;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: GatewayErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.param = options.param;
    this.status = options.status ?? ERROR_CODES[code].status;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get retryable(): boolean {
    return ERROR_CODES[this.code].retryable;
  }

  get fallbackable(): boolean {
    return ERROR_CODES[this.code].fallbackable;
  }
}

export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}
