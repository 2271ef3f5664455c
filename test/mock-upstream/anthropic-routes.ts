// Anthropic surface: POST /v1/messages, POST /v1/messages/count_tokens, and GET /v1/models[/id]
// when the request carries anthropic-version. Checks run in the real API's spirit: key,
// anthropic-version, JSON, required fields; then the model-name directives; then the answer.
import { acceptsAnthropicKey } from './api-key-check.js';
import { planAnswer } from './answer-plan.js';
import { ANTHROPIC_AUTH_ERROR, ANTHROPIC_INVALID_JSON, anthropicError, anthropicStatusError } from './anthropic-errors.js';
import { anthropicMessage, anthropicMessageStream } from './anthropic-messages-encoding.js';
import { readAnthropicMessagesRequest } from './anthropic-messages-request.js';
import type { Exchange } from './exchange.js';
import { injectFaults, sendError, sendJsonAnswer } from './fault-injection.js';
import type { JsonObject } from './json-guards.js';
import { isObject } from './json-guards.js';
import type { MockState } from './mock-state.js';
import { ANTHROPIC_MODEL_LIST, findAnthropicModel } from './model-catalog.js';
import { parseModelSpec } from './model-directives.js';
import type { RequestBody } from './request-body.js';
import { playStream } from './stream-player.js';

function invalidRequest(ex: Exchange, message: string): void {
  sendError(ex, anthropicError(400, 'invalid_request_error', message));
}

/** Key, version header, JSON; returns the body object, or null once it has answered. */
function admit(ex: Exchange, body: RequestBody, state: MockState, requestId: number): JsonObject | null {
  ex.res.setHeader('request-id', `req_mock_${requestId}`);
  if (!acceptsAnthropicKey(ex.req, state.requireKey)) {
    sendError(ex, ANTHROPIC_AUTH_ERROR);
    return null;
  }
  const version = ex.req.headers['anthropic-version'];
  if (version === undefined || version === '') {
    invalidRequest(ex, 'anthropic-version: header is required');
    return null;
  }
  // Node joins a repeated header with ", "; the real API rejects that value, and a gateway
  // that forwards the client's header *and* adds its own should find out here.
  if (version.includes(',')) {
    invalidRequest(ex, `anthropic-version: "${version}" is not a valid version`);
    return null;
  }
  if (body.kind === 'invalid') {
    sendError(ex, ANTHROPIC_INVALID_JSON);
    return null;
  }
  const value = body.kind === 'json' ? body.value : {};
  if (!isObject(value)) {
    invalidRequest(ex, 'Input should be a valid dictionary or object to extract fields from');
    return null;
  }
  return value;
}

export async function handleAnthropicMessages(ex: Exchange, body: RequestBody, state: MockState): Promise<void> {
  const requestId = state.nextResponseId();
  const object = admit(ex, body, state, requestId);
  if (object === null) return;
  const read = readAnthropicMessagesRequest(object);
  if (!read.ok) return invalidRequest(ex, read.failure.message);
  const request = read.value;
  const parsed = parseModelSpec(request.model);
  if (!parsed.ok) return invalidRequest(ex, parsed.message);
  const { spec } = parsed;
  if (await injectFaults(ex, spec, state, anthropicStatusError, request.stream)) return;
  const answer = planAnswer(request.conversation, spec.directives);
  const meta = {
    id: `msg_mock_${requestId}`,
    created: Math.floor(Date.now() / 1000),
    model: spec.model,
    toolCallId: answer.kind === 'tool' ? `toolu_mock_${state.nextToolCallId()}` : '',
  };
  if (request.stream) return playStream(ex, anthropicMessageStream(answer, meta), spec.directives);
  return sendJsonAnswer(ex, spec.directives, anthropicMessage(answer, meta));
}

/** Same word count as a message's usage.input_tokens, so estimates and usage agree. */
export function handleAnthropicCountTokens(ex: Exchange, body: RequestBody, state: MockState): void {
  const object = admit(ex, body, state, state.nextResponseId());
  if (object === null) return;
  const read = readAnthropicMessagesRequest(object, false);
  if (!read.ok) return invalidRequest(ex, read.failure.message);
  ex.json(200, { input_tokens: read.value.conversation.inputWords });
}

/** `modelId` is undefined for the list, or the id after /v1/models/. */
export function handleAnthropicModels(ex: Exchange, state: MockState, modelId: string | undefined): void {
  if (admit(ex, { kind: 'empty' }, state, state.nextResponseId()) === null) return;
  if (modelId === undefined) return ex.json(200, ANTHROPIC_MODEL_LIST);
  const model = findAnthropicModel(modelId);
  if (model === undefined) return sendError(ex, anthropicStatusError(404, modelId));
  ex.json(200, model);
}
