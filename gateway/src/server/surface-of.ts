import type { FastifyRequest } from 'fastify';
import type { Surface } from '../errors/error-envelope.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The protocol whose error envelope this route answers in. */
    surface?: Surface;
  }
}

/** The surface a request speaks: its route's, else guessed from the path (for 404s). */
export function surfaceOf(request: FastifyRequest): Surface {
  const configured = request.routeOptions.config.surface;
  if (configured !== undefined) return configured;
  return request.url.startsWith('/v1/messages') || request.headers['anthropic-version'] !== undefined ? 'anthropic' : 'openai';
}
