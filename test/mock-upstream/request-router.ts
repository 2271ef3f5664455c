// Dispatches one HTTP request: control endpoints, then recording, then the provider routes.
// Both protocols share one base URL, like a gateway's upstream base URL would.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ANTHROPIC_NOT_FOUND } from './anthropic-errors.js';
import { handleAnthropicCountTokens, handleAnthropicMessages, handleAnthropicModels } from './anthropic-routes.js';
import { handleControl } from './control-routes.js';
import { Exchange } from './exchange.js';
import { sendError } from './fault-injection.js';
import type { MockState } from './mock-state.js';
import { openAINotFound } from './openai-errors.js';
import { handleOpenAIChat, handleOpenAIEmbeddings, handleOpenAIModels } from './openai-routes.js';
import type { RequestBody } from './request-body.js';
import { readRequestBody, recordedBody } from './request-body.js';

const MODELS_PREFIX = '/v1/models/';

export async function handleRequest(req: IncomingMessage, res: ServerResponse, state: MockState): Promise<void> {
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  if (path.startsWith('/_mock/')) return handleControl(req, res, path, state);
  const record = state.log === null ? null : state.log.add(req, path, queryStart === -1 ? '' : url.slice(queryStart));
  const ex = new Exchange(req, res, record, () => state.shuttingDown);
  const body = await readRequestBody(req);
  if (body === null) return; // the client left while still sending; the close marks the abort
  if (record !== null) record.body = recordedBody(body);
  return route(ex, req.method ?? 'GET', path, body, state);
}

function route(ex: Exchange, method: string, path: string, body: RequestBody, state: MockState): Promise<void> | void {
  if (method === 'POST') {
    if (path === '/v1/chat/completions') return handleOpenAIChat(ex, body, state);
    if (path === '/v1/messages') return handleAnthropicMessages(ex, body, state);
    if (path === '/v1/embeddings') return handleOpenAIEmbeddings(ex, body, state);
    if (path === '/v1/messages/count_tokens') return handleAnthropicCountTokens(ex, body, state);
  }
  const anthropic = ex.req.headers['anthropic-version'] !== undefined;
  if (method === 'GET') {
    // One path, two providers: the anthropic-version header says which list is wanted.
    const modelId = path === '/v1/models' ? undefined : path.startsWith(MODELS_PREFIX) ? decodeURIComponent(path.slice(MODELS_PREFIX.length)) : null;
    if (modelId !== null) return anthropic ? handleAnthropicModels(ex, state, modelId) : handleOpenAIModels(ex, state, modelId);
    // vLLM's liveness probe; gateways health-check vLLM upstreams with it.
    if (path === '/health') return ex.text(200, 'text/plain', '');
  }
  sendError(ex, anthropic || path.startsWith('/v1/messages') ? ANTHROPIC_NOT_FOUND : openAINotFound(method, path));
}
