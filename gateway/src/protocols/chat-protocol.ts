import type { z } from 'zod';
import type {
  CanonicalRequest,
  CanonicalResponse,
  StreamDecoder,
  StreamEncoder,
  UpstreamErrorInfo,
} from '../canonical/types.js';

export type ProtocolName = 'openai' | 'anthropic';

export interface EncodeRequestOptions {
  /** Output limit to send when the request has none and the protocol requires one (Anthropic). */
  defaultMaxTokens: number;
}

export interface StreamEncoderOptions {
  /** OpenAI `stream_options.include_usage`: send the final usage chunk. Anthropic always sends usage. */
  includeUsage: boolean;
}

/**
 * One wire protocol, both ways. The same module serves a surface (decode what a client sent,
 * encode what it gets back) and a provider (encode what goes upstream, decode its answer).
 * Every function is pure: it never mutates its input, because the attempt loop re-encodes
 * the same canonical request for each upstream it tries.
 */
export interface ChatProtocol<Body> {
  readonly name: ProtocolName;
  /** Validates a client's request body; keeps unknown keys (same-protocol pass-through). */
  readonly requestSchema: z.ZodType<Body>;
  decodeRequest(body: Body): CanonicalRequest;
  /** Throws TranslationError when the request cannot be expressed in this protocol. */
  encodeRequest(req: CanonicalRequest, options: EncodeRequestOptions): Record<string, unknown>;
  /** Throws UpstreamProtocolError on a body that is not a valid response of this protocol. */
  decodeResponse(body: unknown): CanonicalResponse;
  encodeResponse(resp: CanonicalResponse): Record<string, unknown>;
  createStreamDecoder(): StreamDecoder;
  createStreamEncoder(options: StreamEncoderOptions): StreamEncoder;
  /** Reads a provider's error body (any shape, even not JSON) into message/type/code. */
  decodeError(status: number, body: unknown): UpstreamErrorInfo;
}
