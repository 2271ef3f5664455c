/**
 * The canonical chat format. Every surface (OpenAI, Anthropic) decodes into it and every
 * provider encodes from it, so adding a protocol costs one adapter, not one per pair.
 *
 * Shape choices, and why:
 * - `system` is one string: Anthropic only has a top-level system prompt, so OpenAI
 *   system/developer messages are hoisted (joined with a blank line) when translated.
 * - Tool results live as parts of a `user` message (Anthropic's shape); OpenAI `tool`
 *   messages become those parts and are split back out on the way to OpenAI.
 * - Tool-call arguments stay JSON text: OpenAI streams and returns them as text and a
 *   translator must not re-serialise what the model wrote.
 */

export interface TextPart {
  type: 'text';
  text: string;
}

export type ImageSource =
  | { kind: 'url'; url: string }
  | { kind: 'base64'; mediaType: string; data: string };

export interface ImagePart {
  type: 'image';
  source: ImageSource;
  /** OpenAI's `detail` hint; dropped where the target protocol has none. */
  detail?: 'auto' | 'low' | 'high';
}

export interface ToolCallPart {
  type: 'tool_call';
  id: string;
  name: string;
  /** JSON text of the arguments object, exactly as the model produced it. */
  arguments: string;
}

export interface ToolResultPart {
  type: 'tool_result';
  toolCallId: string;
  content: string | Array<TextPart | ImagePart>;
  isError?: boolean;
}

export type UserPart = TextPart | ImagePart | ToolResultPart;
export type AssistantPart = TextPart | ToolCallPart;

export type CanonicalMessage =
  | { role: 'user'; content: UserPart[] }
  | { role: 'assistant'; content: AssistantPart[] };

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: Record<string, unknown>; strict?: boolean };

export interface CanonicalRequest {
  /** The upstream model name (after routing); surfaces put the requested name here first. */
  model: string;
  system?: string;
  messages: CanonicalMessage[];
  /** Output token limit (OpenAI max_tokens / max_completion_tokens, Anthropic max_tokens). */
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stop?: string[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  responseFormat?: ResponseFormat;
  stream: boolean;
  /** End-user id (OpenAI `user`, Anthropic `metadata.user_id`). */
  user?: string;
  /** Number of choices; only 1 can be translated to protocols without `n`. */
  n?: number;
}

/** Why generation stopped, in one vocabulary for both protocols. */
export type StopReason = 'end' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'content_filter' | 'refusal';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache, when it says. */
  cachedInputTokens?: number;
}

export interface CanonicalResponse {
  id: string;
  /** The model the upstream says answered. */
  model: string;
  content: AssistantPart[];
  stopReason: StopReason;
  /** The stop sequence that matched, when the upstream says which. */
  stopSequence?: string;
  usage: Usage;
}

/**
 * Streamed output as a flat list of events. Decoders turn upstream SSE into these;
 * encoders turn them into the client's SSE. Order: one `start`, then text and tool-call
 * events, then `finish`, then at most one `usage` (OpenAI sends usage after the finish
 * chunk, Anthropic with it; encoders buffer what their protocol needs).
 */
export type StreamEvent =
  | { type: 'start'; id: string; model: string; inputTokens?: number }
  | { type: 'text'; text: string }
  /** `index` counts tool calls in this response from 0, whatever the protocol's own indexing. */
  | { type: 'tool_call_start'; index: number; id: string; name: string }
  | { type: 'tool_call_delta'; index: number; argumentsDelta: string }
  | { type: 'finish'; stopReason: StopReason; stopSequence?: string }
  | { type: 'usage'; usage: Usage };

/** One server-sent event as read off the wire. */
export interface SseEvent {
  /** The `event:` field, when the protocol uses one (Anthropic does, OpenAI does not). */
  event?: string;
  data: string;
}

/** Turns one protocol's upstream SSE events into canonical events. Stateful, one per stream. */
export interface StreamDecoder {
  push(event: SseEvent): StreamEvent[];
  /** True once the protocol's end-of-stream marker was seen ([DONE] / message_stop). */
  readonly done: boolean;
}

/** Turns canonical events into one protocol's SSE text for the client. Stateful, one per stream. */
export interface StreamEncoder {
  push(event: StreamEvent): string;
  /** Closes the stream in the protocol's way; returns the last SSE text to write. */
  end(): string;
}

/** An error body as a provider sent it, decoded into what the gateway needs to classify it. */
export interface UpstreamErrorInfo {
  message: string;
  /** The provider's own type/code string (e.g. `invalid_request_error`, `overloaded_error`). */
  type?: string;
  code?: string;
  param?: string;
}
