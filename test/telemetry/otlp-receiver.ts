import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One OTLP/HTTP JSON span, as much of it as the tests read (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding). */
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes?: OtlpKeyValue[];
  events?: Array<{ name: string; attributes?: OtlpKeyValue[] }>;
  status?: { code?: number; message?: string };
}

export interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}

export interface OtlpAnyValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: OtlpAnyValue[] };
}

interface ExportRequest {
  resourceSpans?: Array<{ resource?: { attributes?: OtlpKeyValue[] }; scopeSpans?: Array<{ spans?: OtlpSpan[] }> }>;
}

export interface ReceivedExport {
  path: string;
  contentType: string | undefined;
  resource: Record<string, unknown>;
  spans: OtlpSpan[];
}

export interface OtlpReceiver {
  /** Base URL, for OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  exports: ReceivedExport[];
  spans(): OtlpSpan[];
  /** Answer every later POST with this status (400 = rejected, not retried by the exporter). */
  respondWith(status: number): void;
  close(): Promise<void>;
}

/**
 * A minimal OTLP/HTTP collector: POST /v1/traces with a JSON body, as the
 * exporter-trace-otlp-http package sends it. Protobuf bodies are refused (415), so a test
 * notices if the exporter ever switches encoding.
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const exports: ReceivedExport[] = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const contentType = req.headers['content-type'];
      if (req.method !== 'POST' || req.url !== '/v1/traces') return void res.writeHead(404).end();
      if (contentType?.startsWith('application/json') !== true) return void res.writeHead(415).end();
      if (status !== 200) return void res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      const parsed = JSON.parse(body) as ExportRequest;
      for (const resourceSpans of parsed.resourceSpans ?? []) {
        const spans = (resourceSpans.scopeSpans ?? []).flatMap((s) => s.spans ?? []);
        exports.push({ path: req.url, contentType, resource: attributeMap(resourceSpans.resource?.attributes), spans });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"partialSuccess":{}}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exports,
    spans: () => exports.flatMap((e) => e.spans),
    respondWith: (code) => {
      status = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** OTLP attribute list → plain object (ints as numbers, arrays as arrays). */
export function attributeMap(attributes: OtlpKeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of attributes ?? []) out[key] = plain(value);
  return out;
}

function plain(value: OtlpAnyValue): unknown {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(plain);
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
