import type { Deps } from '../deps.js';
import type { HeaderBag, Principal } from '../auth/key-authenticator.js';
import { ResponseAccumulator } from '../canonical/response-events.js';
import type { CanonicalResponse, Usage } from '../canonical/types.js';
import type { Surface } from '../errors/error-envelope.js';
import { isGatewayError } from '../errors/gateway-error.js';
import type { Cancellation } from '../http/cancellation.js';
import { ANTHROPIC_PASS_HEADERS, wantsStreamUsage } from '../protocols/client-options.js';
import { PROTOCOLS } from '../protocols/protocol-registry.js';
import { costUsd } from '../routing/model-catalog.js';
import type { Trace } from '../trace/trace.js';
import type { RecordedBodies } from '../trace/trace-to-record.js';
import { sendError, toGatewayError } from './error-response.js';
import type { ResponseSink } from './response-sink.js';
import { attemptChain, type ChainSuccess } from './stages/attempt-chain.js';
import { cacheApplies, cacheLookup, cacheStore, type CacheLookup } from './stages/cache.js';
import { cacheHeaders, serveCacheHit } from './stages/serve-cache-hit.js';
import { ingress } from './stages/ingress.js';
import { applyPromptReference, namesPrompt } from './stages/prompt.js';
import { applyModelAllowList, applyRequestPolicy } from './stages/policy-pre.js';
import { applyResponsePolicy, streamFilter } from './stages/policy-post.js';
import { RequestRateLimit } from './stages/rate-limit.js';
import { respondStream } from './stages/respond-stream.js';
import { route } from './stages/route.js';

const NOT_CACHED: CacheLookup = Object.freeze({});

export interface ChatRequestContext {
  surface: Surface;
  body: unknown;
  headers: HeaderBag;
  /** Set by the key check, which runs before the body is read (see server/admit.ts). */
  principal: Principal;
  trace: Trace;
  /** Cancelled when the client disconnects or the gateway cuts in-flight work at shutdown. */
  signal: Cancellation;
  sink: ResponseSink;
}

/**
 * The chat pipeline, in order (docs/pipeline.md draws it):
 *   authenticate (before the body is read) → ingress → route → admit (rate limits) →
 *   attempt chain (model limits, breakers, retries, fallbacks) → respond → settle.
 * Later stages (policy, prompt, cache) slot in here, each in its own file.
 */
