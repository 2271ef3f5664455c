import type { ChatProtocol } from '../chat-protocol.js';
import { decodeOpenAIError } from './decode-error.js';
import { decodeOpenAIRequest } from './decode-request.js';
import { decodeOpenAIResponse } from './decode-response.js';
import { encodeOpenAIRequest } from './encode-request.js';
import { encodeOpenAIResponse } from './encode-response.js';
import { openaiChatRequestSchema, type OpenAIChatRequest } from './request-schema.js';
import { createOpenAIStreamDecoder } from './stream-decoder.js';
import { createOpenAIStreamEncoder } from './stream-encoder.js';

/** The OpenAI Chat Completions protocol, both as a client surface and as an upstream provider. */
export const openaiProtocol: ChatProtocol<OpenAIChatRequest> = {
  name: 'openai',
  requestSchema: openaiChatRequestSchema,
  decodeRequest: decodeOpenAIRequest,
  encodeRequest: encodeOpenAIRequest,
  decodeResponse: decodeOpenAIResponse,
  // Wrapped so the interface's one-argument call never passes something as `now`.
  encodeResponse: (resp) => encodeOpenAIResponse(resp),
  createStreamDecoder: createOpenAIStreamDecoder,
  createStreamEncoder: (options) => createOpenAIStreamEncoder(options),
  decodeError: decodeOpenAIError,
};

export type { OpenAIChatRequest } from './request-schema.js';
export { openaiChatRequestSchema } from './request-schema.js';
