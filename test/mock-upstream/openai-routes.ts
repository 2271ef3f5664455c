// OpenAI surface: POST /v1/chat/completions, POST /v1/embeddings, GET /v1/models[/id].
// Each route checks what the real API checks first (key, JSON, required fields), then lets
// the model-name directives act, then answers.
import { planAnswer } from './answer-plan.js';
import type { Exchange } from './exchange.js';
import { injectFaults, sendError, sendJsonAnswer } from './fault-injection.js';
import type { JsonObject } from './json-guards.js';
import { isObject } from './json-guards.js';
import type { MockState } from './mock-state.js';
import { parseModelSpec } from './model-directives.js';
import type { ModelSpec } from './model-directives.js';
import { findOpenAIModel, OPENAI_MODEL_LIST } from './model-catalog.js';
import { openAIChatCompletion, openAIChatStream } from './openai-chat-encoding.js';
import { readOpenAIChatRequest } from './openai-chat-request.js';
import { buildOpenAIEmbeddings, readOpenAIEmbeddingsRequest } from './openai-embeddings.js';
import { OPENAI_INVALID_JSON, openAIAuthError, openAIError, openAIStatusError } from './openai-errors.js';
import type { RequestBody } from './request-body.js';
import type { ValidationFailure } from './request-validation.js';
import { playStream } from './stream-player.js';
import { rejectedOpenAIKey } from './api-key-check.js';

function invalidRequest(ex: Exchange, failure: ValidationFailure): void {
  sendError(ex, openAIError(400, failure.message, 'invalid_request_error', failure.param, failure.code));
}

/** Key, then JSON; returns the body object, or null once it has answered with an error. */
function admit(ex: Exchange, body: RequestBody, state: MockState, requestId: number): JsonObject | null {
  ex.res.setHeader('x-request-id', `req_mock_${requestId}`);
  const rejected = rejectedOpenAIKey(ex.req, state.requireKey);
  if (rejected !== null) {
    sendError(ex, openAIAuthError(rejected));
    return null;
  }
  if (body.kind === 'invalid') {
    sendError(ex, OPENAI_INVALID_JSON);
    return null;
  }
  const value = body.kind === 'json' ? body.value : {};
  if (!isObject(value)) {
    invalidRequest(ex, { message: 'Invalid type for request body: expected an object.', param: null, code: null });
    return null;
  }
  return value;
}

function modelSpec(ex: Exchange, model: string): ModelSpec | null {
  const parsed = parseModelSpec(model);
  if (parsed.ok) return parsed.spec;
  invalidRequest(ex, { message: parsed.message, param: 'model', code: null });
  return null;
}

export async function handleOpenAIChat(ex: Exchange, body: RequestBody, state: MockState): Promise<void> {
  const requestId = state.nextResponseId();
  const object = admit(ex, body, state, requestId);
  if (object === null) return;
  const read = readOpenAIChatRequest(object);
  if (!read.ok) return invalidRequest(ex, read.failure);
  const request = read.value;
  const spec = modelSpec(ex, request.model);
  if (spec === null) return;
  if (await injectFaults(ex, spec, state, openAIStatusError, request.stream)) return;
  const answer = planAnswer(request.conversation, spec.directives);
  const meta = {
    id: `chatcmpl-mock-${requestId}`,
    created: Math.floor(Date.now() / 1000),
    model: spec.model,
    toolCallId: answer.kind === 'tool' ? `call_mock_${state.nextToolCallId()}` : '',
  };
  if (request.stream) return playStream(ex, openAIChatStream(answer, meta, request.includeUsage), spec.directives);
  return sendJsonAnswer(ex, spec.directives, openAIChatCompletion(answer, meta));
}

export async function handleOpenAIEmbeddings(ex: Exchange, body: RequestBody, state: MockState): Promise<void> {
  const object = admit(ex, body, state, state.nextResponseId());
  if (object === null) return;
  const read = readOpenAIEmbeddingsRequest(object);
  if (!read.ok) return invalidRequest(ex, read.failure);
  const spec = modelSpec(ex, read.value.model);
  if (spec === null) return;
  if (await injectFaults(ex, spec, state, openAIStatusError, false)) return;
  return sendJsonAnswer(ex, spec.directives, buildOpenAIEmbeddings(read.value, spec.model));
}

/** `modelId` is undefined for the list, or the id after /v1/models/. */
export function handleOpenAIModels(ex: Exchange, state: MockState, modelId: string | undefined): void {
  if (admit(ex, { kind: 'empty' }, state, state.nextResponseId()) === null) return;
  if (modelId === undefined) return ex.json(200, OPENAI_MODEL_LIST);
  const model = findOpenAIModel(modelId);
  if (model === undefined) return sendError(ex, openAIStatusError(404, modelId));
  ex.json(200, model);
}
