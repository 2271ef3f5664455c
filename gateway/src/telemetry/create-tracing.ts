import { ROOT_CONTEXT, SpanKind, trace as traceApi } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, SamplingDecision, type Sampler, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { CountingSpanExporter } from './counting-span-exporter.js';
import { PresetIdGenerator, rootSpanIds, traceResponseHeader, type RootSpanIds } from './root-span-ids.js';
import { samplerFromSettings } from './sampler-from-settings.js';
import type { ProviderLookup } from './span-attributes.js';
import { projectTrace } from './span-projection.js';
import type { TelemetryInput } from './telemetry-input.js';
import type { IncomingTraceContext } from './trace-extras.js';
import { tracingSettingsFromEnv, type Env } from './tracing-settings.js';

/** The root span's identity for one request, known when it arrives. */
export interface RootSpanContext {
  traceId: string;
  spanId: string;
  sampled: boolean;
  /** Value for a W3C `traceresponse` response header. */
  traceresponse: string;
}

export interface Tracing {
  readonly enabled: boolean;
  /** Why tracing is off; undefined when on. */
  readonly disabledReason: string | undefined;
  /** Settings that were ignored or adjusted; worth a log line at start-up. */
  readonly warnings: readonly string[];
  /**
   * The ids the request's root span will have, for a `traceresponse` header sent with the
   * response (the span itself is built at settle). Undefined when tracing is off.
   */
  contextFor(requestId: string, incoming?: IncomingTraceContext): RootSpanContext | undefined;
  /** Projects the finished request into spans and queues them for export; never waits on the network. May throw. */
  record(input: TelemetryInput): RootSpanIds | undefined;
  /** Exports what is queued now (tests, or before a planned stop). Never rejects. */
  flush(): Promise<void>;
  /** Exports what is queued, then stops. Never rejects: export failures go to onExportError. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** Provider name → wire type and base URL, for gen_ai.system and server.address (config.providers fits). */
  providers?: ProviderLookup;
  /** Called when a batch of spans could not be exported (collector down, rejected). */
  onExportError?: (error: unknown) => void;
  /** Replaces the OTLP/HTTP exporter (tests). */
  exporter?: SpanExporter;
}

const TRACER_NAME = 'llm-gateway';

/**
 * Tracing from the standard OTEL_* variables (see tracing-settings.ts). Deliberately not
 * NodeSDK: that registers global providers and auto-instrumentation, which would create
 * spans while serving; here spans are projected from the finished Trace on a private
 * provider, and a BatchSpanProcessor exports them in the background.
 */
export function createTracing(env: Env, options: TracingOptions = {}): Tracing {
  const settings = tracingSettingsFromEnv(env);
  if (!settings.enabled) return disabledTracing(settings.reason, settings.warnings);
  const onExportError = options.onExportError ?? (() => undefined);
  const otlp = options.exporter ?? new OTLPTraceExporter({ url: settings.url, headers: settings.headers, ...(settings.timeoutMillis === undefined ? {} : { timeoutMillis: settings.timeoutMillis }) });
  const ids = new PresetIdGenerator();
  const sampler = samplerFromSettings(settings.sampler);
  const provider = new BasicTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ ...settings.resourceAttributes, [ATTR_SERVICE_NAME]: settings.serviceName })),
    sampler,
    idGenerator: ids,
    spanProcessors: [new BatchSpanProcessor(new CountingSpanExporter(otlp, onExportError), settings.batch)],
  });
  const tools = { tracer: provider.getTracer(TRACER_NAME), ids, providers: options.providers };
  let stopped: Promise<void> | undefined;
  return {
    enabled: true,
    disabledReason: undefined,
    warnings: settings.warnings,
    contextFor: (requestId, incoming = {}) => {
      const root = rootSpanIds(requestId, incoming.traceparent, incoming.tracestate);
      const sampled = isSampled(sampler, root);
      return { traceId: root.traceId, spanId: root.spanId, sampled, traceresponse: traceResponseHeader(root, sampled) };
    },
    record: (input) => {
      if (stopped !== undefined) return undefined;
      const root = rootSpanIds(input.trace.id, input.traceparent, input.tracestate);
      projectTrace(tools, input, root);
      return root;
    },
    // A failed export rejects the flush; it was already reported through onExportError, and
    // a collector that is down must not fail the gateway's shutdown.
    flush: () => provider.forceFlush().catch(() => undefined),
    shutdown: () => (stopped ??= provider.shutdown().catch(() => undefined)),
  };
}

/** The decision the tracer will make for the root span: the built-in samplers only look at the parent and the trace id. */
function isSampled(sampler: Sampler, root: RootSpanIds): boolean {
  const parent = root.parent === undefined ? ROOT_CONTEXT : traceApi.setSpanContext(ROOT_CONTEXT, root.parent);
  return sampler.shouldSample(parent, root.traceId, 'root', SpanKind.SERVER, {}, []).decision === SamplingDecision.RECORD_AND_SAMPLED;
}

function disabledTracing(reason: string, warnings: string[]): Tracing {
  return {
    enabled: false,
    disabledReason: reason,
    warnings,
    contextFor: () => undefined,
    record: () => undefined,
    flush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
}
