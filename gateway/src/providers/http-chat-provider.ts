import { Pool, type Dispatcher } from 'undici';
import { UpstreamProtocolError } from '../canonical/translation-errors.js';
import { eventsFromResponse } from '../canonical/response-events.js';
import type { CanonicalResponse, StopReason, Usage } from '../canonical/types.js';
import type { ResolvedProvider } from '../config/resolved-config.js';
import type { Cancellation } from '../http/cancellation.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { ChatProtocol, ProtocolName } from '../protocols/chat-protocol.js';
import { wantsStreamUsage } from '../protocols/client-options.js';
import { peekOutcome } from '../protocols/peek-outcome.js';
import { PROTOCOLS } from '../protocols/protocol-registry.js';
import { classifyTransportError, classifyUpstreamStatus } from './classify-upstream-error.js';
import type { ChatCall, ChatOutcome, ChatProvider, UpstreamChunk } from './provider.js';
import { readUpstreamStream } from './upstream-stream.js';
import { wireProfileFor, type WireProfile } from './wire-profile.js';

type HttpProviderConfig = Extract<ResolvedProvider, { type: 'openai' | 'anthropic' }>;

export interface HttpChatProviderOptions {
  defaultMaxTokens: number;
}

/**
 * A provider reached over HTTP in the OpenAI or Anthropic protocol (OpenAI itself, vLLM and
 * any OpenAI-compatible server, or Anthropic). One undici pool per provider keeps
 * connections alive; same-protocol calls forward the client's body, others are translated.
 */
export class HttpChatProvider implements ChatProvider {
  readonly name: string;
  readonly protocol: ProtocolName;
  private readonly pool: Pool;
  private readonly wire: WireProfile;
  private readonly codec: ChatProtocol<Record<string, unknown>>;
  private modelCache: { at: number; models: string[] } | undefined;

  constructor(
    private readonly config: HttpProviderConfig,
    private readonly options: HttpChatProviderOptions,
  ) {
    this.name = config.name;
    this.protocol = config.type;
    this.codec = PROTOCOLS[config.type];
    this.wire = wireProfileFor(config);
    this.pool = new Pool(new URL(config.baseUrl).origin, {
      connections: config.maxConnections,
      keepAliveTimeout: 30_000,
      headersTimeout: config.timeoutMs,
      bodyTimeout: config.timeoutMs,
    });
  }

  async chat(call: ChatCall): Promise<ChatOutcome> {
    const { request, client, signal } = call;
    const target = `${this.name}/${request.model}`;
    const passthrough = client.protocol === this.protocol;
    const body = passthrough
      ? this.wire.passthroughBody(client, request.model, request.stream)
      : this.codec.encodeRequest(request, { defaultMaxTokens: this.options.defaultMaxTokens });
    const response = await this.send(target, this.wire.chatPath, 'POST', this.wire.headers(client), JSON.stringify(body), signal);
    const contentType = String(response.headers['content-type'] ?? '');
    if (request.stream && contentType.includes('text/event-stream')) {
      const includeUsage = wantsStreamUsage(client.body);
      const chunks = readUpstreamStream({
        target,
        body: response.body,
        decoder: this.codec.createStreamDecoder(),
        hideUsageOnlyChunks: passthrough && this.protocol === 'openai' && !includeUsage,
        signal,
      });
      return { kind: 'stream', passthrough, chunks };
    }
    const { json, text } = await readJson(target, response);
    const peeked = passthrough && !request.stream ? peekOutcome(this.protocol, json) : undefined;
    if (peeked !== undefined) return new PassthroughJsonOutcome(peeked.usage, peeked.stopReason, json, text, target, this.codec);
    const canonical = decodeOrThrow(target, () => this.codec.decodeResponse(json));
    if (request.stream) {
      // The upstream ignored `stream`: serve its whole answer as a stream.
      return { kind: 'stream', passthrough: false, chunks: iterate(eventsFromResponse(canonical).map((e) => ({ events: [e] }))) };
    }
    const outcome = { kind: 'json' as const, response: canonical, usage: canonical.usage, stopReason: canonical.stopReason };
    return passthrough ? { ...outcome, raw: json, rawText: text } : outcome;
  }

