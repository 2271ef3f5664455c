import { z } from 'zod';
import type { SseEvent, StreamDecoder, StreamEvent } from '../../canonical/types.js';
import { UpstreamProtocolError, UpstreamStreamError } from '../../canonical/translation-errors.js';
import { JSON_OUTPUT_TOOL_NAME } from './json-output-tool.js';
import { decodeAnthropicStopReason } from './stop-reason.js';
import { decodeAnthropicUsage, type AnthropicUsageFields } from './usage.js';

// Event payloads, https://docs.anthropic.com/en/docs/build-with-claude/streaming
const count = z.number().nullable().optional();
const usageSchema = z.looseObject({
  input_tokens: count,
  output_tokens: count,
  cache_creation_input_tokens: count,
  cache_read_input_tokens: count,
});
const messageStartSchema = z.looseObject({
  message: z.looseObject({ id: z.string(), model: z.string(), usage: usageSchema.optional() }),
});
const blockStartSchema = z.looseObject({
  index: z.int(),
  content_block: z.looseObject({
    type: z.string(),
    text: z.string().optional(),
    id: z.string().optional(),
    name: z.string().optional(),
    input: z.unknown().optional(),
  }),
});
const blockDeltaSchema = z.looseObject({
  index: z.int(),
  delta: z.looseObject({ type: z.string(), text: z.string().optional(), partial_json: z.string().optional() }),
});
const messageDeltaSchema = z.looseObject({
  delta: z.looseObject({ stop_reason: z.string().nullable().optional(), stop_sequence: z.string().nullable().optional() }),
  usage: usageSchema.optional(),
});
const errorSchema = z.looseObject({
  error: z.looseObject({ type: z.string().optional(), message: z.string().optional() }).optional(),
});

/** What an Anthropic content block (by its own index) becomes in canonical events. */
type BlockKind =
  | { kind: 'text' }
  | { kind: 'tool'; index: number }
  /** The emulated-JSON-mode tool: its input streams out as the text answer. */
  | { kind: 'json' }
  /** thinking, server tool blocks, …: nothing canonical can carry. */
  | { kind: 'ignored' };

export function createAnthropicStreamDecoder(): StreamDecoder {
  return new AnthropicStreamDecoder();
}

class AnthropicStreamDecoder implements StreamDecoder {
  #done = false;
  #blocks = new Map<number, BlockKind>();
  #nextToolIndex = 0;
  #sawJsonTool = false;
  #startUsage: AnthropicUsageFields = {};

  get done(): boolean {
    return this.#done;
  }

  push(sse: SseEvent): StreamEvent[] {
    if (this.#done) return [];
    const payload = parseJson(sse.data);
    const type = typeof payload.type === 'string' ? payload.type : sse.event;
    switch (type) {
      case 'message_start':
        return this.#onMessageStart(parse(messageStartSchema, payload, type));
      case 'content_block_start':
        return this.#onBlockStart(parse(blockStartSchema, payload, type));
      case 'content_block_delta':
        // Most of a stream is deltas: the usual shape skips the schema (see isPlainBlockDelta).
        return this.#onBlockDelta(isPlainBlockDelta(payload) ? payload : parse(blockDeltaSchema, payload, type));
      case 'message_delta':
        return this.#onMessageDelta(parse(messageDeltaSchema, payload, type));
      case 'message_stop':
        this.#done = true;
        return [];
      case 'error': {
        const error = errorSchema.safeParse(payload).data?.error;
        throw new UpstreamStreamError({
          message: error?.message ?? 'Anthropic sent an error event without a message',
          ...(error?.type === undefined ? {} : { type: error.type }),
        });
      }
      default:
        // ping, content_block_stop, and event types added later: the docs ask clients to
        // ignore what they do not know.
        return [];
    }
  }

  #onMessageStart(event: z.output<typeof messageStartSchema>): StreamEvent[] {
    const { id, model, usage } = event.message;
    this.#startUsage = usage ?? {};
    const start: StreamEvent = { type: 'start', id, model };
    if (usage?.input_tokens != null) start.inputTokens = decodeAnthropicUsage(this.#startUsage).inputTokens;
    return [start];
  }

  #onBlockStart({ index, content_block: block }: z.output<typeof blockStartSchema>): StreamEvent[] {
    const out: StreamEvent[] = [];
    // Normally empty (text "" / input {}), but a compatible server may send it filled.
    const initialInput = isNonEmptyObject(block.input) ? JSON.stringify(block.input) : '';
    if (block.type === 'text') {
      this.#blocks.set(index, { kind: 'text' });
      if (block.text) out.push({ type: 'text', text: block.text });
    } else if (block.type === 'tool_use' && block.name === JSON_OUTPUT_TOOL_NAME) {
      this.#sawJsonTool = true;
      this.#blocks.set(index, { kind: 'json' });
      if (initialInput) out.push({ type: 'text', text: initialInput });
    } else if (block.type === 'tool_use') {
      if (block.id === undefined || block.name === undefined) {
        throw new UpstreamProtocolError(`Anthropic stream: tool_use block ${index} without id or name`);
      }
      const toolIndex = this.#nextToolIndex++;
      this.#blocks.set(index, { kind: 'tool', index: toolIndex });
      out.push({ type: 'tool_call_start', index: toolIndex, id: block.id, name: block.name });
      if (initialInput) out.push({ type: 'tool_call_delta', index: toolIndex, argumentsDelta: initialInput });
    } else {
      this.#blocks.set(index, { kind: 'ignored' });
    }
    return out;
  }

