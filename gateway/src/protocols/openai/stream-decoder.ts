import { z } from 'zod';
import type { SseEvent, StreamDecoder, StreamEvent, Usage } from '../../canonical/types.js';
import { UpstreamProtocolError, UpstreamStreamError } from '../../canonical/translation-errors.js';
import { decodeFinishReason } from './finish-reason.js';
import { decodeOpenAIUsage, openaiUsageSchema } from './usage-codec.js';
import { decodeOpenAIError } from './decode-error.js';
import { describeIssue } from './describe-issue.js';
import { isPlainChunk } from './plain-chunk.js';

/**
 * One `chat.completion.chunk`, loosely: vLLM and other servers add fields, omit `delta` on
 * the finish chunk, or send `null` for absent values.
 * https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
const chunkSchema = z.looseObject({
  id: z.string().optional(),
  model: z.string().optional(),
  choices: z
    .array(
      z.looseObject({
        index: z.number().optional(),
        delta: z
          .looseObject({
            content: z.string().nullish(),
            refusal: z.string().nullish(),
            tool_calls: z
              .array(
                z.looseObject({
                  index: z.number().int().min(0).optional(),
                  id: z.string().nullish(),
                  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
                }),
              )
              .nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
        stop_reason: z.unknown().optional(),
      }),
    )
    .nullish(),
  usage: openaiUsageSchema.nullish(),
});

/** Exported for the fast path's differential test (plain-chunk.test.ts). */
export const openaiChunkSchema = chunkSchema;
type Chunk = z.output<typeof chunkSchema>;
type ToolCallDelta = NonNullable<NonNullable<NonNullable<Chunk['choices']>[number]['delta']>['tool_calls']>[number];

/** A tool call being assembled; `start` waits until both id and name have been seen. */
interface ToolCallState {
  index: number;
  id?: string;
  name?: string;
  started: boolean;
  pendingArguments: string;
}

/**
 * OpenAI SSE -> canonical stream events. Only choice 0 is followed.
 *
 * - Tool calls are numbered from 0 in order of first appearance, keyed by OpenAI's
 *   `tool_calls[].index` (or, for servers that omit it, by id / the previous fragment).
 * - `usage` is emitted once: on the usage-only chunk that include_usage adds after the
 *   finish chunk, or, when usage came only on other chunks (vLLM continuous usage), at [DONE].
 * - A `{"error":...}` (or vLLM `{"object":"error",...}`) chunk throws UpstreamStreamError;
 *   a chunk that is not JSON or not a chunk throws UpstreamProtocolError.
 */
export function createOpenAIStreamDecoder(): StreamDecoder {
  let done = false;
  let started = false;
  let finished = false;
  let refused = false;
  let usage: Usage | undefined;
  let usageSent = false;
  const calls = new Map<number | string, ToolCallState>();
  let lastKey: number | string | undefined;

  function toolCallEvents(delta: ToolCallDelta, out: StreamEvent[]): void {
    const key = delta.index ?? (delta.id != null ? `id:${delta.id}` : lastKey);
    if (key === undefined) throw new UpstreamProtocolError('OpenAI stream: tool call fragment without index or id');
    lastKey = key;
    let call = calls.get(key);
    if (call === undefined) {
      call = { index: calls.size, started: false, pendingArguments: '' };
      calls.set(key, call);
    }
    if (delta.id != null && delta.id !== '' && call.id === undefined) call.id = delta.id;
    if (delta.function?.name != null && delta.function.name !== '' && call.name === undefined) {
      call.name = delta.function.name;
    }
    call.pendingArguments += delta.function?.arguments ?? '';
    if (!call.started && call.id !== undefined && call.name !== undefined) {
      out.push({ type: 'tool_call_start', index: call.index, id: call.id, name: call.name });
      call.started = true;
    }
    if (call.started && call.pendingArguments !== '') {
      out.push({ type: 'tool_call_delta', index: call.index, argumentsDelta: call.pendingArguments });
      call.pendingArguments = '';
    }
  }

  function finishEvent(finishReason: string, stopReason: unknown): StreamEvent {
    for (const call of calls.values()) {
      if (!call.started) throw new UpstreamProtocolError(`OpenAI stream: tool call ${call.index} never got an id and name`);
    }
    const finish = decodeFinishReason(finishReason, stopReason, refused);
    // OpenAI ends a forced (named) tool call with `stop`; it is still a tool_use stop.
    if (finish.stopReason === 'end' && calls.size > 0) finish.stopReason = 'tool_use';
    finished = true;
    return { type: 'finish', ...finish };
  }

  function chunkEvents(chunk: Chunk): StreamEvent[] {
    const out: StreamEvent[] = [];
    // Azure opens with a `prompt_filter_results` chunk: no choices, empty id and model.
    // Starting from it would report an empty id, so the start waits for a real chunk.
    if (!started && (chunk.choices?.length ?? 0) === 0 && chunk.usage == null) return out;
    if (!started) {
      out.push({ type: 'start', id: chunk.id ?? '', model: chunk.model ?? '' });
      started = true;
    }
    const choice = chunk.choices?.find((c) => (c.index ?? 0) === 0);
    const delta = choice?.delta;
    if (delta?.content != null && delta.content !== '') out.push({ type: 'text', text: delta.content });
    if (delta?.refusal != null && delta.refusal !== '') {
      refused = true;
      out.push({ type: 'text', text: delta.refusal });
    }
    for (const call of delta?.tool_calls ?? []) toolCallEvents(call, out);
    if (choice?.finish_reason != null && !finished) out.push(finishEvent(choice.finish_reason, choice.stop_reason));

    if (chunk.usage != null) {
      usage = decodeOpenAIUsage(chunk.usage);
      const usageOnly = (chunk.choices?.length ?? 0) === 0;
      if (usageOnly && finished && !usageSent) {
        out.push({ type: 'usage', usage });
        usageSent = true;
      }
    }
    return out;
  }

  return {
    get done() {
      return done;
    },
    push(event: SseEvent): StreamEvent[] {
      const data = event.data.trim();
      if (done || data === '') return [];
      if (data === '[DONE]') {
        done = true;
        if (usage === undefined || usageSent) return [];
        usageSent = true;
        return [{ type: 'usage', usage }];
      }
      const json = parseJson(data);
      if (isErrorChunk(json)) throw new UpstreamStreamError(decodeOpenAIError(200, json));
      if (isPlainChunk(json)) return chunkEvents(json as Chunk);
      const parsed = chunkSchema.safeParse(json);
      if (!parsed.success) throw new UpstreamProtocolError(`OpenAI stream: bad chunk: ${describeIssue(parsed.error)}`);
      return chunkEvents(parsed.data);
    },
  };
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data) as unknown;
  } catch {
    throw new UpstreamProtocolError(`OpenAI stream: chunk is not JSON: ${data.slice(0, 200)}`);
  }
}

/** OpenAI sends `{"error":{...}}` mid-stream; vLLM has also sent a bare `{"object":"error",...}`. */
function isErrorChunk(json: unknown): boolean {
  if (typeof json !== 'object' || json === null) return false;
  const record = json as Record<string, unknown>;
  return (record['error'] !== undefined && record['error'] !== null) || record['object'] === 'error';
}