export async function runChatPipeline(deps: Deps, ctx: ChatRequestContext): Promise<void> {
  const { surface, trace, sink, signal } = ctx;
  trace.tenant = ctx.principal.tenant;
  trace.keyId = ctx.principal.keyId;
  let limit: RequestRateLimit | undefined;
  let served: ChainSuccess | undefined;
  // What the recorder keeps (when it keeps bodies): the request after redaction, the answer.
  // A canonical answer is serialised only if a sink asks for the bodies (see settle).
  const bodies: PendingBodies = {};
  try {
    // Stages with nothing to do are skipped without an await: each costs a promise and a turn.
    const withPrompt = namesPrompt(ctx.body) ? await applyPromptReference(deps.prompts, surface, ctx.body, ctx.principal.tenant, trace) : ctx.body;
    const decoded = ingress(surface, withPrompt);
    trace.requestedModel = decoded.request.model;
    trace.stream = decoded.request.stream;
    if (decoded.request.maxTokens !== undefined) trace.maxTokens = decoded.request.maxTokens;
    const policy = deps.policy.for(decoded.request.model, ctx.principal.tenant);
    const { request, body } = applyRequestPolicy(policy, decoded.request, decoded.body, ctx.principal.tenant, trace);
    bodies.request = body;
    const cached = cacheApplies(deps, request) ? await cacheLookup(deps, ctx.principal.tenant, request, ctx.headers, trace) : NOT_CACHED;
    if (cached.hit !== undefined) {
      bodies.answer = cached.hit.response;
      await serveCacheHit(sink, surface, body, cached.hit, trace, policy);
      return;
    }
    const { decision, features } = route(deps, surface, request, body, ctx.headers, ctx.principal, trace);
    applyModelAllowList(policy, decision);
    const { rateLimiter } = deps;
    if (rateLimiter !== undefined) {
      const estimate = { inputTokens: features.inputTokens, outputTokens: request.maxTokens ?? deps.config.raw.rateLimits.defaultOutputTokens };
      limit = new RequestRateLimit({ ...deps, rateLimiter }, ctx.principal, estimate, trace);
      await limit.admit();
    }
    const client = { protocol: surface, body, headers: passHeaders(ctx.headers) };
    const gate = limit === undefined ? undefined : (target: string) => limit!.enterTarget(target);
    served = await attemptChain(deps, decision, request, client, trace, signal, features.inputTokens, gate);
    const headers = successHeaders(surface, trace, served.candidate.target);
    if (limit !== undefined) Object.assign(headers, limit.headers());
    if (trace.cache !== undefined) Object.assign(headers, cacheHeaders(trace));
    const store = (response: CanonicalResponse, complete: boolean): void => {
      if (cached.plan !== undefined) cacheStore(deps, ctx.principal.tenant, request.model, cached.plan, response, complete, served!.candidate.target, trace);
    };
    const { outcome } = served;
    if (outcome.kind === 'json') {
      // Only read (and so decode) the canonical answer when a response hook needs it.
      const checked = policy.hooks.response.length === 0 ? undefined : applyResponsePolicy(policy, outcome.response, trace);
      const untouched = checked === undefined || checked === outcome.response;
      // An untouched same-protocol answer goes out byte for byte as the upstream sent it.
      const payload = untouched && outcome.rawText !== undefined ? outcome.rawText : JSON.stringify(PROTOCOLS[surface].encodeResponse(checked ?? outcome.response));
      sink.json(200, headers, payload);
      bodies.response = payload;
      finish(trace, served, outcome.usage, checked?.stopReason ?? outcome.stopReason);
      if (cached.plan !== undefined) store(checked ?? outcome.response, true);
      return;
    }
    trace.timings.ttftMs = served.record.startMs + (served.ttftMs ?? 0);
    const accumulator = new ResponseAccumulator();
    try {
      const filter = streamFilter(policy);
      const delivered = await respondStream(sink, { surface, passthrough: outcome.passthrough, includeUsage: wantsStreamUsage(body), chunks: outcome.chunks, headers, accumulator, ...(filter === undefined ? {} : { filter }) });
      finish(trace, served, delivered.response.usage, delivered.response.stopReason);
      bodies.answer = delivered.response;
      store(delivered.response, delivered.complete && !sink.closed);
      if (delivered.complete) served.permit.success();
      else {
        served.permit.release();
        if (trace.outcome !== undefined) trace.outcome.partial = true;
      }
    } catch (error) {
      // What did reach the client is still charged (counted when the upstream sent no usage).
      finish(trace, served, accumulator.usageOrCounted(), undefined);
      if (sink.closed) served.permit.release();
      else served.permit.failure(isGatewayError(error) ? error.code : 'stream_error');
      throw error;
    }
  } catch (error) {
    // A cancellation carries its reason: the gateway's own (shutdown) is told to the client;
    // a client that left is told nothing.
    const cause = signal.aborted ? signal.reason : error;
    if (sink.closed && !isGatewayError(cause)) trace.outcome = { ...trace.outcome, status: 499, clientAborted: true };
    else {
      const gatewayError = toGatewayError(cause);
      const retryAfterMs = gatewayError.code === 'rate_limited' && gatewayError.retryAfterSeconds !== undefined ? gatewayError.retryAfterSeconds * 1000 : undefined;
      await sendError(sink, surface, gatewayError, trace, limit?.headers(retryAfterMs));
    }
  } finally {
    limit?.settle(trace.outcome?.usage, trace.outcome?.servedBy);
    settle(deps, ctx, bodies);
  }
}

function finish(trace: Trace, served: ChainSuccess, usage: Usage, stopReason: NonNullable<Trace['outcome']>['stopReason']): void {
  trace.outcome = { status: 200, usage, servedBy: served.candidate.target };
  if (stopReason !== undefined) trace.outcome.stopReason = stopReason;
  const cost = costUsd(served.candidate.info, usage.inputTokens, usage.outputTokens);
  if (cost !== undefined) trace.outcome.costUsd = cost;
}

/** After the response: finish the trace and hand it on. Never throws, never blocks. */
/** The bodies as the pipeline holds them: the answer either as sent (text) or canonical. */
interface PendingBodies extends RecordedBodies {
  answer?: CanonicalResponse;
}

function recordedBodies(bodies: PendingBodies): RecordedBodies {
  const recorded: RecordedBodies = {};
  if (bodies.request !== undefined) recorded.request = bodies.request;
  const response = bodies.response ?? (bodies.answer === undefined ? undefined : JSON.stringify(bodies.answer));
  if (response !== undefined) recorded.response = response;
  return recorded;
}

function settle(deps: Deps, ctx: ChatRequestContext, bodies: PendingBodies): void {
  const { trace } = ctx;
  if (ctx.sink.closed) trace.outcome = { status: 499, ...trace.outcome, clientAborted: true };
  trace.timings.totalMs = deps.now() - trace.startedAt;
  trace.timings.upstreamMs = trace.attempts.reduce((sum, a) => sum + a.latencyMs, 0);
  if (trace.outcome?.errorCode === 'internal_error') deps.logger.error({ trace }, 'internal error');
  deps.traces.record(trace, () => recordedBodies(bodies));
}

function successHeaders(surface: Surface, trace: Trace, served: string): Record<string, string> {
  const headers: Record<string, string> = {
    'x-request-id': trace.id,
    'x-gateway-model': served,
    'x-gateway-attempts': String(triedCount(trace)),
  };
  if (surface === 'anthropic') headers['request-id'] = trace.id;
  return headers;
}


function triedCount(trace: Trace): number {
  let tried = 0;
  for (const attempt of trace.attempts) if (attempt.outcome !== 'skipped') tried++;
  return tried;
}

function passHeaders(headers: HeaderBag): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ANTHROPIC_PASS_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}
