import type { StopReason } from '../../canonical/types.js';

/** What a finish reason decodes to; `stopSequence` only when the upstream says which matched. */
export interface DecodedFinish {
  stopReason: StopReason;
  stopSequence?: string;
}

/**
 * OpenAI `finish_reason` -> canonical stop reason, shared by the response and stream decoders.
 *
 * - A refusal (message.refusal / delta.refusal) ends with `stop` on the wire; the canonical
 *   format calls it `refusal`.
 * - vLLM adds `stop_reason`: the stop string that matched (or a stop token id, a number).
 *   OpenAI itself never says which sequence matched, so its `stop` is always `end`.
 *   https://docs.vllm.ai/en/latest/api/vllm/entrypoints/openai/protocol.html
 * - Unknown reasons (vLLM `abort`, older servers' `eos`) count as `end` rather than failing
 *   an answer that did arrive.
 */
export function decodeFinishReason(finishReason: string, vllmStopReason: unknown, refused: boolean): DecodedFinish {
  if (refused) return { stopReason: 'refusal' };
  switch (finishReason) {
    case 'length':
      return { stopReason: 'max_tokens' };
    case 'tool_calls':
    case 'function_call':
      return { stopReason: 'tool_use' };
    case 'content_filter':
      return { stopReason: 'content_filter' };
    case 'stop':
      return typeof vllmStopReason === 'string'
        ? { stopReason: 'stop_sequence', stopSequence: vllmStopReason }
        : { stopReason: 'end' };
    default:
      return { stopReason: 'end' };
  }
}

/**
 * Canonical stop reason -> OpenAI `finish_reason`. OpenAI has no separate value for a
 * matched stop sequence or a refusal: both end with `stop` (a refusal is marked by
 * `message.refusal` in non-streamed responses instead).
 */
export function encodeFinishReason(stopReason: StopReason): string {
  switch (stopReason) {
    case 'max_tokens':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    case 'end':
    case 'stop_sequence':
    case 'refusal':
      return 'stop';
  }
}