  async embeddings(body: Readonly<Record<string, unknown>>, signal: Cancellation): Promise<Record<string, unknown>> {
    const path = this.wire.embeddingsPath;
    const target = `${this.name}/${String(body.model)}`;
    if (path === undefined) throw new GatewayError('unsupported_operation', `${this.name} (${this.protocol}) does not offer embeddings`);
    const response = await this.send(target, path, 'POST', this.wire.headers(undefined), JSON.stringify(body), signal);
    return (await readJson(target, response)).json;
  }

  async listModels(signal: Cancellation): Promise<string[]> {
    if (this.config.models !== undefined) return [...this.config.models];
    if (this.modelCache !== undefined && Date.now() - this.modelCache.at < 60_000) return this.modelCache.models;
    const { cancellation, detach } = signal.child();
    const timer = setTimeout(() => cancellation.abort(new GatewayError('upstream_timeout', `${this.name} did not list its models within 5 s`)), 5_000);
    let response: Dispatcher.ResponseData;
    try {
      response = await this.send(this.name, this.wire.modelsPath, 'GET', this.wire.headers(undefined), undefined, cancellation);
    } finally {
      clearTimeout(timer);
      detach();
    }
    const { json } = await readJson(this.name, response);
    const data = Array.isArray(json.data) ? json.data : [];
    const models = data.flatMap((m: unknown) => (isRecord(m) && typeof m.id === 'string' ? [m.id] : []));
    this.modelCache = { at: Date.now(), models };
    return models;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private async send(
    target: string,
    path: string,
    method: 'GET' | 'POST',
    headers: Record<string, string>,
    body: string | undefined,
    signal: Cancellation,
  ): Promise<Dispatcher.ResponseData> {
    let response: Dispatcher.ResponseData;
    try {
      response = await this.pool.request({ path, method, headers, body, signal });
    } catch (error) {
      // Cancelled: by a time limit (its reason is the error to report) or by the client.
      if (signal.aborted) throw signal.reason instanceof GatewayError ? signal.reason : error;
      throw classifyTransportError(target, error);
    }
    if (response.statusCode < 400) return response;
    const text = await response.body.text().catch(() => '');
    const info = this.codec.decodeError(response.statusCode, parseMaybeJson(text));
    const retryAfter = response.headers['retry-after'];
    throw classifyUpstreamStatus(target, response.statusCode, info, typeof retryAfter === 'string' ? retryAfter : undefined);
  }
}

/**
 * A same-protocol JSON answer: it goes out as the upstream sent it, so the canonical form is
 * decoded only if something reads `response` (a response hook, the cache). A class, not an
 * object literal with a getter: such literals are slow to build and to read on every request.
 */
class PassthroughJsonOutcome {
  readonly kind = 'json';
  private decoded: CanonicalResponse | undefined;

  constructor(
    readonly usage: Usage,
    readonly stopReason: StopReason,
    readonly raw: Record<string, unknown>,
    readonly rawText: string,
    private readonly target: string,
    private readonly codec: ChatProtocol<Record<string, unknown>>,
  ) {}

  get response(): CanonicalResponse {
    return (this.decoded ??= decodeOrThrow(this.target, () => this.codec.decodeResponse(this.raw)));
  }
}

async function readJson(target: string, response: Dispatcher.ResponseData): Promise<{ json: Record<string, unknown>; text: string }> {
  let text: string;
  try {
    text = await response.body.text();
  } catch (error) {
    throw classifyTransportError(target, error);
  }
  const json = parseMaybeJson(text);
  if (!isRecord(json)) throw new GatewayError('upstream_protocol_error', `upstream ${target} answered with a body that is not a JSON object`);
  return { json, text };
}

function decodeOrThrow<T>(target: string, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof UpstreamProtocolError) throw new GatewayError('upstream_protocol_error', `upstream ${target}: ${error.message}`);
    throw error;
  }
}

function parseMaybeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}


async function* iterate(chunks: UpstreamChunk[]): AsyncGenerator<UpstreamChunk> {
  yield* chunks;
}