  #onBlockDelta({ index, delta }: z.output<typeof blockDeltaSchema>): StreamEvent[] {
    const block = this.#blocks.get(index);
    if (block === undefined) throw new UpstreamProtocolError(`Anthropic stream: delta for unopened content block ${index}`);
    if (delta.type === 'text_delta' && block.kind === 'text' && delta.text) {
      return [{ type: 'text', text: delta.text }];
    }
    if (delta.type === 'input_json_delta' && delta.partial_json) {
      if (block.kind === 'tool') return [{ type: 'tool_call_delta', index: block.index, argumentsDelta: delta.partial_json }];
      if (block.kind === 'json') return [{ type: 'text', text: delta.partial_json }];
    }
    // thinking_delta, signature_delta, citations_delta, server-tool input: not carried.
    return [];
  }

  #onMessageDelta(event: z.output<typeof messageDeltaSchema>): StreamEvent[] {
    let stopReason = decodeAnthropicStopReason(event.delta.stop_reason);
    if (this.#sawJsonTool && stopReason === 'tool_use') stopReason = 'end';
    const finish: StreamEvent = { type: 'finish', stopReason };
    if (typeof event.delta.stop_sequence === 'string') finish.stopSequence = event.delta.stop_sequence;
    const usage = latestUsage(this.#startUsage, event.usage ?? {});
    return [finish, { type: 'usage', usage: decodeAnthropicUsage(usage) }];
  }
}

function parseJson(data: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    throw new UpstreamProtocolError(`Anthropic stream: event data is not JSON: ${data.slice(0, 200)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UpstreamProtocolError('Anthropic stream: event data is not a JSON object');
  }
  return value as Record<string, unknown>;
}

/** Exported for the fast path's differential test. */
export const anthropicBlockDeltaSchema = blockDeltaSchema;

/**
 * True only when `payload` certainly satisfies `blockDeltaSchema` (then it is its own parse
 * result: the schema is loose and transforms nothing); anything unusual goes to the schema.
 */
export function isPlainBlockDelta(payload: Record<string, unknown>): payload is z.output<typeof blockDeltaSchema> {
  // z.int(): a safe integer.
  if (!Number.isSafeInteger(payload.index)) return false;
  const delta = payload.delta;
  if (typeof delta !== 'object' || delta === null || Array.isArray(delta)) return false;
  const fields = delta as Record<string, unknown>;
  return typeof fields.type === 'string' && (fields.text === undefined || typeof fields.text === 'string') && (fields.partial_json === undefined || typeof fields.partial_json === 'string');
}

function parse<T>(schema: z.ZodType<T>, payload: unknown, type: string): T {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new UpstreamProtocolError(
    `Anthropic stream: malformed ${type} at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`,
  );
}

function isNonEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

/** message_delta counts are cumulative; a null or missing one means "see message_start". */
function latestUsage(start: AnthropicUsageFields, delta: AnthropicUsageFields): AnthropicUsageFields {
  return {
    input_tokens: delta.input_tokens ?? start.input_tokens,
    output_tokens: delta.output_tokens ?? start.output_tokens,
    cache_creation_input_tokens: delta.cache_creation_input_tokens ?? start.cache_creation_input_tokens,
    cache_read_input_tokens: delta.cache_read_input_tokens ?? start.cache_read_input_tokens,
  };
}
