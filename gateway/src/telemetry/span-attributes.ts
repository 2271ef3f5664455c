import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT } from '@opentelemetry/semantic-conventions';
import type { AttemptRecord, Trace } from '../trace/trace.js';
import type { TelemetryInput } from './telemetry-input.js';
import { traceExtras } from './trace-extras.js';
import { splitTarget } from './trace-labels.js';

/**
 * GenAI semantic conventions (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/).
 * Still "development" status, so the names are copied here rather than imported from the
 * package's unstable `incubating` entry point, as the package itself advises.
 */
const GEN_AI = {
  operation: 'gen_ai.operation.name',
  /** Deprecated in favour of gen_ai.provider.name; both are set while backends migrate. */
  system: 'gen_ai.system',
  provider: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  responseModel: 'gen_ai.response.model',
  maxTokens: 'gen_ai.request.max_tokens',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  finishReasons: 'gen_ai.response.finish_reasons',
} as const;

/** What spans need to know about a configured provider (ResolvedProvider fits). */
export interface ProviderInfo {
  type: string;
  baseUrl?: string;
}

export type ProviderLookup = ReadonlyMap<string, ProviderInfo>;

/** Attributes of the root (SERVER) span: the request as the client saw it, and every decision. */
export function rootAttributes(input: TelemetryInput, providers: ProviderLookup | undefined): Attributes {
  const { trace } = input;
  const served = trace.outcome?.servedBy === undefined ? undefined : splitTarget(trace.outcome.servedBy);
  const usage = trace.outcome?.usage;
  const extras = traceExtras(trace);
  const route = trace.route;
  return compact({
    [GEN_AI.operation]: operationOf(trace),
    [GEN_AI.requestModel]: trace.requestedModel,
    [GEN_AI.responseModel]: served?.model,
    ...(served === undefined ? {} : systemOf(served.provider, providers)),
    [GEN_AI.maxTokens]: input.maxTokens ?? extras.maxTokens,
    [GEN_AI.inputTokens]: usage?.inputTokens,
    [GEN_AI.outputTokens]: usage?.outputTokens,
    [GEN_AI.finishReasons]: trace.outcome?.stopReason === undefined ? undefined : [trace.outcome.stopReason],
    [ATTR_HTTP_RESPONSE_STATUS_CODE]: trace.outcome?.status,
    [ATTR_ERROR_TYPE]: trace.outcome?.errorCode ?? (trace.outcome?.clientAborted === true ? 'client_aborted' : undefined),
    'llm_gateway.request_id': trace.id,
    'llm_gateway.surface': trace.surface,
    'llm_gateway.endpoint': trace.endpoint,
    'llm_gateway.tenant': trace.tenant,
    'llm_gateway.key_id': trace.keyId,
    'llm_gateway.config_hash': trace.configHash,
    'llm_gateway.stream': trace.stream,
    'llm_gateway.served_by': trace.outcome?.servedBy,
    'llm_gateway.cost_usd': trace.outcome?.costUsd,
    'llm_gateway.client_aborted': trace.outcome?.clientAborted,
    'llm_gateway.partial': trace.outcome?.partial,
    'llm_gateway.cache': extras.cache.length === 0 ? undefined : extras.cache.map((c) => `${c.layer}:${c.outcome}`),
    'llm_gateway.route.rule': route?.rule?.name,
    'llm_gateway.route.via': route?.via,
    'llm_gateway.route.uses': route?.uses,
    'llm_gateway.route.candidates': route?.candidates.map((c) => c.target),
    'llm_gateway.route.excluded': route === undefined || route.excluded.length === 0 ? undefined : route.excluded.map((e) => `${e.target}: ${e.reason}`),
    'llm_gateway.route.split': route?.split?.chosen,
    'llm_gateway.route.classifier': route?.classifier?.label,
    'llm_gateway.rate_limit.tier': trace.rateLimit?.tier ?? undefined,
    'llm_gateway.rate_limit.queued_ms': trace.rateLimit?.queuedMs,
    'llm_gateway.rate_limit.refused': trace.rateLimit?.refused?.dimension,
    'llm_gateway.rate_limit.fail_open': trace.rateLimit?.degraded,
    'llm_gateway.attempts': trace.attempts.filter((a) => a.outcome !== 'skipped').length,
  });
}

/** Attributes of one upstream call (CLIENT span), in GenAI client-span terms. */
export function attemptAttributes(trace: Trace, attempt: AttemptRecord, providers: ProviderLookup | undefined): Attributes {
  const { provider, model } = splitTarget(attempt.target);
  const succeeded = attempt.outcome === 'ok';
  const usage = succeeded && trace.outcome?.servedBy === attempt.target ? trace.outcome.usage : undefined;
  return compact({
    [GEN_AI.operation]: operationOf(trace),
    [GEN_AI.requestModel]: model,
    [GEN_AI.responseModel]: succeeded ? model : undefined,
    ...systemOf(provider, providers),
    ...serverOf(providers?.get(provider)?.baseUrl),
    [GEN_AI.inputTokens]: usage?.inputTokens,
    [GEN_AI.outputTokens]: usage?.outputTokens,
    [ATTR_ERROR_TYPE]: succeeded ? undefined : (attempt.errorCode ?? attempt.outcome),
    'llm_gateway.provider': provider,
    'llm_gateway.attempt.target': attempt.target,
    'llm_gateway.attempt.try': attempt.try,
    'llm_gateway.attempt.outcome': attempt.outcome,
    'llm_gateway.attempt.decision': attempt.decision,
    'llm_gateway.attempt.why': attempt.why,
    'llm_gateway.attempt.breaker': attempt.breaker,
    'llm_gateway.attempt.passthrough': attempt.passthrough,
    'llm_gateway.attempt.http_status': attempt.httpStatus,
    'llm_gateway.attempt.ttft_ms': attempt.ttftMs,
    'llm_gateway.attempt.estimated_cost_usd': attempt.estimatedCostUsd,
  });
}

/** The endpoints are named as the semconv operations are (`chat`, `embeddings`). */
export function operationOf(trace: Trace): string {
  return trace.endpoint;
}

/**
 * gen_ai.system / gen_ai.provider.name from the provider's wire type (openai, anthropic):
 * what the backend speaks, which is what those attributes describe. An OpenAI-compatible
 * vLLM reports `openai`; its configured name is in llm_gateway.provider.
 */
function systemOf(providerName: string, providers: ProviderLookup | undefined): Attributes {
  const type = providers?.get(providerName)?.type ?? providerName;
  return { [GEN_AI.system]: type, [GEN_AI.provider]: type };
}

function serverOf(baseUrl: string | undefined): Attributes {
  if (baseUrl === undefined) return {};
  try {
    const url = new URL(baseUrl);
    const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
    return { [ATTR_SERVER_ADDRESS]: url.hostname, [ATTR_SERVER_PORT]: port };
  } catch {
    return {};
  }
}

/** Drops undefined values: the SDK would log a warning for each one. */
function compact(values: Record<string, AttributeValue | undefined>): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) out[key] = value;
  return out;
}
