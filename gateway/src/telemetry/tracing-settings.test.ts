import { describe, expect, it } from 'vitest';
import { tracingSettingsFromEnv, type TracingSettings } from './tracing-settings.js';

function on(settings: TracingSettings): Extract<TracingSettings, { enabled: true }> {
  if (!settings.enabled) throw new Error(`expected tracing on, got off: ${settings.reason}`);
  return settings;
}

describe('tracingSettingsFromEnv', () => {
  it('is off without an endpoint, so a gateway without a collector builds no spans', () => {
    expect(tracingSettingsFromEnv({})).toMatchObject({ enabled: false });
  });

  it('appends v1/traces to the generic endpoint and takes the traces endpoint as given', () => {
    expect(on(tracingSettingsFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318' })).url).toBe('http://otel:4318/v1/traces');
    expect(on(tracingSettingsFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318/base/' })).url).toBe('http://otel:4318/base/v1/traces');
    const specific = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://tempo:4318/custom' };
    expect(on(tracingSettingsFromEnv(specific)).url).toBe('http://tempo:4318/custom');
  });

  it('uses the spec default endpoint only when an otlp exporter is asked for by name', () => {
    expect(on(tracingSettingsFromEnv({ OTEL_TRACES_EXPORTER: 'otlp' })).url).toBe('http://localhost:4318/v1/traces');
  });

  it('honours OTEL_SDK_DISABLED and OTEL_TRACES_EXPORTER=none', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318' };
    expect(tracingSettingsFromEnv({ ...endpoint, OTEL_SDK_DISABLED: 'TRUE' })).toMatchObject({ enabled: false, reason: 'OTEL_SDK_DISABLED=true' });
    expect(tracingSettingsFromEnv({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' })).toMatchObject({ enabled: false });
    expect(tracingSettingsFromEnv({ ...endpoint, OTEL_TRACES_EXPORTER: 'zipkin' })).toMatchObject({ enabled: false });
  });

  it('reads service name, resource attributes, headers, sampler and batch settings', () => {
    const settings = on(
      tracingSettingsFromEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318',
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=prod,service.name=ignored',
        OTEL_SERVICE_NAME: 'gw-eu',
        OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc,x-a=1',
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-a=2',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
        OTEL_BSP_SCHEDULE_DELAY: '200',
        OTEL_BSP_MAX_QUEUE_SIZE: '100',
        OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '512',
      }),
    );
    expect(settings.serviceName).toBe('gw-eu');
    expect(settings.resourceAttributes['deployment.environment']).toBe('prod');
    expect(settings.headers).toEqual({ authorization: 'Bearer abc', 'x-a': '2' });
    expect(settings.sampler).toEqual({ kind: 'parentbased_traceidratio', ratio: 0.25 });
    // A batch larger than the queue is clamped, as the SDK requires.
    expect(settings.batch).toEqual({ scheduledDelayMillis: 200, maxQueueSize: 100, maxExportBatchSize: 100 });
  });

  it('defaults the service name and warns about what it cannot honour', () => {
    const settings = on(tracingSettingsFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_TRACES_SAMPLER: 'jaeger_remote' }));
    expect(settings.serviceName).toBe('llm-gateway');
    expect(settings.sampler).toEqual({ kind: 'parentbased_always_on' });
    expect(settings.warnings).toHaveLength(2);
  });

  it('turns tracing off, rather than failing start-up, on an endpoint that is not a URL', () => {
    expect(tracingSettingsFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' })).toMatchObject({ enabled: false });
  });
});
