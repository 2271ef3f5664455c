// An error response as each protocol builds it: status, JSON body, extra headers.

export interface ErrorReply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Both providers send Retry-After on 429; gateways honour it, so the mock must too. */
export const RETRY_AFTER_SECONDS = '1';
