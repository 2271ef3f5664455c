import { errorEnvelope, type Surface } from '../errors/error-envelope.js';
import { GatewayError, isGatewayError } from '../errors/gateway-error.js';
import type { Trace } from '../trace/trace.js';
import type { ResponseSink } from './response-sink.js';

/** Anything thrown becomes a GatewayError; a non-gateway error is a bug and is never shown. */
export function toGatewayError(error: unknown): GatewayError {
  if (isGatewayError(error)) return error;
  return new GatewayError('internal_error', 'The gateway failed to handle this request.', { cause: error });
}

export function errorHeaders(surface: Surface, error: GatewayError, requestId: string): Record<string, string> {
  const headers: Record<string, string> = { 'x-request-id': requestId };
  if (surface === 'anthropic') headers['request-id'] = requestId;
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  return headers;
}

/**
 * Ends a request with an error in the client's protocol: a status and envelope when nothing
 * was sent yet, or an error event inside a stream that already started (OpenAI SDKs raise on
 * a `data: {"error":…}` chunk, Anthropic SDKs on `event: error`).
 */
export async function sendError(sink: ResponseSink, surface: Surface, error: GatewayError, trace: Trace, extraHeaders: Record<string, string> = {}): Promise<void> {
  trace.outcome = { ...trace.outcome, status: error.status, errorCode: error.code, errorMessage: error.message };
  if (sink.closed) return;
  const body = JSON.stringify(errorEnvelope(surface, error, trace.id));
  if (!sink.started) {
    sink.json(error.status, { ...extraHeaders, ...errorHeaders(surface, error, trace.id) }, body);
    return;
  }
  trace.outcome.partial = true;
  await sink.write(surface === 'anthropic' ? `event: error\ndata: ${body}\n\n` : `data: ${body}\n\n`);
  sink.end();
}
