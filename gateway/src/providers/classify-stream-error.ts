import { UpstreamProtocolError, UpstreamStreamError } from '../canonical/translation-errors.js';
import { GatewayError } from '../errors/gateway-error.js';

/** Maps a decoder's complaint about a stream (an error event, a malformed chunk) to the registry. */
export function classifyStreamError(target: string, error: unknown): GatewayError | undefined {
  if (error instanceof UpstreamStreamError) {
    const type = error.info.type ?? error.info.code ?? 'error';
    const code = /rate_limit/.test(type) ? 'upstream_rate_limited' : 'upstream_error';
    return new GatewayError(code, `upstream ${target} sent an error in the stream (${type}): ${error.info.message}`);
  }
  if (error instanceof UpstreamProtocolError || error instanceof SyntaxError) {
    return new GatewayError('upstream_protocol_error', `upstream ${target} sent a malformed stream: ${error.message}`);
  }
  return undefined;
}
