import type { CanonicalRequest, CanonicalResponse, StopReason, StreamEvent, Usage } from '../canonical/types.js';
import type { Cancellation } from '../http/cancellation.js';
import type { ProtocolName } from '../protocols/chat-protocol.js';

/** What the client sent, kept so a same-protocol upstream gets it untouched (unknown fields included). */
export interface ClientBody {
  protocol: ProtocolName;
  body: Readonly<Record<string, unknown>>;
  /** Client headers the protocol defines as pass-through (e.g. anthropic-beta). */
  headers: Readonly<Record<string, string>>;
}

export interface ChatCall {
  /** `model` is the upstream's model name. */
  request: CanonicalRequest;
  client: ClientBody;
  signal: Cancellation;
}

/**
 * What one read from the upstream brought: the SSE events it completed, as the SSE text to
 * forward when the client speaks the upstream's protocol, and what they mean. One chunk per
 * read, not per event, so a pass-through stream costs one client write per upstream read.
 * `text` is absent for providers with no wire format.
 */
export interface UpstreamChunk {
  text?: string;
  events: StreamEvent[];
}

export type ChatOutcome =
  /**
   * `raw`/`rawText`: the upstream body, present when it is in the client's own protocol (it
   * then goes out as it came, and `response` is decoded only if something reads it).
   */
  | { kind: 'json'; readonly response: CanonicalResponse; usage: Usage; stopReason: StopReason; raw?: Record<string, unknown>; rawText?: string }
  /** `passthrough` says the raw events are in the client's protocol and may be forwarded as they are. */
  | { kind: 'stream'; passthrough: boolean; chunks: AsyncIterator<UpstreamChunk> };

export interface ChatProvider {
  readonly name: string;
  /** The wire protocol it speaks, or undefined for in-process providers. */
  readonly protocol: ProtocolName | undefined;
  /** Throws GatewayError for upstream failures (classified), TranslationError for untranslatable requests. */
  chat(call: ChatCall): Promise<ChatOutcome>;
  /** OpenAI-format embeddings; throws GatewayError(unsupported_operation) where the provider has none. */
  embeddings(body: Readonly<Record<string, unknown>>, signal: Cancellation): Promise<Record<string, unknown>>;
  /** The model names it serves: configured, or asked of the upstream. */
  listModels(signal: Cancellation): Promise<string[]>;
  close(): Promise<void>;
}
