import type { StopReason, Usage } from '../canonical/types.js';
import { decodeAnthropicStopReason } from './anthropic/stop-reason.js';
import { decodeAnthropicUsage } from './anthropic/usage.js';
import type { ProtocolName } from './chat-protocol.js';
import { decodeFinishReason } from './openai/finish-reason.js';

/**
 * Usage and stop reason read straight off a same-protocol answer, without decoding (and
 * validating) all of it: a pass-through answer goes to the client as the upstream sent it,
 * and the gateway needs only these two for accounting. Undefined when the shape is not the
 * expected one; the caller then decodes fully, which reports the problem.
 */
export function peekOutcome(protocol: ProtocolName, body: Record<string, unknown>): { usage: Usage; stopReason: StopReason } | undefined {
  const usage = body.usage;
  if (typeof usage !== 'object' || usage === null) return undefined;
  const u = usage as Record<string, unknown>;
  if (protocol === 'openai') {
    const choice = Array.isArray(body.choices) ? (body.choices[0] as Record<string, unknown> | undefined) : undefined;
    if (typeof u.prompt_tokens !== 'number' || typeof u.completion_tokens !== 'number' || choice === undefined) return undefined;
    const message = choice.message as Record<string, unknown> | undefined;
    const finish = decodeFinishReason(String(choice.finish_reason ?? 'stop'), choice.stop_reason, typeof message?.refusal === 'string');
    const details = u.prompt_tokens_details as Record<string, unknown> | null | undefined;
    const cached = details?.cached_tokens;
    return {
      usage: { inputTokens: u.prompt_tokens, outputTokens: u.completion_tokens, ...(typeof cached === 'number' ? { cachedInputTokens: cached } : {}) },
      stopReason: finish.stopReason,
    };
  }
  if (typeof u.input_tokens !== 'number' || typeof u.output_tokens !== 'number') return undefined;
  return { usage: decodeAnthropicUsage(u), stopReason: decodeAnthropicStopReason(typeof body.stop_reason === 'string' ? body.stop_reason : undefined) };
}
