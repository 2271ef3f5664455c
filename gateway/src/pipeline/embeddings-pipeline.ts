import { z } from 'zod';
import type { HeaderBag, Principal } from '../auth/key-authenticator.js';
import type { Deps } from '../deps.js';
import type { Cancellation } from '../http/cancellation.js';
import type { AttemptRecord, Trace } from '../trace/trace.js';
import { sendError, toGatewayError } from './error-response.js';
import type { ResponseSink } from './response-sink.js';
import { schemaError } from './stages/ingress.js';
import { GatewayError } from '../errors/gateway-error.js';
import { resolveModel } from '../routing/resolve-model.js';

/** POST /v1/embeddings (OpenAI format); unknown fields pass through to the upstream. */
export const embeddingsRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([
    z.string(),
    z.array(z.string()).min(1),
    z.array(z.number().int()).min(1),
    z.array(z.array(z.number().int()).min(1)).min(1),
  ]),
  encoding_format: z.enum(['float', 'base64']).optional(),
  dimensions: z.number().int().positive().optional(),
  user: z.string().optional(),
});

export interface EmbeddingsContext {
  body: unknown;
  headers: HeaderBag;
  principal: Principal;
  trace: Trace;
  signal: Cancellation;
  sink: ResponseSink;
}

export async function runEmbeddingsPipeline(deps: Deps, ctx: EmbeddingsContext): Promise<void> {
  const { trace, sink } = ctx;
  trace.tenant = ctx.principal.tenant;
  trace.keyId = ctx.principal.keyId;
  try {
    const parsed = embeddingsRequestSchema.safeParse(ctx.body);
    if (!parsed.success) throw schemaError(parsed.error);
    trace.requestedModel = parsed.data.model;
    // Embeddings resolve a name to one upstream (alias, provider/model, ...); chains are for chat.
    const target = resolveModel(parsed.data.model, deps.config);
    const provider = deps.providers.get(target.provider);
    if (provider === undefined) throw new GatewayError('internal_error', `provider ${target.provider} is configured but was not built`);
    const start = deps.now();
    const record: AttemptRecord = { target: `${target.provider}/${target.model}`, try: 0, startMs: start - trace.startedAt, latencyMs: 0, outcome: 'ok', passthrough: true };
    trace.attempts.push(record);
    let result: Record<string, unknown>;
    try {
      result = await provider.embeddings({ ...parsed.data, model: target.model }, ctx.signal);
    } catch (error) {
      record.outcome = 'error';
      throw error;
    } finally {
      record.latencyMs = deps.now() - start;
    }
    sink.json(200, { 'x-request-id': trace.id, 'x-gateway-model': record.target, 'x-gateway-attempts': '1' }, JSON.stringify(result));
    trace.outcome = { status: 200 };
  } catch (error) {
    if (sink.closed) trace.outcome = { status: 499, clientAborted: true };
    else await sendError(sink, 'openai', toGatewayError(error), trace);
  } finally {
    trace.timings.totalMs = deps.now() - trace.startedAt;
    deps.traces.record(trace);
  }
}
