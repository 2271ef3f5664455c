import type { StopReason } from '../../canonical/types.js';

// https://docs.anthropic.com/en/api/handling-stop-reasons
const fromAnthropic: Record<string, StopReason> = {
  end_turn: 'end',
  max_tokens: 'max_tokens',
  stop_sequence: 'stop_sequence',
  tool_use: 'tool_use',
  refusal: 'refusal',
  // The server paused a long-running server-tool turn; for the client the turn is over.
  pause_turn: 'end',
  // The context window filled before max_tokens: the same "ran out of room" to a client.
  model_context_window_exceeded: 'max_tokens',
};

/**
 * Anthropic stop_reason -> canonical. Unknown values (new ones get added) and null map to
 * 'end' rather than failing a finished answer over a label.
 */
export function decodeAnthropicStopReason(reason: string | null | undefined): StopReason {
  return (reason !== null && reason !== undefined && fromAnthropic[reason]) || 'end';
}

const toAnthropic: Record<StopReason, string> = {
  end: 'end_turn',
  max_tokens: 'max_tokens',
  stop_sequence: 'stop_sequence',
  tool_use: 'tool_use',
  // Anthropic has no content-filter stop; `refusal` is its "blocked by safety" reason.
  content_filter: 'refusal',
  refusal: 'refusal',
};

export function encodeAnthropicStopReason(reason: StopReason): string {
  return toAnthropic[reason];
}
