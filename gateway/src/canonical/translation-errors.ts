import type { UpstreamErrorInfo } from './types.js';

/**
 * A request or response cannot be expressed in the target protocol (e.g. `n: 3` for
 * Anthropic). The client gets a 400 naming `param`; it is not the upstream's fault, so it
 * never triggers a fallback.
 */
export class TranslationError extends Error {
  override readonly name = 'TranslationError';
  constructor(
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

/**
 * The upstream sent an error in the middle of a stream (OpenAI `data: {"error":…}`,
 * Anthropic `event: error`). Decoders throw it; the attempt loop classifies it.
 */
export class UpstreamStreamError extends Error {
  override readonly name = 'UpstreamStreamError';
  constructor(readonly info: UpstreamErrorInfo) {
    super(info.message);
  }
}

/** An upstream body that is not what its protocol promises (bad JSON, missing fields). */
export class UpstreamProtocolError extends Error {
  override readonly name = 'UpstreamProtocolError';
}
