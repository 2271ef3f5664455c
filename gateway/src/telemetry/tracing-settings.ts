import { parseKeyPairsIntoRecord } from '@opentelemetry/core';

export type Env = Readonly<Record<string, string | undefined>>;

export type SamplerSetting =
  | { kind: 'always_on' | 'always_off' | 'parentbased_always_on' | 'parentbased_always_off' }
  | { kind: 'traceidratio' | 'parentbased_traceidratio'; ratio: number };

export interface BatchSettings {
  scheduledDelayMillis?: number;
  maxQueueSize?: number;
  maxExportBatchSize?: number;
  exportTimeoutMillis?: number;
}

export type TracingSettings =
  | { enabled: false; reason: string; warnings: string[] }
  | {
      enabled: true;
      /** Full URL of the OTLP/HTTP traces endpoint (…/v1/traces). */
      url: string;
      headers: Record<string, string>;
      timeoutMillis: number | undefined;
      serviceName: string;
      resourceAttributes: Record<string, string>;
      sampler: SamplerSetting;
      batch: BatchSettings;
      warnings: string[];
    };

const DEFAULT_SERVICE_NAME = 'llm-gateway';
/** The spec's default OTLP/HTTP endpoint, used only when an exporter is asked for by name. */
const DEFAULT_ENDPOINT = 'http://localhost:4318/';

/**
 * Reads the standard OTEL_* variables
 * (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/ and
 * https://opentelemetry.io/docs/specs/otel/protocol/exporter/). One deliberate difference:
 * with no endpoint and no OTEL_TRACES_EXPORTER, tracing is off instead of sending to
 * localhost:4318, so a gateway without a collector builds no spans at all.
 */
export function tracingSettingsFromEnv(env: Env): TracingSettings {
  const warnings: string[] = [];
  const off = (reason: string): TracingSettings => ({ enabled: false, reason, warnings });
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return off('OTEL_SDK_DISABLED=true');
  const exporters = listOf(env.OTEL_TRACES_EXPORTER);
  const named = exporters.length > 0;
  if (named && exporters.every((name) => name === 'none')) return off('OTEL_TRACES_EXPORTER=none');
  for (const name of exporters) {
    if (name !== 'otlp' && name !== 'none') warnings.push(`OTEL_TRACES_EXPORTER: "${name}" is not supported here; only otlp (OTLP/HTTP) is`);
  }
  if (named && !exporters.includes('otlp')) return off(`OTEL_TRACES_EXPORTER=${env.OTEL_TRACES_EXPORTER ?? ''} names no supported exporter`);
  let configured: string | undefined;
  try {
    configured = endpointOf(env);
  } catch {
    return off('OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT is not a valid URL');
  }
  const url = configured ?? (named ? new URL('v1/traces', DEFAULT_ENDPOINT).href : undefined);
  if (url === undefined) return off('no OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const protocol = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL)?.trim();
  if (protocol !== undefined && protocol !== '' && protocol !== 'http/json') {
    // The OTLP/HTTP exporter this package ships encodes JSON; collectors accept both encodings on /v1/traces.
    warnings.push(`OTEL_EXPORTER_OTLP_PROTOCOL=${protocol}: spans are sent as http/json (OTLP/HTTP with JSON encoding)`);
  }
  const resourceAttributes = parseKeyPairsIntoRecord(env.OTEL_RESOURCE_ATTRIBUTES);
  return {
    enabled: true,
    url,
    headers: { ...parseKeyPairsIntoRecord(env.OTEL_EXPORTER_OTLP_HEADERS), ...parseKeyPairsIntoRecord(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS) },
    timeoutMillis: positive(env.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT ?? env.OTEL_EXPORTER_OTLP_TIMEOUT),
    // OTEL_SERVICE_NAME wins over service.name in OTEL_RESOURCE_ATTRIBUTES (spec).
    serviceName: nonEmpty(env.OTEL_SERVICE_NAME) ?? resourceAttributes['service.name'] ?? DEFAULT_SERVICE_NAME,
    resourceAttributes,
    sampler: samplerOf(env, warnings),
    batch: batchOf(env),
    warnings,
  };
}

/** The signal-specific endpoint is used as given; the generic one gets `v1/traces` appended (spec). Throws on a bad URL. */
function endpointOf(env: Env): string | undefined {
  const specific = nonEmpty(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  if (specific !== undefined) return new URL(specific).href;
  const base = nonEmpty(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  if (base === undefined) return undefined;
  return new URL('v1/traces', base.endsWith('/') ? base : `${base}/`).href;
}

function samplerOf(env: Env, warnings: string[]): SamplerSetting {
  const name = nonEmpty(env.OTEL_TRACES_SAMPLER)?.toLowerCase() ?? 'parentbased_always_on';
  switch (name) {
    case 'always_on':
    case 'always_off':
    case 'parentbased_always_on':
    case 'parentbased_always_off':
      return { kind: name };
    case 'traceidratio':
    case 'parentbased_traceidratio': {
      const ratio = Number(env.OTEL_TRACES_SAMPLER_ARG ?? '1');
      if (Number.isFinite(ratio) && ratio >= 0 && ratio <= 1) return { kind: name, ratio };
      warnings.push(`OTEL_TRACES_SAMPLER_ARG=${env.OTEL_TRACES_SAMPLER_ARG ?? ''} is not a ratio in [0, 1]; using 1`);
      return { kind: name, ratio: 1 };
    }
    default:
      warnings.push(`OTEL_TRACES_SAMPLER=${name} is not supported; using parentbased_always_on`);
      return { kind: 'parentbased_always_on' };
  }
}

function batchOf(env: Env): BatchSettings {
  const batch: BatchSettings = {};
  const delay = positive(env.OTEL_BSP_SCHEDULE_DELAY);
  if (delay !== undefined) batch.scheduledDelayMillis = delay;
  const queue = positive(env.OTEL_BSP_MAX_QUEUE_SIZE);
  if (queue !== undefined) batch.maxQueueSize = queue;
  const size = positive(env.OTEL_BSP_MAX_EXPORT_BATCH_SIZE);
  if (size !== undefined) batch.maxExportBatchSize = queue === undefined ? size : Math.min(size, queue);
  const timeout = positive(env.OTEL_BSP_EXPORT_TIMEOUT);
  if (timeout !== undefined) batch.exportTimeoutMillis = timeout;
  return batch;
}

function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function positive(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isFinite(n) && n > 0 ? n : undefined;
}
