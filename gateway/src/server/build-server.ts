import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { errorEnvelope } from '../errors/error-envelope.js';
import { GatewayError, isGatewayError } from '../errors/gateway-error.js';
import { errorHeaders } from '../pipeline/error-response.js';
import type { GatewayState } from './gateway-state.js';
import { registerAdminRoutes } from './routes/admin-routes.js';
import { registerChatRoutes } from './routes/chat-routes.js';
import { registerEmbeddingsRoute } from './routes/embeddings-route.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerModelsRoute } from './routes/models-route.js';
import { registerPromptRoutes } from './routes/prompt-routes.js';
import { createRequestIds } from './request-ids.js';
import { surfaceOf } from './surface-of.js';

/** Builds the HTTP server: body parsing, error envelopes and the routes. It does not listen. */
export function buildServer(state: GatewayState): FastifyInstance {
  const { config } = state.deps;
  const app = Fastify({
    // Logging goes through Deps.logger (see start-gateway.ts).
    logger: false,
    bodyLimit: config.raw.server.bodyLimitBytes,
    // Our own ids: every response carries one, and it is also the trace's id.
    genReqId: createRequestIds(),
    requestIdHeader: false,
    return503OnClosing: false,
    forceCloseConnections: false,
  });

  // Clients send JSON under many content types (curl defaults to form encoding); parse
  // every body as JSON so the error is about the JSON, not the header.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(new GatewayError('invalid_json', 'The request body is empty; send a JSON object.'), undefined);
      return;
    }
    try {
      done(null, JSON.parse(text) as unknown);
    } catch (error) {
      done(new GatewayError('invalid_json', `The request body is not valid JSON: ${(error as Error).message}`), undefined);
    }
  });

  app.addHook('onRequest', (request, reply, done) => {
    if (state.draining && !request.url.startsWith('/healthz')) {
      done(new GatewayError('shutting_down', 'The gateway is shutting down; retry on another instance.'));
      return;
    }
    done();
  });
  // Replies Fastify sends itself (health, admin, errors) get the id here; chat and embeddings
  // write their own headers (their replies are hijacked and skip onSend).
  app.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-request-id', request.id);
    done(null, payload);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => sendFastifyError(state, error, request, reply));
  app.setNotFoundHandler((request, reply) =>
    sendFastifyError(state, new GatewayError('route_not_found', `Unknown endpoint: ${request.method} ${request.url.split('?')[0]}`), request, reply),
  );

  registerHealthRoutes(app, state);
  registerChatRoutes(app, state);
  registerEmbeddingsRoute(app, state);
  registerModelsRoute(app, state);
  registerAdminRoutes(app, state);
  registerPromptRoutes(app, state);
  return app;
}

function sendFastifyError(state: GatewayState, raw: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const error = fromFastifyError(raw);
  if (error.code === 'internal_error') state.deps.logger.error({ err: raw, requestId: request.id }, 'unhandled error');
  const surface = surfaceOf(request);
  return reply
    .status(error.status)
    .headers({ ...errorHeaders(surface, error, request.id), ...(state.draining ? { connection: 'close' } : {}) })
    .send(errorEnvelope(surface, error, request.id));
}

/** Fastify's own errors (body limit, parser) mapped onto the registry; anything else is a bug. */
function fromFastifyError(error: unknown): GatewayError {
  if (isGatewayError(error)) return error;
  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new GatewayError('payload_too_large', 'The request body is larger than this gateway accepts (server.bodyLimitBytes).');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new GatewayError('invalid_json', fastifyError.message ?? 'Invalid request body.');
  }
  if (fastifyError.statusCode === 400) return new GatewayError('invalid_request', fastifyError.message ?? 'Invalid request.');
  return new GatewayError('internal_error', 'The gateway failed to handle this request.', { cause: error });
}
