import { GatewayError } from '../../errors/gateway-error.js';
import type { Trace } from '../../trace/trace.js';

/**
 * The error a client gets when no step of the chain answered. One failed attempt is passed on
 * as it was (its status, Retry-After and message); several are summed up in one message that
 * names every attempt, with the last one's code and status. With no attempt at all, the skips
 * say why: the cost cap, the deadline, or open breakers.
 */
export function chainFailure(errors: readonly GatewayError[], trace: Trace): GatewayError {
  const last = errors[errors.length - 1];
  if (last === undefined) {
    const skipped = trace.attempts.filter((a) => a.outcome === 'skipped');
    const reasons = skipped.map((a) => `${a.target}: ${a.why ?? 'skipped'}`).join('; ');
    if (skipped.some((a) => a.why?.includes('cost cap'))) return new GatewayError('cost_cap_exceeded', `No step fits the cost cap: ${reasons}.`);
    if (skipped.some((a) => a.why?.startsWith('rate limit'))) return new GatewayError('rate_limited', `Every upstream is at its rate limit: ${reasons}.`, { retryAfterSeconds: 1 });
    if (skipped.some((a) => a.why === 'delay budget spent')) return new GatewayError('deadline_exceeded', `The delay budget ran out: ${reasons}.`);
    return new GatewayError('no_route_available', `No upstream can take this request now: ${reasons}.`, { retryAfterSeconds: 1 });
  }
  if (errors.length === 1) return last;
  const tried = trace.attempts
    .filter((a) => a.outcome === 'error')
    .map((a) => `${a.target}${a.try > 0 ? ` (retry ${a.try})` : ''}: ${a.errorMessage ?? a.errorCode ?? 'failed'}`);
  const status = last.code === 'context_length_exceeded' || last.code === 'unsupported_translation' ? 400 : last.status;
  return new GatewayError(last.code, `All ${tried.length} attempts failed. ${tried.join(' | ')}`, {
    status,
    ...(last.param === undefined ? {} : { param: last.param }),
    ...(last.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: last.retryAfterSeconds }),
  });
}
