import type { ChatProtocol } from '../chat-protocol.js';
import { decodeAnthropicError } from './decode-error.js';
import { decodeAnthropicRequest } from './decode-request.js';
import { decodeAnthropicResponse } from './decode-response.js';
import { encodeAnthropicRequest } from './encode-request.js';
import { encodeAnthropicResponse } from './encode-response.js';
import { anthropicMessagesRequestSchema, type AnthropicMessagesRequest } from './request-schema.js';
import { createAnthropicStreamDecoder } from './stream-decoder.js';
import { createAnthropicStreamEncoder } from './stream-encoder.js';

/** The Anthropic Messages API (POST /v1/messages), as a surface and as a provider. */
export const anthropicProtocol: ChatProtocol<AnthropicMessagesRequest> = {
  name: 'anthropic',
  requestSchema: anthropicMessagesRequestSchema,
  decodeRequest: decodeAnthropicRequest,
  encodeRequest: encodeAnthropicRequest,
  decodeResponse: decodeAnthropicResponse,
  encodeResponse: encodeAnthropicResponse,
  createStreamDecoder: createAnthropicStreamDecoder,
  createStreamEncoder: createAnthropicStreamEncoder,
  decodeError: decodeAnthropicError,
};

export type { AnthropicMessagesRequest } from './request-schema.js';
export { JSON_OUTPUT_TOOL_NAME } from './json-output-tool.js';
